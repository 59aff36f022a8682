#pragma once

#include "Client.h"
#include "ResourceJobs.h"
#include "StoragePool.h"
#include "StoragePoolResources.h"
#include "StorageVolumeManager.h"

namespace Lxd {

// Storage pools of one server (pylxd's `client.storage_pools`). All of LXD's pool endpoints answer
// synchronously. The volumes of a pool: volumes(name).
class StoragePoolManager
{
public:
    explicit StoragePoolManager(Client client);

    ListJob<StoragePool> *all() const;
    ObjectJob<StoragePool> *get(const QString &name) const;
    ExistsJob *exists(const QString &name) const;

    // POST /1.0/storage-pools with a StoragePoolsPost body (see StoragePool::post()).
    ApiJob *create(const QJsonObject &storagePoolsPost) const;
    ApiJob *create(const QString &name, const QString &driver, const QMap<QString, QString> &config = {},
                   const QString &description = {}) const;
    // PUT of writable() with If-Match (a change made elsewhere meanwhile is a conflict).
    ApiJob *save(const StoragePool &pool) const;
    ApiJob *patch(const QString &name, const QJsonObject &changes, const QByteArray &etag = {}) const;
    ApiJob *remove(const QString &name) const;

    // GET /1.0/storage-pools/<name>/resources: space and inodes used and available.
    ObjectJob<StoragePoolResources> *resources(const QString &name) const;
    // The custom (and other) volumes of pool `name`, in this client's project.
    StorageVolumeManager volumes(const QString &name) const { return StorageVolumeManager(m_client, name); }

    const Client &client() const { return m_client; }
    static QString path(const QString &name);

private:
    Client m_client;
};

} // namespace Lxd
