#include "CertificateAddToken.h"

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

CertificateAddToken CertificateAddToken::fromOperation(const QJsonObject &operation)
{
    const QJsonObject metadata = operation.value(QLatin1String("metadata")).toObject();
    CertificateAddToken token;
    token.m_clientName
        = metadata.value(QLatin1String("request")).toObject().value(QLatin1String("name")).toString();
    token.m_fingerprint = metadata.value(QLatin1String("fingerprint")).toString();
    token.m_addresses = stringList(metadata.value(QLatin1String("addresses")));
    token.m_secret = metadata.value(QLatin1String("secret")).toString();
    token.m_expiresAt = expiry(metadata.value(QLatin1String("expiresAt")));
    token.m_operationId = operation.value(QLatin1String("id")).toString();
    return token;
}

CertificateAddToken CertificateAddToken::decode(const QString &text)
{
    const auto decoded
        = QByteArray::fromBase64Encoding(text.trimmed().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    const QJsonObject json = QJsonDocument::fromJson(*decoded).object();
    CertificateAddToken token;
    token.m_clientName = json.value(QLatin1String("client_name")).toString();
    token.m_fingerprint = json.value(QLatin1String("fingerprint")).toString();
    token.m_addresses = stringList(json.value(QLatin1String("addresses")));
    token.m_secret = json.value(QLatin1String("secret")).toString();
    token.m_expiresAt = expiry(json.value(QLatin1String("expires_at")));
    return token;
}

QString CertificateAddToken::encode() const
{
    const QJsonObject json {
        {QStringLiteral("client_name"), m_clientName},
        {QStringLiteral("fingerprint"), m_fingerprint},
        {QStringLiteral("addresses"), QJsonArray::fromStringList(m_addresses)},
        {QStringLiteral("secret"), m_secret},
        // LXD's Go side always writes a time; the zero time means "never".
        {QStringLiteral("expires_at"),
         m_expiresAt.isValid() ? m_expiresAt.toUTC().toString(Qt::ISODateWithMs)
                               : QStringLiteral("0001-01-01T00:00:00Z")},
    };
    return QString::fromLatin1(QJsonDocument(json).toJson(QJsonDocument::Compact).toBase64());
}

} // namespace Lxd
