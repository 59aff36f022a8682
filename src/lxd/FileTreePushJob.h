#pragma once

#include "FileManager.h"
#include "FileTransferIssue.h"
#include "FileWriteOptions.h"
#include "Job.h"
#include "RemoteFolderTreeJob.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>

namespace Lxd {

// Pushes the contents of a local folder into a folder of an instance (made when missing), recursively,
// keeping modes and links. The local folder is read one folder per event-loop turn (the scan never
// holds the loop for long); then remote folders are made (or, when they exist, listed, so that
// existing entries are replaced rather than overwritten in place: RemoteFolderTreeJob), then files and
// links go, several
// in flight at once. A local entry that cannot be read (or is a socket, FIFO or device) is reported
// and the rest goes on; the job then still succeeds, with issues(). Cancelling stops at once; the
// files in flight are removed from the instance in the background.
class FileTreePushJob final : public Job
{
    Q_OBJECT

public:
    FileTreePushJob(const FileManager &files, const QString &localDirectory, const QString &remoteDirectory,
                    QObject *parent = nullptr);
    ~FileTreePushJob() override;

    // Uploads in flight at once. Set before the job's first event loop turn.
    void setMaxParallel(int count) { m_maxParallel = qMax(1, count); }
    int maxParallel() const { return m_maxParallel; }
    // Owner for everything pushed (-1: LXD's default, root). Modes always come from the local files.
    void setOwner(qint64 uid, qint64 gid)
    {
        m_uid = uid;
        m_gid = gid;
    }

    void start();

    QString localDirectory() const { return m_localRoot; }
    QString remoteDirectory() const { return m_remoteRoot; }
    QList<FileTransferIssue> issues() const { return m_issues; }

    int filesTotal() const { return m_filesTotal; }
    int filesDone() const { return m_filesDone; }
    qint64 bytesTotal() const { return m_bytesTotal; }
    qint64 bytesDone() const;

Q_SIGNALS:
    // The local scan is over: files (and links) and bytes to send.
    void scanFinished(int files, qint64 bytes);
    void filesProgress(int done, int total);
    // A file's or link's upload starts or ends (remote path).
    void fileStarted(const QString &path);
    void fileFinished(const QString &path);
    void entryFailed(const Lxd::FileTransferIssue &issue);

protected:
    void stopWork() override;

private:
    enum class Kind { Directory, File, Symlink };
    struct LocalEntry
    {
        Kind kind = Kind::File;
        QString relativePath;
        int mode = -1;
        qint64 size = 0;
        QString linkTarget;
    };
    struct Task
    {
        LocalEntry entry;
        bool replace = false;
        qint64 sent = 0;
    };

    void begin() override;
    void scanStep();
    void makeFolders();
    void pump();
    void onTaskFinished(Job *job);
    QString localPathOf(const QString &relativePath) const;
    QString remotePathOf(const QString &relativePath) const;
    void addFailure(const QString &path, const Error &error);
    void reportProgress();
    void dropAll();

    FileManager m_files;
    QString m_localRoot;
    QString m_remoteRoot;
    int m_maxParallel = 4;
    qint64 m_uid = -1;
    qint64 m_gid = -1;

    // Local scan
    QStringList m_scanQueue;
    QList<LocalEntry> m_directories; // the root ("") first, parents before children
    QList<LocalEntry> m_queue; // files and links
    int m_rootMode = -1;

    // Remote folders
    QPointer<RemoteFolderTreeJob> m_folderJob;
    RemoteFolderTreeJob::Outcome m_folders;

    // Files and links
    QHash<Job *, Task> m_running;
    int m_filesTotal = 0;
    int m_filesDone = 0;
    qint64 m_bytesTotal = 0;
    qint64 m_bytesFinished = 0;
    QList<FileTransferIssue> m_issues;
};

} // namespace Lxd
