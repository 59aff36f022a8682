#pragma once

#include "FileEntry.h"
#include "FileManager.h"
#include "FileTransferIssue.h"
#include "Job.h"
#include "RemoteTreeScanJob.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>

#include <memory>

namespace Lxd {

class FilePullJob;
class LocalPathGuard;

// Pulls the contents of a folder of an instance into a local folder, recursively: first a scan
// (RemoteTreeScanJob), so that progress knows the totals, then folders,
// links and files, several files in flight at once. Every write goes through one LocalPathGuard on
// the local folder: a name the server lists that is not a plain name ("..", "a/../../x", "/etc/passwd")
// is refused and reported, and nothing is written through a local link. Files keep their mode and
// time; folders get theirs at the end (so a read-only folder can be filled first). A refused name, a
// file that fails, or a folder that cannot be listed is reported and the rest goes on; the job then
// still succeeds, with issues(). Cancelling stops at once and leaves no partial file.
class FileTreePullJob final : public Job
{
    Q_OBJECT

public:
    FileTreePullJob(const FileManager &files, const QString &remoteDirectory, const QString &localDirectory,
                    QObject *parent = nullptr);
    ~FileTreePullJob() override;

    // Requests in flight at once (listing metadata, and files). Set before the job's first event loop turn.
    void setMaxParallel(int count) { m_maxParallel = qMax(1, count); }
    int maxParallel() const { return m_maxParallel; }

    void start();

    QString remoteDirectory() const { return m_remoteRoot; }
    QString localDirectory() const { return m_localRoot; }

    QList<FileTransferIssue> issues() const { return m_issues; }
    // The names refused, as the server gave them.
    QStringList refusedNames() const;

    int filesTotal() const { return m_filesTotal; }
    int filesDone() const { return m_filesDone; }
    qint64 bytesTotal() const { return m_bytesTotal; }
    qint64 bytesDone() const;

    // LXD 5.0 gives a relative link's target joined with the link's folder ("f" in /r/d becomes
    // "/r/d/f"). A target inside the pulled folder `remoteRoot` is made relative again, so the local
    // copy points inside itself; any other target is kept as given.
    static QString localLinkTarget(const QString &remoteRoot, const QString &linkPath, const QString &target);

Q_SIGNALS:
    // The scan is over: files (and links) and bytes to transfer.
    void scanFinished(int files, qint64 bytes);
    void filesProgress(int done, int total);
    // A file's download starts or ends (remote path).
    void fileStarted(const QString &path);
    void fileFinished(const QString &path);
    void nameRefused(const Lxd::FileTransferIssue &issue);
    void entryFailed(const Lxd::FileTransferIssue &issue);

protected:
    void stopWork() override;

private:
    using PlannedEntry = RemoteTreeScanJob::Entry;

    void begin() override;
    void onScanFinished(Job *job);
    void transfer();
    void pump();
    void onPullFinished(Job *job);
    void complete();
    void addIssue(const FileTransferIssue &issue);
    void addFailure(const QString &path, const Error &error);
    void reportProgress();
    void dropAll();

    FileManager m_files;
    QString m_remoteRoot;
    QString m_localRoot;
    int m_maxParallel = 4;
    std::shared_ptr<LocalPathGuard> m_guard;
    bool m_createdRoot = false;

    // Scan
    QPointer<RemoteTreeScanJob> m_scan;
    FileEntry m_rootEntry;
    QList<PlannedEntry> m_directories; // parents before children
    QList<PlannedEntry> m_links;
    QList<PlannedEntry> m_fileQueue;
    QSet<QString> m_failedDirectories; // local folders that could not be made

    // Transfer
    QHash<FilePullJob *, qint64> m_running; // bytes received so far
    QHash<FilePullJob *, PlannedEntry> m_runningEntries;
    int m_filesTotal = 0;
    int m_filesDone = 0;
    qint64 m_bytesTotal = 0;
    qint64 m_bytesFinished = 0;
    QList<FileTransferIssue> m_issues;
};

} // namespace Lxd
