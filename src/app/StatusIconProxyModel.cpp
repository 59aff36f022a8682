#include "StatusIconProxyModel.h"

#include "Icons.h"
#include "models/ResourceTableModel.h"

using Models::ResourceTableModel;

StatusIconProxyModel::StatusIconProxyModel(QObject *parent)
    : QIdentityProxyModel(parent)
{ }

QVariant StatusIconProxyModel::data(const QModelIndex &index, int role) const
{
    if (index.column() == 0 && role == Qt::DecorationRole) {
        const QString status = index.data(ResourceTableModel::StatusRole).toString();
        if (!status.isEmpty())
            return Icons::status(status);
    }
    if (role == Qt::ToolTipRole) {
        const QString error = index.data(ResourceTableModel::ErrorRole).toString();
        if (!error.isEmpty())
            return tr("Could not refresh this row: %1").arg(error);
    }
    return QIdentityProxyModel::data(index, role);
}
