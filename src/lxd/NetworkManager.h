#pragma once

#include "Client.h"
#include "Network.h"
#include "NetworkLease.h"
#include "NetworkState.h"
#include "ResourceJobs.h"

namespace Lxd {

// Networks of one client's project (pylxd's `client.networks`). All of LXD's network endpoints answer
// synchronously. Never give a test bridge an address: `ipv4.address`/`ipv6.address` "none".
class NetworkManager
{
public:
    explicit NetworkManager(Client client);

    ListJob<Network> *all() const;
    ObjectJob<Network> *get(const QString &name) const;
    ExistsJob *exists(const QString &name) const;

    // POST /1.0/networks with a NetworksPost body (see Network::post()).
    ApiJob *create(const QJsonObject &networksPost) const;
    ApiJob *create(const QString &name, const QString &type, const QMap<QString, QString> &config = {},
                   const QString &description = {}) const;
    // PUT of writable() with If-Match (a change made elsewhere meanwhile is a conflict).
    ApiJob *save(const Network &network) const;
    ApiJob *patch(const QString &name, const QJsonObject &changes, const QByteArray &etag = {}) const;
    ApiJob *rename(const QString &name, const QString &newName) const;
    ApiJob *remove(const QString &name) const;

    // GET /1.0/networks/<name>/state: addresses, counters, MTU, up or down.
    ObjectJob<NetworkState> *state(const QString &name) const;
    // GET /1.0/networks/<name>/leases (managed networks only).
    ListJob<NetworkLease> *leases(const QString &name) const;

    const Client &client() const { return m_client; }
    static QString path(const QString &name);

private:
    Client m_client;
};

} // namespace Lxd
