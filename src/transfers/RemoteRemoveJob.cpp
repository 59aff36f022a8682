#include "RemoteRemoveJob.h"

#include "lxd/FileListJob.h"
#include "lxd/FileStatJob.h"

#include <QMetaObject>

namespace Transfers {

using Lxd::Error;
using Lxd::FileEntry;

RemoteRemoveJob::RemoteRemoveJob(const Lxd::FileManager &files, const QStringList &paths, QObject *parent)
    : Job(parent)
    , m_files(files)
    , m_paths(paths)
{ }

RemoteRemoveJob::~RemoteRemoveJob()
{
    dropAll();
}

void RemoteRemoveJob::start()
{
    QMetaObject::invokeMethod(this, &RemoteRemoveJob::begin, Qt::QueuedConnection);
}

void RemoteRemoveJob::begin()
{
    if (isFinished())
        return;
    if (!m_files.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    statNext();
}

void RemoteRemoveJob::statNext()
{
    if (m_nextPath >= m_paths.size()) {
        listNext();
        return;
    }
    const QString path = m_paths.at(m_nextPath++);
    if (path.isEmpty() || path == QLatin1String("/")) {
        fail(Error(Error::Kind::Io, QStringLiteral("refused to remove the instance's root folder")));
        return;
    }
    auto *stat = new Lxd::FileStatJob(m_files, path, Lxd::FileStatJob::Detail::Basic);
    m_step = stat;
    connect(stat, &Job::finished, this, &RemoteRemoveJob::onStat);
    stat->start();
}

void RemoteRemoveJob::onStat(Job *job)
{
    m_step = nullptr;
    auto *stat = static_cast<Lxd::FileStatJob *>(job);
    if (stat->error()) {
        if (!stat->error().isNotFound()) { // gone already is fine
            fail(stat->error());
            return;
        }
    } else if (stat->entry().isDirectory()) {
        m_folderQueue.append(stat->path());
    } else {
        m_leaves.append(stat->path());
    }
    statNext();
}

void RemoteRemoveJob::listNext()
{
    if (m_folderQueue.isEmpty()) {
        pump();
        return;
    }
    const QString folder = m_folderQueue.takeFirst();
    m_folders.append(folder);
    auto *list = new Lxd::FileListJob(m_files, folder);
    list->setDetail(false);
    list->setMaxParallel(MaxParallel);
    m_step = list;
    connect(list, &Job::finished, this, &RemoteRemoveJob::onListed);
    list->start();
}

void RemoteRemoveJob::onListed(Job *job)
{
    m_step = nullptr;
    auto *list = static_cast<Lxd::FileListJob *>(job);
    if (list->error()) {
        fail(list->error());
        return;
    }
    if (!list->refusedNames().isEmpty()) {
        fail(list->refusedNames().first().error);
        return;
    }
    const QList<FileEntry> entries = list->entries();
    for (const FileEntry &entry : entries) {
        if (entry.isDirectory())
            m_folderQueue.append(entry.path);
        else
            m_leaves.append(entry.path);
    }
    listNext();
}

void RemoteRemoveJob::pump()
{
    while (!isFinished() && m_running.size() < MaxParallel && !m_leaves.isEmpty()) {
        Job *remove = m_files.deleteFile(m_leaves.takeLast());
        m_running.append(remove);
        connect(remove, &Job::finished, this, [this](Job *done) {
            m_running.removeAll(done);
            if (done->error() && !done->error().isNotFound()) {
                fail(done->error());
                return;
            }
            ++m_removed;
            pump();
        });
    }
    if (!isFinished() && m_running.isEmpty() && m_leaves.isEmpty())
        removeFolders();
}

void RemoteRemoveJob::removeFolders()
{
    if (m_folders.isEmpty()) {
        finishWith();
        return;
    }
    // Children were listed after their parents: the last is the deepest.
    m_step = m_files.deleteFile(m_folders.takeLast());
    connect(m_step, &Job::finished, this, [this](Job *done) {
        m_step = nullptr;
        if (done->error() && !done->error().isNotFound()) {
            fail(done->error());
            return;
        }
        ++m_removed;
        removeFolders();
    });
}

void RemoteRemoveJob::fail(const Error &error)
{
    dropAll();
    finishWith(error);
}

void RemoteRemoveJob::stopWork()
{
    dropAll();
}

void RemoteRemoveJob::dropAll()
{
    if (m_step)
        m_step->abandon();
    m_step = nullptr;
    const QList<QPointer<Job>> running = std::exchange(m_running, {});
    for (const QPointer<Job> &job : running) {
        if (job)
            job->abandon();
    }
}

} // namespace Transfers
