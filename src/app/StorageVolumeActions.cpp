#include "StorageVolumeActions.h"

#include "ConfigEditorDialog.h"
#include "CreateObjectDialog.h"
#include "lxd/StorageVolumeManager.h"
#include "models/Remote.h"

#include <QAction>

namespace {

bool isCustom(const ResourceActions::Target &target)
{
    return target.object.value(QLatin1String("type")).toString() == QLatin1String("custom");
}

QString volumeName(const ResourceActions::Target &target)
{
    const QString name = target.object.value(QLatin1String("name")).toString();
    return name.isEmpty() ? target.key.section(QLatin1Char('/'), 1) : name;
}

} // namespace

StorageVolumeActions::StorageVolumeActions(QWidget *window, TaskListModel *tasks)
    : ResourceActions(window, tasks, QStringLiteral("StorageVolume"), tr("Volume"))
{
    // The pool's actions own the window's F2, Del and Ctrl+E; the volume table maps those keys to these
    // actions while it has the focus (StoragePoolDetailWidget).
    for (QAction *action : {editAction(), renameAction(), deleteAction()})
        action->setShortcut({});
    updateActions();
}

void StorageVolumeActions::setPool(const QString &pool)
{
    m_pool = pool;
    updateActions();
}

QString StorageVolumeActions::noun(int count) const
{
    return count == 1 ? tr("volume") : tr("volumes");
}

QString StorageVolumeActions::displayName(const Target &target) const
{
    return volumeName(target);
}

void StorageVolumeActions::updateActions()
{
    ResourceActions::updateActions();
    newAction()->setEnabled(newAction()->isEnabled() && !m_pool.isEmpty());
    editAction()->setEnabled(editAction()->isEnabled() && isCustom(m_targets.first()));
}

void StorageVolumeActions::createNew()
{
    if (m_pool.isEmpty())
        return;
    const QPointer<Models::Remote> remote = m_remote;
    const QString project = m_project;
    const QString pool = m_pool;
    auto *dialog = new CreateObjectDialog(
        window(), tr("New Volume"),
        tr("A custom volume in the pool “%1” of %2, project “%3”.").arg(pool, remote->name(), project),
        {{QStringLiteral("name"), tr("&Name:"), {}, tr("data"), {}, {}, true},
         {QStringLiteral("content_type"),
          tr("&Content:"),
          QStringLiteral("filesystem"),
          {},
          tr("A file system to mount in instances, or a block device for virtual machines"),
          {QStringLiteral("filesystem"), QStringLiteral("block")},
          true},
         {QStringLiteral("size"), tr("&Size:"), {}, tr("10GiB"), tr("Empty: the pool's default"), {}, false},
         {QStringLiteral("description"), tr("&Description:"), {}, {}, {}, {}, false}});
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateObjectDialog::submitted, this, [this, dialog, remote, project, pool] {
        if (!remote)
            return;
        QMap<QString, QString> config;
        QString error;
        dialog->otherConfig(&config, &error);
        const QString size = dialog->value(QStringLiteral("size"));
        if (!size.isEmpty() && !config.contains(QStringLiteral("size")))
            config.insert(QStringLiteral("size"), size);
        const QString name = dialog->value(QStringLiteral("name"));
        const Lxd::StorageVolumeManager volumes(remote->client().useProject(project), pool);
        followCreate(volumes.create(name, config, dialog->value(QStringLiteral("description")),
                                    dialog->value(QStringLiteral("content_type"))),
                     dialog, name);
    });
    dialog->open();
}

void StorageVolumeActions::edit(const Target &target)
{
    ConfigEditorDialog::open(
        ConfigObject::storageVolume(target.remote, target.project, m_pool, volumeName(target),
                                    target.object.value(QLatin1String("type")).toString()),
        window());
}

Lxd::Job *StorageVolumeActions::startRename(const Target &target, const QString &newName)
{
    return Lxd::StorageVolumeManager(target.remote->client().useProject(target.project), m_pool)
        .rename(volumeName(target), newName);
}

bool StorageVolumeActions::canRename(const Target &target) const
{
    return isCustom(target);
}

Lxd::Job *StorageVolumeActions::startRemove(const Target &target)
{
    return Lxd::StorageVolumeManager(target.remote->client().useProject(target.project), m_pool)
        .remove(volumeName(target));
}

bool StorageVolumeActions::canRemove(const Target &target) const
{
    return isCustom(target);
}

QString StorageVolumeActions::deleteDetails(const QList<Target> &targets) const
{
    QStringList details {targets.size() == 1 ? tr("Its snapshots and its data are deleted with it.")
                                             : tr("Their snapshots and data are deleted with them.")};
    for (const Target &target : targets) {
        const QString used
            = usedByText(target.object, tr("%1 uses it; LXD refuses to delete a volume in use."),
                         tr("%1 instances use it (%2); LXD refuses to delete a volume in use."));
        if (!used.isEmpty())
            details.append(targets.size() == 1 ? used
                                               : quoted(volumeName(target)) + QStringLiteral(": ") + used);
    }
    return details.join(QLatin1Char(' '));
}
