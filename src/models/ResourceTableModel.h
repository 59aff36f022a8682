#pragma once

#include "ResourceStore.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <functional>

namespace Models {

// A table of one kind of object, row for row the store's entries. It does no I/O: data() reads memory,
// and the store's signals become beginInsertRows/dataChanged/beginRemoveRows (never a reset, so views
// keep their selection). Subclasses say which columns there are and what status, type and location
// mean for their kind (the filter proxy filters on those roles).
class ResourceTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        KeyRole = Qt::UserRole + 1, // QString: name (fingerprint, "type/name", id… by kind)
        ProjectRole, // QString: the object's project; empty for server-wide objects
        ObjectRole, // QJsonObject: the whole object
        StatusRole, // QString: "Running", "Created", "Success"…, empty where the kind has none
        LoadingRole, // bool: this row is being fetched
        ErrorRole, // QString: why the last fetch of this row failed, empty if it did not
        SortRole, // a value that sorts naturally (numbers as numbers, times as times)
        TypeRole, // QString: the kind's own type ("container", "bridge", "custom", "task"…)
        LocationRole, // QString: cluster member, empty when not clustered
        StateRole, // QJsonObject: instances' live state, empty otherwise
    };
    Q_ENUM(Role)

    using Value = std::function<QVariant(const ResourceStore::Entry &)>;
    struct Column
    {
        QString title;
        Value display;
        // Optional; defaults to the displayed value.
        Value sortValue = {};
    };

    explicit ResourceTableModel(ResourceStore *store, QObject *parent = nullptr);

    ResourceStore *store() const { return m_store; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The row of an object, or -1.
    int rowOf(const QString &project, const QString &key) const;

    // The rows a view shows; the store polls what LXD sends no events for (instance usage) for these only.
    void setVisibleRows(int first, int last);
    void setVisibleRows(const QList<int> &rows);

    // A string field of an object, "" when absent; `path` may go down objects: "config/ipv4.address".
    static QString field(const ResourceStore::Entry &entry, const QString &path);
    static QVariant timeValue(const QString &iso); // QDateTime, invalid for LXD's "zero" times
    static QString timeText(const QString &iso);

protected:
    // Common columns: a string field ("config/source"), a time ("created_at", sorted as a time), the
    // length of an array ("used_by", sorted as a number), a yes/no field, a size in bytes.
    static Column textColumn(const QString &title, const QString &path);
    static Column timeColumn(const QString &title, const QString &path);
    static Column countColumn(const QString &title, const QString &path);
    static Column boolColumn(const QString &title, const QString &path);
    static Column sizeColumn(const QString &title, const QString &path);

    void setColumns(QList<Column> columns);
    // By default status, type and location are the object's "status", "type" and "location" fields.
    void setStatusValue(Value value) { m_status = std::move(value); }
    void setTypeValue(Value value) { m_type = std::move(value); }
    void setLocationValue(Value value) { m_location = std::move(value); }

private:
    QPointer<ResourceStore> m_store;
    QList<Column> m_columns;
    Value m_status;
    Value m_type;
    Value m_location;
};

} // namespace Models
