#pragma once

#include "PendingToken.h"

#include <utility>

namespace Lxd {

// A join token for a new cluster member (LXD's api.ClusterMemberJoinToken): what `lxc cluster add`
// prints, base64 of a small JSON object. Pending as a "token" operation until used or revoked.
class ClusterMemberJoinToken final
{
public:
    ClusterMemberJoinToken() = default;

    // From the token operation (POST /1.0/cluster/members): metadata serverName, secret, fingerprint,
    // addresses, expiresAt.
    static ClusterMemberJoinToken fromOperation(const QJsonObject &operation);
    // From the text a user pastes; invalid when it is not a token.
    static ClusterMemberJoinToken decode(const QString &token);
    QString encode() const;

    bool isValid() const { return !m_token.name.isEmpty() && !m_token.secret.isEmpty(); }

    QString serverName() const { return m_token.name; }
    // The server certificate's fingerprint, for the other side to pin.
    QString fingerprint() const { return m_token.fingerprint; }
    QStringList addresses() const { return m_token.addresses; }
    QString secret() const { return m_token.secret; }
    // Invalid when the token does not expire.
    QDateTime expiresAt() const { return m_token.expiresAt; }
    // The operation that holds it (known when read from an operation): DELETE it to revoke the token.
    QString operationId() const { return m_token.operationId; }

private:
    explicit ClusterMemberJoinToken(PendingToken token)
        : m_token(std::move(token))
    { }

    PendingToken m_token;
};

} // namespace Lxd
