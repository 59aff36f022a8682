#include "CertificateManager.h"

#include "IfMatch.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QSslCertificate>

namespace Lxd {

CertificateManager::CertificateManager(Client client)
    : m_client(client.useProject({}))
{ }

QString CertificateManager::path(const QString &fingerprint)
{
    return QStringLiteral("/certificates/") + Client::pathSegment(fingerprint);
}

QString CertificateManager::certificateField(const QByteArray &pem)
{
    QByteArray body;
    const QList<QByteArray> lines = pem.split('\n');
    for (const QByteArray &line : lines) {
        const QByteArray trimmed = line.trimmed();
        if (!trimmed.startsWith("-----"))
            body += trimmed;
    }
    return QString::fromLatin1(body);
}

QString CertificateManager::fingerprintOf(const QByteArray &pem)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(pem, QSsl::Pem);
    if (certificates.isEmpty())
        return {};
    return QString::fromLatin1(
        QCryptographicHash::hash(certificates.constFirst().toDer(), QCryptographicHash::Sha256).toHex());
}

ListJob<Certificate> *CertificateManager::all() const
{
    return m_client.request<ListJob<Certificate>>(QByteArrayLiteral("GET"),
                                                  QStringLiteral("/certificates?recursion=1"));
}

ObjectJob<Certificate> *CertificateManager::get(const QString &fingerprint) const
{
    return m_client.request<ObjectJob<Certificate>>(QByteArrayLiteral("GET"), path(fingerprint));
}

ExistsJob *CertificateManager::exists(const QString &fingerprint) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), path(fingerprint));
}

ApiJob *CertificateManager::add(const QByteArray &pem, const QString &name, const QString &type,
                                bool restricted, const QStringList &projects, const QString &password) const
{
    QJsonObject body {
        {QStringLiteral("name"), name},
        {QStringLiteral("type"), type},
        {QStringLiteral("restricted"), restricted},
        {QStringLiteral("projects"), QJsonArray::fromStringList(projects)},
        {QStringLiteral("certificate"), certificateField(pem)},
    };
    if (!password.isEmpty())
        body.insert(QStringLiteral("password"), password);
    return create(body);
}

ApiJob *CertificateManager::create(const QJsonObject &certificatesPost) const
{
    return m_client.api(QByteArrayLiteral("POST"), QStringLiteral("/certificates"), certificatesPost);
}

TokenJob<CertificateAddToken> *CertificateManager::requestToken(const QString &name, bool restricted,
                                                                const QStringList &projects) const
{
    const QJsonObject body {
        {QStringLiteral("name"), name},
        {QStringLiteral("type"), QStringLiteral("client")},
        {QStringLiteral("restricted"), restricted},
        {QStringLiteral("projects"), QJsonArray::fromStringList(projects)},
        {QStringLiteral("token"), true},
    };
    return m_client.request<TokenJob<CertificateAddToken>>(QByteArrayLiteral("POST"),
                                                           QStringLiteral("/certificates"), body);
}

OperationListJob *CertificateManager::tokens() const
{
    return m_client.request<OperationListJob>(QByteArrayLiteral("GET"),
                                              QStringLiteral("/operations?recursion=1"));
}

ApiJob *CertificateManager::revokeToken(const QString &operationId) const
{
    return m_client.api(QByteArrayLiteral("DELETE"),
                        QStringLiteral("/operations/") + Client::pathSegment(operationId));
}

ApiJob *CertificateManager::save(const Certificate &certificate) const
{
    return m_client.send(ifMatchRequest(m_client, QByteArrayLiteral("PUT"), path(certificate.fingerprint()),
                                        certificate.writable(), certificate.etag()));
}

ApiJob *CertificateManager::patch(const QString &fingerprint, const QJsonObject &changes,
                                  const QByteArray &etag) const
{
    return m_client.send(
        ifMatchRequest(m_client, QByteArrayLiteral("PATCH"), path(fingerprint), changes, etag));
}

ApiJob *CertificateManager::remove(const QString &fingerprint) const
{
    return m_client.api(QByteArrayLiteral("DELETE"), path(fingerprint));
}

} // namespace Lxd
