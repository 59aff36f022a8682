#include "EventRecord.h"

#include "lxd/Event.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>

namespace Models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Models::EventRecord", text);
}

QString text(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 15);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

// "key=value key=value", in the daemon's (alphabetical) order, skipping what `skip` names.
QString contextText(const QJsonObject &context, const QStringList &skip = {})
{
    QStringList parts;
    for (auto it = context.begin(); it != context.end(); ++it) {
        if (skip.contains(it.key()))
            continue;
        parts.append(it.key() + QLatin1Char('=') + text(it.value()));
    }
    return parts.join(QLatin1Char(' '));
}

// "root (unix)", "admin@127.0.0.1:40042 (tls)".
QString requestorText(const QString &username, const QString &address, const QString &protocol)
{
    QString who = username;
    if (!address.isEmpty() && address != QLatin1String("@"))
        who = who.isEmpty() ? address : who + QLatin1Char('@') + address;
    if (!protocol.isEmpty())
        who = who.isEmpty() ? protocol : who + QStringLiteral(" (") + protocol + QLatin1Char(')');
    return who;
}

struct Path
{
    QString display; // "instances/c1/snapshots/s0"
    QString project; // from "?project=p"
    QStringList segments; // decoded, below /1.0
};

Path parsePath(const QString &source)
{
    Path path;
    const QString beforeQuery = source.section(QLatin1Char('?'), 0, 0);
    const QString query = source.section(QLatin1Char('?'), 1);
    if (!query.isEmpty())
        path.project = QUrlQuery(query).queryItemValue(QStringLiteral("project"), QUrl::FullyDecoded);
    QStringList segments = beforeQuery.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (!segments.isEmpty() && segments.constFirst() == QLatin1String("1.0"))
        segments.removeFirst();
    for (QString &segment : segments)
        segment = QUrl::fromPercentEncoding(segment.toUtf8());
    path.segments = segments;
    path.display = segments.join(QLatin1Char('/'));
    return path;
}

// The object of the main window that a path names, if it shows that kind of object.
void setTarget(EventRecord *record, const QStringList &segments)
{
    if (segments.size() < 2 || segments.at(1).isEmpty())
        return;
    QString collection = segments.constFirst();
    if (collection == QLatin1String("containers") || collection == QLatin1String("virtual-machines"))
        collection = QStringLiteral("instances");
    static const QStringList selectable {QStringLiteral("instances"), QStringLiteral("images"),
                                         QStringLiteral("profiles"), QStringLiteral("networks"),
                                         QStringLiteral("operations")};
    if (!selectable.contains(collection))
        return;
    if (collection == QLatin1String("images") && segments.at(1) == QLatin1String("aliases"))
        return; // an alias names no image
    record->targetCollection = collection;
    record->targetKey = segments.at(1);
}

void fillLifecycle(EventRecord *record, const QJsonObject &metadata)
{
    record->actionOrLevel = metadata.value(QLatin1String("action")).toString();
    const Path path = parsePath(metadata.value(QLatin1String("source")).toString());
    record->object = path.display;
    if (record->project.isEmpty())
        record->project = path.project;
    setTarget(record, path.segments);
    // An alias's events name the image it points at in their context ("target": the fingerprint).
    if (path.segments.size() >= 3 && path.segments.at(0) == QLatin1String("images")
        && path.segments.at(1) == QLatin1String("aliases")) {
        const QString image
            = metadata.value(QLatin1String("context")).toObject().value(QLatin1String("target")).toString();
        if (!image.isEmpty()) {
            record->targetCollection = QStringLiteral("images");
            record->targetKey = image;
        }
    }
    const QJsonObject requestor = metadata.value(QLatin1String("requestor")).toObject();
    record->requestor = requestorText(requestor.value(QLatin1String("username")).toString(),
                                      requestor.value(QLatin1String("address")).toString(),
                                      requestor.value(QLatin1String("protocol")).toString());
    QString summary = record->actionOrLevel;
    if (!record->object.isEmpty())
        summary += QLatin1Char(' ') + record->object;
    const QString context = contextText(metadata.value(QLatin1String("context")).toObject());
    if (!context.isEmpty())
        summary += QStringLiteral(" · ") + context;
    record->summary = summary;
}

void fillOperation(EventRecord *record, const QJsonObject &metadata)
{
    const QString id = metadata.value(QLatin1String("id")).toString();
    const QString status = metadata.value(QLatin1String("status")).toString();
    record->actionOrLevel = status;
    if (status == QLatin1String("Failure"))
        record->severity = EventRecord::Severity::Error;
    else if (status == QLatin1String("Cancelled"))
        record->severity = EventRecord::Severity::Warning;
    if (!id.isEmpty()) {
        record->object = QStringLiteral("operations/") + id;
        record->targetCollection = QStringLiteral("operations");
        record->targetKey = id;
    }
    const QJsonObject requestor = metadata.value(QLatin1String("requestor")).toObject();
    record->requestor = requestorText(requestor.value(QLatin1String("username")).toString(),
                                      requestor.value(QLatin1String("address")).toString(),
                                      requestor.value(QLatin1String("protocol")).toString());

    QString summary = metadata.value(QLatin1String("description")).toString();
    if (!status.isEmpty())
        summary += (summary.isEmpty() ? QString() : QStringLiteral(": ")) + status;
    const QJsonObject progress
        = metadata.value(QLatin1String("metadata")).toObject().value(QLatin1String("progress")).toObject();
    const QString percent = text(progress.value(QLatin1String("percent")));
    if (!percent.isEmpty())
        summary += QStringLiteral(" · ") + percent + QLatin1Char('%');
    const QString error = metadata.value(QLatin1String("err")).toString();
    if (!error.isEmpty())
        summary += QStringLiteral(" · ") + error;
    // The objects it works on, once each ("containers" repeats "instances" on LXD 5.0).
    QStringList objects;
    const QJsonObject resources = metadata.value(QLatin1String("resources")).toObject();
    for (auto it = resources.begin(); it != resources.end(); ++it) {
        if (it.key() == QLatin1String("containers") && resources.contains(QLatin1String("instances")))
            continue;
        const QJsonArray paths = it.value().toArray();
        for (const QJsonValue &value : paths) {
            const Path path = parsePath(value.toString());
            objects.append(path.display);
        }
    }
    if (!objects.isEmpty())
        summary += QStringLiteral(" · ") + objects.join(QStringLiteral(", "));
    record->summary = summary;
}

void fillLogging(EventRecord *record, const QJsonObject &metadata)
{
    const QString level = metadata.value(QLatin1String("level")).toString();
    record->actionOrLevel = level;
    record->severity = EventRecord::severityOfLevel(level);
    const QJsonObject context = metadata.value(QLatin1String("context")).toObject();
    const QString instance = context.value(QLatin1String("instance")).toString();
    const QString url = context.value(QLatin1String("url")).toString();
    if (!instance.isEmpty()) {
        record->object = QStringLiteral("instances/") + instance;
        record->targetCollection = QStringLiteral("instances");
        record->targetKey = instance;
    } else if (!url.isEmpty()) {
        const Path path = parsePath(url);
        record->object = path.display;
        setTarget(record, path.segments);
    }
    if (record->project.isEmpty())
        record->project = context.value(QLatin1String("project")).toString();
    record->requestor = requestorText(context.value(QLatin1String("username")).toString(),
                                      context.value(QLatin1String("ip")).toString(),
                                      context.value(QLatin1String("protocol")).toString());
    QString summary = metadata.value(QLatin1String("message")).toString();
    const QString rest = contextText(context);
    if (!rest.isEmpty())
        summary += QStringLiteral(" · ") + rest;
    record->summary = summary;
}

} // namespace

EventRecord EventRecord::fromEvent(const QString &remote, const Lxd::Event &event, qint64 receivedMs)
{
    EventRecord record;
    record.kind = Kind::Event;
    record.receivedMs = receivedMs;
    record.timeMs = event.timestamp.isValid() ? event.timestamp.toMSecsSinceEpoch() : receivedMs;
    record.remote = remote;
    if (event.location != QLatin1String("none"))
        record.location = event.location;
    record.project = event.project;
    record.type = event.type;
    if (event.isLifecycle())
        fillLifecycle(&record, event.metadata);
    else if (event.isOperation())
        fillOperation(&record, event.metadata);
    else if (event.isLogging())
        fillLogging(&record, event.metadata);
    else
        record.summary = contextText(event.metadata); // a type this Berth does not know yet
    // Summaries are one line, whatever a log message holds.
    record.summary.replace(QLatin1Char('\n'), QLatin1Char(' '));
    record.json = QJsonDocument(event.raw).toJson(QJsonDocument::Compact);
    return record;
}

EventRecord EventRecord::streamLost(const QString &remote, const QString &reason, qint64 nowMs)
{
    EventRecord record;
    record.kind = Kind::StreamLost;
    record.severity = Severity::Warning;
    record.timeMs = nowMs;
    record.receivedMs = nowMs;
    record.remote = remote;
    record.type = QStringLiteral("stream");
    record.actionOrLevel = QStringLiteral("lost");
    record.summary = reason.isEmpty() ? tr("The event stream was lost; reconnecting. Events from now until "
                                           "it is back are missed.")
                                      : tr("The event stream was lost (%1); reconnecting. Events from now "
                                           "until it is back are missed.")
                                            .arg(reason);
    return record;
}

EventRecord EventRecord::streamRestored(const QString &remote, qint64 downSinceMs, qint64 nowMs)
{
    EventRecord record;
    record.kind = Kind::StreamRestored;
    record.severity = Severity::Warning;
    record.timeMs = nowMs;
    record.receivedMs = nowMs;
    record.remote = remote;
    record.type = QStringLiteral("stream");
    record.actionOrLevel = QStringLiteral("restored");
    record.summary = tr("The event stream is back after %1 s; events of that gap are missing.")
                         .arg(double(nowMs - downSinceMs) / 1000.0, 0, 'f', 1);
    return record;
}

EventRecord::Severity EventRecord::severityOfLevel(const QString &level)
{
    const QString name = level.toLower();
    if (name == QLatin1String("debug") || name == QLatin1String("dbug") || name == QLatin1String("trace"))
        return Severity::Debug;
    if (name == QLatin1String("warning") || name == QLatin1String("warn"))
        return Severity::Warning;
    if (name == QLatin1String("error") || name == QLatin1String("eror") || name == QLatin1String("crit")
        || name == QLatin1String("fatal") || name == QLatin1String("panic"))
        return Severity::Error;
    return Severity::Info;
}

QString EventRecord::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Debug:
        return QStringLiteral("debug");
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("error");
    }
    return {};
}

} // namespace Models
