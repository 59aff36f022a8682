#include "InstanceFolderListModel.h"

#include "InstanceFolderCache.h"

#include <QLocale>

namespace Models {

using Lxd::FileEntry;

InstanceFolderListModel::InstanceFolderListModel(InstanceFolderCache *cache, QObject *parent)
    : QAbstractTableModel(parent)
    , m_cache(cache)
{
    auto onFolder = [this](const QString &folder) {
        if (folder == m_folder)
            sync();
    };
    connect(cache, &InstanceFolderCache::folderLoaded, this, onFolder);
    connect(cache, &InstanceFolderCache::folderFailed, this, onFolder);
}

void InstanceFolderListModel::setFolder(const QString &folder)
{
    const QString clean = InstanceFolderCache::normalized(folder);
    if (clean != m_folder) {
        m_folder = clean;
        beginResetModel();
        m_entries = m_cache ? m_cache->entries(m_folder) : QList<FileEntry>();
        endResetModel();
    }
    if (m_cache)
        m_cache->load(m_folder);
}

FileEntry InstanceFolderListModel::entryAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= m_entries.size())
        return {};
    return m_entries.at(index.row());
}

QModelIndex InstanceFolderListModel::indexOfName(const QString &name, int column) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).name == name)
            return index(row, column);
    }
    return {};
}

int InstanceFolderListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int InstanceFolderListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString InstanceFolderListModel::permissionsText(int mode)
{
    if (mode < 0)
        return QString();
    QString text;
    const char letters[] = "rwx";
    for (int shift = 6; shift >= 0; shift -= 3) {
        for (int bit = 0; bit < 3; ++bit)
            text += (mode >> (shift + 2 - bit)) & 1 ? QLatin1Char(letters[bit]) : QLatin1Char('-');
    }
    auto special = [&text](int position, bool on, QChar set, QChar setWithoutExecute) {
        if (!on)
            return;
        text[position] = text.at(position) == QLatin1Char('x') ? set : setWithoutExecute;
    };
    special(2, mode & 04000, QLatin1Char('s'), QLatin1Char('S'));
    special(5, mode & 02000, QLatin1Char('s'), QLatin1Char('S'));
    special(8, mode & 01000, QLatin1Char('t'), QLatin1Char('T'));
    return text;
}

QString InstanceFolderListModel::sizeText(qint64 bytes)
{
    if (bytes < 0)
        return QString();
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QVariant InstanceFolderListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const FileEntry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return entry.name;
        case SizeColumn:
            return entry.isFile() ? sizeText(entry.size) : QString();
        case TypeColumn:
            switch (entry.type) {
            case FileEntry::Type::File:
                return tr("File");
            case FileEntry::Type::Directory:
                return tr("Folder");
            case FileEntry::Type::Symlink:
                return tr("Link");
            case FileEntry::Type::Unknown:
                return tr("Unknown");
            }
            return {};
        case ModeColumn:
            return entry.mode < 0
                ? QString()
                : QStringLiteral("%1  %2").arg(permissionsText(entry.mode),
                                               QString::fromLatin1(FileEntry::formatMode(entry.mode)));
        case OwnerColumn:
            if (entry.uid < 0)
                return QString();
            return entry.uid == 0 && entry.gid == 0 ? tr("root")
                                                    : QStringLiteral("%1:%2").arg(entry.uid).arg(entry.gid);
        case ModifiedColumn:
            return entry.modified.isValid()
                ? QLocale().toString(entry.modified.toLocalTime(), QLocale::ShortFormat)
                : QString();
        case TargetColumn:
            return entry.symlinkTarget;
        }
        return {};
    case Qt::ToolTipRole:
        return entry.isSymlink() ? tr("%1 → %2").arg(entry.path, entry.symlinkTarget) : entry.path;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PathRole:
        return entry.path;
    case EntryTypeRole:
        return static_cast<int>(entry.type);
    case IsFolderRole:
        return entry.isDirectory();
    case SortRole: {
        // Folders before everything else, whichever column sorts.
        const QString group = entry.isDirectory() ? QStringLiteral("0") : QStringLiteral("1");
        switch (index.column()) {
        case SizeColumn:
            return group + QStringLiteral("%1").arg(qMax<qint64>(0, entry.size), 20, 10, QLatin1Char('0'));
        case ModifiedColumn:
            return group + entry.modified.toUTC().toString(Qt::ISODateWithMs);
        case NameColumn:
            return group + entry.name.toLower() + QLatin1Char('/') + entry.name;
        default:
            return group + data(index, Qt::DisplayRole).toString();
        }
    }
    default:
        return {};
    }
}

QVariant InstanceFolderListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case TypeColumn:
        return tr("Type");
    case ModeColumn:
        return tr("Mode");
    case OwnerColumn:
        return tr("Owner");
    case ModifiedColumn:
        return tr("Modified");
    case TargetColumn:
        return tr("Link target");
    }
    return {};
}

Qt::ItemFlags InstanceFolderListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled; // the folder shown takes drops on empty space
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
    if (m_entries.value(index.row()).isDirectory())
        flags |= Qt::ItemIsDropEnabled;
    return flags;
}

void InstanceFolderListModel::sync()
{
    if (!m_cache)
        return;
    const QList<FileEntry> incoming = m_cache->entries(m_folder);
    // Both are sorted by name: remove what went (from the end), then update or insert in order.
    for (int row = static_cast<int>(m_entries.size()) - 1; row >= 0; --row) {
        const QString &name = m_entries.at(row).name;
        const bool kept = std::any_of(incoming.cbegin(), incoming.cend(),
                                      [&name](const FileEntry &entry) { return entry.name == name; });
        if (!kept) {
            beginRemoveRows({}, row, row);
            m_entries.removeAt(row);
            endRemoveRows();
        }
    }
    int row = 0;
    for (const FileEntry &entry : incoming) {
        if (row < m_entries.size() && m_entries.at(row).name == entry.name) {
            m_entries[row] = entry;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            ++row;
            continue;
        }
        beginInsertRows({}, row, row);
        m_entries.insert(row, entry);
        endInsertRows();
        ++row;
    }
}

QStringList InstanceFolderListModel::mimeTypes() const
{
    return {QStringLiteral("text/uri-list"), InstanceFolderCache::MimeType};
}

} // namespace Models
