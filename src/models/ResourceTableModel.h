#pragma once

#include "ResourceCache.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <functional>

namespace Models {

// A table of one kind of object, row for row the cache's entries. It does no I/O: data() reads memory,
// and the cache's signals become beginInsertRows/dataChanged/beginRemoveRows (never a reset, so views
// keep their selection). Subclasses say which columns there are.
class ResourceTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        KeyRole = Qt::UserRole + 1, // name (fingerprint for images)
        ProjectRole,
        ObjectRole, // the whole object as a QJsonObject
        StatusRole, // "Running", "Created", … where the kind has one
        LoadingRole, // bool: this row is being fetched
        ErrorRole, // QString: why the last fetch of this row failed
        SortRole, // a value that sorts naturally (numbers as numbers, times as times)
    };
    Q_ENUM(Role)

    struct Column
    {
        QString title;
        std::function<QVariant(const ResourceCache::Entry &)> display;
        // Optional; defaults to the displayed value.
        std::function<QVariant(const ResourceCache::Entry &)> sortValue = {};
    };

    explicit ResourceTableModel(ResourceCache *cache, QObject *parent = nullptr);

    ResourceCache *cache() const { return m_cache; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The row of an object, or -1.
    int rowOf(const QString &project, const QString &key) const { return m_cache->indexOf(project, key); }

protected:
    void setColumns(QList<Column> columns);

private:
    QPointer<ResourceCache> m_cache;
    QList<Column> m_columns;
};

} // namespace Models
