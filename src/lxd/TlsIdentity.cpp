#include "TlsIdentity.h"

#include <QCryptographicHash>

namespace Lxd {

TlsIdentity::TlsIdentity(QSslCertificate clientCertificate, QSslKey clientKey,
                         const QByteArray &pinnedFingerprint)
    : m_clientCertificate(std::move(clientCertificate))
    , m_clientKey(std::move(clientKey))
{
    setPinnedFingerprint(pinnedFingerprint);
}

TlsIdentity TlsIdentity::fromPem(const QByteArray &certificatePem, const QByteArray &keyPem,
                                 const QByteArray &pinnedFingerprint)
{
    const QSslCertificate certificate(certificatePem, QSsl::Pem);
    // `lxc` made RSA keys before it switched to ECDSA; accept both.
    QSslKey key(keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem, QSsl::PrivateKey);
    if (certificate.isNull() || key.isNull())
        return TlsIdentity(QSslCertificate(), QSslKey(), pinnedFingerprint);
    return TlsIdentity(certificate, key, pinnedFingerprint);
}

void TlsIdentity::setPinnedFingerprint(const QByteArray &fingerprint)
{
    m_pinnedFingerprint = normalizeFingerprint(fingerprint);
}

QSslConfiguration TlsIdentity::sslConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    // Setting the list, even empty, also stops Qt from loading the system's CAs on demand.
    configuration.setCaCertificates(m_caCertificates);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (hasClientCertificate()) {
        configuration.setLocalCertificate(m_clientCertificate);
        configuration.setPrivateKey(m_clientKey);
    }
    return configuration;
}

Error TlsIdentity::checkServerCertificate(const QSslCertificate &certificate, const QString &endpoint) const
{
    const QByteArray presented = fingerprint(certificate);
    if (presented.isEmpty())
        return Error(Error::Kind::Tls, QStringLiteral("%1 presented no certificate").arg(endpoint));
    if (!hasPin())
        return Error(Error::Kind::Tls,
                     QStringLiteral("no certificate is pinned for %1; it presented %2")
                         .arg(endpoint, QString::fromLatin1(presented)));
    if (presented != m_pinnedFingerprint)
        return Error(
            Error::Kind::Tls,
            QStringLiteral("%1 presented certificate %2, but %3 is pinned")
                .arg(endpoint, QString::fromLatin1(presented), QString::fromLatin1(m_pinnedFingerprint)));
    return {};
}

QByteArray TlsIdentity::fingerprint(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return certificate.digest(QCryptographicHash::Sha256).toHex();
}

QByteArray TlsIdentity::normalizeFingerprint(const QByteArray &fingerprint)
{
    QByteArray hex;
    hex.reserve(64);
    for (const char c : fingerprint) {
        if (c == ':' || c == ' ')
            continue;
        const char lower = (c >= 'A' && c <= 'F') ? char(c - 'A' + 'a') : c;
        if (!((lower >= '0' && lower <= '9') || (lower >= 'a' && lower <= 'f')))
            return {};
        hex.append(lower);
    }
    return hex.size() == 64 ? hex : QByteArray();
}

} // namespace Lxd
