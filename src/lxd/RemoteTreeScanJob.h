#pragma once

#include "FileEntry.h"
#include "FileManager.h"
#include "FileTransferIssue.h"
#include "Job.h"

#include <QList>
#include <QPointer>
#include <QStringList>

namespace Lxd {

class FileListJob;

// Lists a folder of an instance and everything below it, one folder at a time with every entry's
// metadata, so that a tree transfer knows its folders, files, links and bytes before it moves any
// (the first step of FileTreePullJob and of Transfers::FileTreeCopyJob). A name that is not a plain
// name, a folder that cannot be listed and an entry of no known type are reported and the scan goes
// on; only the top folder failing to list fails the job.
class RemoteTreeScanJob final : public Job
{
    Q_OBJECT

public:
    struct Entry
    {
        QString relativePath; // see FileTreePaths
        FileEntry entry;
    };

    RemoteTreeScanJob(const FileManager &files, const QString &directory, QObject *parent = nullptr);
    ~RemoteTreeScanJob() override;

    // Metadata requests in flight at once. Set before the job's first event-loop turn.
    void setMaxParallel(int count) { m_maxParallel = qMax(1, count); }

    void start();

    QString directory() const { return m_root; }
    FileEntry rootEntry() const { return m_rootEntry; }
    // The folders below the top one, parents before children.
    QList<Entry> directories() const { return m_directories; }
    QList<Entry> files() const { return m_fileEntries; }
    // With their targets as the server gives them (see FileTreePullJob::localLinkTarget).
    QList<Entry> links() const { return m_links; }
    qint64 bytesTotal() const { return m_bytesTotal; }
    QList<FileTransferIssue> issues() const { return m_issues; }

Q_SIGNALS:
    void issueFound(const Lxd::FileTransferIssue &issue);

protected:
    void begin() override;
    void stopWork() override;

private:
    void scanNext();
    void onListed(Job *job);
    void addIssue(const FileTransferIssue &issue);
    QString remotePathOf(const QString &relativePath) const;

    FileManager m_files;
    QString m_root;
    int m_maxParallel = 4;

    QStringList m_queue; // relative folders still to list
    QString m_scanning;
    QPointer<FileListJob> m_list;
    FileEntry m_rootEntry;
    QList<Entry> m_directories;
    QList<Entry> m_fileEntries;
    QList<Entry> m_links;
    qint64 m_bytesTotal = 0;
    QList<FileTransferIssue> m_issues;
};

} // namespace Lxd
