#pragma once

#include "InstanceLocation.h"
#include "Transfer.h"
#include "TransferConflict.h"
#include "lxd/FileEntry.h"

#include <QList>
#include <QObject>

namespace Transfers {

// Berth's transfers, in the order they were asked for: a few run at once (maxRunning()), the others
// wait their turn. The queue owns its transfers; finished ones stay listed until removed. A name that
// exists at a destination is asked about through conflictAsked(), which a user interface answers
// with Transfer::answerConflict(); with nobody listening, both are kept (nothing is lost).
class TransferQueue final : public QObject
{
    Q_OBJECT

public:
    explicit TransferQueue(QObject *parent = nullptr);
    ~TransferQueue() override;

    void setMaxRunning(int count);
    int maxRunning() const { return m_maxRunning; }
    // The conflict policy new transfers start with (Ask by default).
    void setDefaultConflictPolicy(ConflictChoice policy) { m_defaultPolicy = policy; }

    // Local files, folders and links into `remoteDirectory` of `target`.
    Transfer *upload(const QStringList &localPaths, const InstanceLocation &target,
                     const QString &remoteDirectory);
    // Entries of `source` (as listed, or just paths: type Unknown) into `localDirectory`.
    Transfer *download(const InstanceLocation &source, const QList<Lxd::FileEntry> &entries,
                       const QString &localDirectory);
    Transfer *download(const InstanceLocation &source, const QStringList &paths,
                       const QString &localDirectory);
    // Entries of `source` into `remoteDirectory` of `target`, streamed from one to the other.
    Transfer *copy(const InstanceLocation &source, const QList<Lxd::FileEntry> &entries,
                   const InstanceLocation &target, const QString &remoteDirectory);
    Transfer *copy(const InstanceLocation &source, const QStringList &paths, const InstanceLocation &target,
                   const QString &remoteDirectory);

    QList<Transfer *> transfers() const { return m_transfers; }
    int count() const { return static_cast<int>(m_transfers.size()); }
    Transfer *at(int index) const { return m_transfers.value(index); }
    int indexOf(const Transfer *transfer) const;
    int runningCount() const;
    bool hasActiveTransfers() const;

    void cancel(Transfer *transfer);
    void cancelAll();
    // Runs a failed or cancelled transfer again, as a new one at the end of the queue would.
    void retry(Transfer *transfer);
    // Only finished transfers can be removed.
    void remove(Transfer *transfer);
    void removeFinished();

Q_SIGNALS:
    void transferAboutToBeAdded(int index);
    void transferAdded(Transfers::Transfer *transfer);
    void transferAboutToBeRemoved(int index);
    void transferRemoved(int index);
    void transferChanged(Transfers::Transfer *transfer);
    void transferFinished(Transfers::Transfer *transfer);
    void conflictAsked(Transfers::Transfer *transfer, const Transfers::TransferConflict &conflict);

private:
    Transfer *add(Transfer::Direction direction, const InstanceLocation &source,
                  const InstanceLocation &target, const QString &destination,
                  const QList<Transfer::Item> &items);
    void schedule();
    static QString nameOf(const QString &path);
    static QList<Transfer::Item> itemsFor(const QList<Lxd::FileEntry> &entries);

    QList<Transfer *> m_transfers;
    QList<Transfer *> m_waiting; // queued, in order
    int m_maxRunning = 2;
    ConflictChoice m_defaultPolicy = ConflictChoice::Ask;
    bool m_scheduling = false;
};

} // namespace Transfers
