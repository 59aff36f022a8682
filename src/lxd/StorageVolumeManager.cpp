#include "StorageVolumeManager.h"

#include "IfMatch.h"

namespace Lxd {

StorageVolumeManager::StorageVolumeManager(Client client, QString pool)
    : m_client(std::move(client))
    , m_pool(std::move(pool))
{ }

QString StorageVolumeManager::volumesPath() const
{
    return QStringLiteral("/storage-pools/") + Client::pathSegment(m_pool) + QStringLiteral("/volumes");
}

QString StorageVolumeManager::path(const QString &name, const QString &type) const
{
    return volumesPath() + QLatin1Char('/') + Client::pathSegment(type) + QLatin1Char('/')
        + Client::pathSegment(name);
}

QString StorageVolumeManager::snapshotPath(const QString &volume, const QString &snapshot) const
{
    return path(volume) + QStringLiteral("/snapshots/") + Client::pathSegment(snapshot);
}

ListJob<StorageVolume> *StorageVolumeManager::all() const
{
    return m_client.request<ListJob<StorageVolume>>(QByteArrayLiteral("GET"),
                                                    volumesPath() + QStringLiteral("?recursion=1"));
}

ListJob<StorageVolume> *StorageVolumeManager::all(const QString &type) const
{
    return m_client.request<ListJob<StorageVolume>>(
        QByteArrayLiteral("GET"),
        volumesPath() + QLatin1Char('/') + Client::pathSegment(type) + QStringLiteral("?recursion=1"));
}

ObjectJob<StorageVolume> *StorageVolumeManager::get(const QString &name, const QString &type) const
{
    return m_client.request<ObjectJob<StorageVolume>>(QByteArrayLiteral("GET"), path(name, type));
}

ExistsJob *StorageVolumeManager::exists(const QString &name, const QString &type) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), path(name, type));
}

OperationJob *StorageVolumeManager::create(const QJsonObject &storageVolumesPost) const
{
    return m_client.operation(QByteArrayLiteral("POST"), volumesPath() + QStringLiteral("/custom"),
                              storageVolumesPost);
}

OperationJob *StorageVolumeManager::create(const QString &name, const QMap<QString, QString> &config,
                                           const QString &description, const QString &contentType) const
{
    return create(StorageVolume::post(name, config, description, contentType));
}

OperationJob *StorageVolumeManager::copy(const QString &sourceName, const QString &newName,
                                         const QString &sourcePool, bool volumeOnly) const
{
    return create(
        StorageVolume::copyPost(newName, sourcePool.isEmpty() ? m_pool : sourcePool, sourceName, volumeOnly));
}

ApiJob *StorageVolumeManager::save(const StorageVolume &volume) const
{
    const QString type = volume.type().isEmpty() ? QStringLiteral("custom") : volume.type();
    return m_client.send(ifMatchRequest(m_client, QByteArrayLiteral("PUT"), path(volume.name(), type),
                                        volume.writable(), volume.etag()));
}

ApiJob *StorageVolumeManager::patch(const QString &name, const QJsonObject &changes, const QByteArray &etag,
                                    const QString &type) const
{
    return m_client.send(
        ifMatchRequest(m_client, QByteArrayLiteral("PATCH"), path(name, type), changes, etag));
}

OperationJob *StorageVolumeManager::rename(const QString &name, const QString &newName) const
{
    return m_client.operation(QByteArrayLiteral("POST"), path(name),
                              QJsonObject {{QStringLiteral("name"), newName}});
}

OperationJob *StorageVolumeManager::move(const QString &name, const QString &targetPool,
                                         const QString &newName) const
{
    return m_client.operation(
        QByteArrayLiteral("POST"), path(name),
        QJsonObject {{QStringLiteral("name"), newName}, {QStringLiteral("pool"), targetPool}});
}

ApiJob *StorageVolumeManager::remove(const QString &name, const QString &type) const
{
    return m_client.api(QByteArrayLiteral("DELETE"), path(name, type));
}

ApiJob *StorageVolumeManager::state(const QString &name, const QString &type) const
{
    return m_client.api(QByteArrayLiteral("GET"), path(name, type) + QStringLiteral("/state"));
}

ListJob<StorageVolumeSnapshot> *StorageVolumeManager::snapshots(const QString &volume) const
{
    return m_client.request<ListJob<StorageVolumeSnapshot>>(
        QByteArrayLiteral("GET"), path(volume) + QStringLiteral("/snapshots?recursion=1"));
}

ObjectJob<StorageVolumeSnapshot> *StorageVolumeManager::getSnapshot(const QString &volume,
                                                                    const QString &snapshot) const
{
    return m_client.request<ObjectJob<StorageVolumeSnapshot>>(QByteArrayLiteral("GET"),
                                                              snapshotPath(volume, snapshot));
}

ExistsJob *StorageVolumeManager::snapshotExists(const QString &volume, const QString &snapshot) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), snapshotPath(volume, snapshot));
}

OperationJob *StorageVolumeManager::createSnapshot(const QString &volume, const QString &snapshot,
                                                   const QDateTime &expiresAt) const
{
    QJsonObject body {{QStringLiteral("name"), snapshot}};
    if (expiresAt.isValid())
        body.insert(QStringLiteral("expires_at"), expiresAt.toUTC().toString(Qt::ISODateWithMs));
    return m_client.operation(QByteArrayLiteral("POST"), path(volume) + QStringLiteral("/snapshots"), body);
}

ApiJob *StorageVolumeManager::saveSnapshot(const QString &volume, const StorageVolumeSnapshot &snapshot) const
{
    return m_client.send(ifMatchRequest(m_client, QByteArrayLiteral("PUT"),
                                        snapshotPath(volume, snapshot.name()), snapshot.writable(),
                                        snapshot.etag()));
}

OperationJob *StorageVolumeManager::renameSnapshot(const QString &volume, const QString &snapshot,
                                                   const QString &newName) const
{
    return m_client.operation(QByteArrayLiteral("POST"), snapshotPath(volume, snapshot),
                              QJsonObject {{QStringLiteral("name"), newName}});
}

OperationJob *StorageVolumeManager::removeSnapshot(const QString &volume, const QString &snapshot) const
{
    return m_client.operation(QByteArrayLiteral("DELETE"), snapshotPath(volume, snapshot));
}

ApiJob *StorageVolumeManager::restoreSnapshot(const QString &volume, const QString &snapshot) const
{
    // Without `config` LXD keeps the volume's settings and only rolls its contents back.
    return m_client.api(QByteArrayLiteral("PUT"), path(volume),
                        QJsonObject {{QStringLiteral("restore"), snapshot}});
}

} // namespace Lxd
