#pragma once

#include <QAbstractItemModel>
#include <QSignalSpy>
#include <QStringList>

// Tests only: what a model announced, by key (ResourceTableModel::KeyRole), so that a test sharing a
// daemon with other work can check its own objects' rows precisely: which keys were inserted, removed
// or changed, and that nothing was reset. The QSignalSpys count everything.
class ModelChangeRecorder final : public QObject
{
    Q_OBJECT

public:
    explicit ModelChangeRecorder(QAbstractItemModel *model);

    QStringList inserted; // keys, in order
    QStringList removed;
    QStringList changed; // one entry per dataChanged, per row in its range

    QSignalSpy insertedSpy;
    QSignalSpy removedSpy;
    QSignalSpy changedSpy;
    QSignalSpy resetSpy;
    QSignalSpy layoutSpy;
    QSignalSpy movedSpy;

    int count(const QStringList &list, const QString &key) const { return int(list.count(key)); }
    // No reset, layout change or move: views keep their selection.
    bool nothingReset() const { return resetSpy.isEmpty() && layoutSpy.isEmpty() && movedSpy.isEmpty(); }
    void clear();

private:
    QString keyAt(int row) const;

    QAbstractItemModel *m_model;
};
