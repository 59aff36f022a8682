#include "RemoteFolderTreeJob.h"

#include "FileListJob.h"
#include "FileTreePaths.h"

#include <QMetaObject>

namespace Lxd {

RemoteFolderTreeJob::RemoteFolderTreeJob(const FileManager &files, const QString &remoteDirectory,
                                         const QList<Folder> &folders, QObject *parent)
    : Job(parent)
    , m_files(files)
    , m_root(remoteDirectory)
    , m_folders(folders)
{ }

RemoteFolderTreeJob::~RemoteFolderTreeJob()
{
    stopWork();
}

void RemoteFolderTreeJob::start()
{
    beginLater();
}

void RemoteFolderTreeJob::begin()
{
    if (!m_files.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    if (m_folders.isEmpty() || !m_folders.first().relativePath.isEmpty())
        m_folders.prepend({QString(), {}, m_root});
    prepareNext();
}

QString RemoteFolderTreeJob::remotePathOf(const QString &relativePath) const
{
    return relativePath.isEmpty() ? m_root : FileManager::joinPath(m_root, relativePath);
}

bool RemoteFolderTreeJob::Outcome::isExisting(const QString &relativePath) const
{
    const auto it = m_existingNames.constFind(FileTreePaths::parentOf(relativePath));
    return it != m_existingNames.constEnd() && it->contains(FileTreePaths::nameOf(relativePath));
}

bool RemoteFolderTreeJob::Outcome::isLeftOut(const QString &relativePath) const
{
    return FileTreePaths::isUnder(m_failed, relativePath);
}

void RemoteFolderTreeJob::prepareNext()
{
    while (!isFinished() && m_next < m_folders.size()) {
        const Folder &folder = m_folders.at(m_next);
        const bool top = folder.relativePath.isEmpty();
        if (!top && m_outcome.isLeftOut(FileTreePaths::parentOf(folder.relativePath))) {
            m_outcome.m_failed.insert(folder.relativePath);
            ++m_next;
            continue;
        }
        if (top || m_outcome.isExisting(folder.relativePath)) {
            // Names only: one request, enough to know what would be replaced.
            auto *list = new FileListJob(m_files, remotePathOf(folder.relativePath));
            list->setMaxParallel(0);
            m_step = list;
            connect(list, &Job::finished, this, &RemoteFolderTreeJob::onListed);
            list->start();
        } else {
            makeFolder(folder);
        }
        return;
    }
    if (!isFinished())
        finishWith();
}

void RemoteFolderTreeJob::makeFolder(const Folder &folder)
{
    m_step = m_files.makeDirectory(remotePathOf(folder.relativePath), folder.options);
    connect(m_step, &Job::finished, this, &RemoteFolderTreeJob::onMade);
}

void RemoteFolderTreeJob::onListed(Job *job)
{
    m_step = nullptr;
    if (isFinished())
        return;
    const Folder &folder = m_folders.at(m_next);
    const Error error = job->error();
    if (folder.relativePath.isEmpty() && error.isNotFound()) {
        makeFolder(folder); // the top folder is new
        return;
    }
    if (error) {
        failFolder(folder, error);
    } else {
        QSet<QString> names;
        const QList<FileEntry> entries = static_cast<FileListJob *>(job)->entries();
        for (const FileEntry &entry : entries)
            names.insert(entry.name);
        m_outcome.m_existingNames.insert(folder.relativePath, names);
    }
    ++m_next;
    prepareNext();
}

void RemoteFolderTreeJob::onMade(Job *job)
{
    m_step = nullptr;
    if (isFinished())
        return;
    if (job->error())
        failFolder(m_folders.at(m_next), job->error());
    ++m_next;
    prepareNext();
}

void RemoteFolderTreeJob::failFolder(const Folder &folder, const Error &error)
{
    if (folder.relativePath.isEmpty()) {
        finishWith(error);
        return;
    }
    m_outcome.m_failed.insert(folder.relativePath);
    const FileTransferIssue issue = FileTransferIssue::failure(folder.reportedPath, error);
    m_issues.append(issue);
    Q_EMIT entryFailed(issue);
}

void RemoteFolderTreeJob::stopWork()
{
    if (m_step)
        m_step->abandon();
    m_step = nullptr;
}

} // namespace Lxd
