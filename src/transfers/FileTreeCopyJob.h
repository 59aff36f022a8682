#pragma once

#include "lxd/FileEntry.h"
#include "lxd/FileManager.h"
#include "lxd/FileTransferIssue.h"
#include "lxd/Job.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>

namespace Lxd {
class FileListJob;
}

namespace Transfers {

class FileCopyJob;

// Copies a folder of one instance into another instance (same or different server), recursively,
// keeping modes, owners and links, without a local copy: first the source is listed folder by folder
// (so the totals are known), then the folders are made on the target (parents first), then links and
// files go, several at once, each file streamed by a FileCopyJob. When the target folder exists, the
// copy merges into it and replaces files of the same name. A relative link inside the tree stays
// relative. An entry that fails is reported and the rest goes on; the job then still succeeds, with
// issues(). Cancelling stops at once; the files in flight are removed from the target.
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
    struct Planned
    {
        QString relativePath;
        Lxd::FileEntry entry;
    };

    void begin();
    void scanNext();
    void onListed(Lxd::Job *job);
    void onTargetRootChecked(Lxd::Job *job);
    void makeNextDirectory();
    void pump();
    void onCopyFinished(Lxd::Job *job);
    void addFailure(const QString &path, const Lxd::Error &error);
    bool underFailedDirectory(const QString &relativePath) const;
    QString sourcePathOf(const QString &relativePath) const;
    QString targetPathOf(const QString &relativePath) const;
    void dropAll();

    Lxd::FileManager m_source;
    QString m_sourceRoot;
    Lxd::FileManager m_target;
    QString m_targetRoot;
    int m_maxParallel = 4;
    bool m_started = false;
    bool m_merge = false; // the target folder existed: entries there may be replaced

    QStringList m_scanQueue;
    QString m_scanning;
    Lxd::FileEntry m_rootEntry;
    QPointer<Lxd::Job> m_step;
    QList<Planned> m_directories; // parents before children
    QList<Planned> m_queue; // files and links, taken from the back
    int m_nextDirectory = 0;
    QSet<QString> m_failedDirectories;

    QHash<FileCopyJob *, Planned> m_running;
    int m_filesTotal = 0;
    int m_filesDone = 0;
    qint64 m_bytesTotal = 0;
    qint64 m_bytesFinished = 0;
    QList<Lxd::FileTransferIssue> m_issues;
};

} // namespace Transfers
