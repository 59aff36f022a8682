#include "FileTreePushJob.h"

#include "FilePushJob.h"
#include "FileTreePaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>

#include <algorithm>
#include <sys/stat.h>
#include <unistd.h>

namespace Lxd {

using FileTreePaths::childOf;
using FileTreePaths::parentOf;

namespace {

// The raw target of a link, as stored (QFileInfo only gives it resolved to an absolute path).
bool readLinkTarget(const QString &path, QString *target)
{
    QByteArray buffer(4096, Qt::Uninitialized);
    const ssize_t length = ::readlink(QFile::encodeName(path).constData(), buffer.data(), buffer.size());
    if (length < 0 || length >= buffer.size())
        return false;
    buffer.truncate(length);
    *target = QFile::decodeName(buffer);
    return true;
}

} // namespace

FileTreePushJob::FileTreePushJob(const FileManager &files, const QString &localDirectory,
                                 const QString &remoteDirectory, QObject *parent)
    : Job(parent)
    , m_files(files)
    , m_localRoot(localDirectory)
    , m_remoteRoot(remoteDirectory)
{ }

FileTreePushJob::~FileTreePushJob()
{
    dropAll();
}

void FileTreePushJob::start()
{
    beginLater();
}

qint64 FileTreePushJob::bytesDone() const
{
    qint64 done = m_bytesFinished;
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it)
        done += it->sent;
    return done;
}

QString FileTreePushJob::localPathOf(const QString &relativePath) const
{
    return relativePath.isEmpty() ? m_localRoot : QDir(m_localRoot).filePath(relativePath);
}

QString FileTreePushJob::remotePathOf(const QString &relativePath) const
{
    return relativePath.isEmpty() ? m_remoteRoot : FileManager::joinPath(m_remoteRoot, relativePath);
}

void FileTreePushJob::begin()
{
    if (!m_files.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    struct stat info;
    if (::stat(QFile::encodeName(m_localRoot).constData(), &info) != 0 || !S_ISDIR(info.st_mode)) {
        finishWith(Error(Error::Kind::Io, QStringLiteral("%1 is not a folder").arg(m_localRoot)));
        return;
    }
    m_rootMode = static_cast<int>(info.st_mode & 07777);
    m_directories.append({Kind::Directory, QString(), m_rootMode, 0, QString()});
    m_scanQueue.append(QString());
    scanStep();
}

void FileTreePushJob::scanStep()
{
    if (isFinished())
        return;
    const QString relative = m_scanQueue.takeFirst();
    const QString path = localPathOf(relative);
    QDir directory(path);
    if (!directory.isReadable()) {
        // Reported; nothing below it is known, so nothing below it is planned.
        addFailure(path, Error(Error::Kind::Io, QStringLiteral("cannot read the folder %1").arg(path)));
    } else {
        const QStringList names = directory.entryList(
            QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Name);
        for (const QString &name : names) {
            const QString child = childOf(relative, name);
            const QString childPath = localPathOf(child);
            struct stat info;
            if (::lstat(QFile::encodeName(childPath).constData(), &info) != 0) {
                addFailure(childPath,
                           Error(Error::Kind::Io, QStringLiteral("cannot read %1").arg(childPath)));
                continue;
            }
            LocalEntry entry;
            entry.relativePath = child;
            entry.mode = static_cast<int>(info.st_mode & 07777);
            if (S_ISDIR(info.st_mode)) {
                entry.kind = Kind::Directory;
                m_directories.append(entry);
                m_scanQueue.append(child);
            } else if (S_ISREG(info.st_mode)) {
                entry.kind = Kind::File;
                entry.size = info.st_size;
                m_bytesTotal += entry.size;
                m_queue.append(entry);
            } else if (S_ISLNK(info.st_mode)) {
                entry.kind = Kind::Symlink;
                if (!readLinkTarget(childPath, &entry.linkTarget)) {
                    addFailure(
                        childPath,
                        Error(Error::Kind::Io, QStringLiteral("cannot read the link %1").arg(childPath)));
                    continue;
                }
                m_queue.append(entry);
            } else {
                addFailure(childPath,
                           Error(Error::Kind::Io,
                                 QStringLiteral("%1 is not a file, folder or link").arg(childPath)));
            }
        }
    }
    if (!m_scanQueue.isEmpty()) {
        // One folder per turn: a huge tree never holds the event loop for long.
        QMetaObject::invokeMethod(this, &FileTreePushJob::scanStep, Qt::QueuedConnection);
        return;
    }
    m_filesTotal = static_cast<int>(m_queue.size());
    Q_EMIT scanFinished(m_filesTotal, m_bytesTotal);
    if (isFinished())
        return;
    makeFolders();
}

void FileTreePushJob::makeFolders()
{
    QList<RemoteFolderTreeJob::Folder> folders;
    for (const LocalEntry &directory : std::as_const(m_directories)) {
        RemoteFolderTreeJob::Folder folder;
        folder.relativePath = directory.relativePath;
        folder.options.mode = directory.mode;
        folder.options.uid = m_uid;
        folder.options.gid = m_gid;
        folder.reportedPath = localPathOf(directory.relativePath);
        folders.append(folder);
    }
    m_folderJob = new RemoteFolderTreeJob(m_files, m_remoteRoot, folders);
    connect(m_folderJob, &RemoteFolderTreeJob::entryFailed, this, [this](const FileTransferIssue &issue) {
        m_issues.append(issue);
        Q_EMIT entryFailed(issue);
    });
    connect(m_folderJob, &Job::finished, this, [this](Job *job) {
        m_folderJob = nullptr;
        if (isFinished())
            return;
        if (job->error()) {
            finishWith(job->error());
            return;
        }
        m_folders = static_cast<RemoteFolderTreeJob *>(job)->outcome();
        std::reverse(m_queue.begin(), m_queue.end()); // taken from the back, in scan order
        pump();
    });
    m_folderJob->start();
}

void FileTreePushJob::pump()
{
    while (!isFinished() && m_running.size() < m_maxParallel && !m_queue.isEmpty()) {
        Task task;
        task.entry = m_queue.takeLast();
        task.replace = m_folders.isExisting(task.entry.relativePath);
        if (m_folders.isLeftOut(parentOf(task.entry.relativePath))) {
            // Its folder's failure is reported already.
            ++m_filesDone;
            m_bytesFinished += task.entry.size;
            continue;
        }
        const QString remotePath = remotePathOf(task.entry.relativePath);
        Job *job = nullptr;
        if (task.entry.kind == Kind::File) {
            FileWriteOptions options;
            options.uid = m_uid;
            options.gid = m_gid;
            options.replaceExisting = task.replace;
            auto *push = new FilePushJob(m_files, localPathOf(task.entry.relativePath), remotePath, options);
            connect(push, &Job::progress, this, [this, push](qint64 sent, qint64) {
                const auto it = m_running.find(push);
                if (it != m_running.end()) {
                    it->sent = sent;
                    reportProgress();
                }
            });
            push->start();
            job = push;
        } else if (task.replace) {
            // LXD will not make a link over an existing entry.
            job = m_files.deleteFile(remotePath);
        } else {
            FileWriteOptions options;
            options.uid = m_uid;
            options.gid = m_gid;
            job = m_files.makeSymlink(remotePath, task.entry.linkTarget, options);
        }
        m_running.insert(job, task);
        connect(job, &Job::finished, this, &FileTreePushJob::onTaskFinished);
        Q_EMIT fileStarted(remotePath);
    }
    if (!isFinished() && m_running.isEmpty() && m_queue.isEmpty())
        finishWith();
}

void FileTreePushJob::onTaskFinished(Job *job)
{
    Task task = m_running.take(job);
    if (isFinished())
        return;
    const QString remotePath = remotePathOf(task.entry.relativePath);
    if (task.entry.kind == Kind::Symlink && task.replace) {
        // The old entry is gone (or was never there): now the link.
        if (job->error() && !job->error().isNotFound()) {
            addFailure(localPathOf(task.entry.relativePath), job->error());
        } else {
            task.replace = false;
            FileWriteOptions options;
            options.uid = m_uid;
            options.gid = m_gid;
            Job *link = m_files.makeSymlink(remotePath, task.entry.linkTarget, options);
            m_running.insert(link, task);
            connect(link, &Job::finished, this, &FileTreePushJob::onTaskFinished);
            return;
        }
    } else if (job->error()) {
        addFailure(localPathOf(task.entry.relativePath), job->error());
    }
    ++m_filesDone;
    m_bytesFinished += task.entry.size;
    Q_EMIT fileFinished(remotePath);
    Q_EMIT filesProgress(m_filesDone, m_filesTotal);
    reportProgress();
    pump();
}

void FileTreePushJob::addFailure(const QString &path, const Error &error)
{
    const FileTransferIssue issue = FileTransferIssue::failure(path, error);
    m_issues.append(issue);
    Q_EMIT entryFailed(issue);
}

void FileTreePushJob::reportProgress()
{
    Q_EMIT progress(bytesDone(), m_bytesTotal);
}

void FileTreePushJob::stopWork()
{
    dropAll();
}

void FileTreePushJob::dropAll()
{
    if (m_folderJob)
        m_folderJob->abandon();
    m_folderJob = nullptr;
    const QList<Job *> running = m_running.keys();
    m_running.clear();
    // A push in flight removes its partial remote file as it stops.
    for (Job *job : running)
        job->abandon();
}

} // namespace Lxd
