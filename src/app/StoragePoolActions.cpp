#include "StoragePoolActions.h"

#include "ConfigEditorDialog.h"
#include "CreateObjectDialog.h"
#include "lxd/StoragePoolManager.h"
#include "models/Remote.h"

#include <QAction>

StoragePoolActions::StoragePoolActions(QWidget *window, TaskListModel *tasks)
    : ResourceActions(window, tasks, QStringLiteral("StoragePool"), tr("Storage Pool"))
{
    updateActions();
}

QString StoragePoolActions::noun(int count) const
{
    return count == 1 ? tr("storage pool") : tr("storage pools");
}

void StoragePoolActions::updateActions()
{
    ResourceActions::updateActions();
    renameAction()->setVisible(false);
}

void StoragePoolActions::createNew()
{
    const QPointer<Models::Remote> remote = m_remote;
    auto *dialog = new CreateObjectDialog(
        window(), tr("New Storage Pool"), tr("A storage pool of %1.").arg(remote->name()),
        {{QStringLiteral("name"), tr("&Name:"), {}, tr("fast"), {}, {}, true},
         {QStringLiteral("driver"),
          tr("D&river:"),
          QStringLiteral("dir"),
          {},
          {},
          {QStringLiteral("dir"), QStringLiteral("btrfs"), QStringLiteral("zfs"), QStringLiteral("lvm"),
           QStringLiteral("ceph"), QStringLiteral("cephfs")},
          true},
         {QStringLiteral("source"),
          tr("&Source:"),
          {},
          tr("a folder, a block device or an existing pool"),
          tr("Where the pool keeps its data; empty lets LXD choose (a folder or a loop file)."),
          {},
          false},
         {QStringLiteral("description"), tr("&Description:"), {}, {}, {}, {}, false}});
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateObjectDialog::submitted, this, [this, dialog, remote] {
        if (!remote)
            return;
        QMap<QString, QString> config;
        QString error;
        dialog->otherConfig(&config, &error);
        const QString source = dialog->value(QStringLiteral("source"));
        if (!source.isEmpty() && !config.contains(QStringLiteral("source")))
            config.insert(QStringLiteral("source"), source);
        const QString name = dialog->value(QStringLiteral("name"));
        const Lxd::StoragePoolManager pools(remote->client());
        followCreate(pools.create(name, dialog->value(QStringLiteral("driver")), config,
                                  dialog->value(QStringLiteral("description"))),
                     dialog, name);
    });
    dialog->open();
}

void StoragePoolActions::edit(const Target &target)
{
    ConfigEditorDialog::open(ConfigObject::storagePool(target.remote, target.key), window());
}

bool StoragePoolActions::canRename(const Target &target) const
{
    Q_UNUSED(target)
    return false;
}

Lxd::Job *StoragePoolActions::startRemove(const Target &target)
{
    return Lxd::StoragePoolManager(target.remote->client()).remove(target.key);
}

QString StoragePoolActions::deleteDetails(const QList<Target> &targets) const
{
    QStringList details;
    for (const Target &target : targets) {
        const QString used = usedByText(target.object, tr("%1 uses it; LXD refuses to delete a pool in use."),
                                        tr("%1 objects use it (%2); LXD refuses to delete a pool in use."));
        if (!used.isEmpty())
            details.append(targets.size() == 1 ? used : quoted(target.key) + QStringLiteral(": ") + used);
    }
    return details.join(QLatin1Char(' '));
}
