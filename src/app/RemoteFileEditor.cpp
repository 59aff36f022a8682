#include "RemoteFileEditor.h"

#include "transfers/Transfer.h"
#include "transfers/TransferQueue.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QTimer>
#include <QUrl>

using Transfers::Transfer;

namespace {

QString folderOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

} // namespace

RemoteFileEditor::RemoteFileEditor(Transfers::TransferQueue *queue, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
    , m_root(QDir(QDir::tempPath()).filePath(QStringLiteral("berth-edit-XXXXXX")))
{
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &RemoteFileEditor::onPathChanged);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &RemoteFileEditor::onPathChanged);
}

RemoteFileEditor::~RemoteFileEditor() = default;

QList<RemoteFileEditor::WatchedFile> RemoteFileEditor::watchedFiles() const
{
    QList<WatchedFile> files;
    for (const Watched &watched : m_files)
        files.append(watched.file);
    return files;
}

QList<RemoteFileEditor::WatchedFile> RemoteFileEditor::watchedFiles(const QString &instanceLabel) const
{
    QList<WatchedFile> files;
    for (const Watched &watched : m_files) {
        if (watched.file.location.label() == instanceLabel)
            files.append(watched.file);
    }
    return files;
}

void RemoteFileEditor::open(const Transfers::InstanceLocation &location, const Lxd::FileEntry &entry)
{
    for (const Watched &watched : std::as_const(m_files)) {
        if (watched.file.location.label() == location.label() && watched.file.remotePath == entry.path) {
            // Open already: show it again, as it is locally (it may hold unsaved-to-instance edits).
            m_opener(QUrl::fromLocalFile(watched.file.localPath));
            return;
        }
    }
    if (!m_root.isValid() || !m_queue) {
        Q_EMIT failed(tr("Cannot make a temporary folder for %1").arg(entry.path));
        return;
    }
    // A folder per file: two files of the same name from different places never meet.
    const QString folder = m_root.filePath(QString::number(++m_nextFolder));
    QDir().mkpath(folder);
    Transfer *download = m_queue->download(location, QList<Lxd::FileEntry> {entry}, folder);
    download->setConflictPolicy(Transfers::ConflictChoice::Overwrite);
    connect(download, &Transfer::finished, this, [this, download, location, entry, folder] {
        if (download->state() != Transfer::State::Completed) {
            Q_EMIT failed(tr("Could not open %1: %2").arg(entry.path, download->errorMessage()));
            return;
        }
        Watched watched;
        watched.file.location = location;
        watched.file.remotePath = entry.path;
        watched.file.localPath = QDir(folder).filePath(entry.name);
        remember(watched);
        const QString localPath = watched.file.localPath;
        m_files.insert(localPath, watched);
        m_watcher.addPath(localPath);
        m_watcher.addPath(folder);
        Q_EMIT watchingChanged();
        if (!m_opener(QUrl::fromLocalFile(localPath)))
            Q_EMIT failed(tr("No application opens %1").arg(localPath));
        Q_EMIT opened(localPath);
    });
}

void RemoteFileEditor::remember(Watched &watched)
{
    const QFileInfo info(watched.file.localPath);
    watched.size = info.exists() ? info.size() : -1;
    watched.modified = info.exists() ? info.lastModified() : QDateTime();
}

void RemoteFileEditor::onPathChanged(const QString &path)
{
    if (m_files.contains(path)) {
        checkForSave(path);
        return;
    }
    // A folder: one of its files may have been replaced by a rename.
    for (auto it = m_files.begin(); it != m_files.end(); ++it) {
        if (folderOf(it.key()) == path)
            checkForSave(it.key());
    }
}

void RemoteFileEditor::checkForSave(const QString &localPath)
{
    auto it = m_files.find(localPath);
    if (it == m_files.end())
        return;
    const QFileInfo info(localPath);
    if (!info.exists())
        return; // between the editor's delete and rename: the folder change will follow
    // A file replaced by a rename is a new inode the watcher does not know yet.
    if (!m_watcher.files().contains(localPath))
        m_watcher.addPath(localPath);
    if (info.size() == it->size && info.lastModified() == it->modified)
        return;
    if (!it->settle) {
        it->settle = new QTimer(this);
        it->settle->setSingleShot(true);
        connect(it->settle, &QTimer::timeout, this, [this, localPath] { upload(localPath); });
    }
    it->settle->start(m_settleMs);
}

void RemoteFileEditor::upload(const QString &localPath)
{
    auto it = m_files.find(localPath);
    if (it == m_files.end() || !m_queue)
        return;
    if (it->upload && !it->upload->isFinished()) {
        it->changedDuringUpload = true;
        return;
    }
    remember(*it);
    it->changedDuringUpload = false;
    Transfer *transfer = m_queue->upload({localPath}, it->file.location, folderOf(it->file.remotePath));
    transfer->setConflictPolicy(Transfers::ConflictChoice::Overwrite);
    it->upload = transfer;
    connect(transfer, &Transfer::finished, this, [this, localPath, transfer] {
        auto current = m_files.find(localPath);
        if (current == m_files.end())
            return;
        if (transfer->state() != Transfer::State::Completed)
            Q_EMIT failed(
                tr("Could not save %1 into %2: %3")
                    .arg(current->file.remotePath, current->file.location.label(), transfer->errorMessage()));
        if (current->changedDuringUpload)
            upload(localPath);
    });
    Q_EMIT uploadStarted(transfer);
}

void RemoteFileEditor::stopWatching(const QString &localPath)
{
    auto it = m_files.find(localPath);
    if (it == m_files.end())
        return;
    delete it->settle;
    m_watcher.removePath(localPath);
    const QString folder = folderOf(localPath);
    m_files.erase(it);
    m_watcher.removePath(folder);
    QDir(folder).removeRecursively();
    Q_EMIT watchingChanged();
}

void RemoteFileEditor::stopWatchingInstance(const QString &instanceLabel)
{
    const QList<WatchedFile> files = watchedFiles(instanceLabel);
    for (const WatchedFile &file : files)
        stopWatching(file.localPath);
}
