#include "ClusterMemberManager.h"

#include "IfMatch.h"

namespace Lxd {

ClusterMemberManager::ClusterMemberManager(Client client)
    : m_client(client.useProject({}))
{ }

QString ClusterMemberManager::path(const QString &name)
{
    return QStringLiteral("/cluster/members/") + Client::pathSegment(name);
}

ObjectJob<Cluster> *ClusterMemberManager::cluster() const
{
    return m_client.request<ObjectJob<Cluster>>(QByteArrayLiteral("GET"), QStringLiteral("/cluster"));
}

ListJob<ClusterMember> *ClusterMemberManager::all() const
{
    return m_client.request<ListJob<ClusterMember>>(QByteArrayLiteral("GET"),
                                                    QStringLiteral("/cluster/members?recursion=1"));
}

ObjectJob<ClusterMember> *ClusterMemberManager::get(const QString &name) const
{
    return m_client.request<ObjectJob<ClusterMember>>(QByteArrayLiteral("GET"), path(name));
}

ExistsJob *ClusterMemberManager::exists(const QString &name) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), path(name));
}

ApiJob *ClusterMemberManager::state(const QString &name) const
{
    return m_client.api(QByteArrayLiteral("GET"), path(name) + QStringLiteral("/state"));
}

OperationJob *ClusterMemberManager::changeState(const QString &name, const QString &action,
                                                const QString &mode) const
{
    QJsonObject body {{QStringLiteral("action"), action}};
    if (!mode.isEmpty())
        body.insert(QStringLiteral("mode"), mode);
    return m_client.operation(QByteArrayLiteral("POST"), path(name) + QStringLiteral("/state"), body);
}

ApiJob *ClusterMemberManager::save(const ClusterMember &member) const
{
    return m_client.send(ifMatchRequest(m_client, QByteArrayLiteral("PUT"), path(member.serverName()),
                                        member.writable(), member.etag()));
}

ApiJob *ClusterMemberManager::patch(const QString &name, const QJsonObject &changes,
                                    const QByteArray &etag) const
{
    return m_client.send(ifMatchRequest(m_client, QByteArrayLiteral("PATCH"), path(name), changes, etag));
}

ApiJob *ClusterMemberManager::rename(const QString &name, const QString &newName) const
{
    return m_client.api(QByteArrayLiteral("POST"), path(name),
                        QJsonObject {{QStringLiteral("server_name"), newName}});
}

ApiJob *ClusterMemberManager::remove(const QString &name, bool force) const
{
    return m_client.api(QByteArrayLiteral("DELETE"),
                        path(name) + (force ? QStringLiteral("?force=1") : QString()));
}

TokenJob<ClusterMemberJoinToken> *ClusterMemberManager::requestJoinToken(const QString &name) const
{
    return m_client.request<TokenJob<ClusterMemberJoinToken>>(
        QByteArrayLiteral("POST"), QStringLiteral("/cluster/members"),
        QJsonObject {{QStringLiteral("server_name"), name}});
}

} // namespace Lxd
