#include "TransferQueueModel.h"

#include "Transfer.h"
#include "TransferQueue.h"

namespace Transfers {

TransferQueueModel::TransferQueueModel(TransferQueue *queue, QObject *parent)
    : QAbstractTableModel(parent)
    , m_queue(queue)
{
    connect(queue, &TransferQueue::transferAboutToBeAdded, this,
            [this](int index) { beginInsertRows({}, index, index); });
    connect(queue, &TransferQueue::transferAdded, this, [this] { endInsertRows(); });
    connect(queue, &TransferQueue::transferAboutToBeRemoved, this,
            [this](int index) { beginRemoveRows({}, index, index); });
    connect(queue, &TransferQueue::transferRemoved, this, [this] { endRemoveRows(); });
    connect(queue, &TransferQueue::transferChanged, this, [this](Transfer *transfer) {
        const int row = m_queue->indexOf(transfer);
        if (row >= 0)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    });
    connect(queue, &QObject::destroyed, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

Transfer *TransferQueueModel::transferAt(const QModelIndex &index) const
{
    if (!m_queue || !index.isValid() || index.parent().isValid())
        return nullptr;
    return m_queue->at(index.row());
}

QModelIndex TransferQueueModel::indexOf(const Transfer *transfer, int column) const
{
    const int row = m_queue ? m_queue->indexOf(transfer) : -1;
    return row < 0 ? QModelIndex() : index(row, column);
}

int TransferQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_queue ? 0 : m_queue->count();
}

int TransferQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TransferQueueModel::sizeText(qint64 bytes)
{
    if (bytes < 0)
        return tr("unknown size");
    if (bytes < 1024)
        return tr("%n byte(s)", nullptr, static_cast<int>(bytes));
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = double(bytes);
    int unit = -1;
    while (value >= 1024 && unit < 3) {
        value /= 1024;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', value < 10 ? 1 : 0).arg(QLatin1String(units[unit]));
}

QString TransferQueueModel::speedText(double bytesPerSecond)
{
    if (bytesPerSecond <= 0)
        return QString();
    return tr("%1/s").arg(sizeText(static_cast<qint64>(bytesPerSecond)));
}

QString TransferQueueModel::durationText(qint64 seconds)
{
    if (seconds < 0)
        return QString();
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString TransferQueueModel::progressText(const Transfer *transfer) const
{
    const qint64 total = transfer->bytesTotal();
    const QString done = sizeText(transfer->bytesDone());
    if (total < 0)
        return tr("%1 so far").arg(done);
    return tr("%1 of %2").arg(done, sizeText(total));
}

QVariant TransferQueueModel::data(const QModelIndex &index, int role) const
{
    const Transfer *transfer = transferAt(index);
    if (!transfer || index.column() >= ColumnCount)
        return {};
    const bool running = transfer->state() == Transfer::State::Running;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return transfer->title();
        case ProgressColumn:
            return progressText(transfer);
        case SpeedColumn:
            return running ? speedText(transfer->bytesPerSecond()) : QString();
        case TimeLeftColumn:
            return durationText(transfer->secondsLeft());
        case StatusColumn:
            return transfer->stateText();
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = transfer->route();
        const QStringList issues = transfer->issues();
        if (!issues.isEmpty())
            tip += QLatin1Char('\n') + issues.mid(0, 10).join(QLatin1Char('\n'));
        if (issues.size() > 10)
            tip += QLatin1Char('\n') + tr("… and %n more", nullptr, int(issues.size() - 10));
        return tip;
    }
    case PercentRole:
        return transfer->percent();
    case StateRole:
        return static_cast<int>(transfer->state());
    case BytesDoneRole:
        return transfer->bytesDone();
    case BytesTotalRole:
        return transfer->bytesTotal();
    case SpeedRole:
        return transfer->bytesPerSecond();
    case SecondsLeftRole:
        return transfer->secondsLeft();
    case TransferRole:
        return QVariant::fromValue(static_cast<QObject *>(const_cast<Transfer *>(transfer)));
    default:
        return {};
    }
}

QVariant TransferQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Transfer");
    case ProgressColumn:
        return tr("Progress");
    case SpeedColumn:
        return tr("Speed");
    case TimeLeftColumn:
        return tr("Time left");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

} // namespace Transfers
