#include "FileTreeCopyJob.h"

#include "FileCopyJob.h"
#include "lxd/FileListJob.h"
#include "lxd/FileStatJob.h"
#include "lxd/FileTreePullJob.h"

#include <QMetaObject>

#include <algorithm>

namespace Transfers {

using Lxd::Error;
using Lxd::FileEntry;
using Lxd::FileManager;
using Lxd::FileTransferIssue;

namespace {

QString parentOf(const QString &relativePath)
{
    const qsizetype slash = relativePath.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : relativePath.left(slash);
}

QString childOf(const QString &relativeDirectory, const QString &name)
{
    return relativeDirectory.isEmpty() ? name : relativeDirectory + QLatin1Char('/') + name;
}

} // namespace

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
    QMetaObject::invokeMethod(this, &FileTreeCopyJob::begin, Qt::QueuedConnection);
}

qint64 FileTreeCopyJob::bytesDone() const
{
    qint64 done = m_bytesFinished;
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it)
        done += it.key()->bytesSent();
    return done;
}

QString FileTreeCopyJob::sourcePathOf(const QString &relativePath) const
{
    return relativePath.isEmpty() ? m_sourceRoot : FileManager::joinPath(m_sourceRoot, relativePath);
}

QString FileTreeCopyJob::targetPathOf(const QString &relativePath) const
{
    return relativePath.isEmpty() ? m_targetRoot : FileManager::joinPath(m_targetRoot, relativePath);
}

void FileTreeCopyJob::begin()
{
    if (isFinished() || m_started)
        return;
    m_started = true;
    if (!m_source.isValid() || !m_target.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    m_scanQueue.append(QString());
    scanNext();
}

void FileTreeCopyJob::scanNext()
{
    if (isFinished())
        return;
    if (m_scanQueue.isEmpty()) {
        m_filesTotal = static_cast<int>(m_queue.size());
        Q_EMIT scanFinished(m_filesTotal, m_bytesTotal);
        if (isFinished())
            return;
        // Does the target folder exist? Then this is a merge.
        auto *stat = new Lxd::FileStatJob(m_target, m_targetRoot, Lxd::FileStatJob::Detail::Basic);
        m_step = stat;
        connect(stat, &Job::finished, this, &FileTreeCopyJob::onTargetRootChecked);
        stat->start();
        return;
    }
    m_scanning = m_scanQueue.takeFirst();
    auto *list = new Lxd::FileListJob(m_source, sourcePathOf(m_scanning));
    list->setMaxParallel(m_maxParallel);
    m_step = list;
    connect(list, &Lxd::FileListJob::nameRefused, this, [this](const FileTransferIssue &issue) {
        m_issues.append(issue);
        Q_EMIT entryFailed(issue);
    });
    connect(list, &Job::finished, this, &FileTreeCopyJob::onListed);
    list->start();
}

void FileTreeCopyJob::onListed(Job *job)
{
    m_step = nullptr;
    auto *list = static_cast<Lxd::FileListJob *>(job);
    const QString relative = m_scanning;
    if (list->error()) {
        if (relative.isEmpty()) {
            finishWith(list->error());
            return;
        }
        m_failedDirectories.insert(relative);
        addFailure(sourcePathOf(relative), list->error());
        scanNext();
        return;
    }
    if (relative.isEmpty())
        m_rootEntry = list->directoryEntry();
    else
        m_directories.append({relative, list->directoryEntry()});
    const QList<FileEntry> entries = list->entries();
    for (FileEntry entry : entries) {
        const QString child = childOf(relative, entry.name);
        switch (entry.type) {
        case FileEntry::Type::Directory:
            m_scanQueue.append(child);
            break;
        case FileEntry::Type::Symlink:
            // LXD 5.0 makes a relative target absolute; one inside the tree becomes relative again.
            entry.symlinkTarget
                = Lxd::FileTreePullJob::localLinkTarget(m_sourceRoot, entry.path, entry.symlinkTarget);
            m_queue.append({child, entry});
            break;
        case FileEntry::Type::File:
            m_bytesTotal += qMax<qint64>(0, entry.size);
            m_queue.append({child, entry});
            break;
        case FileEntry::Type::Unknown:
            addFailure(entry.path, Error::parse(QStringLiteral("%1 is of an unknown type").arg(entry.path)));
            break;
        }
    }
    scanNext();
}

void FileTreeCopyJob::onTargetRootChecked(Job *job)
{
    m_step = nullptr;
    const Error error = job->error();
    if (error && !error.isNotFound()) {
        finishWith(error);
        return;
    }
    if (!error && !static_cast<Lxd::FileStatJob *>(job)->entry().isDirectory()) {
        finishWith(
            Error(Error::Kind::Io, QStringLiteral("%1 in the instance is not a folder").arg(m_targetRoot)));
        return;
    }
    m_merge = !error;
    // The root first (an existing folder is left as it is), then the others, parents first.
    m_directories.prepend({QString(), m_rootEntry});
    makeNextDirectory();
}

void FileTreeCopyJob::makeNextDirectory()
{
    while (!isFinished() && m_nextDirectory < m_directories.size()) {
        const Planned &directory = m_directories.at(m_nextDirectory);
        if (!directory.relativePath.isEmpty() && underFailedDirectory(directory.relativePath)) {
            ++m_nextDirectory;
            continue;
        }
        Lxd::FileWriteOptions options;
        options.mode = directory.entry.mode >= 0 ? directory.entry.mode & 07777 : -1;
        options.uid = directory.entry.uid;
        options.gid = directory.entry.gid;
        m_step = m_target.makeDirectory(targetPathOf(directory.relativePath), options);
        connect(m_step, &Job::finished, this, [this](Job *made) {
            m_step = nullptr;
            const Planned &done = m_directories.at(m_nextDirectory);
            if (made->error()) {
                if (done.relativePath.isEmpty()) {
                    finishWith(made->error());
                    return;
                }
                m_failedDirectories.insert(done.relativePath);
                addFailure(sourcePathOf(done.relativePath), made->error());
            }
            ++m_nextDirectory;
            makeNextDirectory();
        });
        return;
    }
    if (isFinished())
        return;
    std::reverse(m_queue.begin(), m_queue.end()); // taken from the back, in scan order
    pump();
}

void FileTreeCopyJob::pump()
{
    while (!isFinished() && m_running.size() < m_maxParallel && !m_queue.isEmpty()) {
        const Planned planned = m_queue.takeLast();
        if (underFailedDirectory(parentOf(planned.relativePath))) {
            ++m_filesDone; // its folder's failure is reported already
            m_bytesFinished += qMax<qint64>(0, planned.entry.size);
            continue;
        }
        auto *copy
            = new FileCopyJob(m_source, planned.entry.path, m_target, targetPathOf(planned.relativePath));
        copy->setSourceEntry(planned.entry);
        copy->setReplaceExisting(m_merge);
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
        addFailure(planned.entry.path, copy->error());
    ++m_filesDone;
    m_bytesFinished += qMax<qint64>(0, planned.entry.size);
    Q_EMIT progress(bytesDone(), m_bytesTotal);
    pump();
}

bool FileTreeCopyJob::underFailedDirectory(const QString &relativePath) const
{
    for (QString directory = relativePath; !directory.isEmpty(); directory = parentOf(directory)) {
        if (m_failedDirectories.contains(directory))
            return true;
    }
    return false;
}

void FileTreeCopyJob::addFailure(const QString &path, const Error &error)
{
    FileTransferIssue issue;
    issue.kind = FileTransferIssue::Kind::Failed;
    issue.path = path;
    issue.error = error;
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
