#pragma once

#include "lxd/FileEntry.h"
#include "lxd/FileManager.h"
#include "lxd/FileTransferIssue.h"
#include "lxd/Job.h"
#include "lxd/RemoteFolderTreeJob.h"
#include "lxd/RemoteTreeScanJob.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>

namespace Transfers {

class FileCopyJob;

// Copies a folder of one instance into another instance (same or different server), recursively,
// keeping modes, owners and links, without a local copy: first the source is listed folder by folder
// (RemoteTreeScanJob, so the totals are known), then the folders are made on the target
// (RemoteFolderTreeJob, parents first), then links and files go, several at once, each streamed by a
// FileCopyJob. When the target folder exists, the copy merges into it and replaces entries of the same
// name. A relative link inside the tree stays relative. An entry that fails is reported and the rest
// goes on; the job then still succeeds, with issues(). Cancelling stops at once; the files in flight
// are removed from the target.
class FileTreeCopyJob final : public Lxd::Job
{
    Q_OBJECT

public:
    FileTreeCopyJob(const Lxd::FileManager &source, const QString &sourceDirectory,
                    const Lxd::FileManager &target, const QString &targetDirectory,
                    QObject *parent = nullptr);
    ~FileTreeCopyJob() override;

    // Requests in flight at once on each side. Set before the job's first event-loop turn.
    void setMaxParallel(int count) { m_maxParallel = qMax(1, count); }

    void start();

    QString sourceDirectory() const { return m_sourceRoot; }
    QString targetDirectory() const { return m_targetRoot; }
    QList<Lxd::FileTransferIssue> issues() const { return m_issues; }
    int filesTotal() const { return m_filesTotal; }
    int filesDone() const { return m_filesDone; }
    qint64 bytesTotal() const { return m_bytesTotal; }
    qint64 bytesDone() const;

Q_SIGNALS:
    void scanFinished(int files, qint64 bytes);
    void fileStarted(const QString &sourcePath);
    void entryFailed(const Lxd::FileTransferIssue &issue);

protected:
    void stopWork() override;

private:
    using Planned = Lxd::RemoteTreeScanJob::Entry;

    void begin() override;
    void onScanned(Lxd::Job *job);
    void onFoldersMade(Lxd::Job *job);
    void pump();
    void onCopyFinished(Lxd::Job *job);
    void addIssue(const Lxd::FileTransferIssue &issue);
    QString targetPathOf(const QString &relativePath) const;
    void dropAll();

    Lxd::FileManager m_source;
    QString m_sourceRoot;
    Lxd::FileManager m_target;
    QString m_targetRoot;
    int m_maxParallel = 4;

    QPointer<Lxd::Job> m_step;
    QList<Planned> m_directories; // parents before children
    Lxd::FileEntry m_rootEntry;
    QList<Planned> m_queue; // files and links, taken from the back
    Lxd::RemoteFolderTreeJob::Outcome m_folders;

    QHash<FileCopyJob *, Planned> m_running;
    int m_filesTotal = 0;
    int m_filesDone = 0;
    qint64 m_bytesTotal = 0;
    qint64 m_bytesFinished = 0;
    QList<Lxd::FileTransferIssue> m_issues;
};

} // namespace Transfers
