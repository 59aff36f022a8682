#include "RemoteActions.h"

#include "CertificateChangeDialog.h"
#include "EvacuateMemberDialog.h"
#include "Icons.h"
#include "InstanceActions.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "ProjectDialog.h"
#include "ProjectSwitcher.h"
#include "RemotesDialog.h"
#include "ResourceListWidget.h"
#include "SavedRemotes.h"
#include "lxd/ClusterMemberManager.h"
#include "lxd/InstanceMemberMoveJob.h"
#include "lxd/ProjectManager.h"
#include "models/NavigationTreeModel.h"
#include "models/Remote.h"
#include "models/RemoteRegistry.h"
#include "models/ResourceCache.h"
#include "models/ResourceTableModel.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>

using Models::NavigationTreeModel;
using Models::ResourceTableModel;
using Section = NavigationTreeModel::Section;

namespace {

constexpr int StatusMessageMs = 10000;
// How long to wait for a new project to reach the tree before the window stays where it is.
constexpr int ProjectListedWaitMs = 30000;

} // namespace

RemoteActions::RemoteActions(MainWindow *window, SavedRemotes *saved)
    : QObject(window)
    , m_window(window)
    , m_saved(saved)
{
    saved->setWindow(window);
    createActions();
    createMenu();
    createToolBar();
    m_certificateWarning = new QLabel(window->statusBar());
    m_certificateWarning->setObjectName(QStringLiteral("certificateWarningLabel"));
    m_certificateWarning->setTextFormat(Qt::RichText);
    m_certificateWarning->setStyleSheet(
        QStringLiteral("QLabel { color: white; background: #b3261e; padding: 1px 6px; border-radius: 3px; }"
                       "QLabel a { color: white; }"));
    m_certificateWarning->hide();
    window->statusBar()->insertPermanentWidget(0, m_certificateWarning);
    connect(m_certificateWarning, &QLabel::linkActivated, this,
            [this](const QString &link) { trustNewCertificate(link.section(QLatin1Char(':'), 1)); });

    connect(window, &MainWindow::treeContextMenuAboutToShow, this, &RemoteActions::addTreeEntries);
    connect(window, &MainWindow::tableContextMenuAboutToShow, this, &RemoteActions::addTableEntries);
    connect(window, &MainWindow::placeChanged, this, [this] {
        syncSwitcher();
        updateActions();
    });
    connect(window->resourceList(), &ResourceListWidget::selectionChanged, this,
            &RemoteActions::updateActions);
    connect(saved, &SavedRemotes::changed, this, [this] {
        updateCertificateWarning();
        updateActions();
    });
    connect(saved, &SavedRemotes::certificateChanged, this, [this](const QString &name) {
        updateCertificateWarning();
        updateActions();
        status(tr("The certificate of %1 has changed; Berth stopped connecting to it").arg(name));
    });
    syncSwitcher();
    updateActions();
    updateCertificateWarning();
}

RemoteActions::~RemoteActions() = default;

void RemoteActions::createActions()
{
    const auto make = [this](const QString &text, const QString &objectName, const QString &tip) {
        auto *action = new QAction(text, this);
        action->setObjectName(objectName);
        action->setToolTip(tip);
        action->setStatusTip(tip);
        return action;
    };
    m_manage = make(tr("&Manage Remotes…"), QStringLiteral("manageRemotesAction"),
                    tr("Add, edit, remove and choose the default of the servers Berth connects to"));
    m_manage->setIcon(Icons::glyph(Icons::Glyph::Remote));
    m_manage->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_add = make(tr("&Add Remote…"), QStringLiteral("addRemoteAction"),
                 tr("Connect to another LXD server: check its certificate, then authenticate once"));
    m_import = make(tr("&Import from lxc/Incus…"), QStringLiteral("importRemotesAction"),
                    tr("Take over the remotes the lxc and Incus command-line tools know"));
    m_newProject = make(tr("&New Project…"), QStringLiteral("newProjectAction"),
                        tr("Create a project on the remote shown"));
    m_newProject->setIcon(Icons::glyph(Icons::Glyph::Project));
    m_editProject = make(tr("&Edit Project…"), QStringLiteral("editProjectAction"),
                         tr("Rename the project shown, or change what it keeps apart"));
    m_deleteProject = make(tr("&Delete Project…"), QStringLiteral("deleteProjectAction"),
                           tr("Delete the project shown (only an empty project can be deleted)"));
    m_trust = make(tr("&Trust New Certificate…"), QStringLiteral("trustCertificateAction"),
                   tr("Accept the certificate a server presents now, after checking it"));
    m_evacuate = make(tr("&Evacuate Member…"), QStringLiteral("evacuateMemberAction"),
                      tr("Move or stop the instances of the selected cluster member, for maintenance"));
    m_restore = make(tr("&Restore Member"), QStringLiteral("restoreMemberAction"),
                     tr("Bring the evacuated instances back to the selected cluster member"));

    connect(m_manage, &QAction::triggered, this, &RemoteActions::manageRemotes);
    connect(m_add, &QAction::triggered, this, [this] {
        manageRemotes();
        m_remotesDialog->openAddWizard();
    });
    connect(m_import, &QAction::triggered, this, [this] {
        manageRemotes();
        m_remotesDialog->openImport();
    });
    connect(m_newProject, &QAction::triggered, this, [this] { newProject(m_window->currentRemote()); });
    connect(m_editProject, &QAction::triggered, this,
            [this] { editProject(m_window->currentRemote(), m_window->currentProject()); });
    connect(m_deleteProject, &QAction::triggered, this,
            [this] { deleteProject(m_window->currentRemote(), m_window->currentProject()); });
    connect(m_trust, &QAction::triggered, this, [this] {
        QString name = m_window->currentRemote();
        if (!m_saved->hasCertificateChange(name)) {
            for (const Secrets::RemoteConfig &config : m_saved->remotes()) {
                if (m_saved->hasCertificateChange(config.name)) {
                    name = config.name;
                    break;
                }
            }
        }
        trustNewCertificate(name);
    });
    connect(m_evacuate, &QAction::triggered, this, &RemoteActions::evacuateSelectedMember);
    connect(m_restore, &QAction::triggered, this, &RemoteActions::restoreSelectedMember);
}

void RemoteActions::createMenu()
{
    m_menu = new QMenu(tr("&Remotes"), m_window);
    m_menu->setObjectName(QStringLiteral("remotesMenu"));
    m_menu->addAction(m_manage);
    m_menu->addAction(m_add);
    m_menu->addAction(m_import);
    m_menu->addSeparator();
    m_menu->addAction(m_newProject);
    m_menu->addAction(m_editProject);
    m_menu->addAction(m_deleteProject);
    m_menu->addSeparator();
    m_menu->addAction(m_evacuate);
    m_menu->addAction(m_restore);
    m_menu->addSeparator();
    m_menu->addAction(m_trust);
    // Before Help, which stays last.
    QMenuBar *bar = m_window->menuBar();
    QAction *before = nullptr;
    const QList<QAction *> menus = bar->actions();
    for (QAction *action : menus) {
        if (action->menu() && action->menu()->title() == MainWindow::tr("&Help"))
            before = action;
    }
    bar->insertMenu(before, m_menu);
}

void RemoteActions::createToolBar()
{
    m_toolBar = m_window->addToolBar(tr("Project"));
    m_toolBar->setObjectName(QStringLiteral("projectToolBar"));
    m_switcher = new ProjectSwitcher(m_toolBar);
    m_toolBar->addWidget(m_switcher);
    m_toolBar->addAction(m_newProject);
    connect(m_switcher, &ProjectSwitcher::projectChosen, this,
            [this](const QString &remote, const QString &project) {
                const Models::Remote *found = m_saved->registry()->find(remote);
                Section section
                    = m_window->isShowingAllProjects() ? Section::Instances : m_window->currentSection();
                if (section == Section::ClusterMembers && (!found || !found->isClustered()))
                    section = Section::Instances;
                if (!m_window->showSection(remote, project, section))
                    m_window->showSection(remote, project, Section::Instances);
            });
    connect(m_switcher, &ProjectSwitcher::allProjectsChosen, m_window, &MainWindow::showAllProjects);
}

void RemoteActions::syncSwitcher()
{
    Models::Remote *remote = m_saved->registry()->find(m_window->currentRemote());
    m_switcher->setRemote(remote, m_window->currentProject());
}

QString RemoteActions::certificateWarning() const
{
    return m_certificateWarning->isHidden() ? QString() : m_certificateWarning->text();
}

void RemoteActions::updateCertificateWarning()
{
    QStringList changed;
    for (const Secrets::RemoteConfig &config : m_saved->remotes()) {
        if (m_saved->hasCertificateChange(config.name))
            changed.append(config.name);
    }
    if (changed.isEmpty()) {
        m_certificateWarning->clear();
        m_certificateWarning->hide();
        return;
    }
    const QString first = changed.constFirst();
    m_certificateWarning->setText(
        tr("⚠ The certificate of %1 has changed; Berth stopped connecting. <a href=\"trust:%2\">Trust new "
           "certificate…</a>")
            .arg(changed.join(QStringLiteral(", ")).toHtmlEscaped(), first.toHtmlEscaped()));
    m_certificateWarning->setToolTip(m_saved->problem(first));
    m_certificateWarning->show();
}

void RemoteActions::updateActions()
{
    const QString remoteName = m_window->currentRemote();
    const Models::Remote *remote = m_saved->registry()->find(remoteName);
    const QString project = m_window->currentProject();
    m_newProject->setEnabled(remote);
    m_editProject->setEnabled(remote && !project.isEmpty());
    m_deleteProject->setEnabled(remote && !project.isEmpty() && project != QLatin1String("default"));
    bool anyChange = false;
    for (const Secrets::RemoteConfig &config : m_saved->remotes())
        anyChange = anyChange || m_saved->hasCertificateChange(config.name);
    m_trust->setEnabled(anyChange);
    const bool member = m_window->currentSection() == Section::ClusterMembers && !selectedMember().isEmpty();
    m_evacuate->setEnabled(member);
    m_restore->setEnabled(member);
}

void RemoteActions::status(const QString &text)
{
    m_window->statusBar()->showMessage(text, StatusMessageMs);
}

void RemoteActions::manageRemotes()
{
    if (!m_remotesDialog) {
        m_remotesDialog = new RemotesDialog(m_saved, m_window);
        m_remotesDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_remotesDialog, &RemotesDialog::statusMessage, this, &RemoteActions::status);
    }
    m_remotesDialog->show();
    m_remotesDialog->raise();
    m_remotesDialog->activateWindow();
    if (m_saved->contains(m_window->currentRemote()))
        m_remotesDialog->selectRemote(m_window->currentRemote());
}

void RemoteActions::trustNewCertificate(const QString &remote)
{
    if (!m_saved->contains(remote)) {
        MessageBox::information(m_window, tr("Trust New Certificate"),
                                tr("Only saved remotes have a pinned certificate to replace."));
        return;
    }
    auto *dialog = new CertificateChangeDialog(m_saved, remote, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CertificateChangeDialog::statusMessage, this, &RemoteActions::status);
    dialog->open();
}

void RemoteActions::addTreeEntries(QMenu *menu, const QModelIndex &index)
{
    Models::Remote *remote = m_window->navigationModel()->remoteAt(index);
    if (!remote)
        return;
    const QString remoteName = remote->name();
    const auto type = index.data(NavigationTreeModel::NodeTypeRole).value<NavigationTreeModel::NodeType>();
    const QString project = index.data(NavigationTreeModel::ProjectRole).toString();
    menu->addSeparator();
    if (type != NavigationTreeModel::NodeType::Remote && !project.isEmpty()) {
        menu->addAction(tr("&Edit Project %1…").arg(project), this,
                        [this, remoteName, project] { editProject(remoteName, project); });
        QAction *remove
            = menu->addAction(tr("&Delete Project %1…").arg(project), this,
                              [this, remoteName, project] { deleteProject(remoteName, project); });
        remove->setEnabled(project != QLatin1String("default"));
    }
    menu->addAction(tr("&New Project on %1…").arg(remoteName), this,
                    [this, remoteName] { newProject(remoteName); });
    menu->addAction(tr("Show &All Projects of %1").arg(remoteName), this,
                    [this, remoteName] { m_window->showAllProjects(remoteName); });
    menu->addSeparator();
    if (m_saved->hasCertificateChange(remoteName))
        menu->addAction(tr("&Trust New Certificate of %1…").arg(remoteName), this,
                        [this, remoteName] { trustNewCertificate(remoteName); });
    menu->addAction(m_manage);
}

void RemoteActions::addTableEntries(QMenu *menu)
{
    const Models::Remote *remote = m_saved->registry()->find(m_window->currentRemote());
    if (!remote)
        return;
    if (m_window->currentSection() == Section::ClusterMembers) {
        menu->addSeparator();
        menu->addAction(m_evacuate);
        menu->addAction(m_restore);
        return;
    }
    if (m_window->currentSection() == Section::Instances && remote->isClustered()
        && !m_window->instanceActions()->targets().isEmpty()) {
        menu->addSeparator();
        menu->addMenu(moveToMemberMenu(menu));
    }
}

QMenu *RemoteActions::moveToMemberMenu(QMenu *parent)
{
    auto *menu = new QMenu(tr("&Move to Member"), parent);
    menu->setObjectName(QStringLiteral("moveToMemberMenu"));
    Models::Remote *remote = m_saved->registry()->find(m_window->currentRemote());
    if (!remote)
        return menu;
    // Where the selected instances are now: a member they are all on already is no destination.
    QSet<QString> locations;
    const QList<QModelIndex> selected = m_window->resourceList()->selectedSourceIndexes();
    for (const QModelIndex &index : selected)
        locations.insert(index.data(ResourceTableModel::ObjectRole)
                             .toJsonObject()
                             .value(QLatin1String("location"))
                             .toString());
    const Models::ResourceCache *members = remote->cache(Models::ResourceKind::clusterMembers(), QString());
    for (int row = 0; row < members->count(); ++row) {
        const QJsonObject member = members->at(row).object;
        const QString name = members->at(row).key;
        const QString status = member.value(QLatin1String("status")).toString();
        QAction *action
            = menu->addAction(status == QLatin1String("Online") ? name : tr("%1 (%2)").arg(name, status),
                              this, [this, name] { moveSelectedInstances(name); });
        action->setObjectName(QStringLiteral("moveTo_") + name);
        action->setEnabled(status == QLatin1String("Online")
                           && !(locations.size() == 1 && locations.contains(name)));
    }
    if (members->count() == 0)
        menu->addAction(tr("(the members are still being listed)"))->setEnabled(false);
    return menu;
}

void RemoteActions::moveSelectedInstances(const QString &member)
{
    const QList<InstanceActions::Target> targets = m_window->instanceActions()->targets();
    if (targets.isEmpty())
        return;
    QStringList running;
    for (const InstanceActions::Target &target : targets) {
        if (target.status == QLatin1String("Running"))
            running.append(target.name);
    }
    const auto moveAll = [this, targets, member] {
        for (const InstanceActions::Target &target : targets) {
            if (!target.remote)
                continue;
            const QString name = target.name;
            auto *job = new Lxd::InstanceMemberMoveJob(target.remote->client().useProject(target.project),
                                                       name, member, this);
            status(tr("Moving %1 to %2…").arg(name, member));
            connect(job, &Lxd::InstanceMemberMoveJob::stageChanged, this,
                    [this, name, member](Lxd::InstanceMemberMoveJob::Stage stage) {
                        if (stage == Lxd::InstanceMemberMoveJob::Stage::Stopping)
                            status(tr("Stopping %1 to move it to %2…").arg(name, member));
                        else if (stage == Lxd::InstanceMemberMoveJob::Stage::Moving)
                            status(tr("Moving %1 to %2…").arg(name, member));
                        else if (stage == Lxd::InstanceMemberMoveJob::Stage::Starting)
                            status(tr("Starting %1 again on %2…").arg(name, member));
                    });
            connect(job, &Lxd::Job::finished, this, [this, name, member](Lxd::Job *done) {
                if (done->error()) {
                    MessageBox::error(m_window, tr("Move to Member"),
                                      tr("Could not move “%1” to %2: %3")
                                          .arg(name, member, InstanceActions::reason(done->error())));
                    return;
                }
                status(tr("Moved %1 to %2").arg(name, member));
            });
            job->start();
        }
    };
    if (running.isEmpty()) {
        moveAll();
        return;
    }
    MessageBox::confirm(m_window, tr("Move to Member"),
                        tr("%1 running. A container moves between members only when stopped: Berth stops it, "
                           "moves it to %2 and starts it again.")
                            .arg(running.size() == 1 ? tr("“%1” is").arg(running.constFirst())
                                                     : tr("%1 are").arg(running.join(QStringLiteral(", "))),
                                 member),
                        tr("&Stop, Move and Start"), this, moveAll, false);
}

QString RemoteActions::selectedMember() const
{
    if (m_window->currentSection() != Section::ClusterMembers)
        return {};
    QModelIndex current = m_window->resourceList()->currentSourceIndex();
    const QList<QModelIndex> selected = m_window->resourceList()->selectedSourceIndexes();
    if (!selected.isEmpty() && !selected.contains(current))
        current = selected.constFirst();
    return current.isValid() ? current.data(ResourceTableModel::KeyRole).toString() : QString();
}

void RemoteActions::refreshMember(Models::Remote *remote, const QString &member)
{
    // LXD 5.0 announces no lifecycle event for evacuation: fetch the member again.
    Models::ResourceCache *members = remote->cache(Models::ResourceKind::clusterMembers(), QString());
    const int row = members->indexOf(QString(), member);
    if (row >= 0)
        members->refresh(row);
    else
        members->load();
}

void RemoteActions::evacuateSelectedMember()
{
    const QString member = selectedMember();
    QPointer<Models::Remote> remote = m_saved->registry()->find(m_window->currentRemote());
    if (member.isEmpty() || !remote)
        return;
    auto *dialog = new EvacuateMemberDialog(member, -1, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, member, remote] {
        if (!remote)
            return;
        const QString mode = dialog->mode();
        status(tr("Evacuating %1…").arg(member));
        Lxd::OperationJob *job = Lxd::ClusterMemberManager(remote->client()).evacuate(member, mode);
        connect(job, &Lxd::Job::finished, this, [this, member, remote](Lxd::Job *done) {
            if (remote)
                refreshMember(remote, member);
            if (done->error()) {
                MessageBox::error(
                    m_window, tr("Evacuate"),
                    tr("Could not evacuate %1: %2").arg(member, InstanceActions::reason(done->error())));
                return;
            }
            status(tr("Evacuated %1").arg(member));
        });
    });
    dialog->open();
}

void RemoteActions::restoreSelectedMember()
{
    const QString member = selectedMember();
    QPointer<Models::Remote> remote = m_saved->registry()->find(m_window->currentRemote());
    if (member.isEmpty() || !remote)
        return;
    MessageBox::confirm(
        m_window, tr("Restore Member"), tr("Restore the cluster member “%1”?").arg(member), tr("&Restore"),
        this,
        [this, member, remote] {
            if (!remote)
                return;
            status(tr("Restoring %1…").arg(member));
            Lxd::OperationJob *job = Lxd::ClusterMemberManager(remote->client()).restore(member);
            connect(job, &Lxd::Job::finished, this, [this, member, remote](Lxd::Job *done) {
                if (remote)
                    refreshMember(remote, member);
                if (done->error()) {
                    MessageBox::error(
                        m_window, tr("Restore"),
                        tr("Could not restore %1: %2").arg(member, InstanceActions::reason(done->error())));
                    return;
                }
                status(tr("Restored %1").arg(member));
            });
        },
        false, tr("New instances can be placed on it again, and the instances evacuated from it come back."));
}

void RemoteActions::newProject(const QString &remoteName)
{
    Models::Remote *remote = m_saved->registry()->find(remoteName);
    if (!remote)
        return;
    auto *dialog = new ProjectDialog(remote, QString(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProjectDialog::statusMessage, this, &RemoteActions::status);
    connect(dialog, &ProjectDialog::saved, this,
            [this, remoteName](const QString &project) { showWhenListed(remoteName, project); });
    dialog->open();
}

void RemoteActions::editProject(const QString &remoteName, const QString &project)
{
    Models::Remote *remote = m_saved->registry()->find(remoteName);
    if (!remote || project.isEmpty())
        return;
    auto *dialog = new ProjectDialog(remote, project, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProjectDialog::statusMessage, this, &RemoteActions::status);
    dialog->open();
}

void RemoteActions::deleteProject(const QString &remoteName, const QString &project)
{
    QPointer<Models::Remote> remote = m_saved->registry()->find(remoteName);
    if (!remote || project.isEmpty() || project == QLatin1String("default"))
        return;
    MessageBox::confirm(
        m_window, tr("Delete Project"), tr("Delete the project “%1” on %2?").arg(project, remoteName),
        tr("&Delete"), this,
        [this, remote, project] {
            if (!remote)
                return;
            Lxd::ApiJob *job = Lxd::ProjectManager(remote->client()).remove(project);
            connect(job, &Lxd::Job::finished, this, [this, project](Lxd::Job *done) {
                if (done->error()) {
                    MessageBox::error(
                        m_window, tr("Delete Project"),
                        tr("Could not delete “%1”: %2").arg(project, InstanceActions::reason(done->error())));
                    return;
                }
                status(tr("Deleted project %1").arg(project));
            });
        },
        true,
        tr("Only an empty project can be deleted: remove its instances, images, volumes and profiles "
           "first."));
}

void RemoteActions::showWhenListed(const QString &remote, const QString &project)
{
    if (m_window->showSection(remote, project, Section::Instances))
        return;
    // The tree has a new project once the server's event arrives: go there then, or give up after a while.
    auto *context = new QObject(this);
    connect(
        m_window->navigationModel(), &QAbstractItemModel::rowsInserted, context,
        [this, context, remote, project] {
            if (m_window->navigationModel()->sectionIndex(remote, project, Section::Instances).isValid()) {
                m_window->showSection(remote, project, Section::Instances);
                context->deleteLater();
            }
        });
    QTimer::singleShot(ProjectListedWaitMs, context, &QObject::deleteLater);
}
