#pragma once

#include "Error.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

namespace Lxd {

// Who Berth is to one HTTPS remote, and whom it trusts there: the client certificate and key LXD
// authenticates us by, and the server certificate we accept, pinned by fingerprint.
//
// Fingerprints are lowercase hex of the SHA-256 digest of the certificate's DER encoding, as LXD shows
// them (`lxc config trust list`, `lxc remote add`). setPinnedFingerprint() also accepts upper case and
// colon-separated forms and normalises them.
//
// LXD servers use self-signed certificates, so the pin alone decides: a certificate that a CA vouches
// for is still refused unless it is the pinned one, and with no pin every server is refused.
class TlsIdentity
{
public:
    TlsIdentity() = default;
    TlsIdentity(QSslCertificate clientCertificate, QSslKey clientKey,
                const QByteArray &pinnedFingerprint = {});

    // Reads a PEM certificate and a PEM private key (EC or RSA, PKCS#8 or the traditional form that
    // `lxc` writes). The result has no client certificate when either does not parse.
    static TlsIdentity fromPem(const QByteArray &certificatePem, const QByteArray &keyPem,
                               const QByteArray &pinnedFingerprint = {});

    QSslCertificate clientCertificate() const { return m_clientCertificate; }
    QSslKey clientKey() const { return m_clientKey; }
    bool hasClientCertificate() const { return !m_clientCertificate.isNull() && !m_clientKey.isNull(); }

    QByteArray pinnedFingerprint() const { return m_pinnedFingerprint; }
    void setPinnedFingerprint(const QByteArray &fingerprint);
    bool hasPin() const { return !m_pinnedFingerprint.isEmpty(); }

    // Issuers to validate the server's chain against, for servers in PKI mode (`server.ca`). Trusting an
    // issuer never replaces the pin; by default there are none and no system CA is consulted.
    QList<QSslCertificate> caCertificates() const { return m_caCertificates; }
    void setCaCertificates(const QList<QSslCertificate> &certificates) { m_caCertificates = certificates; }

    // TLS 1.2 or later, our certificate and key, peer verification against the CA list above only.
    // Verification fails for every self-signed server; the transport then accepts the pinned
    // certificate, and only it, by ignoring those errors (see checkServerCertificate()).
    QSslConfiguration sslConfiguration() const;

    // None when `certificate` is the pinned one; otherwise a Tls error naming both fingerprints.
    Error checkServerCertificate(const QSslCertificate &certificate, const QString &endpoint) const;

    // Lowercase hex SHA-256 of the DER encoding; empty for a null certificate.
    static QByteArray fingerprint(const QSslCertificate &certificate);
    // "AB:cd:…" or "abcd…" -> "abcd…"; empty when it is not 64 hex digits.
    static QByteArray normalizeFingerprint(const QByteArray &fingerprint);

private:
    QSslCertificate m_clientCertificate;
    QSslKey m_clientKey;
    QByteArray m_pinnedFingerprint;
    QList<QSslCertificate> m_caCertificates;
};

} // namespace Lxd
