#pragma once

#include "lxd/FileEntry.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace Models {

class InstanceFolderCache;

// The entries of one folder of an instance, with their metadata, for the Files tab's detail list. It
// shows what the cache holds for the folder and follows its reloads, adding, removing and updating
// rows by name (selection and scroll position survive a refresh).
class InstanceFolderListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        SizeColumn,
        TypeColumn,
        ModeColumn,
        OwnerColumn,
        ModifiedColumn,
        TargetColumn,
        ColumnCount
    };
    enum Role {
        PathRole = Qt::UserRole + 1,
        EntryTypeRole, // Lxd::FileEntry::Type as int
        IsFolderRole,
        SortRole, // folders first, then by the column's value
    };

    explicit InstanceFolderListModel(InstanceFolderCache *cache, QObject *parent = nullptr);

    InstanceFolderCache *cache() const { return m_cache; }
    // Shows `folder` and asks the cache to list it if it has not.
    void setFolder(const QString &folder);
    QString folder() const { return m_folder; }

    Lxd::FileEntry entryAt(const QModelIndex &index) const;
    QList<Lxd::FileEntry> entries() const { return m_entries; }
    QModelIndex indexOfName(const QString &name, int column = NameColumn) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Local files (text/uri-list) and entries of an instance (InstanceFolderCache::MimeType) drop here.
    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override { return Qt::CopyAction; }

    // "rwxr-xr-x" for 0755 (with s/t for the special bits).
    static QString permissionsText(int mode);
    static QString sizeText(qint64 bytes);

private:
    void sync();

    QPointer<InstanceFolderCache> m_cache;
    QString m_folder;
    QList<Lxd::FileEntry> m_entries;
};

} // namespace Models
