#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace Models {

// Sorts and filters a ResourceTableModel for a view: free-text search across every column, and filters
// on status, type, location and project (the model's roles of those names). Sorting uses SortRole, so
// numbers, sizes and times sort as such, and names naturally ("c2" before "c10"). Being a proxy, it
// keeps persistent indexes (and so the selection) through every change of the source.
class ResourceFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ResourceFilterProxyModel(QObject *parent = nullptr);

    // Every word of `text` must appear, case-insensitively, in some column of the row (or its key).
    void setSearchText(const QString &text);
    QString searchText() const { return m_searchText; }
    // Rows whose StatusRole (TypeRole, LocationRole, ProjectRole) is one of these, ignoring case; an
    // empty list lets every row through.
    void setStatusFilter(const QStringList &statuses);
    void setTypeFilter(const QStringList &types);
    void setLocationFilter(const QStringList &locations);
    void setProjectFilter(const QStringList &projects);
    QStringList statusFilter() const { return m_statuses; }
    QStringList typeFilter() const { return m_types; }
    QStringList locationFilter() const { return m_locations; }
    QStringList projectFilter() const { return m_projects; }

    // The view shows this proxy's rows first..last: the source model learns which of its rows those are
    // (it polls instance usage for them only).
    void setVisibleRows(int first, int last);

    // Case-insensitive, with runs of digits compared as numbers ("c2" < "c10"), whatever the locale.
    static int naturalCompare(const QString &a, const QString &b);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool matches(const QModelIndex &index, int role, const QStringList &allowed) const;
    void setFilter(QStringList *filter, const QStringList &values);

    QString m_searchText;
    QStringList m_words;
    QStringList m_statuses;
    QStringList m_types;
    QStringList m_locations;
    QStringList m_projects;
};

} // namespace Models
