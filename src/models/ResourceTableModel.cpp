#include "ResourceTableModel.h"

namespace Models {

ResourceTableModel::ResourceTableModel(ResourceCache *cache, QObject *parent)
    : QAbstractTableModel(parent)
    , m_cache(cache)
{
    connect(cache, &ResourceCache::rowAboutToBeInserted, this,
            [this](int row) { beginInsertRows({}, row, row); });
    connect(cache, &ResourceCache::rowInserted, this, [this](int) { endInsertRows(); });
    connect(cache, &ResourceCache::rowAboutToBeRemoved, this,
            [this](int row) { beginRemoveRows({}, row, row); });
    connect(cache, &ResourceCache::rowRemoved, this, [this](int) { endRemoveRows(); });
    connect(cache, &ResourceCache::rowChanged, this,
            [this](int row) { Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1)); });
}

void ResourceTableModel::setColumns(QList<Column> columns)
{
    beginResetModel(); // only ever during construction, before any view is attached
    m_columns = std::move(columns);
    endResetModel();
}

int ResourceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_cache ? 0 : m_cache->count();
}

int ResourceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant ResourceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_cache)
        return {};
    const ResourceCache::Entry &entry = m_cache->at(index.row());
    const Column &column = m_columns.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return column.display(entry);
    case Qt::ToolTipRole:
        return entry.error ? entry.error.userMessage() : QVariant();
    case KeyRole:
        return entry.key;
    case ProjectRole:
        return entry.project;
    case ObjectRole:
        return entry.object;
    case StatusRole:
        return entry.object.value(QLatin1String("status")).toString();
    case LoadingRole:
        return entry.loading;
    case ErrorRole:
        return entry.error ? entry.error.userMessage() : QString();
    case SortRole:
        return column.sortValue ? column.sortValue(entry) : column.display(entry);
    default:
        return {};
    }
}

QVariant ResourceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= m_columns.size())
        return {};
    return m_columns.at(section).title;
}

QHash<int, QByteArray> ResourceTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(KeyRole, "key");
    names.insert(ProjectRole, "project");
    names.insert(ObjectRole, "object");
    names.insert(StatusRole, "status");
    names.insert(LoadingRole, "loading");
    names.insert(ErrorRole, "error");
    names.insert(SortRole, "sort");
    return names;
}

} // namespace Models
