#include "InstanceTransferActions.h"

#include "CreateObjectDialog.h"
#include "Icons.h"
#include "InstanceBackupExportJob.h"
#include "InstanceTransferDialog.h"
#include "MessageBox.h"
#include "TaskListModel.h"
#include "lxd/InstanceManager.h"
#include "models/NavigationTreeModel.h"
#include "models/Remote.h"
#include "models/RemoteRegistry.h"

#include <QAction>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QStandardPaths>
#include <QTreeView>

using Models::NavigationTreeModel;

namespace {

QString quoted(const QString &name)
{
    return InstanceTransferActions::tr("“%1”").arg(name);
}

QString quotedList(const QList<InstanceActions::Target> &targets)
{
    QStringList names;
    for (const InstanceActions::Target &target : targets)
        names.append(quoted(target.name));
    return QLocale().createSeparatedList(names);
}

QString place(const QString &remote, const QString &project)
{
    return InstanceTransferActions::tr("%1 › %2").arg(remote, project);
}

} // namespace

InstanceTransferActions::InstanceTransferActions(QWidget *window, Models::RemoteRegistry *registry,
                                                 TaskListModel *tasks)
    : QObject(window)
    , m_window(window)
    , m_registry(registry)
    , m_tasks(tasks)
{
    const auto make = [this](const QString &text, const QString &objectName, const QString &toolTip) {
        auto *action = new QAction(text, this);
        action->setObjectName(objectName);
        action->setToolTip(toolTip);
        action->setStatusTip(toolTip);
        return action;
    };
    m_copy = make(tr("&Copy To…"), QStringLiteral("copyInstanceAction"),
                  tr("Copy the selected instances to another project or remote"));
    m_move = make(tr("&Move To…"), QStringLiteral("moveInstanceAction"),
                  tr("Move the selected instances to another project or remote"));
    m_publish = make(tr("&Publish as Image…"), QStringLiteral("publishInstanceAction"),
                     tr("Make an image of each selected instance"));
    m_exportBackup = make(tr("E&xport Backup…"), QStringLiteral("exportBackupInstanceAction"),
                          tr("Save a backup of each selected instance to a file on this computer"));
    m_copy->setIcon(Icons::icon(Icons::Glyph::New));
    m_copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_move->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    connect(m_copy, &QAction::triggered, this, [this] { openTransferDialog(m_targets, {}, {}, false); });
    connect(m_move, &QAction::triggered, this, [this] { openTransferDialog(m_targets, {}, {}, true); });
    connect(m_publish, &QAction::triggered, this, &InstanceTransferActions::publishSelected);
    connect(m_exportBackup, &QAction::triggered, this, &InstanceTransferActions::exportSelected);
    updateActions();
}

void InstanceTransferActions::addToMenu(QMenu *menu) const
{
    menu->addAction(m_copy);
    menu->addAction(m_move);
    menu->addAction(m_publish);
    menu->addAction(m_exportBackup);
}

void InstanceTransferActions::setVisible(bool visible)
{
    for (QAction *action : actions())
        action->setVisible(visible);
    updateActions();
}

void InstanceTransferActions::setTargets(const QList<Target> &targets)
{
    m_targets = targets;
    updateActions();
}

void InstanceTransferActions::updateActions()
{
    bool any = false;
    for (const Target &target : std::as_const(m_targets))
        any = any || target.remote;
    for (QAction *action : actions())
        action->setEnabled(any);
}

void InstanceTransferActions::openTransferDialog(const QList<Target> &targets, const QString &remote,
                                                 const QString &project, bool move)
{
    if (targets.isEmpty() || !targets.first().remote)
        return;
    QStringList names;
    for (const Target &target : targets)
        names.append(target.name);
    const Target first = targets.first();
    auto *dialog
        = new InstanceTransferDialog(m_window, m_registry, names, first.remote->name(), first.project);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setMove(move);
    if (!remote.isEmpty())
        dialog->setRemoteName(remote);
    if (!project.isEmpty())
        dialog->setProject(project);
    connect(dialog, &QDialog::accepted, this, [this, dialog, targets] {
        Models::Remote *destination = m_registry ? m_registry->find(dialog->remoteName()) : nullptr;
        if (destination)
            transfer(targets, destination, dialog->project(), dialog->newName(), dialog->isMove(),
                     dialog->instanceOnly());
    });
    dialog->open();
}

void InstanceTransferActions::transfer(const QList<Target> &targets, Models::Remote *destination,
                                       const QString &project, const QString &newName, bool move,
                                       bool instanceOnly)
{
    for (const Target &target : targets) {
        if (target.remote)
            transferOne(target, destination, project, targets.size() == 1 ? newName : QString(), move,
                        instanceOnly);
    }
}

void InstanceTransferActions::transferOne(const Target &target, Models::Remote *destination,
                                          const QString &project, const QString &newName, bool move,
                                          bool instanceOnly)
{
    const QString name = newName.isEmpty() ? target.name : newName;
    const QString from = place(target.remote->name(), target.project);
    const QString to = place(destination->name(), project);
    const QString what
        = name == target.name ? quoted(target.name) : tr("%1 as %2").arg(quoted(target.name), quoted(name));
    const QString title
        = move ? tr("Moving %1 to %2").arg(target.name, to) : tr("Copying %1 to %2").arg(target.name, to);
    const QString doing = (move ? tr("Moving %1 to %2…") : tr("Copying %1 to %2…")).arg(what, to);
    const QString done = (move ? tr("Moved %1 to %2") : tr("Copied %1 to %2")).arg(what, to);
    const QString failedTitle = move ? tr("Could Not Move") : tr("Could Not Copy");
    const QString failed = (move ? tr("Could not move %1 to %2: %3") : tr("Could not copy %1 to %2: %3"))
                               .arg(what, to, QStringLiteral("%1"));
    const Lxd::Client source = target.remote->client().useProject(target.project);

    if (destination != target.remote) {
        // Another server: the target pulls the instance from the source (which must listen on the network).
        Lxd::InstanceMigrationJob::Options options;
        options.targetName = newName;
        options.move = move;
        options.instanceOnly = instanceOnly;
        Lxd::InstanceMigrationJob *job = Lxd::InstanceManager(source).transfer(
            target.name, destination->client().useProject(project), options);
        follow(job, title, from, doing, done, failedTitle, failed);
        return;
    }
    if (move) {
        // The same server, another project (extension instance_project_move).
        QJsonObject body {{QStringLiteral("name"), name},
                          {QStringLiteral("project"), project},
                          {QStringLiteral("migration"), true}};
        if (instanceOnly)
            body.insert(QStringLiteral("instance_only"), true);
        Lxd::OperationJob *job
            = source.operation(QByteArrayLiteral("POST"), Lxd::InstanceManager::path(target.name), body);
        follow(job, title, from, doing, done, failedTitle, failed);
        return;
    }
    // A copy on the same server: LXD wants the source's profiles in the request, so read it first.
    Lxd::ObjectJob<Lxd::Instance> *fetch = Lxd::InstanceManager(source).get(target.name);
    Q_EMIT statusMessage(doing);
    const QPointer<Models::Remote> remote = destination;
    const QString sourceProject = target.project;
    connect(fetch, &Lxd::Job::finished, this,
            [this, fetch, remote, project, name, instanceOnly, sourceProject, title, from, doing, done,
             failedTitle, failed] {
                if (fetch->error()) {
                    const QString text = failed.arg(InstanceActions::reason(fetch->error()));
                    Q_EMIT statusMessage(text);
                    MessageBox::error(m_window, failedTitle, text, fetch->error().detail());
                    return;
                }
                if (!remote)
                    return;
                const Lxd::InstanceManager instances(remote->client().useProject(project));
                Lxd::OperationJob *job = instances.create(
                    Lxd::InstancesPost::copyOf(name, fetch->object(), instanceOnly, sourceProject));
                follow(job, title, from, doing, done, failedTitle, failed);
            });
}

void InstanceTransferActions::follow(Lxd::Job *job, const QString &taskTitle, const QString &where,
                                     const QString &doing, const QString &done, const QString &failedTitle,
                                     const QString &failedText)
{
    if (m_tasks)
        m_tasks->add(job, taskTitle, where);
    Q_EMIT statusMessage(doing);
    connect(job, &Lxd::Job::finished, this, [this, job, done, failedTitle, failedText] {
        if (!job->error()) {
            Q_EMIT statusMessage(done);
            return;
        }
        if (job->error().isCancelled()) {
            Q_EMIT statusMessage(tr("Cancelled"));
            return;
        }
        const QString text = failedText.arg(InstanceActions::reason(job->error()));
        Q_EMIT statusMessage(text);
        MessageBox::error(m_window, failedTitle, text, job->error().detail());
    });
}

void InstanceTransferActions::publishSelected()
{
    QList<Target> targets;
    for (const Target &target : std::as_const(m_targets)) {
        if (target.remote)
            targets.append(target);
    }
    if (targets.isEmpty())
        return;
    const bool one = targets.size() == 1;
    auto *dialog
        = new CreateObjectDialog(m_window, tr("Publish as Image"),
                                 one ? tr("Make an image of %1. A running container is published as it is on "
                                          "disk; stop it first for a "
                                          "consistent image.")
                                           .arg(quoted(targets.first().name))
                                     : tr("Make an image of each of %1.").arg(quotedList(targets)),
                                 {{QStringLiteral("alias"),
                                   tr("&Alias:"),
                                   one ? targets.first().name : QString(),
                                   one ? tr("my-image") : tr("one alias for each: the instance's name"),
                                   {},
                                   {},
                                   false},
                                  {QStringLiteral("public"),
                                   tr("&Public:"),
                                   tr("no"),
                                   {},
                                   tr("Whether untrusted servers may download it"),
                                   {tr("no"), tr("yes")},
                                   false}},
                                 false);
    dialog->setObjectName(QStringLiteral("publishDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptText(tr("Publish"));
    connect(dialog, &CreateObjectDialog::submitted, this, [this, dialog, targets] {
        const QString alias = dialog->value(QStringLiteral("alias"));
        const bool isPublic = dialog->value(QStringLiteral("public")) == tr("yes");
        dialog->done(QDialog::Accepted);
        publish(targets, alias, isPublic);
    });
    dialog->open();
}

void InstanceTransferActions::publish(const QList<Target> &targets, const QString &alias, bool isPublic)
{
    for (const Target &target : targets) {
        if (!target.remote)
            continue;
        // Several instances: each image is named after its instance.
        const QString imageAlias = targets.size() == 1 ? alias : target.name;
        QJsonObject body;
        if (!imageAlias.isEmpty())
            body.insert(QStringLiteral("aliases"),
                        QJsonArray {QJsonObject {{QStringLiteral("name"), imageAlias}}});
        const Lxd::InstanceManager instances(target.remote->client().useProject(target.project));
        Lxd::OperationJob *job = instances.publish(target.name, isPublic, body);
        follow(job, tr("Publishing %1").arg(target.name), place(target.remote->name(), target.project),
               tr("Publishing %1 as an image…").arg(quoted(target.name)),
               imageAlias.isEmpty()
                   ? tr("Published %1").arg(quoted(target.name))
                   : tr("Published %1 as the image %2").arg(quoted(target.name), quoted(imageAlias)),
               tr("Could Not Publish"),
               tr("Could not publish %1: %2").arg(quoted(target.name), QStringLiteral("%1")));
    }
}

void InstanceTransferActions::exportSelected()
{
    QList<Target> targets;
    for (const Target &target : std::as_const(m_targets)) {
        if (target.remote)
            targets.append(target);
    }
    if (targets.isEmpty())
        return;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    auto *dialog
        = new QFileDialog(m_window, targets.size() == 1 ? tr("Export Backup") : tr("Export Backups To"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (targets.size() == 1) {
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setFileMode(QFileDialog::AnyFile);
        dialog->selectFile(folder + QLatin1Char('/') + targets.first().name + QStringLiteral(".tar.gz"));
    } else {
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly);
        dialog->setDirectory(folder);
    }
    connect(dialog, &QFileDialog::fileSelected, this, [this, targets](const QString &path) {
        for (const Target &target : targets) {
            if (target.remote)
                exportBackup(target,
                             targets.size() == 1
                                 ? path
                                 : QDir(path).filePath(target.name + QStringLiteral(".tar.gz")));
        }
    });
    dialog->open();
}

Lxd::Job *InstanceTransferActions::exportBackup(const Target &target, const QString &path)
{
    auto *job
        = new InstanceBackupExportJob(target.remote->client().useProject(target.project), target.name, path);
    job->start();
    follow(job, tr("Backing %1 up to %2").arg(target.name, QFileInfo(path).fileName()),
           place(target.remote->name(), target.project),
           tr("Exporting a backup of %1…").arg(quoted(target.name)),
           tr("Exported a backup of %1 to %2").arg(quoted(target.name), path), tr("Could Not Export"),
           tr("Could not export a backup of %1: %2").arg(quoted(target.name), QStringLiteral("%1")));
    return job;
}

QString InstanceTransferActions::mimeType()
{
    return QStringLiteral("application/x-berth-instances");
}

QMimeData *InstanceTransferActions::mimeDataFor(const QList<Target> &targets)
{
    QJsonArray items;
    for (const Target &target : targets) {
        if (target.remote)
            items.append(QJsonObject {{QStringLiteral("remote"), target.remote->name()},
                                      {QStringLiteral("project"), target.project},
                                      {QStringLiteral("name"), target.name},
                                      {QStringLiteral("status"), target.status}});
    }
    if (items.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(mimeType(), QJsonDocument(items).toJson(QJsonDocument::Compact));
    QStringList names;
    for (const Target &target : targets)
        names.append(target.name);
    mime->setText(names.join(QLatin1Char('\n')));
    return mime;
}

QList<InstanceTransferActions::Target> InstanceTransferActions::targetsFromMime(const QMimeData *mime) const
{
    QList<Target> targets;
    if (!mime || !mime->hasFormat(mimeType()) || !m_registry)
        return targets;
    const QJsonArray items = QJsonDocument::fromJson(mime->data(mimeType())).array();
    for (const QJsonValue &item : items) {
        const QJsonObject object = item.toObject();
        Models::Remote *remote = m_registry->find(object.value(QLatin1String("remote")).toString());
        const QString name = object.value(QLatin1String("name")).toString();
        if (remote && !name.isEmpty())
            targets.append({remote, object.value(QLatin1String("project")).toString(), name,
                            object.value(QLatin1String("status")).toString()});
    }
    return targets;
}

void InstanceTransferActions::acceptDropsOn(QTreeView *tree)
{
    m_dropTree = tree;
    tree->setAcceptDrops(true);
    tree->viewport()->setAcceptDrops(true);
    tree->viewport()->installEventFilter(this);
}

bool InstanceTransferActions::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_dropTree || watched != m_dropTree->viewport())
        return QObject::eventFilter(watched, event);
    // Where a drop lands: a remote (its default project) or a project, or anything below one.
    const auto destinationAt = [this](const QPoint &position, QString *remote, QString *project) {
        const QModelIndex index = m_dropTree->indexAt(position);
        if (!index.isValid())
            return false;
        *remote = index.data(NavigationTreeModel::RemoteNameRole).toString();
        *project = index.data(NavigationTreeModel::ProjectRole).toString();
        if (project->isEmpty())
            *project = QStringLiteral("default");
        return !remote->isEmpty();
    };
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        QString remote;
        QString project;
        if (drag->mimeData()->hasFormat(mimeType())
            && destinationAt(drag->position().toPoint(), &remote, &project)) {
            drag->setDropAction(Qt::MoveAction);
            drag->accept();
        } else if (event->type() == QEvent::DragEnter && drag->mimeData()->hasFormat(mimeType())) {
            drag->accept(); // keep receiving moves until over a node
        } else {
            drag->ignore();
        }
        return true;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        QString remote;
        QString project;
        const QList<Target> targets = targetsFromMime(drop->mimeData());
        if (targets.isEmpty() || !destinationAt(drop->position().toPoint(), &remote, &project)) {
            drop->ignore();
            return true;
        }
        drop->setDropAction(Qt::CopyAction); // the dialog decides; nothing is removed by the drag itself
        drop->accept();
        // After the drop returns: the drag's own event loop must not host the dialog.
        QMetaObject::invokeMethod(
            this, [this, targets, remote, project] { openTransferDialog(targets, remote, project, true); },
            Qt::QueuedConnection);
        return true;
    }
    default:
        return QObject::eventFilter(watched, event);
    }
}
