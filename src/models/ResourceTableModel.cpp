#include "ResourceTableModel.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>

namespace Models {

ResourceTableModel::ResourceTableModel(ResourceStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    connect(store, &ResourceStore::rowsAboutToBeInserted, this,
            [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(store, &ResourceStore::rowsInserted, this, [this] { endInsertRows(); });
    connect(store, &ResourceStore::rowAboutToBeRemoved, this,
            [this](int row) { beginRemoveRows({}, row, row); });
    connect(store, &ResourceStore::rowRemoved, this, [this](int) { endRemoveRows(); });
    connect(store, &ResourceStore::rowChanged, this,
            [this](int row) { Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1)); });
    m_status = [](const ResourceStore::Entry &entry) {
        return QVariant(field(entry, QStringLiteral("status")));
    };
    m_type = [](const ResourceStore::Entry &entry) {
        return QVariant(field(entry, QStringLiteral("type")));
    };
    m_location = [](const ResourceStore::Entry &entry) {
        const QString location = field(entry, QStringLiteral("location"));
        return QVariant(location == QLatin1String("none") ? QString() : location);
    };
}

void ResourceTableModel::setColumns(QList<Column> columns)
{
    beginResetModel(); // only ever during construction, before any view is attached
    m_columns = std::move(columns);
    endResetModel();
}

int ResourceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_store ? 0 : m_store->count();
}

int ResourceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

int ResourceTableModel::rowOf(const QString &project, const QString &key) const
{
    return m_store ? m_store->indexOf(project, key) : -1;
}

void ResourceTableModel::setVisibleRows(int first, int last)
{
    if (m_store)
        m_store->setVisibleRows(first, last);
}

void ResourceTableModel::setVisibleRows(const QList<int> &rows)
{
    if (m_store)
        m_store->setVisibleRows(rows);
}

QVariant ResourceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_store)
        return {};
    const ResourceStore::Entry &entry = m_store->at(index.row());
    const Column &column = m_columns.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return column.display(entry);
    case Qt::ToolTipRole:
        return entry.error ? entry.error.userMessage() : QVariant();
    case KeyRole:
        return entry.key;
    case ProjectRole:
        // Server-wide objects may still belong to a project (a warning's "project").
        return entry.project.isEmpty() ? field(entry, QStringLiteral("project")) : entry.project;
    case ObjectRole:
        return entry.object;
    case StatusRole:
        return m_status(entry);
    case LoadingRole:
        return entry.loading;
    case ErrorRole:
        return entry.error ? entry.error.userMessage() : QString();
    case SortRole:
        return column.sortValue ? column.sortValue(entry) : column.display(entry);
    case TypeRole:
        return m_type(entry);
    case LocationRole:
        return m_location(entry);
    case StateRole:
        return entry.state;
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
    names.insert(TypeRole, "type");
    names.insert(LocationRole, "location");
    names.insert(StateRole, "state");
    return names;
}

QString ResourceTableModel::field(const ResourceStore::Entry &entry, const QString &path)
{
    // Config keys contain dots ("ipv4.address"), so only '/' goes down a level. Views ask for a field
    // of every row on each sort and filter: a plain field takes no list of parts.
    QJsonValue value;
    if (!path.contains(QLatin1Char('/'))) {
        value = entry.object.value(path);
    } else {
        const QStringList parts = path.split(QLatin1Char('/'));
        QJsonObject object = entry.object;
        for (int i = 0; i < parts.size() - 1; ++i)
            object = object.value(parts.at(i)).toObject();
        value = object.value(parts.constLast());
    }
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble());
    return value.toString();
}

QVariant ResourceTableModel::timeValue(const QString &iso)
{
    const QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    // LXD writes "never" as the zero time of Go ("0001-01-01T00:00:00Z") or of Unix.
    if (!time.isValid() || time.date().year() <= 1970)
        return QDateTime();
    return time;
}

QString ResourceTableModel::timeText(const QString &iso)
{
    const QDateTime time = timeValue(iso).toDateTime();
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

ResourceTableModel::Column ResourceTableModel::textColumn(const QString &title, const QString &path)
{
    return {title, [path](const ResourceStore::Entry &entry) {
                return QVariant(field(entry, path));
            }};
}

ResourceTableModel::Column ResourceTableModel::timeColumn(const QString &title, const QString &path)
{
    return {title,
            [path](const ResourceStore::Entry &entry) { return QVariant(timeText(field(entry, path))); },
            [path](const ResourceStore::Entry &entry) {
                return timeValue(field(entry, path));
            }};
}

ResourceTableModel::Column ResourceTableModel::countColumn(const QString &title, const QString &path)
{
    const auto count = [path](const ResourceStore::Entry &entry) {
        return int(entry.object.value(path).toArray().size());
    };
    return {title,
            [count](const ResourceStore::Entry &entry) { return QVariant(QString::number(count(entry))); },
            [count](const ResourceStore::Entry &entry) {
                return QVariant(count(entry));
            }};
}

ResourceTableModel::Column ResourceTableModel::boolColumn(const QString &title, const QString &path)
{
    return {title, [path](const ResourceStore::Entry &entry) {
                return QVariant(entry.object.value(path).toBool() ? tr("Yes") : tr("No"));
            }};
}

ResourceTableModel::Column ResourceTableModel::sizeColumn(const QString &title, const QString &path)
{
    const auto bytes = [path](const ResourceStore::Entry &entry) {
        return qint64(entry.object.value(path).toDouble());
    };
    return {title,
            [bytes](const ResourceStore::Entry &entry) {
                return QVariant(bytes(entry) > 0 ? QLocale().formattedDataSize(bytes(entry)) : QString());
            },
            [bytes](const ResourceStore::Entry &entry) {
                return QVariant(bytes(entry));
            }};
}

} // namespace Models
