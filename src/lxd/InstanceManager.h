#pragma once

#include "BulkStateChangeJob.h"
#include "Client.h"
#include "Instance.h"
#include "InstanceBackupManager.h"
#include "InstanceMigrationJob.h"
#include "InstanceState.h"
#include "InstancesPost.h"
#include "ResourceJobs.h"
#include "SnapshotManager.h"

class QIODevice;

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
    // Names only (one request, no details): Summary objects.
    ListJob<Instance> *names() const;
    ObjectJob<Instance> *get(const QString &name) const;
    ExistsJob *exists(const QString &name) const;

    // POST /1.0/instances; the job ends when the instance exists (pylxd's `wait=True`).
    OperationJob *create(const InstancesPost &instancesPost) const;
    // POST /1.0/instances with a body built elsewhere.
    OperationJob *create(const QJsonObject &instancesPost) const;
    // A copy of an instance on the same server (source.type copy), with the source's profiles (a full
    // object, as get() gives it); for a copy of a snapshot see InstancesPost::copyOfSnapshot().
    OperationJob *copy(const Instance &source, const QString &newName, bool instanceOnly = false) const;
    // PUT of writable() with If-Match: a change made elsewhere since `instance` was fetched is a
    // conflict (Error::isConflict()), never silently overwritten.
    OperationJob *save(const Instance &instance) const;
    // PUT of a whole InstancePut body (pylxd's `put`), guarded by the ETag when one is given.
    OperationJob *put(const QString &name, const QJsonObject &instancePut, const QByteArray &etag = {}) const;
    // PATCH of just `changes` (also guarded by the ETag when one is given).
    OperationJob *patch(const QString &name, const QJsonObject &changes, const QByteArray &etag = {}) const;
    OperationJob *rename(const QString &name, const QString &newName) const;
    OperationJob *remove(const QString &name) const;

    // PUT /1.0/instances/<name>/state: action is "start", "stop", "restart", "freeze" or "unfreeze".
    // A timeout of -1 lets the daemon decide; `force` kills instead of a clean shutdown.
    OperationJob *changeState(const QString &name, const QString &action, int timeoutSeconds = -1,
                              bool force = false, bool stateful = false) const;
    // The same with LXD's InstanceStatePut as it is.
    OperationJob *changeState(const QString &name, const QJsonObject &statePut) const;
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
    // Every instance of the project the action applies to: one PUT /1.0/instances where the server
    // has `instance_bulk_state_change`, else one request per instance, in parallel.
    BulkStateChangeJob *changeStateAll(const QString &action, int timeoutSeconds = -1, bool force = false,
                                       bool stateful = false) const;
    // The named instances, one request each, all in flight together.
    BulkStateChangeJob *changeStateMany(const QStringList &names, const QString &action,
                                        int timeoutSeconds = -1, bool force = false,
                                        bool stateful = false) const;
    // GET /1.0/instances/<name>/state: CPU, memory, disk, network, processes.
    ObjectJob<InstanceState> *state(const QString &name) const;

    // The log files of an instance ("lxc.log", "lxc.conf"): read the names with logFileNames().
    ApiJob *logs(const QString &name) const;
    static QStringList logFileNames(const ApiJob *logsJob);
    // One log file: streamed into `sink` when given (not owned, must outlive the job), else in rawBody().
    ApiJob *logFile(const QString &name, const QString &file, QIODevice *sink = nullptr) const;
    ApiJob *deleteLogFile(const QString &name, const QString &file) const;

    // Publishes an instance (or "instance/snapshot") as an image: POST /1.0/images with source type
    // instance (or snapshot). `imagesPost` may add LXD's ImagesPost fields: aliases, properties,
    // compression_algorithm, expires_at. Containers must be stopped. The image's fingerprint is
    // publishedFingerprint() of the finished job.
    OperationJob *publish(const QString &name, bool isPublic = false,
                          const QJsonObject &imagesPost = {}) const;
    static QString publishedFingerprint(const OperationJob *publishJob);

    // Puts the instance back to one of its snapshots (PUT /1.0/instances/<name> with `restore`).
    OperationJob *restoreSnapshot(const QString &name, const QString &snapshot, bool stateful = false) const;
    SnapshotManager snapshots(const QString &name) const { return SnapshotManager(m_client, name); }
    InstanceBackupManager backups(const QString &name) const { return InstanceBackupManager(m_client, name); }

    // A new instance from a backup tarball streamed from `backup` (not owned, open for reading, must
    // outlive the job): POST /1.0/instances as application/octet-stream. `name` overrides the name
    // kept in the backup (extension backup_override_name); `pool` the storage pool.
    OperationJob *createFromBackup(QIODevice *backup, const QString &name = {},
                                   const QString &pool = {}) const;

    // Copies or moves an instance to another client's server (pull mode, see InstanceMigrationJob).
    InstanceMigrationJob *transfer(const QString &name, const Client &target,
                                   const InstanceMigrationJob::Options &options) const;
    InstanceMigrationJob *copyTo(const QString &name, const Client &target, const QString &targetName = {},
                                 bool instanceOnly = false, bool live = false) const;
    // pylxd's `migrate`: a copy, then the source is deleted.
    InstanceMigrationJob *migrateTo(const QString &name, const Client &target, const QString &targetName = {},
                                    bool live = false) const;

    const Client &client() const { return m_client; }
    // "/instances/<name>" with the name percent-encoded.
    static QString path(const QString &name);

private:
    Client m_client;
};

} // namespace Lxd
