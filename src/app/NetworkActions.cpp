#include "NetworkActions.h"

#include "ConfigEditorDialog.h"
#include "CreateObjectDialog.h"
#include "lxd/NetworkManager.h"
#include "models/Remote.h"

#include <QAction>

namespace {

bool isManaged(const ResourceActions::Target &target)
{
    return target.object.value(QLatin1String("managed")).toBool();
}

} // namespace

NetworkActions::NetworkActions(QWidget *window, TaskListModel *tasks)
    : ResourceActions(window, tasks, QStringLiteral("Network"), tr("Network"))
{
    updateActions();
}

QString NetworkActions::noun(int count) const
{
    return count == 1 ? tr("network") : tr("networks");
}

void NetworkActions::updateActions()
{
    ResourceActions::updateActions();
    // Only managed networks have a configuration LXD lets one edit.
    editAction()->setEnabled(editAction()->isEnabled() && isManaged(m_targets.first()));
}

void NetworkActions::createNew()
{
    const QPointer<Models::Remote> remote = m_remote;
    const QString project = m_project;
    const QString addressHelp = tr("“none” for no address, “auto” for a free private subnet, or an address "
                                   "with its prefix length");
    auto *dialog = new CreateObjectDialog(
        window(), tr("New Network"),
        tr("A network managed by %1, in the project “%2”.").arg(remote->name(), project),
        {{QStringLiteral("name"), tr("&Name:"), {}, tr("lxdbr1"), {}, {}, true},
         {QStringLiteral("type"),
          tr("&Type:"),
          QStringLiteral("bridge"),
          {},
          {},
          {QStringLiteral("bridge"), QStringLiteral("macvlan"), QStringLiteral("sriov"),
           QStringLiteral("ovn"), QStringLiteral("physical")},
          true},
         {QStringLiteral("description"), tr("&Description:"), {}, {}, {}, {}, false},
         {QStringLiteral("ipv4.address"),
          tr("IPv&4 address:"),
          QStringLiteral("none"),
          tr("10.0.8.1/24"),
          addressHelp,
          {},
          false},
         {QStringLiteral("ipv6.address"),
          tr("IPv&6 address:"),
          QStringLiteral("none"),
          tr("fd42::1/64"),
          addressHelp,
          {},
          false}});
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateObjectDialog::submitted, this, [this, dialog, remote, project] {
        if (!remote)
            return;
        QMap<QString, QString> config;
        QString error;
        dialog->otherConfig(&config, &error);
        const QString type = dialog->value(QStringLiteral("type"));
        // Addresses are keys of bridges and OVN networks only.
        if (type == QLatin1String("bridge") || type == QLatin1String("ovn")) {
            for (const QString &key : {QStringLiteral("ipv4.address"), QStringLiteral("ipv6.address")}) {
                const QString address = dialog->value(key);
                if (!address.isEmpty() && !config.contains(key))
                    config.insert(key, address);
            }
        }
        const QString name = dialog->value(QStringLiteral("name"));
        const Lxd::NetworkManager networks(remote->client().useProject(project));
        followCreate(networks.create(name, type, config, dialog->value(QStringLiteral("description"))),
                     dialog, name);
    });
    dialog->open();
}

void NetworkActions::edit(const Target &target)
{
    ConfigEditorDialog::open(ConfigObject::network(target.remote, target.project, target.key), window());
}

Lxd::Job *NetworkActions::startRename(const Target &target, const QString &newName)
{
    return Lxd::NetworkManager(target.remote->client().useProject(target.project))
        .rename(target.key, newName);
}

bool NetworkActions::canRename(const Target &target) const
{
    return isManaged(target);
}

Lxd::Job *NetworkActions::startRemove(const Target &target)
{
    return Lxd::NetworkManager(target.remote->client().useProject(target.project)).remove(target.key);
}

bool NetworkActions::canRemove(const Target &target) const
{
    return isManaged(target);
}

QString NetworkActions::deleteDetails(const QList<Target> &targets) const
{
    QStringList details;
    for (const Target &target : targets) {
        const QString used = usedByText(target.object, tr("%1 is attached to it; LXD refuses to delete it."),
                                        tr("%1 objects are attached to it (%2); LXD refuses to delete it."));
        if (!used.isEmpty())
            details.append(targets.size() == 1 ? used : quoted(target.key) + QStringLiteral(": ") + used);
    }
    return details.join(QLatin1Char(' '));
}
