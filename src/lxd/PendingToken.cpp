#include "PendingToken.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Lxd {

namespace {

QStringList stringList(const QJsonValue &value)
{
    QStringList result;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        result.append(item.toString());
    return result;
}

// Go's zero time ("0001-01-01T00:00:00Z") means "never".
QDateTime expiry(const QJsonValue &value)
{
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() && time.date().year() > 1 ? time : QDateTime();
}

} // namespace

PendingToken PendingToken::fromOperation(const QJsonObject &operation, const NameKeys &keys)
{
    const QJsonObject metadata = operation.value(QLatin1String("metadata")).toObject();
    const QJsonObject nameHolder
        = keys.insideRequest ? metadata.value(QLatin1String("request")).toObject() : metadata;
    PendingToken token;
    token.name = nameHolder.value(keys.metadata).toString();
    token.fingerprint = metadata.value(QLatin1String("fingerprint")).toString();
    token.addresses = stringList(metadata.value(QLatin1String("addresses")));
    token.secret = metadata.value(QLatin1String("secret")).toString();
    token.expiresAt = expiry(metadata.value(QLatin1String("expiresAt")));
    token.operationId = operation.value(QLatin1String("id")).toString();
    return token;
}

PendingToken PendingToken::decode(const QString &text, const NameKeys &keys)
{
    const auto decoded
        = QByteArray::fromBase64Encoding(text.trimmed().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    const QJsonObject json = QJsonDocument::fromJson(*decoded).object();
    PendingToken token;
    token.name = json.value(keys.encoded).toString();
    token.fingerprint = json.value(QLatin1String("fingerprint")).toString();
    token.addresses = stringList(json.value(QLatin1String("addresses")));
    token.secret = json.value(QLatin1String("secret")).toString();
    token.expiresAt = expiry(json.value(QLatin1String("expires_at")));
    return token;
}

QString PendingToken::encode(const NameKeys &keys) const
{
    const QJsonObject json {
        {keys.encoded, name},
        {QStringLiteral("fingerprint"), fingerprint},
        {QStringLiteral("addresses"), QJsonArray::fromStringList(addresses)},
        {QStringLiteral("secret"), secret},
        // LXD's Go side always writes a time; the zero time means "never".
        {QStringLiteral("expires_at"),
         expiresAt.isValid() ? expiresAt.toUTC().toString(Qt::ISODateWithMs)
                             : QStringLiteral("0001-01-01T00:00:00Z")},
    };
    return QString::fromLatin1(QJsonDocument(json).toJson(QJsonDocument::Compact).toBase64());
}

} // namespace Lxd
