#include "InstanceBackupManager.h"

#include "InstanceManager.h"
#include "Snapshot.h"

namespace Lxd {

InstanceBackupManager::InstanceBackupManager(Client client, QString instance)
    : m_client(std::move(client))
    , m_instance(std::move(instance))
{ }

QString InstanceBackupManager::path(const QString &instance, const QString &name)
{
    return InstanceManager::path(instance) + QStringLiteral("/backups/") + Client::pathSegment(name);
}

ListJob<InstanceBackup> *InstanceBackupManager::all(bool full) const
{
    return m_client.request<ListJob<InstanceBackup>>(
        QByteArrayLiteral("GET"),
        InstanceManager::path(m_instance)
            + (full ? QStringLiteral("/backups?recursion=1") : QStringLiteral("/backups")));
}

ObjectJob<InstanceBackup> *InstanceBackupManager::get(const QString &name) const
{
    return m_client.request<ObjectJob<InstanceBackup>>(QByteArrayLiteral("GET"), path(m_instance, name));
}

ExistsJob *InstanceBackupManager::exists(const QString &name) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), path(m_instance, name));
}

OperationJob *InstanceBackupManager::create(const QString &name, const QDateTime &expiresAt,
                                            bool instanceOnly, bool optimizedStorage,
                                            const QString &compressionAlgorithm) const
{
    QJsonObject body {{QStringLiteral("expires_at"), Snapshot::timeToJson(expiresAt)},
                      {QStringLiteral("instance_only"), instanceOnly},
                      // The name older daemons know.
                      {QStringLiteral("container_only"), instanceOnly},
                      {QStringLiteral("optimized_storage"), optimizedStorage}};
    if (!name.isEmpty())
        body.insert(QStringLiteral("name"), name);
    if (!compressionAlgorithm.isEmpty())
        body.insert(QStringLiteral("compression_algorithm"), compressionAlgorithm);
    return m_client.operation(QByteArrayLiteral("POST"),
                              InstanceManager::path(m_instance) + QStringLiteral("/backups"), body);
}

OperationJob *InstanceBackupManager::rename(const QString &name, const QString &newName) const
{
    return m_client.operation(QByteArrayLiteral("POST"), path(m_instance, name),
                              QJsonObject {{QStringLiteral("name"), newName}});
}

OperationJob *InstanceBackupManager::remove(const QString &name) const
{
    return m_client.operation(QByteArrayLiteral("DELETE"), path(m_instance, name));
}

ApiJob *InstanceBackupManager::exportTo(const QString &name, QIODevice *sink) const
{
    HttpRequest request;
    request.target = m_client.apiTarget(path(m_instance, name) + QStringLiteral("/export"));
    request.responseSink = sink;
    return m_client.send(request, ApiJob::ReplyBody::Raw);
}

} // namespace Lxd
