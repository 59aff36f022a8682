#include "ModelChangeRecorder.h"

#include "models/ResourceTableModel.h"

ModelChangeRecorder::ModelChangeRecorder(QAbstractItemModel *model)
    : insertedSpy(model, &QAbstractItemModel::rowsInserted)
    , removedSpy(model, &QAbstractItemModel::rowsRemoved)
    , changedSpy(model, &QAbstractItemModel::dataChanged)
    , resetSpy(model, &QAbstractItemModel::modelReset)
    , layoutSpy(model, &QAbstractItemModel::layoutChanged)
    , movedSpy(model, &QAbstractItemModel::rowsMoved)
    , m_model(model)
{
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        for (int row = first; row <= last; ++row)
            inserted.append(keyAt(row));
    });
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) {
                for (int row = first; row <= last; ++row)
                    removed.append(keyAt(row));
            });
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
                    changed.append(keyAt(row));
            });
}

QString ModelChangeRecorder::keyAt(int row) const
{
    return m_model->index(row, 0).data(Models::ResourceTableModel::KeyRole).toString();
}

void ModelChangeRecorder::clear()
{
    inserted.clear();
    removed.clear();
    changed.clear();
    insertedSpy.clear();
    removedSpy.clear();
    changedSpy.clear();
    resetSpy.clear();
    layoutSpy.clear();
    movedSpy.clear();
}
