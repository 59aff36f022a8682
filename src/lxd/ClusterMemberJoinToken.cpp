#include "ClusterMemberJoinToken.h"

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

QDateTime expiry(const QJsonValue &value)
{
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() && time.date().year() > 1 ? time : QDateTime();
}

} // namespace

ClusterMemberJoinToken ClusterMemberJoinToken::fromOperation(const QJsonObject &operation)
{
    const QJsonObject metadata = operation.value(QLatin1String("metadata")).toObject();
    ClusterMemberJoinToken token;
    token.m_serverName = metadata.value(QLatin1String("serverName")).toString();
    token.m_fingerprint = metadata.value(QLatin1String("fingerprint")).toString();
    token.m_addresses = stringList(metadata.value(QLatin1String("addresses")));
    token.m_secret = metadata.value(QLatin1String("secret")).toString();
    token.m_expiresAt = expiry(metadata.value(QLatin1String("expiresAt")));
    token.m_operationId = operation.value(QLatin1String("id")).toString();
    return token;
}

ClusterMemberJoinToken ClusterMemberJoinToken::decode(const QString &text)
{
    const auto decoded
        = QByteArray::fromBase64Encoding(text.trimmed().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    const QJsonObject json = QJsonDocument::fromJson(*decoded).object();
    ClusterMemberJoinToken token;
    token.m_serverName = json.value(QLatin1String("server_name")).toString();
    token.m_fingerprint = json.value(QLatin1String("fingerprint")).toString();
    token.m_addresses = stringList(json.value(QLatin1String("addresses")));
    token.m_secret = json.value(QLatin1String("secret")).toString();
    token.m_expiresAt = expiry(json.value(QLatin1String("expires_at")));
    return token;
}

QString ClusterMemberJoinToken::encode() const
{
    const QJsonObject json {
        {QStringLiteral("server_name"), m_serverName},
        {QStringLiteral("fingerprint"), m_fingerprint},
        {QStringLiteral("addresses"), QJsonArray::fromStringList(m_addresses)},
        {QStringLiteral("secret"), m_secret},
        {QStringLiteral("expires_at"),
         m_expiresAt.isValid() ? m_expiresAt.toUTC().toString(Qt::ISODateWithMs)
                               : QStringLiteral("0001-01-01T00:00:00Z")},
    };
    return QString::fromLatin1(QJsonDocument(json).toJson(QJsonDocument::Compact).toBase64());
}

} // namespace Lxd
