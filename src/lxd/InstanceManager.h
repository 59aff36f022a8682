#pragma once

#include "Client.h"
#include "Instance.h"
#include "ResourceJobs.h"

namespace Lxd {

// Instances of one client's project (pylxd's `client.instances`). Every call starts a job and returns
// it; connect to Job::finished with a context object and read the typed result there.
class InstanceManager
{
public:
    explicit InstanceManager(Client client);

    // One request for all of them, never one per instance: recursion=1 (no state, fast), or with
    // `withState` recursion=2 (the daemon computes state for each, slow with many instances).
    ListJob<Instance> *all(bool withState = false) const;
    // Every project at once (all-projects=true).
    ListJob<Instance> *allProjects(bool withState = false) const;
    ObjectJob<Instance> *get(const QString &name) const;
    ExistsJob *exists(const QString &name) const;

    // POST /1.0/instances with LXD's InstancesPost body (see InstancesPost for builders).
    OperationJob *create(const QJsonObject &instancesPost) const;
    // PUT of writable() with If-Match: a change made elsewhere since `instance` was fetched is a
    // conflict (Error::isConflict()), never silently overwritten.
    OperationJob *save(const Instance &instance) const;
    // PATCH of just `changes` (also guarded by the ETag when one is given).
    OperationJob *patch(const QString &name, const QJsonObject &changes, const QByteArray &etag = {}) const;
    OperationJob *rename(const QString &name, const QString &newName) const;
    OperationJob *remove(const QString &name) const;

    // PUT /1.0/instances/<name>/state: action is "start", "stop", "restart", "freeze" or "unfreeze".
    // A timeout of -1 lets the daemon decide; `force` kills instead of a clean shutdown.
    OperationJob *changeState(const QString &name, const QString &action, int timeoutSeconds = -1,
                              bool force = false, bool stateful = false) const;
    OperationJob *start(const QString &name) const { return changeState(name, QStringLiteral("start")); }
    OperationJob *stop(const QString &name, bool force = false, int timeoutSeconds = -1) const
    {
        return changeState(name, QStringLiteral("stop"), timeoutSeconds, force);
    }
    OperationJob *restart(const QString &name, bool force = false, int timeoutSeconds = -1) const
    {
        return changeState(name, QStringLiteral("restart"), timeoutSeconds, force);
    }
    OperationJob *freeze(const QString &name) const { return changeState(name, QStringLiteral("freeze")); }
    OperationJob *unfreeze(const QString &name) const
    {
        return changeState(name, QStringLiteral("unfreeze"));
    }
    // GET /1.0/instances/<name>/state: CPU, memory, disk, network, processes.
    ApiJob *state(const QString &name) const;

    const Client &client() const { return m_client; }
    // "/instances/<name>" with the name percent-encoded.
    static QString path(const QString &name);

private:
    Client m_client;
};

} // namespace Lxd
