#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

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
    static ClusterMemberJoinToken decode(const QString &token);
    QString encode() const;

    bool isValid() const { return !m_serverName.isEmpty() && !m_secret.isEmpty(); }

    QString serverName() const { return m_serverName; }
    QString fingerprint() const { return m_fingerprint; }
    QStringList addresses() const { return m_addresses; }
    QString secret() const { return m_secret; }
    QDateTime expiresAt() const { return m_expiresAt; }
    QString operationId() const { return m_operationId; }

private:
    QString m_serverName;
    QString m_fingerprint;
    QStringList m_addresses;
    QString m_secret;
    QDateTime m_expiresAt;
    QString m_operationId;
};

} // namespace Lxd
