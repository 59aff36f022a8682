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

void StatusIconProxyModel::setMimeProvider(MimeProvider provider, const QStringList &mimeTypes)
{
    m_mimeProvider = std::move(provider);
    m_mimeTypes = mimeTypes;
}

Qt::ItemFlags StatusIconProxyModel::flags(const QModelIndex &index) const
{
    const Qt::ItemFlags flags = QIdentityProxyModel::flags(index);
    return m_mimeProvider && index.isValid() ? flags | Qt::ItemIsDragEnabled : flags;
}

QStringList StatusIconProxyModel::mimeTypes() const
{
    return m_mimeProvider ? m_mimeTypes : QIdentityProxyModel::mimeTypes();
}

QMimeData *StatusIconProxyModel::mimeData(const QModelIndexList &indexes) const
{
    return m_mimeProvider ? m_mimeProvider(indexes) : nullptr;
}

Qt::DropActions StatusIconProxyModel::supportedDragActions() const
{
    return m_mimeProvider ? Qt::CopyAction | Qt::MoveAction : Qt::IgnoreAction;
}
