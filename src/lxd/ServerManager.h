#pragma once

#include "Client.h"
#include "ResourceJobs.h"
#include "Server.h"

namespace Lxd {

// The server's own settings and reports: GET/PUT/PATCH /1.0, /1.0/resources and /1.0/metrics.
class ServerManager
{
public:
    explicit ServerManager(Client client);

    // GET /1.0 with its ETag; also refreshes what the connection knows of the server (extensions, trust).
    ObjectJob<Server> *get() const;
    // PUT of writable() with If-Match: a config change made elsewhere since `server` was read is a conflict.
    ApiJob *save(const Server &server) const;
    // PATCH {"config": changes}: only the given keys change; an empty value unsets a key.
    ApiJob *patchConfig(const QMap<QString, QString> &changes, const QByteArray &etag = {}) const;
    ApiJob *patch(const QJsonObject &changes, const QByteArray &etag = {}) const;

    // GET /1.0/resources: the host's CPUs, memory, GPUs, NICs, disks, USB and PCI devices (raw JSON).
    ApiJob *resources() const;
    // GET /1.0/metrics: Prometheus text (rawBody()), of this client's project or of all with none.
    ApiJob *metrics() const;

    const Client &client() const { return m_client; }

private:
    Client m_client;
};

} // namespace Lxd
