#include "InstanceFilesPage.h"

#include "ConflictPrompt.h"
#include "FileIconProxyModel.h"
#include "Icons.h"
#include "InstanceFileView.h"
#include "InstanceFilesMimeData.h"
#include "MessageBox.h"
#include "RemoteFileEditor.h"
#include "TextPrompt.h"
#include "TransferPanel.h"
#include "XdndDirectSave.h"
#include "lxd/ExecJob.h"
#include "lxd/ExecRequest.h"
#include "lxd/LocalPathGuard.h"
#include "models/InstanceFolderCache.h"
#include "models/InstanceFolderListModel.h"
#include "models/InstanceFolderTreeModel.h"
#include "models/Remote.h"
#include "models/RemoteRegistry.h"
#include "transfers/RemoteRemoveJob.h"
#include "transfers/Transfer.h"
#include "transfers/TransferQueue.h"

#include <QAction>
#include <QDir>
#include <QDrag>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

using Lxd::FileEntry;
using Models::InstanceFolderCache;
using Models::InstanceFolderListModel;
using Models::InstanceFolderTreeModel;
using Transfers::Transfer;

namespace {

QIcon themed(const char *name, QStyle::StandardPixmap fallback, const QWidget *widget)
{
    return QIcon::fromTheme(QLatin1String(name), widget->style()->standardIcon(fallback));
}

QString quoted(const QString &name)
{
    return InstanceFilesPage::tr("“%1”").arg(name);
}

// Why `name` cannot name a new entry, or empty.
QString newNameRefusal(const QString &name)
{
    if (name.contains(QLatin1Char('/')))
        return InstanceFilesPage::tr("A name cannot contain “/”.");
    const QString why = Lxd::LocalPathGuard::nameRefusal(name);
    return why.isEmpty() ? QString() : InstanceFilesPage::tr("Not a usable name: %1.").arg(why);
}

} // namespace

InstanceFilesPage::InstanceFilesPage(Transfers::TransferQueue *queue, QWidget *parent)
    : QWidget(parent)
    , m_queue(queue ? queue : new Transfers::TransferQueue(this))
    , m_editor(new RemoteFileEditor(m_queue, this))
    , m_toolBar(new QToolBar(this))
    , m_pathEdit(new QLineEdit(this))
    , m_messageLabel(new QLabel(this))
    , m_browserSplitter(new QSplitter(Qt::Horizontal, this))
    , m_verticalSplitter(new QSplitter(Qt::Vertical, this))
    , m_treeView(new InstanceFileView(this))
    , m_listView(new InstanceFileView(this))
    , m_transferPanel(new TransferPanel(m_queue, this))
    , m_editingButton(new QToolButton(this))
{
    createActions();

    m_pathEdit->setObjectName(QStringLiteral("filesPathLineEdit"));
    m_pathEdit->setAccessibleName(tr("Folder path"));
    m_pathEdit->setPlaceholderText(tr("Path in the instance, e.g. /etc"));
    m_pathEdit->setClearButtonEnabled(true);
    m_editingButton->setObjectName(QStringLiteral("editingToolButton"));
    m_editingButton->setPopupMode(QToolButton::InstantPopup);
    m_editingButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_editingButton->setToolTip(
        tr("Files open in a local editor, saved back into the instance on every save"));

    m_toolBar->setObjectName(QStringLiteral("filesToolBar"));
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->addAction(m_back);
    m_toolBar->addAction(m_up);
    m_toolBar->addAction(m_refresh);
    m_toolBar->addWidget(m_pathEdit);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_newFolder);
    m_toolBar->addAction(m_upload);
    m_toolBar->addAction(m_download);
    m_toolBar->addAction(m_openInEditor);
    m_toolBar->addAction(m_delete);
    m_editingAction = m_toolBar->addWidget(m_editingButton);

    m_messageLabel->setObjectName(QStringLiteral("filesMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messageLabel->setContentsMargins(6, 2, 6, 2);
    m_messageLabel->hide();

    m_treeView->setObjectName(QStringLiteral("filesFolderTreeView"));
    m_treeView->setAccessibleName(tr("Folders"));
    m_treeView->setHeaderHidden(true);
    m_treeView->setUniformRowHeights(true);
    m_treeView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_treeView->setDragEnabled(false);
    m_treeView->setDropFolderResolver([this](const QModelIndex &index) { return dropFolderInTree(index); });
    m_treeView->setDropAcceptor([this](const QMimeData *mime) { return canTake(mime); });

    m_listView->setObjectName(QStringLiteral("filesListView"));
    m_listView->setAccessibleName(tr("Folder contents"));
    m_listView->setRootIsDecorated(false);
    m_listView->setUniformRowHeights(true);
    m_listView->setAlternatingRowColors(true);
    m_listView->setSortingEnabled(true);
    m_listView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_listView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_listView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_listView->setDragEnabled(true);
    m_listView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_listView->setDropFolderResolver([this](const QModelIndex &index) { return dropFolderInList(index); });
    m_listView->setDropAcceptor([this](const QMimeData *mime) { return canTake(mime); });

    m_browserSplitter->setObjectName(QStringLiteral("filesBrowserSplitter"));
    m_browserSplitter->addWidget(m_treeView);
    m_browserSplitter->addWidget(m_listView);
    m_browserSplitter->setStretchFactor(1, 3);
    m_browserSplitter->setSizes({220, 660});
    auto *browser = new QWidget(this);
    auto *browserLayout = new QVBoxLayout(browser);
    browserLayout->setContentsMargins(0, 0, 0, 0);
    browserLayout->setSpacing(0);
    browserLayout->addWidget(m_toolBar);
    browserLayout->addWidget(m_messageLabel);
    browserLayout->addWidget(m_browserSplitter, 1);

    m_verticalSplitter->setObjectName(QStringLiteral("filesTransferSplitter"));
    m_verticalSplitter->addWidget(browser);
    m_verticalSplitter->addWidget(m_transferPanel);
    m_verticalSplitter->setStretchFactor(0, 3);
    m_verticalSplitter->setStretchFactor(1, 1);
    m_verticalSplitter->setSizes({420, 160});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_verticalSplitter);

    connect(m_pathEdit, &QLineEdit::returnPressed, this, [this] { openFolder(m_pathEdit->text()); });
    connect(m_listView, &QAbstractItemView::activated, this, &InstanceFilesPage::onListActivated);
    connect(m_listView, &InstanceFileView::filesDropped, this,
            [this](const QMimeData *mime, const QString &folder) { takeDrop(mime, folder); });
    connect(m_treeView, &InstanceFileView::filesDropped, this,
            [this](const QMimeData *mime, const QString &folder) { takeDrop(mime, folder); });
    connect(m_listView, &InstanceFileView::dragRequested, this, [this] { startDrag(m_listView); });
    connect(m_listView, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        QMenu menu(this);
        menu.addAction(m_openInEditor);
        menu.addAction(m_download);
        menu.addSeparator();
        menu.addAction(m_rename);
        menu.addAction(m_changeMode);
        menu.addAction(m_delete);
        menu.addSeparator();
        menu.addAction(m_newFolder);
        menu.addAction(m_upload);
        menu.addAction(m_refresh);
        menu.exec(m_listView->viewport()->mapToGlobal(position));
    });

    connect(m_queue, &Transfers::TransferQueue::conflictAsked, this,
            [this](Transfer *transfer, const Transfers::TransferConflict &conflict) {
                QPointer<Transfer> guard(transfer);
                ConflictPrompt::ask(this, conflict, transfer,
                                    [guard](Transfers::ConflictChoice choice, bool forAll) {
                                        if (guard)
                                            guard->answerConflict(choice, forAll);
                                    });
            });
    connect(m_queue, &Transfers::TransferQueue::transferFinished, this, &InstanceFilesPage::afterTransfer);
    connect(m_editor, &RemoteFileEditor::watchingChanged, this, &InstanceFilesPage::updateEditingButton);
    connect(m_editor, &RemoteFileEditor::failed, this, &InstanceFilesPage::showMessage);

    updateEditingButton();
    clearInstance();
}

InstanceFilesPage::~InstanceFilesPage() = default;

Transfers::TransferQueue *InstanceFilesPage::transferQueue() const
{
    return m_queue;
}

void InstanceFilesPage::createActions()
{
    m_back = new QAction(themed("go-previous", QStyle::SP_ArrowBack, this), tr("&Back"), this);
    m_back->setObjectName(QStringLiteral("filesBackAction"));
    m_back->setToolTip(tr("Back to the folder shown before"));
    m_up = new QAction(themed("go-up", QStyle::SP_ArrowUp, this), tr("&Up"), this);
    m_up->setObjectName(QStringLiteral("filesUpAction"));
    m_up->setToolTip(tr("The folder that holds this one"));
    m_refresh = new QAction(Icons::icon(Icons::Glyph::Refresh), tr("Re&fresh"), this);
    m_refresh->setObjectName(QStringLiteral("filesRefreshAction"));
    m_refresh->setToolTip(tr("List the folders again"));
    m_newFolder
        = new QAction(themed("folder-new", QStyle::SP_FileDialogNewFolder, this), tr("New &Folder…"), this);
    m_newFolder->setObjectName(QStringLiteral("filesNewFolderAction"));
    m_rename = new QAction(Icons::icon(Icons::Glyph::Rename), tr("&Rename…"), this);
    m_rename->setObjectName(QStringLiteral("filesRenameAction"));
    m_changeMode = new QAction(tr("Change &Mode…"), this);
    m_changeMode->setObjectName(QStringLiteral("filesChangeModeAction"));
    m_delete = new QAction(Icons::icon(Icons::Glyph::Delete), tr("&Delete…"), this);
    m_delete->setObjectName(QStringLiteral("filesDeleteAction"));
    m_openInEditor
        = new QAction(themed("document-edit", QStyle::SP_FileIcon, this), tr("&Open in Editor"), this);
    m_openInEditor->setObjectName(QStringLiteral("filesOpenInEditorAction"));
    m_openInEditor->setToolTip(
        tr("Open the file in the desktop's editor; each save goes back into the instance"));
    m_upload = new QAction(themed("document-send", QStyle::SP_ArrowUp, this), tr("&Upload…"), this);
    m_upload->setObjectName(QStringLiteral("filesUploadAction"));
    m_upload->setToolTip(tr("Upload files from this computer into the folder shown"));
    m_download
        = new QAction(themed("document-save", QStyle::SP_DialogSaveButton, this), tr("Do&wnload…"), this);
    m_download->setObjectName(QStringLiteral("filesDownloadAction"));
    m_download->setToolTip(tr("Download the selected entries to a folder of this computer"));

    connect(m_back, &QAction::triggered, this, [this] {
        if (!m_history.isEmpty())
            navigate(m_history.takeLast(), false);
    });
    connect(m_up, &QAction::triggered, this, [this] {
        const QString parent = InstanceFolderCache::parentOf(m_folder);
        if (!parent.isEmpty())
            navigate(parent, true);
    });
    connect(m_refresh, &QAction::triggered, this, [this] {
        if (m_cache)
            m_cache->reloadAll();
    });
    connect(m_newFolder, &QAction::triggered, this, &InstanceFilesPage::newFolder);
    connect(m_rename, &QAction::triggered, this, &InstanceFilesPage::renameSelected);
    connect(m_changeMode, &QAction::triggered, this, &InstanceFilesPage::changeModeOfSelected);
    connect(m_delete, &QAction::triggered, this, &InstanceFilesPage::deleteSelected);
    connect(m_openInEditor, &QAction::triggered, this, &InstanceFilesPage::openSelectedInEditor);
    connect(m_upload, &QAction::triggered, this, &InstanceFilesPage::uploadFiles);
    connect(m_download, &QAction::triggered, this, &InstanceFilesPage::downloadSelected);
    for (QAction *action : {m_back, m_up, m_refresh, m_newFolder, m_rename, m_changeMode, m_delete,
                            m_openInEditor, m_upload, m_download})
        addAction(action);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_rename->setShortcut(QKeySequence(Qt::Key_F2));
    m_rename->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_back->setShortcut(QKeySequence::Back);
    m_back->setShortcutContext(Qt::WidgetWithChildrenShortcut);
}

void InstanceFilesPage::setInstance(Models::Remote *remote, const QString &project, const QString &name,
                                    const QString &status)
{
    m_status = status;
    if (remote == m_remote && project == m_project && name == m_instance && m_cache) {
        updateActions();
        return;
    }
    const QString previous = m_location.label();
    m_remote = remote;
    m_project = project;
    m_instance = name;
    if (!remote || name.isEmpty()) {
        clearInstance();
        return;
    }
    m_location.files = Lxd::FileManager(remote->client().useProject(project), name);
    m_location.remote = remote->name();
    buildModels();
    m_history.clear();
    m_folder.clear();
    navigate(QStringLiteral("/root"), false);
    askBeforeLeaving(previous);
}

void InstanceFilesPage::clearInstance()
{
    const QString previous = m_location.label();
    m_remote = nullptr;
    m_instance.clear();
    m_location = {};
    m_folder.clear();
    m_history.clear();
    m_treeView->setModel(nullptr);
    m_listView->setModel(nullptr);
    for (QObject *old : std::initializer_list<QObject *> {m_sorted, m_listIcons, m_treeIcons, m_listModel,
                                                          m_treeModel, m_cache}) {
        if (old)
            old->deleteLater();
    }
    m_sorted = nullptr;
    m_listIcons = nullptr;
    m_treeIcons = nullptr;
    m_listModel = nullptr;
    m_treeModel = nullptr;
    m_cache = nullptr;
    m_pathEdit->clear();
    showMessage(QString());
    updateActions();
    if (!previous.isEmpty())
        askBeforeLeaving(previous);
}

void InstanceFilesPage::buildModels()
{
    if (m_cache)
        m_cache->disconnect(this); // the old instance's listings no longer move this tree
    for (QObject *old : std::initializer_list<QObject *> {m_sorted, m_listIcons, m_treeIcons, m_listModel,
                                                          m_treeModel, m_cache}) {
        if (old)
            old->deleteLater();
    }
    m_cache = new InstanceFolderCache(m_location.files, this);
    m_treeModel = new InstanceFolderTreeModel(m_cache, this);
    m_listModel = new InstanceFolderListModel(m_cache, this);
    m_treeIcons = new FileIconProxyModel(-1, this);
    m_treeIcons->setSourceModel(m_treeModel);
    m_listIcons = new FileIconProxyModel(InstanceFolderListModel::EntryTypeRole, this);
    m_listIcons->setSourceModel(m_listModel);
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_listIcons);
    m_sorted->setSortRole(InstanceFolderListModel::SortRole);
    m_sorted->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_treeView->setModel(m_treeIcons);
    m_listView->setModel(m_sorted);
    m_listView->sortByColumn(InstanceFolderListModel::NameColumn, Qt::AscendingOrder);
    QHeaderView *header = m_listView->header();
    header->setStretchLastSection(true);
    header->resizeSection(InstanceFolderListModel::NameColumn, 240);
    header->resizeSection(InstanceFolderListModel::SizeColumn, 80);
    header->resizeSection(InstanceFolderListModel::TypeColumn, 60);
    header->resizeSection(InstanceFolderListModel::ModeColumn, 120);
    header->resizeSection(InstanceFolderListModel::OwnerColumn, 60);
    header->resizeSection(InstanceFolderListModel::ModifiedColumn, 140);

    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &InstanceFilesPage::onTreeCurrentChanged);
    connect(m_listView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InstanceFilesPage::updateActions);
    connect(m_cache, &InstanceFolderCache::folderStateChanged, this,
            &InstanceFilesPage::onFolderStateChanged);
    // Queued: the tree model hears of the listing too, and must have added its rows first.
    connect(
        m_cache, &InstanceFolderCache::folderLoaded, this,
        [this](const QString &folder) {
            const QString below = folder.endsWith(QLatin1Char('/')) ? folder : folder + QLatin1Char('/');
            if (m_pendingReveal == folder || m_pendingReveal.startsWith(below))
                revealInTree(m_pendingReveal);
        },
        Qt::QueuedConnection);
    // The top folder is open from the start.
    m_treeView->expand(m_treeIcons->index(0, 0));
}

bool InstanceFilesPage::isRunning() const
{
    return m_status.compare(QLatin1String("Running"), Qt::CaseInsensitive) == 0;
}

void InstanceFilesPage::openFolder(const QString &folder)
{
    navigate(folder, true);
}

void InstanceFilesPage::navigate(const QString &folder, bool remember)
{
    if (!m_cache)
        return;
    const QString clean = InstanceFolderCache::normalized(folder);
    if (clean == m_folder) {
        // Asked for again (Enter in the path bar): the user wants it as it is now.
        m_cache->reload(clean);
        return;
    }
    if (remember && !m_folder.isEmpty())
        m_history.append(m_folder);
    m_folder = clean;
    m_pathEdit->setText(clean);
    m_listModel->setFolder(clean);
    m_revealRelisted.clear();
    revealInTree(clean);
    onFolderStateChanged(clean);
    updateActions();
}

// Opens the tree down to `folder`: each parent expanded, the folder the current item. A parent not
// listed yet is listed first, and this runs again then. A parent listed before the folder was made (by a
// transfer, a shell, another program) is listed again, once per folder shown.
void InstanceFilesPage::revealInTree(const QString &wanted)
{
    if (!m_treeModel)
        return;
    const QString folder = wanted; // a copy: `wanted` may be m_pendingReveal, cleared here
    m_pendingReveal.clear();
    QStringList chain;
    for (QString path = folder; !path.isEmpty(); path = InstanceFolderCache::parentOf(path))
        chain.prepend(path);
    for (const QString &path : std::as_const(chain)) {
        const QModelIndex source = m_treeModel->indexForPath(path);
        if (!source.isValid()) {
            // Until it shows, the nearest folder is the current item (a view without one would pick
            // its first item when it gets the focus, and go there).
            const QString parent = InstanceFolderCache::parentOf(path);
            const QModelIndex nearest = m_treeIcons->mapFromSource(m_treeModel->indexForPath(parent));
            if (nearest.isValid()) {
                m_syncingTree = true;
                m_treeView->setCurrentIndex(nearest);
                m_treeView->expand(nearest);
                m_syncingTree = false;
            }
            switch (m_cache->state(parent)) {
            case InstanceFolderCache::State::NotLoaded:
                m_pendingReveal = folder;
                m_cache->load(parent);
                break;
            case InstanceFolderCache::State::Loading:
                m_pendingReveal = folder;
                break;
            case InstanceFolderCache::State::Loaded:
                if (!m_revealRelisted.contains(parent)) {
                    m_revealRelisted.insert(parent);
                    m_pendingReveal = folder;
                    m_cache->reload(parent);
                }
                break; // listed again already: it is not there
            case InstanceFolderCache::State::Failed:
                break;
            }
            return;
        }
        const QModelIndex index = m_treeIcons->mapFromSource(source);
        if (path == folder) {
            m_syncingTree = true;
            m_treeView->setCurrentIndex(index);
            m_treeView->scrollTo(index);
            m_syncingTree = false;
        } else {
            m_treeView->expand(index);
        }
    }
}

void InstanceFilesPage::onTreeCurrentChanged(const QModelIndex &current)
{
    if (m_syncingTree || !current.isValid())
        return;
    const QString path = current.data(InstanceFolderTreeModel::PathRole).toString();
    if (!path.isEmpty() && path != m_folder)
        navigate(path, true);
}

void InstanceFilesPage::onListActivated(const QModelIndex &index)
{
    const FileEntry entry = m_listModel->entryAt(m_listIcons->mapToSource(m_sorted->mapToSource(index)));
    if (entry.isDirectory())
        navigate(entry.path, true);
    else if (entry.isSymlink() && !entry.symlinkTarget.isEmpty())
        navigate(entry.symlinkTarget.startsWith(QLatin1Char('/'))
                     ? entry.symlinkTarget
                     : InstanceFolderCache::join(m_folder, entry.symlinkTarget),
                 true);
    else if (entry.isFile())
        m_editor->open(m_location, entry);
}

void InstanceFilesPage::onFolderStateChanged(const QString &folder)
{
    if (!m_cache || folder != m_folder)
        return;
    switch (m_cache->state(folder)) {
    case InstanceFolderCache::State::Failed:
        if (m_cache->error(folder).isNotFound() && folder == QLatin1String("/root") && m_history.isEmpty()) {
            navigate(QStringLiteral("/"), false); // an image without /root
            return;
        }
        showMessage(tr("Cannot list %1: %2").arg(folder, m_cache->error(folder).userMessage()));
        return;
    case InstanceFolderCache::State::Loading:
        if (m_listModel->rowCount() == 0)
            showMessage(tr("Listing %1…").arg(folder));
        return;
    default:
        showMessage(QString());
        return;
    }
}

QString InstanceFilesPage::message() const
{
    return m_messageLabel->isVisible() ? m_messageLabel->text() : QString();
}

void InstanceFilesPage::showMessage(const QString &text)
{
    m_messageLabel->setText(text);
    m_messageLabel->setVisible(!text.isEmpty());
}

QList<FileEntry> InstanceFilesPage::selectedEntries() const
{
    QList<FileEntry> entries;
    if (!m_listModel)
        return entries;
    const QModelIndexList rows = m_listView->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        entries.append(m_listModel->entryAt(m_listIcons->mapToSource(m_sorted->mapToSource(row))));
    return entries;
}

bool InstanceFilesPage::selectEntries(const QStringList &names)
{
    if (!m_listModel)
        return false;
    QItemSelection selection;
    for (const QString &name : names) {
        const QModelIndex source = m_listModel->indexOfName(name);
        if (!source.isValid())
            return false;
        const QModelIndex index = m_sorted->mapFromSource(m_listIcons->mapFromSource(source));
        selection.select(index, index);
    }
    m_listView->selectionModel()->select(selection,
                                         QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

void InstanceFilesPage::updateActions()
{
    const bool have = m_cache != nullptr;
    const QList<FileEntry> selected = selectedEntries();
    const bool one = selected.size() == 1;
    m_back->setEnabled(have && !m_history.isEmpty());
    m_up->setEnabled(have && m_folder != QLatin1String("/"));
    m_refresh->setEnabled(have);
    m_pathEdit->setEnabled(have);
    m_newFolder->setEnabled(have);
    m_upload->setEnabled(have);
    m_download->setEnabled(have && !selected.isEmpty());
    m_delete->setEnabled(have && !selected.isEmpty());
    m_openInEditor->setEnabled(have && one && selected.first().isFile());
    m_rename->setEnabled(have && one);
    m_changeMode->setEnabled(have && one && !selected.first().isSymlink());
    const QString needsRunning = tr("LXD's file API cannot do this: it runs a command in the instance, "
                                    "which must be running");
    m_rename->setToolTip(isRunning() ? tr("Rename the selected entry") : needsRunning);
    m_changeMode->setToolTip(isRunning() ? tr("Change the permissions of the selected entry") : needsRunning);
}

void InstanceFilesPage::updateEditingButton()
{
    const QList<RemoteFileEditor::WatchedFile> files = m_editor->watchedFiles();
    m_editingAction->setVisible(!files.isEmpty());
    m_editingButton->setText(tr("Editing %n file(s)", nullptr, int(files.size())));
    auto *menu = new QMenu(m_editingButton);
    for (const RemoteFileEditor::WatchedFile &file : files) {
        QAction *stop
            = menu->addAction(tr("Stop Watching %1:%2").arg(file.location.label(), file.remotePath));
        const QString localPath = file.localPath;
        connect(stop, &QAction::triggered, this, [this, localPath] { m_editor->stopWatching(localPath); });
    }
    delete m_editingButton->menu();
    m_editingButton->setMenu(menu);
}

void InstanceFilesPage::askBeforeLeaving(const QString &previousLabel)
{
    if (previousLabel.isEmpty() || previousLabel == m_location.label())
        return;
    const int count = static_cast<int>(m_editor->watchedFiles(previousLabel).size());
    if (count == 0)
        return;
    MessageBox::confirm(
        this, tr("Files Open in an Editor"),
        tr("%n file(s) from %1 are open in an editor. Stop watching them?", nullptr, count)
            .arg(previousLabel),
        tr("Stop Watching"), this, [this, previousLabel] { m_editor->stopWatchingInstance(previousLabel); },
        false,
        tr("While watched, each save in the editor is uploaded into the instance, whichever instance "
           "Berth shows."));
}

QString InstanceFilesPage::dropFolderInTree(const QModelIndex &index) const
{
    if (!index.isValid())
        return QString();
    return index.data(InstanceFolderTreeModel::PathRole).toString();
}

QString InstanceFilesPage::dropFolderInList(const QModelIndex &index) const
{
    if (!m_listModel)
        return QString();
    if (index.isValid()) {
        const FileEntry entry = m_listModel->entryAt(m_listIcons->mapToSource(m_sorted->mapToSource(index)));
        if (entry.isDirectory())
            return entry.path;
    }
    return m_folder; // a file, or empty space: the folder shown
}

bool InstanceFilesPage::canTake(const QMimeData *mime) const
{
    if (!m_cache || !mime)
        return false;
    return mime->hasFormat(InstanceFolderCache::MimeType) || mime->hasUrls();
}

Transfer *InstanceFilesPage::takeDrop(const QMimeData *mime, const QString &folder)
{
    if (!m_cache || !mime || folder.isEmpty())
        return nullptr;
    const QString target = InstanceFolderCache::normalized(folder);
    // Entries of an instance first: such a drag also offers file URLs, which would download them.
    if (mime->hasFormat(InstanceFolderCache::MimeType)) {
        Transfers::InstanceLocation source;
        QList<FileEntry> entries;
        if (const auto *ours = qobject_cast<const InstanceFilesMimeData *>(mime)) {
            source = ours->source();
            entries = ours->entries();
        } else {
            // From another Berth window: find the remote by name, and make sure it is the same server.
            const auto description = InstanceFilesMimeData::parse(mime->data(InstanceFolderCache::MimeType));
            auto *registry = m_remote ? qobject_cast<Models::RemoteRegistry *>(m_remote->parent()) : nullptr;
            Models::Remote *remote = description && registry ? registry->find(description->remote) : nullptr;
            if (!remote || remote->endpoint() != description->endpoint) {
                showMessage(tr("The dropped entries come from a server this window does not know."));
                return nullptr;
            }
            source.files
                = Lxd::FileManager(remote->client().useProject(description->project), description->instance);
            source.remote = remote->name();
            for (const QString &path : description->paths) {
                FileEntry entry;
                entry.path = path;
                entry.name = path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
                entries.append(entry);
            }
        }
        const bool sameInstance
            = source.label() == m_location.label() && source.project() == m_location.project();
        if (sameInstance) {
            // Dropped back where they are, or into themselves: nothing to do.
            const bool noMove
                = std::all_of(entries.cbegin(), entries.cend(), [&target](const FileEntry &entry) {
                      return InstanceFolderCache::parentOf(entry.path) == target;
                  });
            const bool intoItself
                = std::any_of(entries.cbegin(), entries.cend(), [&target](const FileEntry &entry) {
                      return target == entry.path || target.startsWith(entry.path + QLatin1Char('/'));
                  });
            if (noMove || intoItself)
                return nullptr;
        }
        Transfer *transfer = m_queue->copy(source, entries, m_location, target);
        Q_EMIT statusMessage(transfer->title());
        return transfer;
    }
    QStringList paths;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    if (paths.isEmpty()) {
        showMessage(tr("Only files and folders of this computer can be dropped here."));
        return nullptr;
    }
    Transfer *transfer = m_queue->upload(paths, m_location, target);
    Q_EMIT statusMessage(transfer->title());
    return transfer;
}

InstanceFilesMimeData *InstanceFilesPage::createDragData(const QList<FileEntry> &entries) const
{
    auto *self = const_cast<InstanceFilesPage *>(this);
    if (!m_staging) {
        self->m_staging = std::make_unique<QTemporaryDir>(
            QDir(QDir::tempPath()).filePath(QStringLiteral("berth-drag-XXXXXX")));
    }
    return new InstanceFilesMimeData(m_queue, m_location, entries, m_staging->path());
}

void InstanceFilesPage::startDrag(InstanceFileView *view)
{
    const QList<FileEntry> entries = selectedEntries();
    if (entries.isEmpty() || !m_cache)
        return;
    auto *drag = new QDrag(view);
    drag->setMimeData(createDragData(entries));
    drag->setPixmap(
        m_listIcons->data(m_listIcons->index(0, 0), Qt::DecorationRole).value<QIcon>().pixmap(32, 32));
    if (entries.size() == 1 && XdndDirectSave::isAvailable()) {
        // Once the drag runs (it owns the XDND selection then), say the name a file manager should use.
        const QString name = entries.first().name;
        QTimer::singleShot(0, drag, [name] { XdndDirectSave::announce(name); });
    }
    drag->exec(Qt::CopyAction, Qt::CopyAction);
}

void InstanceFilesPage::afterTransfer(Transfer *transfer)
{
    if (!m_cache)
        return;
    if (transfer->direction() == Transfer::Direction::Download
        || transfer->target().label() != m_location.label()
        || transfer->target().project() != m_location.project())
        return;
    // What changed in a folder that is listed here is shown.
    if (m_cache->state(transfer->destination()) != InstanceFolderCache::State::NotLoaded)
        m_cache->reload(transfer->destination());
    if (transfer->state() == Transfer::State::Failed)
        Q_EMIT statusMessage(tr("%1 failed: %2").arg(transfer->title(), transfer->errorMessage()));
}

void InstanceFilesPage::newFolder()
{
    if (!m_cache)
        return;
    const QString folder = m_folder;
    TextPrompt::ask(
        this, tr("New Folder"), tr("Name of the new folder in %1:").arg(folder), QString(), this,
        [this, folder](const QString &name) {
            const QString why = newNameRefusal(name);
            if (!why.isEmpty()) {
                showMessage(why);
                return;
            }
            const bool exists
                = std::any_of(m_cache->entries(folder).cbegin(), m_cache->entries(folder).cend(),
                              [&name](const FileEntry &entry) { return entry.name == name; });
            if (exists) {
                showMessage(tr("%1 exists already in %2.").arg(quoted(name), folder));
                return;
            }
            Lxd::Job *job = m_location.files.makeDirectory(InstanceFolderCache::join(folder, name));
            connect(job, &Lxd::Job::finished, this, [this, folder, name](Lxd::Job *done) {
                if (done->error()) {
                    showMessage(
                        tr("Cannot make the folder %1: %2").arg(quoted(name), done->error().userMessage()));
                    return;
                }
                Q_EMIT statusMessage(tr("Made the folder %1").arg(InstanceFolderCache::join(folder, name)));
                if (m_cache)
                    m_cache->reload(folder);
            });
        });
}

void InstanceFilesPage::runInInstance(const QStringList &command, const QString &what,
                                      const QString &folderToReload)
{
    if (!isRunning()) {
        showMessage(tr("%1 needs the instance to be running: LXD's file API cannot rename or change modes, "
                       "so Berth runs a command in the instance.")
                        .arg(what));
        return;
    }
    Lxd::ExecRequest request(command);
    request.setEnvironmentVariable(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    Lxd::ExecJob *job = Lxd::ExecJob::execute(m_location.files.client(), m_location.instance(), request);
    connect(job, &Lxd::Job::finished, this, [this, job, what, folderToReload] {
        if (job->error() || job->exitCode() != 0) {
            const QString why
                = job->error() ? job->error().userMessage() : QString::fromUtf8(job->errorOutput()).trimmed();
            showMessage(tr("%1 failed: %2")
                            .arg(what, why.isEmpty() ? tr("exit status %1").arg(job->exitCode()) : why));
        } else {
            Q_EMIT statusMessage(what);
        }
        if (m_cache)
            m_cache->reload(folderToReload);
    });
}

void InstanceFilesPage::renameSelected()
{
    const QList<FileEntry> selected = selectedEntries();
    if (selected.size() != 1)
        return;
    const FileEntry entry = selected.first();
    const QString folder = InstanceFolderCache::parentOf(entry.path);
    TextPrompt::ask(this, tr("Rename"), tr("New name for %1:").arg(quoted(entry.name)), entry.name, this,
                    [this, entry, folder](const QString &name) {
                        if (name == entry.name)
                            return;
                        const QString why = newNameRefusal(name);
                        if (!why.isEmpty()) {
                            showMessage(why);
                            return;
                        }
                        if (m_listModel && m_listModel->indexOfName(name).isValid()) {
                            showMessage(tr("%1 exists already in %2.").arg(quoted(name), folder));
                            return;
                        }
                        // -n: never over something that appeared since the listing.
                        runInInstance({QStringLiteral("mv"), QStringLiteral("-n"), QStringLiteral("--"),
                                       entry.path, InstanceFolderCache::join(folder, name)},
                                      tr("Renaming %1 to %2").arg(quoted(entry.name), quoted(name)), folder);
                    });
}

void InstanceFilesPage::changeModeOfSelected()
{
    const QList<FileEntry> selected = selectedEntries();
    if (selected.size() != 1)
        return;
    const FileEntry entry = selected.first();
    const QString current
        = entry.mode >= 0 ? QString::fromLatin1(FileEntry::formatMode(entry.mode)) : QString();
    TextPrompt::ask(
        this, tr("Change Mode"),
        tr("Mode of %1, in octal (e.g. 0644 for rw-r--r--, 0755 for rwxr-xr-x):").arg(quoted(entry.name)),
        current, this, [this, entry](const QString &text) {
            static const QRegularExpression octal(QStringLiteral("^[0-7]{3,4}$"));
            if (!octal.match(text).hasMatch()) {
                showMessage(
                    tr("%1 is not a mode: give three or four octal digits, such as 0644.").arg(quoted(text)));
                return;
            }
            runInInstance({QStringLiteral("chmod"), text, QStringLiteral("--"), entry.path},
                          tr("Changing the mode of %1 to %2").arg(quoted(entry.name), text),
                          InstanceFolderCache::parentOf(entry.path));
        });
}

void InstanceFilesPage::deleteSelected()
{
    const QList<FileEntry> selected = selectedEntries();
    if (selected.isEmpty() || !m_cache)
        return;
    QStringList paths;
    for (const FileEntry &entry : selected)
        paths.append(entry.path);
    const bool folders
        = std::any_of(selected.cbegin(), selected.cend(), [](const FileEntry &e) { return e.isDirectory(); });
    const QString text = selected.size() == 1
        ? tr("Delete %1 from %2?").arg(quoted(selected.first().path), m_location.label())
        : tr("Delete %n entries from %1?", nullptr, int(selected.size())).arg(m_location.label());
    const QString folder = m_folder;
    MessageBox::confirm(
        this, tr("Delete"), text, tr("Delete"), this,
        [this, paths, folder] {
            auto *job = new Transfers::RemoteRemoveJob(m_location.files, paths);
            connect(job, &Lxd::Job::finished, this, [this, folder](Lxd::Job *done) {
                if (done->error())
                    showMessage(tr("Deleting failed: %1").arg(done->error().userMessage()));
                else
                    Q_EMIT statusMessage(tr("Deleted."));
                if (m_cache)
                    m_cache->reload(folder);
            });
            job->start();
        },
        true,
        folders ? tr("Folders are deleted with everything in them. This cannot be undone.")
                : tr("This cannot be undone."));
}

void InstanceFilesPage::openSelectedInEditor()
{
    const QList<FileEntry> selected = selectedEntries();
    if (selected.size() == 1 && selected.first().isFile())
        m_editor->open(m_location, selected.first());
}

void InstanceFilesPage::uploadFiles()
{
    if (!m_cache)
        return;
    const QString folder = m_folder;
    auto *dialog = new QFileDialog(this, tr("Upload into %1:%2").arg(m_location.label(), folder));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setLabelText(QFileDialog::Accept, tr("Upload"));
    connect(dialog, &QFileDialog::filesSelected, this, [this, folder](const QStringList &files) {
        if (m_cache && !files.isEmpty())
            m_queue->upload(files, m_location, folder);
    });
    dialog->open();
}

void InstanceFilesPage::downloadSelected()
{
    const QList<FileEntry> selected = selectedEntries();
    if (selected.isEmpty())
        return;
    const Transfers::InstanceLocation source = m_location;
    auto *dialog = new QFileDialog(this, tr("Download to"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setLabelText(QFileDialog::Accept, tr("Download Here"));
    connect(dialog, &QFileDialog::fileSelected, this, [this, source, selected](const QString &directory) {
        if (!directory.isEmpty())
            m_queue->download(source, selected, directory);
    });
    dialog->open();
}
