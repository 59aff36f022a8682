#pragma once

#include "lxd/FileEntry.h"
#include "lxd/FileManager.h"
#include "lxd/Job.h"

#include <QPointer>
#include <QStringList>

namespace Transfers {

// Removes files, links and whole folders from an instance through the file API (which only removes a
// file, a link or an empty folder, and works whether the instance runs or not): each folder is listed
// down to its leaves, the files and links go several at once, then the folders, deepest first. A link
// is removed, never followed. Stops at the first failure, with what was removed by then gone.
class RemoteRemoveJob final : public Lxd::Job
{
    Q_OBJECT

public:
    RemoteRemoveJob(const Lxd::FileManager &files, const QStringList &paths, QObject *parent = nullptr);
    ~RemoteRemoveJob() override;

    void start();

    QStringList paths() const { return m_paths; }
    int removedCount() const { return m_removed; }

protected:
    void stopWork() override;

private:
    void begin();
    void statNext();
    void onStat(Lxd::Job *job);
    void listNext();
    void onListed(Lxd::Job *job);
    void pump();
    void removeFolders();
    void fail(const Lxd::Error &error);
    void dropAll();

    Lxd::FileManager m_files;
    QStringList m_paths;
    int m_nextPath = 0;
    QStringList m_folderQueue; // still to list
    QStringList m_folders; // listed, parents before children
    QStringList m_leaves; // files and links
    QPointer<Lxd::Job> m_step;
    QList<QPointer<Lxd::Job>> m_running;
    int m_removed = 0;
    static constexpr int MaxParallel = 4;
};

} // namespace Transfers
