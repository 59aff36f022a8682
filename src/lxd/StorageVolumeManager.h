#pragma once

#include "Client.h"
#include "ResourceJobs.h"
#include "StorageVolume.h"
#include "StorageVolumeSnapshot.h"

namespace Lxd {

// The volumes of one storage pool in one client's project (pylxd's `storage_pool.volumes`). Calls that
// LXD may run as a background operation (create, copy, rename, snapshots) return an OperationJob that
// ends with it; the others an ApiJob. `type` defaults to "custom", the only kind users create.
class StorageVolumeManager
{
public:
    StorageVolumeManager(Client client, QString pool);

    QString pool() const { return m_pool; }

    // Every volume of the pool (all types, snapshots included), one request.
    ListJob<StorageVolume> *all() const;
    // The volumes of one type.
    ListJob<StorageVolume> *all(const QString &type) const;
    ObjectJob<StorageVolume> *get(const QString &name, const QString &type = QStringLiteral("custom")) const;
    ExistsJob *exists(const QString &name, const QString &type = QStringLiteral("custom")) const;

    // POST /1.0/storage-pools/<pool>/volumes/custom with a StorageVolumesPost body.
    OperationJob *create(const QJsonObject &storageVolumesPost) const;
    OperationJob *create(const QString &name, const QMap<QString, QString> &config = {},
                         const QString &description = {},
                         const QString &contentType = QStringLiteral("filesystem")) const;
    // Copies custom volume `sourceName` (of `sourcePool`, or of this pool when empty) into this pool.
    OperationJob *copy(const QString &sourceName, const QString &newName, const QString &sourcePool = {},
                       bool volumeOnly = false) const;
    // PUT of writable() with If-Match (a change made elsewhere meanwhile is a conflict).
    ApiJob *save(const StorageVolume &volume) const;
    ApiJob *patch(const QString &name, const QJsonObject &changes, const QByteArray &etag = {},
                  const QString &type = QStringLiteral("custom")) const;
    OperationJob *rename(const QString &name, const QString &newName) const;
    // Moves a custom volume to another pool of the same server (and renames it).
    OperationJob *move(const QString &name, const QString &targetPool, const QString &newName) const;
    ApiJob *remove(const QString &name, const QString &type = QStringLiteral("custom")) const;
    // GET …/state: the space used (where the driver can tell).
    ApiJob *state(const QString &name, const QString &type = QStringLiteral("custom")) const;

    // Snapshots of custom volume `volume`.
    ListJob<StorageVolumeSnapshot> *snapshots(const QString &volume) const;
    ObjectJob<StorageVolumeSnapshot> *getSnapshot(const QString &volume, const QString &snapshot) const;
    ExistsJob *snapshotExists(const QString &volume, const QString &snapshot) const;
    // An invalid `expiresAt`: never expires.
    OperationJob *createSnapshot(const QString &volume, const QString &snapshot,
                                 const QDateTime &expiresAt = {}) const;
    ApiJob *saveSnapshot(const QString &volume, const StorageVolumeSnapshot &snapshot) const;
    OperationJob *renameSnapshot(const QString &volume, const QString &snapshot,
                                 const QString &newName) const;
    OperationJob *removeSnapshot(const QString &volume, const QString &snapshot) const;
    // Puts the volume back as it was in `snapshot` (PUT with `restore`).
    ApiJob *restoreSnapshot(const QString &volume, const QString &snapshot) const;

    const Client &client() const { return m_client; }
    // "/storage-pools/<pool>/volumes/<type>/<name>", percent-encoded.
    QString path(const QString &name, const QString &type = QStringLiteral("custom")) const;
    QString snapshotPath(const QString &volume, const QString &snapshot) const;

private:
    QString volumesPath() const;

    Client m_client;
    QString m_pool;
};

} // namespace Lxd
