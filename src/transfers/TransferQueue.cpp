#include "TransferQueue.h"

#include <QDir>
#include <QFileInfo>
#include <QMetaMethod>
#include <QMetaObject>

namespace Transfers {

TransferQueue::TransferQueue(QObject *parent)
    : QObject(parent)
{ }

TransferQueue::~TransferQueue()
{
    // Transfers are children: each stops its job and discards what it left half-written.
    m_waiting.clear();
}

void TransferQueue::setMaxRunning(int count)
{
    m_maxRunning = qMax(1, count);
    schedule();
}

QString TransferQueue::nameOf(const QString &path)
{
    QString clean = path;
    while (clean.size() > 1 && clean.endsWith(QLatin1Char('/')))
        clean.chop(1);
    return clean.mid(clean.lastIndexOf(QLatin1Char('/')) + 1);
}

QList<Transfer::Item> TransferQueue::itemsFor(const QList<Lxd::FileEntry> &entries)
{
    QList<Transfer::Item> items;
    for (const Lxd::FileEntry &entry : entries) {
        Transfer::Item item;
        item.source = entry.path;
        item.name = entry.name.isEmpty() ? nameOf(entry.path) : entry.name;
        item.type = entry.type;
        item.size = entry.isDirectory() || entry.type == Lxd::FileEntry::Type::Unknown ? -1
            : entry.isSymlink()                                                        ? 0
                                                                                       : entry.size;
        items.append(item);
    }
    return items;
}

Transfer *TransferQueue::upload(const QStringList &localPaths, const InstanceLocation &target,
                                const QString &remoteDirectory)
{
    QList<Transfer::Item> items;
    for (const QString &path : localPaths) {
        Transfer::Item item;
        item.source = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
        item.name = nameOf(item.source);
        items.append(item);
    }
    return add(Transfer::Direction::Upload, {}, target, remoteDirectory, items);
}

Transfer *TransferQueue::download(const InstanceLocation &source, const QList<Lxd::FileEntry> &entries,
                                  const QString &localDirectory)
{
    return add(Transfer::Direction::Download, source, {}, QDir::cleanPath(localDirectory), itemsFor(entries));
}

Transfer *TransferQueue::download(const InstanceLocation &source, const QStringList &paths,
                                  const QString &localDirectory)
{
    QList<Lxd::FileEntry> entries;
    for (const QString &path : paths) {
        Lxd::FileEntry entry;
        entry.path = path;
        entries.append(entry);
    }
    return download(source, entries, localDirectory);
}

Transfer *TransferQueue::copy(const InstanceLocation &source, const QList<Lxd::FileEntry> &entries,
                              const InstanceLocation &target, const QString &remoteDirectory)
{
    return add(Transfer::Direction::Copy, source, target, remoteDirectory, itemsFor(entries));
}

Transfer *TransferQueue::copy(const InstanceLocation &source, const QStringList &paths,
                              const InstanceLocation &target, const QString &remoteDirectory)
{
    QList<Lxd::FileEntry> entries;
    for (const QString &path : paths) {
        Lxd::FileEntry entry;
        entry.path = path;
        entries.append(entry);
    }
    return copy(source, entries, target, remoteDirectory);
}

Transfer *TransferQueue::add(Transfer::Direction direction, const InstanceLocation &source,
                             const InstanceLocation &target, const QString &destination,
                             const QList<Transfer::Item> &items)
{
    auto *transfer = new Transfer(direction, source, target, destination, items, this);
    transfer->setConflictPolicy(m_defaultPolicy);
    connect(transfer, &Transfer::changed, this, [this, transfer] { Q_EMIT transferChanged(transfer); });
    connect(transfer, &Transfer::finished, this, [this, transfer] {
        Q_EMIT transferFinished(transfer);
        // Later: the transfer may still be inside its own slot.
        QMetaObject::invokeMethod(this, &TransferQueue::schedule, Qt::QueuedConnection);
    });
    connect(transfer, &Transfer::conflictAsked, this, [this, transfer](const TransferConflict &conflict) {
        if (!isSignalConnected(QMetaMethod::fromSignal(&TransferQueue::conflictAsked))) {
            transfer->answerConflict(ConflictChoice::KeepBoth);
            return;
        }
        Q_EMIT conflictAsked(transfer, conflict);
    });
    const int index = count();
    Q_EMIT transferAboutToBeAdded(index);
    m_transfers.append(transfer);
    m_waiting.append(transfer);
    Q_EMIT transferAdded(transfer);
    // From the event loop: the caller connects to the transfer before anything happens.
    QMetaObject::invokeMethod(this, &TransferQueue::schedule, Qt::QueuedConnection);
    return transfer;
}

int TransferQueue::indexOf(const Transfer *transfer) const
{
    for (int i = 0; i < m_transfers.size(); ++i) {
        if (m_transfers.at(i) == transfer)
            return i;
    }
    return -1;
}

int TransferQueue::runningCount() const
{
    int running = 0;
    for (const Transfer *transfer : m_transfers) {
        if (transfer->state() == Transfer::State::Running
            || transfer->state() == Transfer::State::WaitingForAnswer)
            ++running;
    }
    return running;
}

bool TransferQueue::hasActiveTransfers() const
{
    for (const Transfer *transfer : m_transfers) {
        if (!transfer->isFinished())
            return true;
    }
    return false;
}

void TransferQueue::schedule()
{
    if (m_scheduling)
        return;
    m_scheduling = true;
    while (!m_waiting.isEmpty() && runningCount() < m_maxRunning) {
        Transfer *transfer = m_waiting.takeFirst();
        transfer->start();
    }
    m_scheduling = false;
}

void TransferQueue::cancel(Transfer *transfer)
{
    if (!transfer || indexOf(transfer) < 0)
        return;
    m_waiting.removeAll(transfer);
    transfer->cancel();
}

void TransferQueue::cancelAll()
{
    const QList<Transfer *> transfers = m_transfers;
    for (Transfer *transfer : transfers)
        cancel(transfer);
}

void TransferQueue::retry(Transfer *transfer)
{
    if (!transfer || indexOf(transfer) < 0)
        return;
    if (transfer->state() != Transfer::State::Failed && transfer->state() != Transfer::State::Cancelled)
        return;
    transfer->prepareRetry();
    m_waiting.append(transfer);
    QMetaObject::invokeMethod(this, &TransferQueue::schedule, Qt::QueuedConnection);
}

void TransferQueue::remove(Transfer *transfer)
{
    const int index = indexOf(transfer);
    if (index < 0 || !transfer->isFinished())
        return;
    Q_EMIT transferAboutToBeRemoved(index);
    m_transfers.removeAt(index);
    m_waiting.removeAll(transfer);
    Q_EMIT transferRemoved(index);
    transfer->disconnect(this);
    transfer->deleteLater();
}

void TransferQueue::removeFinished()
{
    for (int i = count() - 1; i >= 0; --i) {
        if (m_transfers.at(i)->isFinished())
            remove(m_transfers.at(i));
    }
}

} // namespace Transfers
