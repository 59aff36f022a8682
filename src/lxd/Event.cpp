#include "Event.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace Lxd {

QString Event::action() const
{
    return metadata.value(QLatin1String("action")).toString();
}

QString Event::level() const
{
    return metadata.value(QLatin1String("level")).toString();
}

QString Event::source() const
{
    if (isOperation())
        return metadata.value(QLatin1String("id")).toString();
    return metadata.value(QLatin1String("source")).toString();
}

bool Event::fromJson(const QByteArray &json, Event *event, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error)
            *error = parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                  : QStringLiteral("not a JSON object");
        return false;
    }
    const QJsonObject object = document.object();
    const QString type = object.value(QLatin1String("type")).toString();
    if (type.isEmpty()) {
        if (error)
            *error = QStringLiteral("an event without a type");
        return false;
    }
    event->type = type;
    event->timestamp
        = QDateTime::fromString(object.value(QLatin1String("timestamp")).toString(), Qt::ISODateWithMs);
    event->project = object.value(QLatin1String("project")).toString();
    event->location = object.value(QLatin1String("location")).toString();
    event->metadata = object.value(QLatin1String("metadata")).toObject();
    event->raw = object;
    return true;
}

} // namespace Lxd
