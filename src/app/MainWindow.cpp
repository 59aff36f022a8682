#include "MainWindow.h"

#include "CommandPalette.h"
#include "CreateInstanceWizard.h"
#include "EventMonitorWindow.h"
#include "Icons.h"
#include "InstanceActions.h"
#include "InstanceConfigPage.h"
#include "InstanceDetailWidget.h"
#include "InstanceTransferActions.h"
#include "MessageBox.h"
#include "NavigationIconProxyModel.h"
#include "ObjectPropertiesWidget.h"
#include "OperationsDock.h"
#include "Preferences.h"
#include "PreferencesDialog.h"
#include "RemoteStatusLabel.h"
#include "ResourceActions.h"
#include "ResourceListWidget.h"
#include "ResourcePages.h"
#include "TableKeyActions.h"
#include "TerminalManager.h"
#include "models/ClusterMemberTableModel.h"
#include "models/EventLog.h"
#include "models/ImageTableModel.h"
#include "models/InstanceTableModel.h"
#include "models/NetworkTableModel.h"
#include "models/OperationTableModel.h"
#include "models/ProfileTableModel.h"
#include "models/Remote.h"
#include "models/RemoteRegistry.h"
#include "models/ResourceCache.h"
#include "models/StoragePoolTableModel.h"
#include "models/WarningTableModel.h"
#include "ui_MainWindow.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QMetaEnum>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>

using Models::NavigationTreeModel;
using Models::Remote;
using Models::ResourceTableModel;

namespace {

// How often the usage of the visible running instances is fetched again (LXD sends no events for it).
constexpr int StatusMessageMs = 10000;

} // namespace

MainWindow::MainWindow(Models::RemoteRegistry *registry, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_registry(registry)
    , m_navigation(new NavigationTreeModel(registry, this))
    , m_navigationIcons(new NavigationIconProxyModel(this))
{
    m_ui->setupUi(this);
    setWindowIcon(Icons::glyph(Icons::Glyph::Instances));
    m_instanceActions = new InstanceActions(this);
    m_terminals = new TerminalManager(this);
    m_instanceDetail = new InstanceDetailWidget(m_instanceActions, m_terminals, this);
    m_properties = new ObjectPropertiesWidget(this);
    m_ui->detailStackedWidget->addWidget(m_instanceDetail);
    m_ui->detailStackedWidget->addWidget(m_properties);
    m_operationsDock = new OperationsDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_operationsDock);
    m_operationsDock->hide(); // until a transfer starts, or the user opens it (or it was open last time)
    m_transferActions = new InstanceTransferActions(this, registry, m_operationsDock->tasks());
    m_resourcePages = new ResourcePages(this, registry, m_operationsDock->tasks(), m_properties);
    for (QWidget *pane : m_resourcePages->detailWidgets())
        m_ui->detailStackedWidget->addWidget(pane);
    connect(m_operationsDock->tasks(), &QAbstractItemModel::rowsInserted, m_operationsDock, &QWidget::show);
    connect(m_operationsDock, &OperationsDock::statusMessage, this, &MainWindow::showStatus);
    connect(m_transferActions, &InstanceTransferActions::statusMessage, this, &MainWindow::showStatus);
    connect(m_resourcePages, &ResourcePages::statusMessage, this, &MainWindow::showStatus);
    m_ui->mainSplitter->setStretchFactor(1, 1);
    m_ui->contentSplitter->setStretchFactor(0, 3);
    m_ui->contentSplitter->setStretchFactor(1, 2);
    m_ui->mainSplitter->setSizes({250, 1030});
    m_ui->contentSplitter->setSizes({430, 330});

    m_navigationIcons->setSourceModel(m_navigation);
    QTreeView *tree = m_ui->navigationTreeView;
    tree->setModel(m_navigationIcons);
    tree->setIconSize(QSize(18, 18));
    connect(tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                onNavigationCurrentChanged(m_navigationIcons->mapToSource(current));
            });
    connect(tree, &QWidget::customContextMenuRequested, this, &MainWindow::showTreeContextMenu);
    // Instance rows dropped on a remote or project: copy or move them there.
    m_transferActions->acceptDropsOn(tree);
    // New remotes and the default project open by themselves; so does the project being restored.
    connect(
        m_navigationIcons, &QAbstractItemModel::rowsInserted, this,
        [this, tree](const QModelIndex &parentIndex, int first, int last) {
            for (int row = first; row <= last; ++row) {
                const QModelIndex index = m_navigationIcons->index(row, 0, parentIndex);
                const auto type
                    = index.data(NavigationTreeModel::NodeTypeRole).value<NavigationTreeModel::NodeType>();
                const QString project = index.data(NavigationTreeModel::ProjectRole).toString();
                if (type == NavigationTreeModel::NodeType::Remote
                    || (type == NavigationTreeModel::NodeType::Project
                        && (project == QLatin1String("default") || project == m_pendingPlace.project)))
                    tree->expand(index);
            }
            tryRestorePlace();
        });

    for (int row = 0; row < m_navigationIcons->rowCount(); ++row)
        tree->expand(m_navigationIcons->index(row, 0));

    ResourceListWidget *list = resourceList();
    connect(list, &ResourceListWidget::selectionChanged, this, &MainWindow::onObjectSelectionChanged);
    connect(list, &ResourceListWidget::contextMenuRequested, this, &MainWindow::showTableContextMenu);
    connect(m_instanceActions, &InstanceActions::statusMessage, this, &MainWindow::showStatus);
    connect(m_instanceDetail, &InstanceDetailWidget::statusMessage, this, &MainWindow::showStatus);

    createActions();
    createMenus();
    createToolBar();
    // F2, Del and the rest typed into the table mean its objects, whichever window is the active one.
    new TableKeyActions(list->tableView(), [this] {
        QList<QAction *> actions;
        if (m_currentSection == Section::Instances)
            actions << m_instanceActions->actions() << m_transferActions->actions()
                    << m_instanceDetail->configPage()->editAction();
        else if (ResourceActions *kind = m_resourcePages->actionsFor(m_currentSection))
            actions << kind->actions();
        return actions;
    });

    // One box for the remotes' labels, so that they keep the tree's order as remotes come and go.
    auto *remoteStatusBox = new QWidget(statusBar());
    remoteStatusBox->setObjectName(QStringLiteral("remoteStatusWidget"));
    m_remoteStatusLayout = new QHBoxLayout(remoteStatusBox);
    m_remoteStatusLayout->setContentsMargins(0, 0, 0, 0);
    m_remoteStatusLayout->setSpacing(0);
    statusBar()->addPermanentWidget(remoteStatusBox);
    for (int index = 0; index < registry->count(); ++index)
        addRemoteStatus(index);
    connect(registry, &Models::RemoteRegistry::remoteAdded, this, &MainWindow::addRemoteStatus);
    connect(registry, &Models::RemoteRegistry::remoteAboutToBeRemoved, this, &MainWindow::removeRemoteStatus);

    list->setModel(nullptr, tr("Berth"), QString(), QString(),
                   registry->count() == 0 ? tr("No LXD or Incus server was found on this computer.\nStart "
                                               "one, or add a remote, to manage its instances here.")
                                          : QString());
    m_instanceDetail->clear();
    m_ui->detailStackedWidget->setCurrentWidget(m_instanceDetail);
    restoreSettings();
    updateTitle();
    tryRestorePlace();
}

MainWindow::~MainWindow()
{
    // The models belong to their remotes (so they go when a remote goes), but this window made them.
    for (const QPointer<ResourceTableModel> &model : std::as_const(m_models))
        delete model.data();
}

QTreeView *MainWindow::navigationView() const
{
    return m_ui->navigationTreeView;
}

ResourceListWidget *MainWindow::resourceList() const
{
    return m_ui->resourceListWidget;
}

QAction *MainWindow::themeAction(Theme::Mode mode) const
{
    return m_themeActions.value(int(mode));
}

QStringList MainWindow::remoteStatusTexts() const
{
    QStringList texts;
    for (const RemoteStatusLabel *label : m_remoteStatus)
        texts.append(label->text());
    return texts;
}

void MainWindow::createActions()
{
    m_newInstance = new QAction(Icons::icon(Icons::Glyph::New), tr("&New Instance…"), this);
    m_newInstance->setObjectName(QStringLiteral("newInstanceAction"));
    m_newInstance->setIconText(tr("New Instance"));
    m_newInstance->setShortcut(QKeySequence::New);
    m_newInstance->setToolTip(tr("Create an instance from an image"));
    m_newInstance->setStatusTip(m_newInstance->toolTip());
    connect(m_newInstance, &QAction::triggered, this, &MainWindow::newInstance);

    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setObjectName(QStringLiteral("quitAction"));
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    m_find = new QAction(Icons::icon(Icons::Glyph::Search), tr("&Find…"), this);
    m_find->setObjectName(QStringLiteral("findAction"));
    m_find->setShortcut(QKeySequence::Find);
    m_find->setToolTip(tr("Filter the list by what its rows contain"));
    connect(m_find, &QAction::triggered, resourceList(), &ResourceListWidget::focusSearch);

    m_selectAll = new QAction(tr("Select &All"), this);
    m_selectAll->setObjectName(QStringLiteral("selectAllAction"));
    m_selectAll->setShortcut(QKeySequence::SelectAll);
    m_selectAll->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    resourceList()->tableView()->addAction(m_selectAll);
    connect(m_selectAll, &QAction::triggered, resourceList()->tableView(), &QTableView::selectAll);

    m_refresh = new QAction(Icons::icon(Icons::Glyph::Refresh), tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshAction"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setToolTip(tr("Load everything from the server again"));
    m_refresh->setStatusTip(m_refresh->toolTip());
    connect(m_refresh, &QAction::triggered, this, &MainWindow::refresh);

    m_eventMonitorAction = new QAction(Icons::icon(Icons::Glyph::Logs), tr("&Event Monitor"), this);
    m_eventMonitorAction->setObjectName(QStringLiteral("eventMonitorAction"));
    m_eventMonitorAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_eventMonitorAction->setToolTip(tr("Every event of every remote, live (Ctrl+Shift+E)"));
    connect(m_eventMonitorAction, &QAction::triggered, this, &MainWindow::showEventMonitor);

    m_commandPaletteAction = new QAction(Icons::icon(Icons::Glyph::Search), tr("&Command Palette…"), this);
    m_commandPaletteAction->setObjectName(QStringLiteral("commandPaletteAction"));
    m_commandPaletteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_commandPaletteAction->setToolTip(tr("Find any action, or any object by its name (Ctrl+K)"));
    m_commandPaletteAction->setStatusTip(m_commandPaletteAction->toolTip());
    connect(m_commandPaletteAction, &QAction::triggered, this, &MainWindow::showCommandPalette);

    m_themeGroup = new QActionGroup(this);
    m_themeGroup->setExclusive(true);
    const QList<std::pair<Theme::Mode, QString>> themes {{Theme::Mode::System, tr("Follow &System")},
                                                         {Theme::Mode::Light, tr("&Light")},
                                                         {Theme::Mode::Dark, tr("&Dark")}};
    for (const auto &[mode, label] : themes) {
        auto *action = new QAction(label, m_themeGroup);
        action->setObjectName(QStringLiteral("theme%1Action").arg(Theme::key(mode)));
        action->setCheckable(true);
        action->setChecked(Theme::mode() == mode);
        const Theme::Mode chosen = mode;
        connect(action, &QAction::triggered, this, [this, chosen] { setTheme(chosen); });
        m_themeActions.insert(int(mode), action);
    }

    m_about = new QAction(tr("&About Berth"), this);
    m_about->setObjectName(QStringLiteral("aboutAction"));
    m_about->setMenuRole(QAction::AboutRole);
    connect(m_about, &QAction::triggered, this, &MainWindow::about);

    m_preferences = new QAction(tr("&Preferences..."), this);
    m_preferences->setObjectName(QStringLiteral("preferencesAction"));
    m_preferences->setMenuRole(QAction::PreferencesRole);
    m_preferences->setShortcut(QKeySequence::Preferences);
    connect(m_preferences, &QAction::triggered, this, [this] {
        PreferencesDialog dialog(this);
        dialog.exec();
    });
    // Usage polling follows the preference at once, for every instance table already open.
    connect(Preferences::instance(), &Preferences::changed, this, [this] {
        for (Models::Remote *remote : m_registry->remotes())
            for (Models::ResourceCache *cache : remote->caches(Models::ResourceKind::instances()))
                cache->setStatePollInterval(Preferences::instance()->usagePollSeconds() * 1000);
    });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newInstance);
    file->addSeparator();
    file->addAction(m_quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_find);
    edit->addAction(m_selectAll);
    edit->addSeparator();
    edit->addAction(m_instanceActions->renameAction());
    edit->addAction(m_instanceActions->deleteAction());
    m_resourcePages->addToEditMenu(edit);
    edit->addSeparator();
    edit->addAction(m_preferences);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refresh);
    view->addAction(m_eventMonitorAction);
    view->addAction(m_commandPaletteAction);
    QAction *showOperations = m_operationsDock->toggleViewAction();
    showOperations->setObjectName(QStringLiteral("showOperationsAction"));
    showOperations->setText(tr("&Operations"));
    showOperations->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    view->addAction(showOperations);
    view->addSeparator();
    QMenu *theme = view->addMenu(tr("&Theme"));
    theme->addActions(m_themeGroup->actions());
    m_showToolBar = view->addAction(tr("Show &Toolbar"));
    m_showToolBar->setObjectName(QStringLiteral("showToolBarAction"));
    m_showToolBar->setCheckable(true);
    m_showToolBar->setChecked(true);

    QMenu *instance = menuBar()->addMenu(tr("&Instance"));
    instance->addAction(m_newInstance);
    instance->addSeparator();
    m_instanceActions->addToMenu(instance);
    instance->addSeparator();
    m_transferActions->addToMenu(instance);
    instance->addAction(m_instanceDetail->configPage()->editAction());

    m_resourcePages->addMenus(menuBar());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_about);
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(tr("Main Toolbar"));
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setIconSize(QSize(20, 20));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_newInstance);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_instanceActions->startAction());
    m_toolBar->addAction(m_instanceActions->stopAction());
    m_toolBar->addAction(m_instanceActions->restartAction());
    m_toolBar->addAction(m_instanceActions->freezeAction());
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_instanceActions->snapshotAction());
    m_toolBar->addAction(m_instanceActions->deleteAction());
    m_resourcePages->addToToolBar(m_toolBar);
    auto *spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_toolBar->addAction(m_refresh);
    connect(m_showToolBar, &QAction::toggled, m_toolBar, &QToolBar::setVisible);
    connect(m_toolBar, &QToolBar::visibilityChanged, m_showToolBar, &QAction::setChecked);
}

QString MainWindow::sectionKey(Section section)
{
    return QString::fromLatin1(QMetaEnum::fromType<Section>().valueToKey(int(section)));
}

QString MainWindow::tableKey(Section section, const Models::Remote *remote)
{
    const QString key = sectionKey(section);
    return remote && remote->isClustered() ? key + QStringLiteral("InCluster") : key;
}

MainWindow::Section MainWindow::sectionFromKey(const QString &key)
{
    bool ok = false;
    const int value = QMetaEnum::fromType<Section>().keyToValue(key.toLatin1().constData(), &ok);
    return ok ? Section(value) : Section::Instances;
}

QString MainWindow::sectionNoun(Section section)
{
    switch (section) {
    case Section::Instances:
        return tr("instances");
    case Section::Images:
        return tr("images");
    case Section::Profiles:
        return tr("profiles");
    case Section::Networks:
        return tr("networks");
    case Section::Storage:
        return tr("storage pools");
    case Section::Operations:
        return tr("operations");
    case Section::Warnings:
        return tr("warnings");
    case Section::ClusterMembers:
        return tr("cluster members");
    }
    return {};
}

QString MainWindow::sectionNounOne(Section section)
{
    switch (section) {
    case Section::Instances:
        return tr("instance");
    case Section::Images:
        return tr("image");
    case Section::Profiles:
        return tr("profile");
    case Section::Networks:
        return tr("network");
    case Section::Storage:
        return tr("storage pool");
    case Section::Operations:
        return tr("operation");
    case Section::Warnings:
        return tr("warning");
    case Section::ClusterMembers:
        return tr("cluster member");
    }
    return {};
}

bool MainWindow::showSection(const QString &remote, const QString &project, Section section)
{
    const QModelIndex index = m_navigation->sectionIndex(remote, project, section);
    if (!index.isValid())
        return false;
    const QModelIndex viewIndex = m_navigationIcons->mapFromSource(index);
    m_ui->navigationTreeView->expand(viewIndex.parent());
    m_ui->navigationTreeView->setCurrentIndex(viewIndex);
    return m_currentRemote == remote && m_currentProject == project && m_currentSection == section;
}

void MainWindow::onNavigationCurrentChanged(const QModelIndex &current)
{
    if (!m_selectingProgrammatically) {
        // The user went somewhere: the last session's place no longer matters.
        m_restoringPlace = false;
        m_restoringObject = false;
    }
    Remote *remote = m_navigation->remoteAt(current);
    if (!remote)
        return;
    const auto type = current.data(NavigationTreeModel::NodeTypeRole).value<NavigationTreeModel::NodeType>();
    QString project = current.data(NavigationTreeModel::ProjectRole).toString();
    Section section = Section::Instances;
    if (type == NavigationTreeModel::NodeType::Section)
        section = current.data(NavigationTreeModel::SectionRole).value<Section>();
    if (type == NavigationTreeModel::NodeType::Remote) {
        // A remote by itself shows the instances of its default project (or its first one).
        project = QStringLiteral("default");
        if (!m_navigation->projectIndex(remote->name(), project).isValid()) {
            const QModelIndex first = m_navigation->index(0, 0, current);
            project = first.isValid() ? first.data(NavigationTreeModel::ProjectRole).toString() : QString();
        }
    }
    showPlace(remote, project, section);
}

ResourceTableModel *MainWindow::modelFor(Remote *remote, const QString &project, Section section)
{
    const QString key
        = remote->name() + QLatin1Char('\n') + project + QLatin1Char('\n') + sectionKey(section);
    if (ResourceTableModel *existing = m_models.value(key))
        return existing;
    ResourceTableModel *model = nullptr;
    // Models live as long as their remote: going back to a section is instant and stays live.
    switch (section) {
    case Section::Instances: {
        Models::ResourceCache *cache = remote->cache(Models::ResourceKind::instances(), project);
        cache->setStatePollInterval(Preferences::instance()->usagePollSeconds() * 1000);
        model = new Models::InstanceTableModel(cache, remote);
        break;
    }
    case Section::Images:
        model = new Models::ImageTableModel(remote->cache(Models::ResourceKind::images(), project), remote);
        break;
    case Section::Profiles:
        model
            = new Models::ProfileTableModel(remote->cache(Models::ResourceKind::profiles(), project), remote);
        break;
    case Section::Networks:
        model
            = new Models::NetworkTableModel(remote->cache(Models::ResourceKind::networks(), project), remote);
        break;
    case Section::Storage:
        model = new Models::StoragePoolTableModel(
            remote->cache(Models::ResourceKind::storagePools(), project), remote);
        break;
    case Section::Operations:
        model = new Models::OperationTableModel(remote->operations(project), remote);
        break;
    case Section::Warnings:
        model
            = new Models::WarningTableModel(remote->cache(Models::ResourceKind::warnings(), project), remote);
        break;
    case Section::ClusterMembers:
        model = new Models::ClusterMemberTableModel(
            remote->cache(Models::ResourceKind::clusterMembers(), project), remote);
        break;
    }
    m_models.insert(key, model);
    return model;
}

void MainWindow::showPlace(Remote *remote, const QString &project, Section section)
{
    if (m_hasPlace && remote == m_remote && project == m_currentProject && section == m_currentSection)
        return;
    ResourceListWidget *list = resourceList();
    if (m_hasPlace && list->model())
        m_headerStates.insert(tableKey(m_currentSection, m_remote), list->headerState());
    m_hasPlace = true;
    m_remote = remote;
    m_currentRemote = remote->name();
    m_currentProject = project;
    m_currentSection = section;

    // No project: every project's instances (the other kinds cannot be listed across projects on LXD 5.0).
    ResourceTableModel *model
        = project.isEmpty() && section != Section::Instances ? nullptr : modelFor(remote, project, section);
    // Views keep their selection through the model's changes; the status of selected rows decides
    // which actions apply, so follow them.
    disconnect(m_modelChanged);
    disconnect(m_modelInserted);
    list->setModel(model, NavigationTreeModel::sectionTitle(section), sectionNoun(section),
                   sectionNounOne(section));
    const QByteArray headerState = m_headerStates.value(tableKey(section, remote));
    list->restoreHeaderState(headerState);
    if (headerState.isEmpty() && section == Section::Instances) {
        // Until the user arranges them: the project is the one chosen in the tree, and the location
        // only says something in a cluster.
        QHeaderView *header = list->tableView()->horizontalHeader();
        header->setSectionHidden(Models::InstanceTableModel::Project, true);
        header->setSectionHidden(Models::InstanceTableModel::Location, !remote->isClustered());
    }
    if (project.isEmpty() && section == Section::Instances)
        list->tableView()->horizontalHeader()->setSectionHidden(Models::InstanceTableModel::Project, false);
    if (model) {
        m_modelChanged
            = connect(model, &QAbstractItemModel::dataChanged, this, &MainWindow::onObjectSelectionChanged);
        m_modelInserted
            = connect(model, &QAbstractItemModel::rowsInserted, this, &MainWindow::tryRestoreObject);
    }

    // Only the actions of the kind on screen are visible, and so reachable by their shortcuts (F2, Del).
    const bool instances = section == Section::Instances;
    for (QAction *action : m_instanceActions->actions())
        action->setVisible(instances);
    m_instanceDetail->configPage()->editAction()->setVisible(instances);
    m_transferActions->setVisible(instances);
    m_resourcePages->setPlace(section, remote, project);
    m_operationsDock->setOperations(remote, project.isEmpty() ? QStringLiteral("default") : project);
    if (instances) {
        const QPointer<Remote> dragRemote = remote;
        list->setDragProvider(
            [dragRemote](const QList<QModelIndex> &rows) -> QMimeData * {
                QList<InstanceActions::Target> targets;
                for (const QModelIndex &row : rows)
                    targets.append({dragRemote, row.data(ResourceTableModel::ProjectRole).toString(),
                                    row.data(ResourceTableModel::KeyRole).toString(),
                                    row.data(ResourceTableModel::StatusRole).toString()});
                return InstanceTransferActions::mimeDataFor(targets);
            },
            {InstanceTransferActions::mimeType()});
    } else {
        list->setDragProvider(nullptr);
    }

    if (section == Section::Instances) {
        m_ui->detailStackedWidget->setCurrentWidget(m_instanceDetail);
        m_instanceDetail->clear();
    } else {
        m_ui->detailStackedWidget->setCurrentWidget(m_properties);
        m_properties->clear(tr("Select one of the %1 to see its properties.").arg(sectionNoun(section)));
    }
    onObjectSelectionChanged();
    updateTitle();
    tryRestoreObject();
}

void MainWindow::onObjectSelectionChanged()
{
    ResourceListWidget *list = resourceList();
    const QList<QModelIndex> selected = list->selectedSourceIndexes();
    if (!m_selectingProgrammatically && !selected.isEmpty() && sender() == list)
        m_restoringObject = false;
    QModelIndex current = list->currentSourceIndex();
    if (!current.isValid() && !selected.isEmpty())
        current = selected.first();

    QList<InstanceActions::Target> targets;
    if (m_currentSection == Section::Instances) {
        for (const QModelIndex &index : selected) {
            targets.append({m_remote, index.data(ResourceTableModel::ProjectRole).toString(),
                            index.data(ResourceTableModel::KeyRole).toString(),
                            index.data(ResourceTableModel::StatusRole).toString()});
        }
        if (!current.isValid())
            m_instanceDetail->clear();
        else if (m_instanceDetail->instanceName() != current.data(ResourceTableModel::KeyRole).toString()
                 || sender() == list)
            m_instanceDetail->setInstance(m_remote, list->model(), current);
    } else if (QWidget *pane = m_resourcePages->setSelection(
                   m_currentSection, selected, current,
                   tr("Select one of the %1 to see its properties.").arg(sectionNoun(m_currentSection)))) {
        m_ui->detailStackedWidget->setCurrentWidget(pane);
    } else if (current.isValid()) {
        m_properties->setObject(current.data(ResourceTableModel::KeyRole).toString(),
                                current.data(ResourceTableModel::ObjectRole).toJsonObject());
    } else {
        m_properties->clear(
            tr("Select one of the %1 to see its properties.").arg(sectionNoun(m_currentSection)));
    }
    m_instanceActions->setTargets(targets);
    m_transferActions->setTargets(targets);
}

void MainWindow::updateTitle()
{
    if (!m_hasPlace) {
        setWindowTitle(tr("Berth"));
        Q_EMIT placeChanged();
        return;
    }
    setWindowTitle(tr("%1 › %2 › %3 — Berth")
                       .arg(m_currentRemote,
                            m_currentProject.isEmpty() ? tr("all projects") : m_currentProject,
                            NavigationTreeModel::sectionTitle(m_currentSection)));
    Q_EMIT placeChanged();
}

bool MainWindow::showAllProjects(const QString &remote)
{
    Remote *found = m_registry ? m_registry->find(remote) : nullptr;
    if (!found)
        return false;
    m_restoringPlace = false;
    m_restoringObject = false;
    // No tree node stands for it: leave none current, so that choosing one afterwards shows it again.
    m_ui->navigationTreeView->selectionModel()->clearCurrentIndex();
    showPlace(found, QString(), Section::Instances);
    return true;
}

void MainWindow::refresh()
{
    if (m_remote) {
        m_remote->refresh();
        showStatus(tr("Loading everything from %1 again…").arg(m_remote->name()));
    }
}

void MainWindow::tryRestorePlace()
{
    if (!m_restoringPlace || !m_registry || m_registry->count() == 0)
        return;
    Place &place = m_pendingPlace;
    if (place.remote.isEmpty() || !m_registry->find(place.remote))
        place.remote = m_registry->at(0)->name();
    if (place.project.isEmpty())
        place.project = QStringLiteral("default");
    Remote *remote = m_registry->find(place.remote);
    const QModelIndex project = m_navigation->projectIndex(place.remote, place.project);
    if (!project.isValid()) {
        // The project went away since: once the remote's projects are listed, go to the default one.
        if (remote->projects()->state() == Models::ResourceStore::State::Ready
            && place.project != QLatin1String("default")) {
            place.project = QStringLiteral("default");
            place.objectKey.clear();
            tryRestorePlace();
            return;
        }
        // Until the projects are listed, show the remembered place already: its list then loads beside
        // the projects' instead of after them, and the tree catches up when they arrive.
        if (!m_hasPlace && remote->projects()->state() != Models::ResourceStore::State::Failed)
            showPlace(remote, place.project, place.section);
        return;
    }
    QModelIndex section = m_navigation->sectionIndex(place.remote, place.project, place.section);
    if (!section.isValid()) {
        place.section = Section::Instances; // e.g. cluster members of a server no longer clustered
        section = m_navigation->sectionIndex(place.remote, place.project, place.section);
    }
    m_restoringPlace = false;
    m_restoringObject = !place.objectKey.isEmpty();
    m_selectingProgrammatically = true;
    showSection(place.remote, place.project, place.section);
    m_selectingProgrammatically = false;
    tryRestoreObject();
}

void MainWindow::tryRestoreObject()
{
    if (!m_restoringObject || m_restoringPlace)
        return;
    const Place &place = m_pendingPlace;
    if (m_currentRemote != place.remote || m_currentProject != place.project
        || m_currentSection != place.section) {
        m_restoringObject = false;
        return;
    }
    ResourceListWidget *list = resourceList();
    m_selectingProgrammatically = true;
    const bool found = list->selectObject(place.objectProject, place.objectKey);
    m_selectingProgrammatically = false;
    if (found)
        m_restoringObject = false;
}

void MainWindow::addRemoteStatus(int index)
{
    Remote *remote = m_registry->at(index);
    auto *label = new RemoteStatusLabel(remote);
    m_remoteStatusLayout->insertWidget(index, label);
    m_remoteStatus.insert(index, label);
    connect(remote->projects(), &Models::ResourceStore::stateChanged, this, &MainWindow::tryRestorePlace);
}

void MainWindow::removeRemoteStatus(int index)
{
    if (index < 0 || index >= m_remoteStatus.size())
        return;
    RemoteStatusLabel *label = m_remoteStatus.takeAt(index);
    m_remoteStatusLayout->removeWidget(label);
    label->hide();
    label->deleteLater();
    if (m_remote && m_registry->indexOf(m_remote) == index) {
        m_hasPlace = false;
        m_remote = nullptr;
        resourceList()->setModel(nullptr, tr("Berth"), QString(), QString());
        m_instanceDetail->clear();
        m_instanceActions->setTargets({});
        updateTitle();
    }
    // Its models go with it (they are its children); forget them here.
    for (auto it = m_models.begin(); it != m_models.end();) {
        if (!it.value())
            it = m_models.erase(it);
        else
            ++it;
    }
}

void MainWindow::showTableContextMenu(const QPoint &globalPosition)
{
    // popup(), not exec(): no nested event loop.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (m_currentSection == Section::Instances) {
        m_instanceActions->addToMenu(menu);
        menu->addAction(m_instanceDetail->configPage()->editAction());
        menu->addSeparator();
        m_transferActions->addToMenu(menu);
        menu->addSeparator();
    }
    m_resourcePages->addToContextMenu(m_currentSection, menu);
    menu->addAction(m_refresh);
    Q_EMIT tableContextMenuAboutToShow(menu);
    menu->popup(globalPosition);
}

void MainWindow::showTreeContextMenu(const QPoint &position)
{
    QTreeView *tree = m_ui->navigationTreeView;
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(m_refresh);
    menu->addSeparator();
    menu->addAction(tr("E&xpand All"), tree, &QTreeView::expandAll);
    menu->addAction(tr("&Collapse All"), tree, &QTreeView::collapseAll);
    Q_EMIT treeContextMenuAboutToShow(menu, m_navigationIcons->mapToSource(tree->indexAt(position)));
    menu->popup(tree->viewport()->mapToGlobal(position));
}

void MainWindow::setTheme(Theme::Mode mode)
{
    Theme::apply(mode);
    if (QAction *action = themeAction(mode))
        action->setChecked(true);
    QSettings settings;
    settings.setValue(QStringLiteral("View/theme"), Theme::key(mode));
}

void MainWindow::newInstance()
{
    if (!m_remote || m_currentProject.isEmpty()) {
        MessageBox::information(this, tr("New Instance"), tr("Choose a remote and a project first."));
        return;
    }
    auto *wizard = new CreateInstanceWizard(m_registry, m_remote, m_currentProject, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &CreateInstanceWizard::statusMessage, this, &MainWindow::showStatus);
    wizard->open();
}

void MainWindow::about()
{
    MessageBox::information(this, tr("About Berth"),
                            tr("<h3>Berth %1</h3><p>A native desktop manager for LXD and Incus.</p>"
                               "<p>Built with Qt %2.</p>")
                                .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void MainWindow::showCommandPalette()
{
    if (!m_commandPalette) {
        m_commandPalette = new CommandPalette(this, [this] {
            // Every action of the menus (the kind on screen's, since the others are hidden)…
            QList<CommandPalette::Entry> entries = CommandPalette::actionEntries(menuBar()->actions());
            // …every place of the tree…
            const std::function<void(const QModelIndex &)> addPlaces = [&](const QModelIndex &parent) {
                for (int row = 0; row < m_navigation->rowCount(parent); ++row) {
                    const QModelIndex index = m_navigation->index(row, 0, parent);
                    const auto type = index.data(NavigationTreeModel::NodeTypeRole)
                                          .value<NavigationTreeModel::NodeType>();
                    if (type == NavigationTreeModel::NodeType::Section) {
                        const QString remote = index.data(NavigationTreeModel::RemoteNameRole).toString();
                        const QString project = index.data(NavigationTreeModel::ProjectRole).toString();
                        const auto section = index.data(NavigationTreeModel::SectionRole).value<Section>();
                        entries.append({index.data().toString(),
                                        tr("Go to %1 › %2").arg(remote, project),
                                        {},
                                        Icons::section(section),
                                        [this, remote, project, section] {
                                            showSection(remote, project, section);
                                        }});
                    }
                    addPlaces(index);
                }
            };
            addPlaces({});
            // …and every object of the lists loaded so far, by name.
            for (auto it = m_models.cbegin(); it != m_models.cend(); ++it) {
                ResourceTableModel *model = it.value();
                const QStringList place = it.key().split(QLatin1Char('\n'));
                if (!model || place.value(1).isEmpty()) // all projects: no place in the tree to go to
                    continue;
                const QString remote = place.value(0);
                const Section section = sectionFromKey(place.value(2));
                for (int row = 0; row < model->rowCount(); ++row) {
                    const QModelIndex index = model->index(row, 0);
                    const QString key = index.data(ResourceTableModel::KeyRole).toString();
                    const QString project = index.data(ResourceTableModel::ProjectRole).toString();
                    const QString shownProject = project.isEmpty() ? place.value(1) : project;
                    QString name = index.data().toString();
                    if (name.isEmpty())
                        name = key;
                    entries.append({name,
                                    tr("%1 · %2 › %3").arg(sectionNounOne(section), remote, shownProject),
                                    {},
                                    Icons::section(section),
                                    [this, remote, placeProject = place.value(1), project, section, key] {
                                        // The list is loaded (its rows are listed here): select at once.
                                        if (showSection(remote, placeProject, section)
                                            && resourceList()->selectObject(project, key))
                                            resourceList()->tableView()->setFocus(Qt::OtherFocusReason);
                                    }});
                }
            }
            return entries;
        });
    }
    m_commandPalette->popup();
}

void MainWindow::showStatus(const QString &text)
{
    statusBar()->showMessage(text, StatusMessageMs);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("MainWindow"));
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    m_ui->mainSplitter->restoreState(settings.value(QStringLiteral("mainSplitter")).toByteArray());
    m_ui->contentSplitter->restoreState(settings.value(QStringLiteral("contentSplitter")).toByteArray());
    settings.endGroup();

    settings.beginGroup(QStringLiteral("Tables"));
    const QStringList sections = settings.childKeys();
    for (const QString &section : sections)
        m_headerStates.insert(section, settings.value(section).toByteArray());
    settings.endGroup();

    settings.beginGroup(QStringLiteral("Session"));
    m_pendingPlace.remote = settings.value(QStringLiteral("remote")).toString();
    m_pendingPlace.project = settings.value(QStringLiteral("project")).toString();
    m_pendingPlace.section = sectionFromKey(settings.value(QStringLiteral("section")).toString());
    m_pendingPlace.objectProject = settings.value(QStringLiteral("objectProject")).toString();
    m_pendingPlace.objectKey = settings.value(QStringLiteral("object")).toString();
    settings.endGroup();
    m_restoringPlace = true;
    m_showToolBar->setChecked(!m_toolBar->isHidden());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("MainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("mainSplitter"), m_ui->mainSplitter->saveState());
    settings.setValue(QStringLiteral("contentSplitter"), m_ui->contentSplitter->saveState());
    settings.endGroup();

    QHash<QString, QByteArray> headers = m_headerStates;
    if (m_hasPlace && resourceList()->model())
        headers.insert(tableKey(m_currentSection, m_remote), resourceList()->headerState());
    settings.beginGroup(QStringLiteral("Tables"));
    for (auto it = headers.cbegin(); it != headers.cend(); ++it)
        settings.setValue(it.key(), it.value());
    settings.endGroup();

    // Where the user was; while the last session's place is still being restored, keep that one.
    Place place = m_pendingPlace;
    if (!m_restoringPlace && m_hasPlace) {
        place = {m_currentRemote, m_currentProject, m_currentSection, {}, {}};
        const QModelIndex current = resourceList()->currentSourceIndex();
        if (current.isValid()) {
            place.objectProject = current.data(ResourceTableModel::ProjectRole).toString();
            place.objectKey = current.data(ResourceTableModel::KeyRole).toString();
        } else if (m_restoringObject) {
            place.objectProject = m_pendingPlace.objectProject;
            place.objectKey = m_pendingPlace.objectKey;
        }
    }
    settings.beginGroup(QStringLiteral("Session"));
    settings.setValue(QStringLiteral("remote"), place.remote);
    settings.setValue(QStringLiteral("project"), place.project);
    settings.setValue(QStringLiteral("section"), sectionKey(place.section));
    settings.setValue(QStringLiteral("objectProject"), place.objectProject);
    settings.setValue(QStringLiteral("object"), place.objectKey);
    settings.endGroup();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

// Out of line: the QPointer needs the complete type, which files including MainWindow.h need not know.
EventMonitorWindow *MainWindow::eventMonitor() const
{
    return m_eventMonitor;
}

void MainWindow::showEventMonitor()
{
    if (!m_eventMonitor) {
        // One stream per remote with logging too, opened only once somebody looks.
        if (!m_eventLog) {
            m_eventLog = new Models::EventLog(this);
            m_eventLog->watch(m_registry);
        }
        m_eventMonitor = new EventMonitorWindow(m_eventLog, this);
        connect(m_eventMonitor, &EventMonitorWindow::objectActivated, this,
                [this](const QString &remote, const QString &project, const QString &collection,
                       const QString &key) {
                    static const QHash<QString, Section> sections {
                        {QStringLiteral("instances"), Section::Instances},
                        {QStringLiteral("images"), Section::Images},
                        {QStringLiteral("profiles"), Section::Profiles},
                        {QStringLiteral("networks"), Section::Networks},
                        {QStringLiteral("operations"), Section::Operations}};
                    if (!sections.contains(collection)
                        || !selectObject(remote, project, sections.value(collection), key))
                        return;
                    raise();
                    activateWindow();
                });
    }
    m_eventMonitor->show();
    m_eventMonitor->raise();
    m_eventMonitor->activateWindow();
}

bool MainWindow::selectObject(const QString &remote, const QString &project, Section section,
                              const QString &key)
{
    if (!m_navigation->sectionIndex(remote, project, section).isValid())
        return false;
    // The same path as restoring the last place: selected now, or when the table has loaded that row.
    m_pendingPlace = {remote, project, section, project, key};
    m_restoringPlace = false;
    m_restoringObject = true;
    m_selectingProgrammatically = true;
    showSection(remote, project, section);
    m_selectingProgrammatically = false;
    tryRestoreObject();
    return true;
}
