#pragma once

#include "lxd/FileEntry.h"
#include "transfers/InstanceLocation.h"

#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QWidget>

#include <memory>

class QAction;
class QLabel;
class QLineEdit;
class QMimeData;
class QSortFilterProxyModel;
class QSplitter;
class QTemporaryDir;
class QToolBar;
class QToolButton;

class FileIconProxyModel;
class InstanceFileView;
class InstanceFilesMimeData;
class RemoteFileEditor;
class TransferPanel;

namespace Models {
class InstanceFolderCache;
class InstanceFolderListModel;
class InstanceFolderTreeModel;
class Remote;
} // namespace Models

namespace Transfers {
class Transfer;
class TransferQueue;
} // namespace Transfers

// The Files tab: an instance's folders as a tree that loads as it opens, the entries of the folder shown
// with their metadata, a path bar with back and up, and the usual actions (new folder, rename, change
// mode, delete, open in the desktop's editor with changes saved back, upload, download). Files dropped
// from the desktop are uploaded into the folder they land on; entries dragged out are written where
// they are dropped (XDS, else downloaded first); entries dragged onto another instance's Files tab are
// copied there directly. Everything that moves bytes is a transfer in the queue shown below.
class InstanceFilesPage final : public QWidget
{
    Q_OBJECT

public:
    // `queue` may be shared with other pages; without one the page makes its own.
    explicit InstanceFilesPage(Transfers::TransferQueue *queue = nullptr, QWidget *parent = nullptr);
    ~InstanceFilesPage() override;

    // `status` is the instance's ("Running", "Stopped"…): renaming and changing modes need it running.
    void setInstance(Models::Remote *remote, const QString &project, const QString &name,
                     const QString &status);
    void clearInstance();
    Transfers::InstanceLocation location() const { return m_location; }

    QString currentFolder() const { return m_folder; }
    // Shows `folder` (a path in the instance), revealing it in the tree.
    void openFolder(const QString &folder);

    Transfers::TransferQueue *transferQueue() const;
    TransferPanel *transferPanel() const { return m_transferPanel; }
    InstanceFileView *folderView() const { return m_treeView; }
    InstanceFileView *listView() const { return m_listView; }
    QLineEdit *pathEdit() const { return m_pathEdit; }
    Models::InstanceFolderCache *folderCache() const { return m_cache; }
    Models::InstanceFolderListModel *listModel() const { return m_listModel; }
    RemoteFileEditor *editor() const { return m_editor; }
    // The entries selected in the list (or the folder selected in the tree).
    QList<Lxd::FileEntry> selectedEntries() const;
    bool selectEntries(const QStringList &names);

    // What a drag of `entries` carries (the drag's data; tests call its download paths directly).
    InstanceFilesMimeData *createDragData(const QList<Lxd::FileEntry> &entries) const;
    // Takes what was dropped into `folder`: local files are uploaded, entries of an instance copied.
    // Returns the transfer started (null when there was nothing to take; the reason is shown).
    Transfers::Transfer *takeDrop(const QMimeData *mime, const QString &folder);

    QAction *backAction() const { return m_back; }
    QAction *upAction() const { return m_up; }
    QAction *refreshAction() const { return m_refresh; }
    QAction *newFolderAction() const { return m_newFolder; }
    QAction *renameAction() const { return m_rename; }
    QAction *changeModeAction() const { return m_changeMode; }
    QAction *deleteAction() const { return m_delete; }
    QAction *openInEditorAction() const { return m_openInEditor; }
    QAction *uploadAction() const { return m_upload; }
    QAction *downloadAction() const { return m_download; }
    QString message() const;

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void createActions();
    void buildModels();
    void navigate(const QString &folder, bool remember);
    void revealInTree(const QString &folder);
    void onTreeCurrentChanged(const QModelIndex &current);
    void onListActivated(const QModelIndex &index);
    void updateActions();
    void updateEditingButton();
    void showMessage(const QString &text);
    void onFolderStateChanged(const QString &folder);
    QString dropFolderInTree(const QModelIndex &index) const;
    QString dropFolderInList(const QModelIndex &index) const;
    bool canTake(const QMimeData *mime) const;
    void startDrag(InstanceFileView *view);
    void afterTransfer(Transfers::Transfer *transfer);
    void askBeforeLeaving(const QString &previousLabel);
    bool isRunning() const;

    void newFolder();
    void renameSelected();
    void changeModeOfSelected();
    void deleteSelected();
    void openSelectedInEditor();
    void uploadFiles();
    void downloadSelected();
    void runInInstance(const QStringList &command, const QString &what, const QString &folderToReload);

    QPointer<Transfers::TransferQueue> m_queue;
    QPointer<Models::Remote> m_remote;
    QString m_project;
    QString m_instance;
    QString m_status;
    Transfers::InstanceLocation m_location;
    Models::InstanceFolderCache *m_cache = nullptr;
    Models::InstanceFolderTreeModel *m_treeModel = nullptr;
    Models::InstanceFolderListModel *m_listModel = nullptr;
    FileIconProxyModel *m_treeIcons = nullptr;
    FileIconProxyModel *m_listIcons = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    RemoteFileEditor *m_editor;
    std::unique_ptr<QTemporaryDir> m_staging; // downloads for drags, until Berth quits

    QString m_folder;
    QStringList m_history;
    QString m_pendingReveal;
    QSet<QString> m_revealRelisted; // parents listed again to find the folder shown
    bool m_syncingTree = false;

    QToolBar *m_toolBar;
    QLineEdit *m_pathEdit;
    QLabel *m_messageLabel;
    QSplitter *m_browserSplitter;
    QSplitter *m_verticalSplitter;
    InstanceFileView *m_treeView;
    InstanceFileView *m_listView;
    TransferPanel *m_transferPanel;
    QToolButton *m_editingButton;
    QAction *m_editingAction = nullptr;

    QAction *m_back = nullptr;
    QAction *m_up = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_newFolder = nullptr;
    QAction *m_rename = nullptr;
    QAction *m_changeMode = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_openInEditor = nullptr;
    QAction *m_upload = nullptr;
    QAction *m_download = nullptr;
};
