#pragma once

#include "lxd/FileEntry.h"
#include "transfers/InstanceLocation.h"

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTemporaryDir>

#include <functional>

class QTimer;
class QUrl;

namespace Transfers {
class Transfer;
class TransferQueue;
} // namespace Transfers

// Files of instances opened in the desktop's own editor: each is downloaded into a private temporary
// folder, opened (QDesktopServices), and watched; every time the editor saves it, it goes back into
// the instance (a transfer in the queue, replacing the file). Editors that save by writing a new file
// and renaming it over the old one are followed too (the folder is watched, not just the file).
// Watching stops when asked, or when Berth quits; the temporary copies are removed then.
class RemoteFileEditor final : public QObject
{
    Q_OBJECT

public:
    using Opener = std::function<bool(const QUrl &url)>;

    struct WatchedFile
    {
        Transfers::InstanceLocation location;
        QString remotePath;
        QString localPath;
    };

    explicit RemoteFileEditor(Transfers::TransferQueue *queue, QObject *parent = nullptr);
    ~RemoteFileEditor() override;

    // How a downloaded file is opened; QDesktopServices::openUrl unless a test says otherwise.
    void setOpener(Opener opener) { m_opener = std::move(opener); }
    // Milliseconds between the last save seen and the upload (editors write in several steps).
    void setSettleDelay(int milliseconds) { m_settleMs = milliseconds; }

    void open(const Transfers::InstanceLocation &location, const Lxd::FileEntry &entry);
    QList<WatchedFile> watchedFiles() const;
    // Files watched from one instance ("local:c1").
    QList<WatchedFile> watchedFiles(const QString &instanceLabel) const;
    void stopWatching(const QString &localPath);
    void stopWatchingInstance(const QString &instanceLabel);

Q_SIGNALS:
    void watchingChanged();
    void opened(const QString &localPath);
    void uploadStarted(Transfers::Transfer *transfer);
    void failed(const QString &message);

private:
    struct Watched
    {
        WatchedFile file;
        qint64 size = -1;
        QDateTime modified;
        QPointer<Transfers::Transfer> upload;
        bool changedDuringUpload = false;
        QTimer *settle = nullptr;
    };

    void onPathChanged(const QString &path);
    void checkForSave(const QString &localPath);
    void upload(const QString &localPath);
    void remember(Watched &watched);

    QPointer<Transfers::TransferQueue> m_queue;
    Opener m_opener;
    int m_settleMs = 400;
    QTemporaryDir m_root;
    int m_nextFolder = 0;
    QFileSystemWatcher m_watcher;
    QHash<QString, Watched> m_files; // by local path
};
