#pragma once

#include <QByteArray>
#include <QString>

namespace Lxd {
struct Event;
}

namespace Models {

// One row of the event monitor: an event as a remote sent it, or a note that a remote's stream went
// down or came back (events in between were missed). What the table shows and filters on is worked
// out once, when the event arrives; the event itself is kept as compact JSON, for the detail pane and
// for export.
struct EventRecord
{
    enum class Kind : quint8 { Event, StreamLost, StreamRestored };
    // Logging levels, and how bad any other event is (a failed operation is an error).
    enum class Severity : quint8 { Debug, Info, Warning, Error };

    Kind kind = Kind::Event;
    Severity severity = Severity::Info;
    qint64 timeMs = 0; // when it happened, by the daemon's clock (ms since the epoch)
    qint64 receivedMs = 0; // when Berth got it
    QString remote;
    QString location; // cluster member; empty when the daemon said "none"
    QString project;
    QString type; // "lifecycle", "operation", "logging"; "stream" for the notes about a stream
    QString actionOrLevel; // "instance-started", "debug", an operation's status
    QString object; // what it concerns: "instances/c1", "operations/<id>"
    QString requestor; // "root (unix)"
    QString summary; // one line
    // What a double-click selects in the main window: "instances", "images", "operations", "profiles",
    // "networks"; empty when the event names nothing that can be selected.
    QString targetCollection;
    QString targetKey;
    QByteArray json; // the event, compact; empty for stream notes

    bool isEvent() const { return kind == Kind::Event; }

    static EventRecord fromEvent(const QString &remote, const Lxd::Event &event, qint64 receivedMs);
    static EventRecord streamLost(const QString &remote, const QString &reason, qint64 nowMs);
    static EventRecord streamRestored(const QString &remote, qint64 downSinceMs, qint64 nowMs);

    // "debug", "dbug", "info", "warning", "warn", "error", "eror", "crit", "fatal", "panic".
    static Severity severityOfLevel(const QString &level);
    static QString severityName(Severity severity);
};

} // namespace Models
