#include "NetworkManager.h"

#include "IfMatch.h"

namespace Lxd {

NetworkManager::NetworkManager(Client client)
    : m_client(std::move(client))
{ }

QString NetworkManager::path(const QString &name)
{
    return QStringLiteral("/networks/") + Client::pathSegment(name);
}

ListJob<Network> *NetworkManager::all() const
{
    return m_client.request<ListJob<Network>>(QByteArrayLiteral("GET"),
                                              QStringLiteral("/networks?recursion=1"));
}

ObjectJob<Network> *NetworkManager::get(const QString &name) const
{
    return m_client.request<ObjectJob<Network>>(QByteArrayLiteral("GET"), path(name));
}

ExistsJob *NetworkManager::exists(const QString &name) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), path(name));
}

ApiJob *NetworkManager::create(const QJsonObject &networksPost) const
{
    return m_client.api(QByteArrayLiteral("POST"), QStringLiteral("/networks"), networksPost);
}

ApiJob *NetworkManager::create(const QString &name, const QString &type, const QMap<QString, QString> &config,
                               const QString &description) const
{
    return create(Network::post(name, type, config, description));
}

ApiJob *NetworkManager::save(const Network &network) const
{
    return m_client.send(ifMatchRequest(m_client, QByteArrayLiteral("PUT"), path(network.name()),
                                        network.writable(), network.etag()));
}

ApiJob *NetworkManager::patch(const QString &name, const QJsonObject &changes, const QByteArray &etag) const
{
    return m_client.send(ifMatchRequest(m_client, QByteArrayLiteral("PATCH"), path(name), changes, etag));
}

ApiJob *NetworkManager::rename(const QString &name, const QString &newName) const
{
    return m_client.api(QByteArrayLiteral("POST"), path(name),
                        QJsonObject {{QStringLiteral("name"), newName}});
}

ApiJob *NetworkManager::remove(const QString &name) const
{
    return m_client.api(QByteArrayLiteral("DELETE"), path(name));
}

ObjectJob<NetworkState> *NetworkManager::state(const QString &name) const
{
    return m_client.request<ObjectJob<NetworkState>>(QByteArrayLiteral("GET"),
                                                     path(name) + QStringLiteral("/state"));
}

ListJob<NetworkLease> *NetworkManager::leases(const QString &name) const
{
    return m_client.request<ListJob<NetworkLease>>(QByteArrayLiteral("GET"),
                                                   path(name) + QStringLiteral("/leases"));
}

} // namespace Lxd
