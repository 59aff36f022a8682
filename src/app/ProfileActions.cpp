#include "ProfileActions.h"

#include "ConfigEditorDialog.h"
#include "CreateObjectDialog.h"
#include "lxd/ProfileManager.h"
#include "models/Remote.h"

#include <QAction>

ProfileActions::ProfileActions(QWidget *window, TaskListModel *tasks)
    : ResourceActions(window, tasks, QStringLiteral("Profile"), tr("Profile"))
{
    updateActions();
}

QString ProfileActions::noun(int count) const
{
    return count == 1 ? tr("profile") : tr("profiles");
}

void ProfileActions::createNew()
{
    const QPointer<Models::Remote> remote = m_remote;
    const QString project = m_project;
    auto *dialog = new CreateObjectDialog(
        window(), tr("New Profile"), tr("A profile in the project “%1” of %2.").arg(project, remote->name()),
        {{QStringLiteral("name"), tr("&Name:"), {}, tr("web-servers"), {}, {}, true},
         {QStringLiteral("description"), tr("&Description:"), {}, {}, {}, {}, false}});
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateObjectDialog::submitted, this, [this, dialog, remote, project] {
        if (!remote)
            return;
        QMap<QString, QString> config;
        QString error;
        dialog->otherConfig(&config, &error);
        const QString name = dialog->value(QStringLiteral("name"));
        const Lxd::ProfileManager profiles(remote->client().useProject(project));
        followCreate(profiles.create(name, config, {}, dialog->value(QStringLiteral("description"))), dialog,
                     name);
    });
    dialog->open();
}

void ProfileActions::edit(const Target &target)
{
    ConfigEditorDialog::open(ConfigObject::profile(target.remote, target.project, target.key), window());
}

Lxd::Job *ProfileActions::startRename(const Target &target, const QString &newName)
{
    return Lxd::ProfileManager(target.remote->client().useProject(target.project))
        .rename(target.key, newName);
}

bool ProfileActions::canRename(const Target &target) const
{
    return target.key != QLatin1String("default");
}

Lxd::Job *ProfileActions::startRemove(const Target &target)
{
    return Lxd::ProfileManager(target.remote->client().useProject(target.project)).remove(target.key);
}

bool ProfileActions::canRemove(const Target &target) const
{
    return target.key != QLatin1String("default");
}

QString ProfileActions::deleteDetails(const QList<Target> &targets) const
{
    QStringList details;
    for (const Target &target : targets) {
        const QString used
            = usedByText(target.object, tr("%1 uses it; LXD refuses to delete a profile in use."),
                         tr("%1 instances use it (%2); LXD refuses to delete a profile in use."));
        if (!used.isEmpty())
            details.append(targets.size() == 1 ? used : quoted(target.key) + QStringLiteral(": ") + used);
    }
    return details.join(QLatin1Char(' '));
}
