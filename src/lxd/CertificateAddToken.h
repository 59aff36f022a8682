#pragma once

#include "PendingToken.h"

#include <utility>

namespace Lxd {

// A trust token (LXD's api.CertificateAddToken): what `lxc config trust add` prints, base64 of a small
// JSON object. The server keeps it as a pending "token" operation until it is used or revoked.
class CertificateAddToken final
{
public:
    CertificateAddToken() = default;

    // From the token operation (POST /1.0/certificates with token:true, or an entry of
    // GET /1.0/operations): metadata.request.name, secret, fingerprint, addresses, expiresAt.
    static CertificateAddToken fromOperation(const QJsonObject &operation);
    // From the text a user pastes; invalid when it is not a token.
    static CertificateAddToken decode(const QString &token);
    // The text to hand to the client that will use it (the same form `lxc` prints).
    QString encode() const;

    bool isValid() const { return !m_token.secret.isEmpty() && !m_token.fingerprint.isEmpty(); }

    QString clientName() const { return m_token.name; }
    // The server certificate's fingerprint, for the other side to pin.
    QString fingerprint() const { return m_token.fingerprint; }
    QStringList addresses() const { return m_token.addresses; }
    QString secret() const { return m_token.secret; }
    // Invalid when the token does not expire.
    QDateTime expiresAt() const { return m_token.expiresAt; }
    // The operation that holds it (known when read from an operation): DELETE it to revoke the token.
    QString operationId() const { return m_token.operationId; }

private:
    explicit CertificateAddToken(PendingToken token)
        : m_token(std::move(token))
    { }

    PendingToken m_token;
};

} // namespace Lxd
