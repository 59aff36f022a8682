#include "FileTreePullJob.h"

#include "FilePullJob.h"
#include "FileTreePaths.h"
#include "LocalPathGuard.h"

#include <QDir>
#include <QFileInfo>
#include <QMetaObject>

#include <algorithm>

namespace Lxd {

FileTreePullJob::FileTreePullJob(const FileManager &files, const QString &remoteDirectory,
                                 const QString &localDirectory, QObject *parent)
    : Job(parent)
    , m_files(files)
    , m_remoteRoot(remoteDirectory)
    , m_localRoot(localDirectory)
{ }

FileTreePullJob::~FileTreePullJob()
{
    dropAll();
}

void FileTreePullJob::start()
{
    beginLater();
}

QStringList FileTreePullJob::refusedNames() const
{
    QStringList names;
    for (const FileTransferIssue &issue : m_issues) {
        if (issue.kind == FileTransferIssue::Kind::RefusedName)
            names.append(issue.name);
    }
    return names;
}

qint64 FileTreePullJob::bytesDone() const
{
    qint64 done = m_bytesFinished;
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it)
        done += it.value();
    return done;
}

QString FileTreePullJob::localLinkTarget(const QString &remoteRoot, const QString &linkPath,
                                         const QString &target)
{
    if (!target.startsWith(QLatin1Char('/')))
        return target;
    const QString root = QDir::cleanPath(remoteRoot);
    const QString cleanTarget = QDir::cleanPath(target);
    const QString prefix = root.endsWith(QLatin1Char('/')) ? root : root + QLatin1Char('/');
    if (cleanTarget != root && !cleanTarget.startsWith(prefix))
        return target;
    const QString linkDirectory = QFileInfo(QDir::cleanPath(linkPath)).path();
    QString relative = QDir(linkDirectory).relativeFilePath(cleanTarget);
    while (relative.size() > 1 && relative.endsWith(QLatin1Char('/')))
        relative.chop(1);
    return relative.isEmpty() ? QStringLiteral(".") : relative;
}

void FileTreePullJob::begin()
{
    if (!m_files.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    const QFileInfo root(m_localRoot);
    if (!root.exists() && !root.isSymLink()) {
        if (!QDir().mkdir(m_localRoot)) {
            finishWith(Error(Error::Kind::Io, QStringLiteral("cannot make the folder %1").arg(m_localRoot)));
            return;
        }
        m_createdRoot = true;
    }
    m_guard = std::make_shared<LocalPathGuard>(m_localRoot);
    if (!m_guard->isValid()) {
        finishWith(m_guard->error());
        return;
    }
    m_scan = new RemoteTreeScanJob(m_files, m_remoteRoot);
    m_scan->setMaxParallel(m_maxParallel);
    connect(m_scan, &RemoteTreeScanJob::issueFound, this, &FileTreePullJob::addIssue);
    connect(m_scan, &Job::finished, this, &FileTreePullJob::onScanFinished);
    m_scan->start();
}

void FileTreePullJob::onScanFinished(Job *job)
{
    m_scan = nullptr;
    if (isFinished())
        return;
    auto *scan = static_cast<RemoteTreeScanJob *>(job);
    if (scan->error()) {
        finishWith(scan->error());
        return;
    }
    m_rootEntry = scan->rootEntry();
    m_directories = scan->directories();
    m_links = scan->links();
    m_fileQueue = scan->files();
    m_bytesTotal = scan->bytesTotal();
    transfer();
}

void FileTreePullJob::transfer()
{
    m_filesTotal = static_cast<int>(m_fileQueue.size() + m_links.size());
    Q_EMIT scanFinished(m_filesTotal, m_bytesTotal);
    if (isFinished())
        return;

    // Folders are made writable by us first; their own modes come at the end.
    for (const PlannedEntry &directory : std::as_const(m_directories)) {
        if (FileTreePaths::isUnder(m_failedDirectories, directory.relativePath))
            continue;
        const Error error = m_guard->makeDirectory(directory.relativePath, 0700);
        if (error) {
            m_failedDirectories.insert(directory.relativePath);
            addFailure(directory.entry.path, error);
        }
    }
    for (const PlannedEntry &link : std::as_const(m_links)) {
        if (!FileTreePaths::isUnder(m_failedDirectories, link.relativePath)) {
            const QString target = localLinkTarget(m_remoteRoot, link.entry.path, link.entry.symlinkTarget);
            const Error error = m_guard->makeSymlink(link.relativePath, target);
            if (error)
                addFailure(link.entry.path, error);
        }
        ++m_filesDone;
    }
    if (!m_links.isEmpty())
        Q_EMIT filesProgress(m_filesDone, m_filesTotal);
    std::reverse(m_fileQueue.begin(), m_fileQueue.end()); // taken from the back, in scan order
    pump();
}

void FileTreePullJob::pump()
{
    while (!isFinished() && m_running.size() < m_maxParallel && !m_fileQueue.isEmpty()) {
        const PlannedEntry planned = m_fileQueue.takeLast();
        if (FileTreePaths::isUnder(m_failedDirectories, planned.relativePath)) {
            ++m_filesDone;
            m_bytesFinished += qMax<qint64>(0, planned.entry.size);
            continue;
        }
        auto *job = new FilePullJob(m_files, planned.entry.path, m_guard, planned.relativePath);
        m_running.insert(job, 0);
        m_runningEntries.insert(job, planned);
        connect(job, &Job::progress, this, [this, job](qint64 done, qint64) {
            m_running[job] = done;
            reportProgress();
        });
        connect(job, &Job::finished, this, &FileTreePullJob::onPullFinished);
        Q_EMIT fileStarted(planned.entry.path);
        if (isFinished())
            return;
        job->start();
    }
    if (!isFinished() && m_running.isEmpty() && m_fileQueue.isEmpty())
        complete();
}

void FileTreePullJob::onPullFinished(Job *job)
{
    auto *pull = static_cast<FilePullJob *>(job);
    const PlannedEntry planned = m_runningEntries.take(pull);
    m_running.remove(pull);
    if (isFinished())
        return;
    if (pull->error())
        addFailure(planned.entry.path, pull->error());
    ++m_filesDone;
    m_bytesFinished += qMax<qint64>(0, planned.entry.size);
    Q_EMIT fileFinished(planned.entry.path);
    Q_EMIT filesProgress(m_filesDone, m_filesTotal);
    reportProgress();
    pump();
}

void FileTreePullJob::complete()
{
    // Deepest first, so that a read-only folder does not stop its children's times being set.
    for (auto it = m_directories.crbegin(); it != m_directories.crend(); ++it) {
        if (FileTreePaths::isUnder(m_failedDirectories, it->relativePath))
            continue;
        const Error error
            = m_guard->setDirectoryAttributes(it->relativePath, it->entry.mode & 01777, it->entry.modified);
        if (error)
            addFailure(it->entry.path, error);
    }
    if (m_createdRoot) {
        const Error error
            = m_guard->setDirectoryAttributes(QString(), m_rootEntry.mode & 01777, m_rootEntry.modified);
        if (error)
            addFailure(m_remoteRoot, error);
    }
    finishWith();
}

void FileTreePullJob::addIssue(const FileTransferIssue &issue)
{
    m_issues.append(issue);
    if (issue.kind == FileTransferIssue::Kind::RefusedName)
        Q_EMIT nameRefused(issue);
    else
        Q_EMIT entryFailed(issue);
}

void FileTreePullJob::addFailure(const QString &path, const Error &error)
{
    addIssue(FileTransferIssue::failure(path, error));
}

void FileTreePullJob::reportProgress()
{
    Q_EMIT progress(bytesDone(), m_bytesTotal);
}

void FileTreePullJob::stopWork()
{
    dropAll();
}

void FileTreePullJob::dropAll()
{
    if (m_scan)
        m_scan->abandon();
    m_scan = nullptr;
    const QList<FilePullJob *> running = m_running.keys();
    m_running.clear();
    m_runningEntries.clear();
    // Each removes its temporary file as it stops.
    for (FilePullJob *job : running)
        job->abandon();
}

} // namespace Lxd
