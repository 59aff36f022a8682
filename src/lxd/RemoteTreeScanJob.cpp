#include "RemoteTreeScanJob.h"

#include "FileListJob.h"
#include "FileTreePaths.h"

#include <QMetaObject>

namespace Lxd {

RemoteTreeScanJob::RemoteTreeScanJob(const FileManager &files, const QString &directory, QObject *parent)
    : Job(parent)
    , m_files(files)
    , m_root(directory)
{ }

RemoteTreeScanJob::~RemoteTreeScanJob()
{
    stopWork();
}

void RemoteTreeScanJob::start()
{
    beginLater();
}

void RemoteTreeScanJob::begin()
{
    if (!m_files.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    m_queue.append(QString());
    scanNext();
}

QString RemoteTreeScanJob::remotePathOf(const QString &relativePath) const
{
    return relativePath.isEmpty() ? m_root : FileManager::joinPath(m_root, relativePath);
}

void RemoteTreeScanJob::scanNext()
{
    if (isFinished())
        return;
    if (m_queue.isEmpty()) {
        finishWith();
        return;
    }
    m_scanning = m_queue.takeFirst();
    m_list = new FileListJob(m_files, remotePathOf(m_scanning));
    m_list->setMaxParallel(m_maxParallel);
    connect(m_list, &FileListJob::nameRefused, this, &RemoteTreeScanJob::addIssue);
    connect(m_list, &Job::finished, this, &RemoteTreeScanJob::onListed);
    m_list->start();
}

void RemoteTreeScanJob::onListed(Job *job)
{
    m_list = nullptr;
    if (isFinished())
        return;
    auto *list = static_cast<FileListJob *>(job);
    const QString relative = m_scanning;
    if (list->error()) {
        if (relative.isEmpty()) {
            finishWith(list->error());
            return;
        }
        // Nothing below it is known, so nothing below it is planned.
        addIssue(FileTransferIssue::failure(remotePathOf(relative), list->error()));
        scanNext();
        return;
    }
    if (relative.isEmpty())
        m_rootEntry = list->directoryEntry();
    else
        m_directories.append({relative, list->directoryEntry()});
    const QList<FileEntry> entries = list->entries();
    for (const FileEntry &entry : entries) {
        const QString child = FileTreePaths::childOf(relative, entry.name);
        switch (entry.type) {
        case FileEntry::Type::Directory:
            m_queue.append(child);
            break;
        case FileEntry::Type::File:
            m_fileEntries.append({child, entry});
            m_bytesTotal += qMax<qint64>(0, entry.size);
            break;
        case FileEntry::Type::Symlink:
            m_links.append({child, entry});
            break;
        case FileEntry::Type::Unknown:
            addIssue(FileTransferIssue::failure(
                entry.path, Error::parse(QStringLiteral("%1 is of an unknown type").arg(entry.path))));
            break;
        }
    }
    scanNext();
}

void RemoteTreeScanJob::addIssue(const FileTransferIssue &issue)
{
    m_issues.append(issue);
    Q_EMIT issueFound(issue);
}

void RemoteTreeScanJob::stopWork()
{
    if (m_list)
        m_list->abandon();
    m_list = nullptr;
}

} // namespace Lxd
