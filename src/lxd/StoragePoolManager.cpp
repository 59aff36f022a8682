#include "StoragePoolManager.h"

#include "IfMatch.h"

namespace Lxd {

StoragePoolManager::StoragePoolManager(Client client)
    : m_client(std::move(client))
{ }

QString StoragePoolManager::path(const QString &name)
{
    return QStringLiteral("/storage-pools/") + Client::pathSegment(name);
}

ListJob<StoragePool> *StoragePoolManager::all() const
{
    return m_client.request<ListJob<StoragePool>>(QByteArrayLiteral("GET"),
                                                  QStringLiteral("/storage-pools?recursion=1"));
}

ObjectJob<StoragePool> *StoragePoolManager::get(const QString &name) const
{
    return m_client.request<ObjectJob<StoragePool>>(QByteArrayLiteral("GET"), path(name));
}

ExistsJob *StoragePoolManager::exists(const QString &name) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), path(name));
}

ApiJob *StoragePoolManager::create(const QJsonObject &storagePoolsPost) const
{
    return m_client.api(QByteArrayLiteral("POST"), QStringLiteral("/storage-pools"), storagePoolsPost);
}

ApiJob *StoragePoolManager::create(const QString &name, const QString &driver,
                                   const QMap<QString, QString> &config, const QString &description) const
{
    return create(StoragePool::post(name, driver, config, description));
}

ApiJob *StoragePoolManager::save(const StoragePool &pool) const
{
    return m_client.send(
        ifMatchRequest(m_client, QByteArrayLiteral("PUT"), path(pool.name()), pool.writable(), pool.etag()));
}

ApiJob *StoragePoolManager::patch(const QString &name, const QJsonObject &changes,
                                  const QByteArray &etag) const
{
    return m_client.send(ifMatchRequest(m_client, QByteArrayLiteral("PATCH"), path(name), changes, etag));
}

ApiJob *StoragePoolManager::remove(const QString &name) const
{
    return m_client.api(QByteArrayLiteral("DELETE"), path(name));
}

ObjectJob<StoragePoolResources> *StoragePoolManager::resources(const QString &name) const
{
    return m_client.request<ObjectJob<StoragePoolResources>>(QByteArrayLiteral("GET"),
                                                             path(name) + QStringLiteral("/resources"));
}

} // namespace Lxd
