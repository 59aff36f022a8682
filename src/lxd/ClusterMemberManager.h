#pragma once

#include "Client.h"
#include "Cluster.h"
#include "ClusterMember.h"
#include "ClusterMemberJoinToken.h"
#include "ResourceJobs.h"
#include "TokenJob.h"

namespace Lxd {

// The members of a cluster (pylxd's `client.cluster.members`). Server-wide. Evacuation and restore run
// as background operations; a join token answers with a pending token operation.
class ClusterMemberManager
{
public:
    explicit ClusterMemberManager(Client client);

    // GET /1.0/cluster (pylxd's `client.cluster.get()`).
    ObjectJob<Cluster> *cluster() const;

    ListJob<ClusterMember> *all() const;
    ObjectJob<ClusterMember> *get(const QString &name) const;
    ExistsJob *exists(const QString &name) const;
    // GET /1.0/cluster/members/<name>/state: system information and the member's storage pools. Needs the
    // `cluster_member_state` API extension (LXD 5.0 answers 501 Not Implemented).
    ApiJob *state(const QString &name) const;

    // POST /1.0/cluster/members/<name>/state; action "evacuate" or "restore". `mode` (evacuate only):
    // "auto", "migrate", "live-migrate" or "stop"; empty lets the server decide.
    OperationJob *changeState(const QString &name, const QString &action, const QString &mode = {}) const;
    OperationJob *evacuate(const QString &name, const QString &mode = {}) const
    {
        return changeState(name, QStringLiteral("evacuate"), mode);
    }
    OperationJob *restore(const QString &name) const { return changeState(name, QStringLiteral("restore")); }

    // PUT of writable() with If-Match (a change made elsewhere meanwhile is a conflict).
    ApiJob *save(const ClusterMember &member) const;
    // PATCH of `changes`. LXD 5.0 does not merge `groups`: include them, or the member is refused.
    ApiJob *patch(const QString &name, const QJsonObject &changes, const QByteArray &etag = {}) const;
    ApiJob *rename(const QString &name, const QString &newName) const;
    // `force` removes a member that cannot be reached (its data is not cleaned up).
    ApiJob *remove(const QString &name, bool force = false) const;
    // A token for a new member named `name` to join with (`lxc cluster add`).
    TokenJob<ClusterMemberJoinToken> *requestJoinToken(const QString &name) const;

    const Client &client() const { return m_client; }
    static QString path(const QString &name);

private:
    Client m_client;
};

} // namespace Lxd
