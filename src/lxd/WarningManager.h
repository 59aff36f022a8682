#pragma once

#include "Client.h"
#include "ResourceJobs.h"
#include "Warning.h"

namespace Lxd {

// The daemon's warnings, of one client's project (all of them for a client with no project). Sync.
class WarningManager
{
public:
    explicit WarningManager(Client client);

    ListJob<Warning> *all() const;
    ObjectJob<Warning> *get(const QString &uuid) const;
    ExistsJob *exists(const QString &uuid) const;

    // PATCH {"status": "acknowledged"}: hides it from `lxc warning list` until it happens again.
    ApiJob *acknowledge(const QString &uuid) const { return setStatus(uuid, QStringLiteral("acknowledged")); }
    // PATCH of the status: "new" or "acknowledged".
    ApiJob *setStatus(const QString &uuid, const QString &status) const;
    // PUT of writable().
    ApiJob *save(const Warning &warning) const;
    ApiJob *remove(const QString &uuid) const;

    const Client &client() const { return m_client; }
    static QString path(const QString &uuid);

private:
    Client m_client;
};

} // namespace Lxd
