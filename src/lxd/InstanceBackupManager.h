#pragma once

#include "Client.h"
#include "InstanceBackup.h"
#include "ResourceJobs.h"

class QIODevice;

namespace Lxd {

// The backups of one instance kept by the server (LXD's /1.0/instances/<name>/backups). Every call
// starts a job and returns it. A backup is brought back with InstanceManager::createFromBackup().
class InstanceBackupManager
{
public:
    InstanceBackupManager(Client client, QString instance);

    const QString &instance() const { return m_instance; }

    ListJob<InstanceBackup> *all(bool full = true) const;
    ObjectJob<InstanceBackup> *get(const QString &name) const;
    ExistsJob *exists(const QString &name) const;

    // An empty `name` lets the daemon choose one ("backup0"); a null `expiresAt` keeps it until deleted.
    // `instanceOnly` leaves the snapshots out; `optimizedStorage` stores the storage driver's own
    // format (faster, but only importable into a pool of the same driver); `compressionAlgorithm`
    // ("gzip", "xz", "none"…) overrides the server's backups.compression_algorithm.
    OperationJob *create(const QString &name = {}, const QDateTime &expiresAt = {}, bool instanceOnly = false,
                         bool optimizedStorage = false, const QString &compressionAlgorithm = {}) const;
    OperationJob *rename(const QString &name, const QString &newName) const;
    OperationJob *remove(const QString &name) const;
    // Streams the backup's tarball into `sink` (not owned, open for writing, must outlive the job),
    // never holding it in memory; Job::progress reports bytes received and the total when known.
    ApiJob *exportTo(const QString &name, QIODevice *sink) const;

    // "/instances/<instance>/backups/<name>", percent-encoded.
    static QString path(const QString &instance, const QString &name);

private:
    Client m_client;
    QString m_instance;
};

} // namespace Lxd
