#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace Lxd {

// One message of /1.0/events: a lifecycle change, an operation update or a log line.
struct Event
{
    QString type; // "lifecycle", "operation", "logging"
    QDateTime timestamp; // the daemon's clock
    QString project;
    QString location; // cluster member, or "none"
    QJsonObject metadata;
    QJsonObject raw; // the whole message as received

    bool isLifecycle() const { return type == QLatin1String("lifecycle"); }
    bool isOperation() const { return type == QLatin1String("operation"); }
    bool isLogging() const { return type == QLatin1String("logging"); }

    // lifecycle: metadata.action ("instance-started"); logging: metadata.level ("info")
    QString action() const;
    QString level() const;
    // lifecycle: metadata.source ("/1.0/instances/c1"); operation: the operation's own id
    QString source() const;

    // False (and `error` set) when the text is not an LXD event.
    static bool fromJson(const QByteArray &json, Event *event, QString *error = nullptr);
};

} // namespace Lxd
