#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

namespace Lxd {

// The small print of LXD's exec and console websockets (canonical/lxd `lxd/instance_exec.go`,
// `client/lxd_instances.go`), shared by ExecJob and InteractiveSession:
// - the operation's metadata `fds` maps "0", "1", "2" and "control" to one secret each;
// - each stream is /1.0/operations/<id>/websocket?secret=<secret>, all of them connected within
//   five seconds or the daemon gives up;
// - data travels in binary messages; a text message ends a data stream (LXD's "barrier",
//   `shared/ws/rwc.go`), in either direction, and so does a close. Newer servers read the text as
//   a JSON command, {"command":"end"} being the end, which older ones take as a plain barrier;
// - the control stream takes JSON: window-resize (sizes as strings) and signal.
class ExecProtocol final
{
public:
    ExecProtocol() = delete;

    // The secrets from an operation object ({"id":…, "metadata":{"fds":{…}}}); empty when absent.
    static QHash<QString, QString> secrets(const QJsonObject &operation);
    // The origin-form target of one stream; `project` is added when not empty.
    static QByteArray webSocketTarget(const QString &operationId, const QString &secret,
                                      const QString &project);

    // Signal numbers as the instance (Linux) knows them, whatever platform Berth runs on.
    static constexpr int SignalHangUp = 1;
    static constexpr int SignalInterrupt = 2;
    static constexpr int SignalKill = 9;
    static constexpr int SignalTerminate = 15;

    // Ends the client's side of a data stream (standard input): the program reads end-of-file.
    static QByteArray endOfStreamMessage();
    static QByteArray windowResizeMessage(int columns, int rows);
    static QByteArray signalMessage(int signal);

    // The fds keys.
    static QString standardInputKey() { return QStringLiteral("0"); }
    static QString standardOutputKey() { return QStringLiteral("1"); }
    static QString standardErrorKey() { return QStringLiteral("2"); }
    static QString controlKey() { return QStringLiteral("control"); }
};

} // namespace Lxd
