#include "InstanceActions.h"

#include "Icons.h"
#include "MessageBox.h"
#include "TextPrompt.h"
#include "lxd/BulkStateChangeJob.h"
#include "lxd/InstanceManager.h"
#include "models/Remote.h"

#include <QAction>
#include <QDateTime>
#include <QLocale>
#include <QMap>
#include <QMenu>

namespace {

bool isActive(const QString &status)
{
    return status == QLatin1String("Running") || status == QLatin1String("Frozen");
}

QString quoted(const QString &name)
{
    return InstanceActions::tr("“%1”").arg(name);
}

QString quotedList(const QStringList &names)
{
    QStringList quotedNames;
    for (const QString &name : names)
        quotedNames.append(quoted(name));
    return QLocale().createSeparatedList(quotedNames);
}

struct ActionWords
{
    QString doing; // "Starting %1…"
    QString done; // "Started %1"
    QString failedTitle; // "Could Not Start"
    QString failed; // "Could not start %1: %2"
};

ActionWords wordsFor(const QString &action, bool force)
{
    using A = InstanceActions;
    if (action == QLatin1String("start"))
        return {A::tr("Starting %1…"), A::tr("Started %1"), A::tr("Could Not Start"),
                A::tr("Could not start %1: %2")};
    if (action == QLatin1String("stop") && force)
        return {A::tr("Force-stopping %1…"), A::tr("Stopped %1"), A::tr("Could Not Stop"),
                A::tr("Could not force-stop %1: %2")};
    if (action == QLatin1String("stop"))
        return {A::tr("Stopping %1…"), A::tr("Stopped %1"), A::tr("Could Not Stop"),
                A::tr("Could not stop %1: %2")};
    if (action == QLatin1String("restart"))
        return {A::tr("Restarting %1…"), A::tr("Restarted %1"), A::tr("Could Not Restart"),
                A::tr("Could not restart %1: %2")};
    if (action == QLatin1String("freeze"))
        return {A::tr("Freezing %1…"), A::tr("Froze %1"), A::tr("Could Not Freeze"),
                A::tr("Could not freeze %1: %2")};
    return {A::tr("Resuming %1…"), A::tr("Resumed %1"), A::tr("Could Not Unfreeze"),
            A::tr("Could not unfreeze %1: %2")};
}

} // namespace

InstanceActions::InstanceActions(QWidget *window)
    : QObject(window)
    , m_window(window)
{
    m_start
        = makeAction(tr("&Start"), QStringLiteral("startInstanceAction"), tr("Start the selected instances"));
    m_stop = makeAction(tr("S&top"), QStringLiteral("stopInstanceAction"),
                        tr("Shut the selected instances down cleanly"));
    m_forceStop = makeAction(tr("&Force Stop"), QStringLiteral("forceStopInstanceAction"),
                             tr("Kill the selected instances at once"));
    m_restart = makeAction(tr("&Restart"), QStringLiteral("restartInstanceAction"),
                           tr("Restart the selected instances"));
    m_freeze = makeAction(tr("Free&ze"), QStringLiteral("freezeInstanceAction"),
                          tr("Pause every process of the selected instances"));
    m_unfreeze = makeAction(tr("&Unfreeze"), QStringLiteral("unfreezeInstanceAction"),
                            tr("Resume the selected frozen instances"));
    m_rename = makeAction(tr("Re&name…"), QStringLiteral("renameInstanceAction"), tr("Rename the instance"));
    m_delete = makeAction(tr("&Delete…"), QStringLiteral("deleteInstanceAction"),
                          tr("Delete the selected instances"));
    m_snapshot = makeAction(tr("Create S&napshot…"), QStringLiteral("snapshotInstanceAction"),
                            tr("Take a snapshot of the instance"));

    m_start->setIcon(Icons::icon(Icons::Glyph::Start));
    m_stop->setIcon(Icons::icon(Icons::Glyph::Stop));
    m_forceStop->setIcon(Icons::icon(Icons::Glyph::ForceStop));
    m_restart->setIcon(Icons::icon(Icons::Glyph::Restart));
    m_freeze->setIcon(Icons::icon(Icons::Glyph::Freeze));
    m_unfreeze->setIcon(Icons::icon(Icons::Glyph::Unfreeze));
    m_rename->setIcon(Icons::icon(Icons::Glyph::Rename));
    m_delete->setIcon(Icons::icon(Icons::Glyph::Delete));
    m_snapshot->setIcon(Icons::icon(Icons::Glyph::Snapshot));
    // Toolbar buttons do not open a dialog "…" by their look.
    m_rename->setIconText(tr("Rename"));
    m_delete->setIconText(tr("Delete"));
    m_snapshot->setIconText(tr("Snapshot"));
    m_rename->setShortcut(QKeySequence(Qt::Key_F2));
    m_delete->setShortcut(QKeySequence::Delete);

    connect(m_start, &QAction::triggered, this, [this] { changeState(QStringLiteral("start"), false); });
    connect(m_stop, &QAction::triggered, this, [this] { changeState(QStringLiteral("stop"), false); });
    connect(m_forceStop, &QAction::triggered, this, [this] { changeState(QStringLiteral("stop"), true); });
    connect(m_restart, &QAction::triggered, this, [this] { changeState(QStringLiteral("restart"), false); });
    connect(m_freeze, &QAction::triggered, this, [this] { changeState(QStringLiteral("freeze"), false); });
    connect(m_unfreeze, &QAction::triggered, this,
            [this] { changeState(QStringLiteral("unfreeze"), false); });
    connect(m_rename, &QAction::triggered, this, &InstanceActions::renameSelected);
    connect(m_delete, &QAction::triggered, this, &InstanceActions::deleteSelected);
    connect(m_snapshot, &QAction::triggered, this, &InstanceActions::snapshotSelected);
    updateActions();
}

InstanceActions::~InstanceActions() = default;

QAction *InstanceActions::makeAction(const QString &text, const QString &objectName, const QString &toolTip)
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    action->setToolTip(toolTip);
    action->setStatusTip(toolTip);
    return action;
}

QList<QAction *> InstanceActions::actions() const
{
    return {m_start, m_stop, m_forceStop, m_restart, m_freeze, m_unfreeze, m_rename, m_delete, m_snapshot};
}

void InstanceActions::addToMenu(QMenu *menu) const
{
    menu->addAction(m_start);
    menu->addAction(m_stop);
    menu->addAction(m_forceStop);
    menu->addAction(m_restart);
    menu->addSeparator();
    menu->addAction(m_freeze);
    menu->addAction(m_unfreeze);
    menu->addSeparator();
    menu->addAction(m_snapshot);
    menu->addAction(m_rename);
    menu->addAction(m_delete);
}

void InstanceActions::setTargets(const QList<Target> &targets)
{
    m_targets = targets;
    updateActions();
}

void InstanceActions::updateActions()
{
    const auto any = [this](const QString &action) {
        for (const Target &target : std::as_const(m_targets)) {
            if (target.remote && Lxd::BulkStateChangeJob::appliesTo(action, target.status))
                return true;
        }
        return false;
    };
    m_start->setEnabled(any(QStringLiteral("start")));
    m_stop->setEnabled(any(QStringLiteral("stop")));
    m_forceStop->setEnabled(any(QStringLiteral("stop")));
    m_restart->setEnabled(any(QStringLiteral("restart")));
    m_freeze->setEnabled(any(QStringLiteral("freeze")));
    m_unfreeze->setEnabled(any(QStringLiteral("unfreeze")));
    m_rename->setEnabled(m_targets.size() == 1);
    m_delete->setEnabled(!m_targets.isEmpty());
    m_snapshot->setEnabled(m_targets.size() == 1);
}

QString InstanceActions::reason(const Lxd::Error &error)
{
    if ((error.kind() == Lxd::Error::Kind::Api || error.kind() == Lxd::Error::Kind::Operation)
        && !error.serverMessage().isEmpty())
        return error.serverMessage();
    return error.userMessage();
}

void InstanceActions::reportFailure(const QString &title, const QString &text, const Lxd::Error &error)
{
    Q_EMIT statusMessage(text);
    MessageBox::error(m_window, title, text, error.detail());
}

void InstanceActions::changeState(const QString &action, bool force)
{
    // One request per instance, grouped by where they live (the selection may span projects).
    QMap<std::pair<Models::Remote *, QString>, QStringList> groups;
    for (const Target &target : std::as_const(m_targets)) {
        if (target.remote && Lxd::BulkStateChangeJob::appliesTo(action, target.status))
            groups[{target.remote.data(), target.project}].append(target.name);
    }
    const ActionWords words = wordsFor(action, force);
    const bool clean = (action == QLatin1String("stop") || action == QLatin1String("restart")) && !force;
    const int timeout = clean ? CleanStopTimeoutSeconds : -1;
    for (auto group = groups.cbegin(); group != groups.cend(); ++group) {
        const QStringList names = group.value();
        const Lxd::InstanceManager instances(group.key().first->client().useProject(group.key().second));
        Lxd::BulkStateChangeJob *job = instances.changeStateMany(names, action, timeout, force);
        Q_EMIT statusMessage(words.doing.arg(quotedList(names)));
        connect(job, &Lxd::Job::finished, this, [this, job, names, words] {
            const QMap<QString, Lxd::Error> failures = job->failures();
            QStringList succeeded;
            for (const QString &name : names) {
                if (!failures.contains(name))
                    succeeded.append(name);
            }
            if (!succeeded.isEmpty())
                Q_EMIT statusMessage(words.done.arg(quotedList(succeeded)));
            for (auto failure = failures.cbegin(); failure != failures.cend(); ++failure)
                reportFailure(words.failedTitle,
                              words.failed.arg(quoted(failure.key()), reason(failure.value())),
                              failure.value());
            if (failures.isEmpty() && job->error())
                reportFailure(words.failedTitle, words.failed.arg(quotedList(names), reason(job->error())),
                              job->error());
        });
    }
}

void InstanceActions::renameSelected()
{
    if (m_targets.size() != 1 || !m_targets.first().remote)
        return;
    const Target target = m_targets.first();
    TextPrompt::ask(
        m_window, tr("Rename Instance"), tr("New name for %1:").arg(quoted(target.name)), target.name, this,
        [this, target](const QString &newName) {
            if (newName == target.name || !target.remote)
                return;
            const Lxd::InstanceManager instances(target.remote->client().useProject(target.project));
            Lxd::OperationJob *job = instances.rename(target.name, newName);
            Q_EMIT statusMessage(tr("Renaming %1 to %2…").arg(quoted(target.name), quoted(newName)));
            connect(job, &Lxd::Job::finished, this, [this, job, target, newName] {
                if (job->error()) {
                    reportFailure(tr("Could Not Rename"),
                                  tr("Could not rename %1 to %2: %3")
                                      .arg(quoted(target.name), quoted(newName), reason(job->error())),
                                  job->error());
                    return;
                }
                Q_EMIT statusMessage(tr("Renamed %1 to %2").arg(quoted(target.name), quoted(newName)));
            });
        });
}

void InstanceActions::deleteSelected()
{
    QList<Target> targets;
    QStringList names;
    QStringList active;
    for (const Target &target : std::as_const(m_targets)) {
        if (!target.remote)
            continue;
        targets.append(target);
        names.append(target.name);
        if (isActive(target.status))
            active.append(target.name);
    }
    if (targets.isEmpty())
        return;
    const QString question = targets.size() == 1
        ? tr("Delete the instance %1?").arg(quoted(names.first()))
        : tr("Delete these %n instances: %1?", nullptr, int(targets.size())).arg(quotedList(names));
    QString details = targets.size() == 1 ? tr("Its snapshots and its root disk are deleted with it.")
                                          : tr("Their snapshots and root disks are deleted with them.");
    if (!active.isEmpty()) {
        details += QLatin1Char(' ')
            + (active.size() == 1 ? tr("%1 is running and will be stopped first.")
                                  : tr("%1 are running and will be stopped first."))
                  .arg(quotedList(active));
    }
    details += QLatin1Char(' ') + tr("This cannot be undone.");
    MessageBox::confirm(
        m_window, targets.size() == 1 ? tr("Delete Instance") : tr("Delete Instances"), question,
        tr("Delete"), this,
        [this, targets] {
            for (const Target &target : targets)
                deleteOne(target);
        },
        true, details);
}

void InstanceActions::deleteOne(const Target &target)
{
    if (!target.remote)
        return;
    const Lxd::InstanceManager instances(target.remote->client().useProject(target.project));
    const QPointer<Models::Remote> remote = target.remote;
    const auto remove = [this, target, instances] {
        Lxd::OperationJob *job = instances.remove(target.name);
        connect(job, &Lxd::Job::finished, this, [this, job, target] {
            if (job->error()) {
                reportFailure(tr("Could Not Delete"),
                              tr("Could not delete %1: %2").arg(quoted(target.name), reason(job->error())),
                              job->error());
                return;
            }
            Q_EMIT statusMessage(tr("Deleted %1").arg(quoted(target.name)));
        });
    };
    Q_EMIT statusMessage(tr("Deleting %1…").arg(quoted(target.name)));
    if (!isActive(target.status)) {
        remove();
        return;
    }
    Lxd::OperationJob *stop = instances.stop(target.name, true);
    connect(stop, &Lxd::Job::finished, this, [this, stop, target, remove] {
        if (stop->error()) {
            reportFailure(
                tr("Could Not Delete"),
                tr("Could not stop %1 to delete it: %2").arg(quoted(target.name), reason(stop->error())),
                stop->error());
            return;
        }
        remove();
    });
}

void InstanceActions::snapshotSelected()
{
    if (m_targets.size() != 1 || !m_targets.first().remote)
        return;
    const Target target = m_targets.first();
    const QString suggestion
        = QDateTime::currentDateTime().toString(QStringLiteral("'snap-'yyyyMMdd-HHmmss"));
    TextPrompt::ask(
        m_window, tr("Create Snapshot"), tr("Name of the new snapshot of %1:").arg(quoted(target.name)),
        suggestion, this, [this, target](const QString &name) {
            if (!target.remote)
                return;
            const Lxd::InstanceManager instances(target.remote->client().useProject(target.project));
            Lxd::OperationJob *job = instances.snapshots(target.name).create(name);
            Q_EMIT statusMessage(tr("Taking snapshot %1 of %2…").arg(quoted(name), quoted(target.name)));
            connect(job, &Lxd::Job::finished, this, [this, job, target, name] {
                if (job->error()) {
                    reportFailure(tr("Could Not Create Snapshot"),
                                  tr("Could not snapshot %1 as %2: %3")
                                      .arg(quoted(target.name), quoted(name), reason(job->error())),
                                  job->error());
                    return;
                }
                Q_EMIT statusMessage(tr("Took snapshot %1 of %2").arg(quoted(name), quoted(target.name)));
            });
        });
}
