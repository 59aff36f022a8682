#include "ResourceFilterProxyModel.h"

#include "ResourceTableModel.h"

#include <QDateTime>

namespace Models {

ResourceFilterProxyModel::ResourceFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ResourceTableModel::SortRole);
    setDynamicSortFilter(true);
}

void ResourceFilterProxyModel::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    m_words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

void ResourceFilterProxyModel::setFilter(QStringList *filter, const QStringList &values)
{
    if (*filter == values)
        return;
    *filter = values;
    invalidateFilter();
}

void ResourceFilterProxyModel::setStatusFilter(const QStringList &statuses)
{
    setFilter(&m_statuses, statuses);
}

void ResourceFilterProxyModel::setTypeFilter(const QStringList &types)
{
    setFilter(&m_types, types);
}

void ResourceFilterProxyModel::setLocationFilter(const QStringList &locations)
{
    setFilter(&m_locations, locations);
}

void ResourceFilterProxyModel::setProjectFilter(const QStringList &projects)
{
    setFilter(&m_projects, projects);
}

bool ResourceFilterProxyModel::matches(const QModelIndex &index, int role, const QStringList &allowed) const
{
    if (allowed.isEmpty())
        return true;
    const QString value = index.data(role).toString();
    for (const QString &candidate : allowed) {
        if (value.compare(candidate, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool ResourceFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    const QModelIndex first = source->index(sourceRow, 0, sourceParent);
    if (!matches(first, ResourceTableModel::StatusRole, m_statuses)
        || !matches(first, ResourceTableModel::TypeRole, m_types)
        || !matches(first, ResourceTableModel::LocationRole, m_locations)
        || !matches(first, ResourceTableModel::ProjectRole, m_projects))
        return false;
    if (m_words.isEmpty())
        return true;
    QStringList texts {first.data(ResourceTableModel::KeyRole).toString()};
    const int columns = source->columnCount(sourceParent);
    for (int column = 0; column < columns; ++column)
        texts.append(source->index(sourceRow, column, sourceParent).data().toString());
    for (const QString &word : m_words) {
        const bool found = std::any_of(texts.cbegin(), texts.cend(), [&word](const QString &text) {
            return text.contains(word, Qt::CaseInsensitive);
        });
        if (!found)
            return false;
    }
    return true;
}

bool ResourceFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (a.userType() == QMetaType::QString && b.userType() == QMetaType::QString)
        return naturalCompare(a.toString(), b.toString()) < 0;
    return QSortFilterProxyModel::lessThan(left, right);
}

int ResourceFilterProxyModel::naturalCompare(const QString &a, const QString &b)
{
    // QCollator's numeric mode does nothing in the C locale, which is common on servers and in CI.
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (a.at(i).isDigit() && b.at(j).isDigit()) {
            const qsizetype startA = i;
            const qsizetype startB = j;
            while (i < a.size() && a.at(i).isDigit())
                ++i;
            while (j < b.size() && b.at(j).isDigit())
                ++j;
            // Compare the numbers without leading zeros: longer is larger, then digit by digit.
            QStringView numberA = QStringView(a).mid(startA, i - startA);
            QStringView numberB = QStringView(b).mid(startB, j - startB);
            while (numberA.size() > 1 && numberA.front() == QLatin1Char('0'))
                numberA = numberA.mid(1);
            while (numberB.size() > 1 && numberB.front() == QLatin1Char('0'))
                numberB = numberB.mid(1);
            if (numberA.size() != numberB.size())
                return numberA.size() < numberB.size() ? -1 : 1;
            if (const int order = numberA.compare(numberB); order != 0)
                return order;
            continue;
        }
        const QChar x = a.at(i).toCaseFolded();
        const QChar y = b.at(j).toCaseFolded();
        if (x != y)
            return x < y ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size() || j < b.size())
        return i < a.size() ? 1 : -1;
    return a.compare(b); // equal but for case or leading zeros: still a stable order
}

void ResourceFilterProxyModel::setVisibleRows(int first, int last)
{
    auto *source = qobject_cast<ResourceTableModel *>(sourceModel());
    if (!source)
        return;
    QList<int> rows;
    for (int row = qMax(first, 0); row <= last && row < rowCount(); ++row)
        rows.append(mapToSource(index(row, 0)).row());
    source->setVisibleRows(rows);
}

} // namespace Models
