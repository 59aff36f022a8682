#pragma once

#include "Client.h"
#include "ResourceJobs.h"
#include "Snapshot.h"

namespace Lxd {

// The snapshots of one instance (pylxd's `instance.snapshots`), keyed by their own names. Every call
// starts a job and returns it.
class SnapshotManager
{
public:
    SnapshotManager(Client client, QString instance);

    const QString &instance() const { return m_instance; }

    // One request: with `full` every snapshot in detail (recursion=1), else names only.
    ListJob<Snapshot> *all(bool full = true) const;
    ObjectJob<Snapshot> *get(const QString &name) const;
    ExistsJob *exists(const QString &name) const;

    // A stateful snapshot also saves the running state (needs CRIU on the server). A null
    // `expiresAt` leaves the expiry to the instance's `snapshots.expiry`.
    OperationJob *create(const QString &name, bool stateful = false, const QDateTime &expiresAt = {}) const;
    OperationJob *rename(const QString &name, const QString &newName) const;
    OperationJob *remove(const QString &name) const;
    // PUT of writable() (the expiry) with If-Match.
    OperationJob *save(const Snapshot &snapshot) const;
    // Puts the instance back to this snapshot (PUT /1.0/instances/<instance> with `restore`).
    OperationJob *restore(const QString &name, bool stateful = false) const;
    // Publishes the snapshot as an image; see InstanceManager::publish().
    OperationJob *publish(const QString &name, bool isPublic = false,
                          const QJsonObject &imagesPost = {}) const;

    // "/instances/<instance>/snapshots/<name>", percent-encoded.
    static QString path(const QString &instance, const QString &name);

private:
    Client m_client;
    QString m_instance;
};

} // namespace Lxd
