#include "FileTreeCopyJob.h"

#include "FileCopyJob.h"
#include "lxd/FileTreePaths.h"
#include "lxd/FileTreePullJob.h"

#include <QMetaObject>

#include <algorithm>

namespace Transfers {

using Lxd::Error;
using Lxd::FileEntry;
using Lxd::FileManager;
using Lxd::FileTransferIssue;
using Lxd::RemoteFolderTreeJob;
using Lxd::RemoteTreeScanJob;

FileTreeCopyJob::FileTreeCopyJob(const FileManager &source, const QString &sourceDirectory,
                                 const FileManager &target, const QString &targetDirectory, QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_sourceRoot(sourceDirectory)
    , m_target(target)
    , m_targetRoot(targetDirectory)
{ }

FileTreeCopyJob::~FileTreeCopyJob()
{
    dropAll();
}

void FileTreeCopyJob::start()
{
    beginLater();
}

qint64 FileTreeCopyJob::bytesDone() const
{
    qint64 done = m_bytesFinished;
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it)
        done += it.key()->bytesSent();
    return done;
}

QString FileTreeCopyJob::targetPathOf(const QString &relativePath) const
{
    return relativePath.isEmpty() ? m_targetRoot : FileManager::joinPath(m_targetRoot, relativePath);
}

void FileTreeCopyJob::begin()
{
    if (!m_source.isValid() || !m_target.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    auto *scan = new RemoteTreeScanJob(m_source, m_sourceRoot);
    scan->setMaxParallel(m_maxParallel);
    m_step = scan;
    connect(scan, &RemoteTreeScanJob::issueFound, this, &FileTreeCopyJob::addIssue);
    connect(scan, &Job::finished, this, &FileTreeCopyJob::onScanned);
    scan->start();
}

void FileTreeCopyJob::onScanned(Job *job)
{
    m_step = nullptr;
    if (isFinished())
        return;
    auto *scan = static_cast<RemoteTreeScanJob *>(job);
    if (scan->error()) {
        finishWith(scan->error());
        return;
    }
    m_rootEntry = scan->rootEntry();
    m_directories = scan->directories();
    m_queue = scan->links();
    for (Planned &link : m_queue) {
        // LXD 5.0 makes a relative target absolute; one inside the tree becomes relative again.
        link.entry.symlinkTarget
            = Lxd::FileTreePullJob::localLinkTarget(m_sourceRoot, link.entry.path, link.entry.symlinkTarget);
    }
    m_queue += scan->files();
    m_bytesTotal = scan->bytesTotal();
    m_filesTotal = static_cast<int>(m_queue.size());
    Q_EMIT scanFinished(m_filesTotal, m_bytesTotal);
    if (isFinished())
        return;

    // Each folder with the source's mode and owner (an existing one is left as it is).
    const auto folderOf = [this](const Planned &directory) {
        RemoteFolderTreeJob::Folder folder;
        folder.relativePath = directory.relativePath;
        folder.options.mode = directory.entry.mode >= 0 ? directory.entry.mode & 07777 : -1;
        folder.options.uid = directory.entry.uid;
        folder.options.gid = directory.entry.gid;
        folder.reportedPath = directory.relativePath.isEmpty() ? m_sourceRoot : directory.entry.path;
        return folder;
    };
    QList<RemoteFolderTreeJob::Folder> folders {folderOf({QString(), m_rootEntry})};
    for (const Planned &directory : std::as_const(m_directories))
        folders.append(folderOf(directory));
    auto *make = new RemoteFolderTreeJob(m_target, m_targetRoot, folders);
    m_step = make;
    connect(make, &RemoteFolderTreeJob::entryFailed, this, &FileTreeCopyJob::addIssue);
    connect(make, &Job::finished, this, &FileTreeCopyJob::onFoldersMade);
    make->start();
}

void FileTreeCopyJob::onFoldersMade(Job *job)
{
    m_step = nullptr;
    if (isFinished())
        return;
    if (job->error()) {
        finishWith(job->error());
        return;
    }
    m_folders = static_cast<RemoteFolderTreeJob *>(job)->outcome();
    std::reverse(m_queue.begin(), m_queue.end()); // taken from the back, in scan order
    pump();
}

void FileTreeCopyJob::pump()
{
    while (!isFinished() && m_running.size() < m_maxParallel && !m_queue.isEmpty()) {
        const Planned planned = m_queue.takeLast();
        if (m_folders.isLeftOut(Lxd::FileTreePaths::parentOf(planned.relativePath))) {
            ++m_filesDone; // its folder's failure is reported already
            m_bytesFinished += qMax<qint64>(0, planned.entry.size);
            continue;
        }
        auto *copy
            = new FileCopyJob(m_source, planned.entry.path, m_target, targetPathOf(planned.relativePath));
        copy->setSourceEntry(planned.entry);
        // Only a name that was there already can be in the way.
        copy->setReplaceExisting(m_folders.isExisting(planned.relativePath));
        m_running.insert(copy, planned);
        connect(copy, &Job::progress, this, [this] { Q_EMIT progress(bytesDone(), m_bytesTotal); });
        connect(copy, &Job::finished, this, &FileTreeCopyJob::onCopyFinished);
        Q_EMIT fileStarted(planned.entry.path);
        copy->start();
    }
    if (!isFinished() && m_running.isEmpty() && m_queue.isEmpty())
        finishWith();
}

void FileTreeCopyJob::onCopyFinished(Job *job)
{
    auto *copy = static_cast<FileCopyJob *>(job);
    const Planned planned = m_running.take(copy);
    if (isFinished())
        return;
    if (copy->error())
        addIssue(FileTransferIssue::failure(planned.entry.path, copy->error()));
    ++m_filesDone;
    m_bytesFinished += qMax<qint64>(0, planned.entry.size);
    Q_EMIT progress(bytesDone(), m_bytesTotal);
    pump();
}

void FileTreeCopyJob::addIssue(const FileTransferIssue &issue)
{
    m_issues.append(issue);
    Q_EMIT entryFailed(issue);
}

void FileTreeCopyJob::stopWork()
{
    dropAll();
}

void FileTreeCopyJob::dropAll()
{
    if (m_step)
        m_step->abandon();
    m_step = nullptr;
    const QList<FileCopyJob *> running = m_running.keys();
    m_running.clear();
    // Each removes its partial file from the target as it stops.
    for (FileCopyJob *job : running)
        job->abandon();
}

} // namespace Transfers
