#pragma once

#include "Certificate.h"
#include "CertificateAddToken.h"
#include "Client.h"
#include "OperationListJob.h"
#include "ResourceJobs.h"
#include "TokenJob.h"

namespace Lxd {

// The server's trust store (pylxd's `client.certificates`). Server-wide: a project-scoped client is used
// without its project. All calls answer synchronously; a token request answers with a pending operation.
class CertificateManager
{
public:
    explicit CertificateManager(Client client);

    ListJob<Certificate> *all() const;
    ObjectJob<Certificate> *get(const QString &fingerprint) const;
    ExistsJob *exists(const QString &fingerprint) const;

    // Trusts the certificate `pem` (POST /1.0/certificates). From a trusted client no password is needed;
    // `password` is the trust password (or a token) when an untrusted client adds itself.
    ApiJob *add(const QByteArray &pem, const QString &name, const QString &type = QStringLiteral("client"),
                bool restricted = false, const QStringList &projects = {},
                const QString &password = {}) const;
    // POST /1.0/certificates with a CertificatesPost body of one's own.
    ApiJob *create(const QJsonObject &certificatesPost) const;
    // Asks for a trust token for a client named `name` (token:true). The job's token() is what a new
    // client uses with Client::authenticateWithToken(); it stays valid until used or revoked.
    TokenJob<CertificateAddToken> *requestToken(const QString &name, bool restricted = false,
                                                const QStringList &projects = {}) const;
    // The pending tokens: OperationListJob::certificateTokens().
    OperationListJob *tokens() const;
    // Revokes a pending token (DELETE of its operation).
    ApiJob *revokeToken(const QString &operationId) const;

    // PUT of writable() with If-Match (a change made elsewhere meanwhile is a conflict).
    ApiJob *save(const Certificate &certificate) const;
    ApiJob *patch(const QString &fingerprint, const QJsonObject &changes, const QByteArray &etag = {}) const;
    ApiJob *remove(const QString &fingerprint) const;

    // The `certificate` field LXD expects: base64 of the DER form, i.e. the PEM text without its armor.
    static QString certificateField(const QByteArray &pem);
    // SHA-256 of the DER form, lower-case hex (the key LXD files it under); empty when `pem` is not a
    // certificate.
    static QString fingerprintOf(const QByteArray &pem);

    const Client &client() const { return m_client; }
    static QString path(const QString &fingerprint);

private:
    Client m_client;
};

} // namespace Lxd
