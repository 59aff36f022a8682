#include "Response.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace Lxd {

QString Response::operationId() const
{
    // The URL may carry a query ("?project=default" from a cluster member): the id is the last segment.
    const QString path = operation.section(QLatin1Char('?'), 0, 0);
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? path : path.mid(slash + 1);
}

Error Response::parse(int httpStatus, const QByteArray &body, Response *response)
{
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &jsonError);
    if (jsonError.error != QJsonParseError::NoError || !document.isObject()) {
        // A proxy or a broken server can answer without an envelope; the HTTP status says more than
        // the JSON error then.
        if (httpStatus < 200 || httpStatus >= 300)
            return Error(Error::Kind::Http, QString::fromUtf8(body.left(200)).trimmed(), httpStatus);
        const QString why = jsonError.error != QJsonParseError::NoError
            ? jsonError.errorString()
            : QStringLiteral("the reply is not a JSON object");
        return Error::parse(
            QStringLiteral("%1 (HTTP %2, %3 bytes)").arg(why).arg(httpStatus).arg(body.size()));
    }

    const QJsonObject envelope = document.object();
    const QString type = envelope.value(QLatin1String("type")).toString();
    if (type == QLatin1String("error")) {
        const int code = envelope.value(QLatin1String("error_code")).toInt(httpStatus);
        return Error::api(httpStatus ? httpStatus : code, code,
                          envelope.value(QLatin1String("error")).toString());
    }
    if (type != QLatin1String("sync") && type != QLatin1String("async"))
        return Error::parse(
            QStringLiteral("unknown response type \"%1\" (HTTP %2)").arg(type).arg(httpStatus));
    if (httpStatus < 200 || httpStatus >= 300)
        return Error(Error::Kind::Http,
                     QStringLiteral("a %1 reply with HTTP status %2").arg(type).arg(httpStatus), httpStatus);

    Response parsed;
    parsed.type = type == QLatin1String("async") ? Type::Async : Type::Sync;
    parsed.httpStatus = httpStatus;
    parsed.statusCode = envelope.value(QLatin1String("status_code")).toInt();
    parsed.status = envelope.value(QLatin1String("status")).toString();
    parsed.operation = envelope.value(QLatin1String("operation")).toString();
    parsed.metadata = envelope.value(QLatin1String("metadata"));
    if (parsed.type == Type::Async && parsed.operation.isEmpty())
        return Error::parse(QStringLiteral("an async reply without an operation"));
    if (response)
        *response = std::move(parsed);
    return {};
}

} // namespace Lxd
