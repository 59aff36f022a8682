#include "SnapshotManager.h"

#include "InstanceManager.h"

namespace Lxd {

SnapshotManager::SnapshotManager(Client client, QString instance)
    : m_client(std::move(client))
    , m_instance(std::move(instance))
{ }

QString SnapshotManager::path(const QString &instance, const QString &name)
{
    return InstanceManager::path(instance) + QStringLiteral("/snapshots/") + Client::pathSegment(name);
}

ListJob<Snapshot> *SnapshotManager::all(bool full) const
{
    return m_client.request<ListJob<Snapshot>>(
        QByteArrayLiteral("GET"),
        InstanceManager::path(m_instance)
            + (full ? QStringLiteral("/snapshots?recursion=1") : QStringLiteral("/snapshots")));
}

ObjectJob<Snapshot> *SnapshotManager::get(const QString &name) const
{
    return m_client.request<ObjectJob<Snapshot>>(QByteArrayLiteral("GET"), path(m_instance, name));
}

ExistsJob *SnapshotManager::exists(const QString &name) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), path(m_instance, name));
}

OperationJob *SnapshotManager::create(const QString &name, bool stateful, const QDateTime &expiresAt) const
{
    QJsonObject body {{QStringLiteral("name"), name}, {QStringLiteral("stateful"), stateful}};
    // Without expires_at the daemon applies the instance's snapshots.expiry.
    if (expiresAt.isValid())
        body.insert(QStringLiteral("expires_at"), Snapshot::timeToJson(expiresAt));
    return m_client.operation(QByteArrayLiteral("POST"),
                              InstanceManager::path(m_instance) + QStringLiteral("/snapshots"), body);
}

OperationJob *SnapshotManager::rename(const QString &name, const QString &newName) const
{
    return m_client.operation(QByteArrayLiteral("POST"), path(m_instance, name),
                              QJsonObject {{QStringLiteral("name"), newName}});
}

OperationJob *SnapshotManager::remove(const QString &name) const
{
    return m_client.operation(QByteArrayLiteral("DELETE"), path(m_instance, name));
}

OperationJob *SnapshotManager::save(const Snapshot &snapshot) const
{
    HttpRequest request = Client::jsonRequest(
        QByteArrayLiteral("PUT"), m_client.apiTarget(path(m_instance, snapshot.name())), snapshot.writable());
    if (!snapshot.etag().isEmpty())
        request.setHeader(QByteArrayLiteral("If-Match"), snapshot.etag());
    return m_client.operation(request);
}

OperationJob *SnapshotManager::restore(const QString &name, bool stateful) const
{
    return InstanceManager(m_client).restoreSnapshot(m_instance, name, stateful);
}

OperationJob *SnapshotManager::publish(const QString &name, bool isPublic,
                                       const QJsonObject &imagesPost) const
{
    return InstanceManager(m_client).publish(m_instance + QLatin1Char('/') + name, isPublic, imagesPost);
}

} // namespace Lxd
