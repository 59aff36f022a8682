#include "InstanceFolderCache.h"

#include "lxd/FileListJob.h"

#include <QDir>

namespace Models {

InstanceFolderCache::InstanceFolderCache(const Lxd::FileManager &files, QObject *parent)
    : QObject(parent)
    , m_files(files)
{ }

InstanceFolderCache::~InstanceFolderCache()
{
    for (Folder &folder : m_folders) {
        if (folder.job)
            folder.job->abandon();
    }
}

QString InstanceFolderCache::normalized(const QString &path)
{
    QString clean = QDir::cleanPath(QLatin1Char('/') + path.trimmed());
    while (clean.startsWith(QLatin1String("//")))
        clean.remove(0, 1);
    return clean.isEmpty() ? QStringLiteral("/") : clean;
}

QString InstanceFolderCache::parentOf(const QString &path)
{
    const QString clean = normalized(path);
    if (clean == QLatin1String("/"))
        return QString();
    const qsizetype slash = clean.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : clean.left(slash);
}

QString InstanceFolderCache::join(const QString &folder, const QString &name)
{
    return Lxd::FileManager::joinPath(normalized(folder), name);
}

InstanceFolderCache::State InstanceFolderCache::state(const QString &folder) const
{
    return m_folders.value(normalized(folder)).state;
}

QList<Lxd::FileEntry> InstanceFolderCache::entries(const QString &folder) const
{
    return m_folders.value(normalized(folder)).entries;
}

Lxd::Error InstanceFolderCache::error(const QString &folder) const
{
    return m_folders.value(normalized(folder)).error;
}

bool InstanceFolderCache::hasSubfolders(const QString &folder) const
{
    const auto it = m_folders.constFind(normalized(folder));
    if (it == m_folders.constEnd())
        return false;
    return std::any_of(it->entries.cbegin(), it->entries.cend(),
                       [](const Lxd::FileEntry &entry) { return entry.isDirectory(); });
}

void InstanceFolderCache::load(const QString &folder)
{
    const State current = state(folder);
    if (current == State::Loaded || current == State::Loading)
        return;
    reload(folder);
}

void InstanceFolderCache::reload(const QString &path)
{
    const QString folder = normalized(path);
    Folder &entry = m_folders[folder];
    if (entry.job)
        entry.job->abandon();
    auto *job = new Lxd::FileListJob(m_files, folder);
    job->setMaxParallel(ListingParallel);
    entry.job = job;
    entry.state = State::Loading;
    connect(job, &Lxd::Job::finished, this, [this, folder, job] { onListed(folder, job); });
    job->start();
    Q_EMIT folderStateChanged(folder);
}

void InstanceFolderCache::reloadAll()
{
    const QStringList folders = m_folders.keys();
    for (const QString &folder : folders) {
        if (m_folders.value(folder).state != State::NotLoaded)
            reload(folder);
    }
}

void InstanceFolderCache::onListed(const QString &folder, Lxd::FileListJob *job)
{
    auto it = m_folders.find(folder);
    if (it == m_folders.end() || it->job != job)
        return;
    it->job = nullptr;
    if (job->error()) {
        it->state = State::Failed;
        it->error = job->error();
        // A folder that is gone has no entries any more.
        if (job->error().isNotFound())
            it->entries.clear();
        Q_EMIT folderStateChanged(folder);
        Q_EMIT folderFailed(folder, job->error());
        return;
    }
    it->state = State::Loaded;
    it->error = {};
    it->entries = job->entries();
    Q_EMIT folderStateChanged(folder);
    Q_EMIT folderLoaded(folder);
}

} // namespace Models
