#pragma once

#include "lxd/Error.h"
#include "lxd/FileEntry.h"
#include "lxd/FileManager.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace Lxd {
class FileListJob;
}

namespace Models {

// The folders of one instance that have been looked at, each listed once with every entry's metadata
// and kept until asked again: the state owner behind the Files tab's folder tree and list. LXD sends no
// events about files, so a folder is reloaded when the user refreshes or after Berth changed it.
class InstanceFolderCache final : public QObject
{
    Q_OBJECT

public:
    enum class State { NotLoaded, Loading, Loaded, Failed };
    Q_ENUM(State)

    explicit InstanceFolderCache(const Lxd::FileManager &files, QObject *parent = nullptr);
    ~InstanceFolderCache() override;

    Lxd::FileManager files() const { return m_files; }

    // "/root/" -> "/root", "" -> "/", "/a//b/../c" -> "/a/c".
    static QString normalized(const QString &path);
    static QString parentOf(const QString &path);
    static QString join(const QString &folder, const QString &name);

    State state(const QString &folder) const;
    // Sorted by name; the last listing's while a reload runs.
    QList<Lxd::FileEntry> entries(const QString &folder) const;
    Lxd::Error error(const QString &folder) const;
    // Whether `folder` was listed and has sub-folders (false while unknown).
    bool hasSubfolders(const QString &folder) const;

    // Lists `folder` unless it is listed or being listed.
    void load(const QString &folder);
    // Lists it again (a refresh, or after a change Berth made there).
    void reload(const QString &folder);
    // Reloads every folder that was listed (F5).
    void reloadAll();

    // What a drag of entries of an instance carries (JSON: remote, project, instance, paths).
    static inline const QString MimeType = QStringLiteral("application/x-berth-instance-files");

    // Entries' metadata requests in flight per listing.
    static constexpr int ListingParallel = 8;

Q_SIGNALS:
    void folderStateChanged(const QString &folder);
    void folderLoaded(const QString &folder);
    void folderFailed(const QString &folder, const Lxd::Error &error);

private:
    struct Folder
    {
        State state = State::NotLoaded;
        QList<Lxd::FileEntry> entries;
        Lxd::Error error;
        QPointer<Lxd::FileListJob> job;
    };

    void onListed(const QString &folder, Lxd::FileListJob *job);

    Lxd::FileManager m_files;
    QHash<QString, Folder> m_folders;
};

} // namespace Models
