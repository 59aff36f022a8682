#pragma once

#include <QAbstractTableModel>
#include <QPointer>

namespace Transfers {

class Transfer;
class TransferQueue;

// The transfer queue as a table for the transfer panel: one row per transfer, in the queue's order.
// It only reads the transfers' state (which they keep in memory); progress comes throttled by the
// transfers themselves, so a busy transfer repaints its row about ten times a second at most.
class TransferQueueModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TitleColumn, ProgressColumn, SpeedColumn, TimeLeftColumn, StatusColumn, ColumnCount };
    enum Role {
        PercentRole = Qt::UserRole + 1, // int 0–100, -1 when the total is not known yet
        StateRole, // Transfer::State as int
        BytesDoneRole,
        BytesTotalRole,
        SpeedRole, // bytes per second (double)
        SecondsLeftRole, // -1 when unknown
        TransferRole, // Transfer * as QObject *
    };

    explicit TransferQueueModel(TransferQueue *queue, QObject *parent = nullptr);

    TransferQueue *queue() const { return m_queue; }
    Transfer *transferAt(const QModelIndex &index) const;
    QModelIndex indexOf(const Transfer *transfer, int column = TitleColumn) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "1.5 GiB", "812 KiB", "17 bytes"
    static QString sizeText(qint64 bytes);
    // "25.3 MiB/s"
    static QString speedText(double bytesPerSecond);
    // "4 s", "2 min 05 s", "1 h 20 min"
    static QString durationText(qint64 seconds);

private:
    QString progressText(const Transfer *transfer) const;

    QPointer<TransferQueue> m_queue;
};

} // namespace Transfers
