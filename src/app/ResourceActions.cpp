#include "ResourceActions.h"

#include "CreateObjectDialog.h"
#include "Icons.h"
#include "InstanceActions.h"
#include "MessageBox.h"
#include "TextPrompt.h"
#include "lxd/Job.h"
#include "models/Remote.h"

#include <QAction>
#include <QJsonArray>
#include <QLocale>
#include <QMenu>
#include <QUrl>

ResourceActions::ResourceActions(QWidget *window, TaskListModel *tasks, const QString &kindKey,
                                 const QString &kindTitle)
    : QObject(window)
    , m_window(window)
    , m_tasks(tasks)
    , m_kindTitle(kindTitle)
{
    m_new = makeAction(tr("&New %1…").arg(kindTitle), QStringLiteral("new%1Action").arg(kindKey),
                       tr("Create a %1").arg(kindTitle.toLower()));
    m_edit = makeAction(tr("&Edit %1…").arg(kindTitle), QStringLiteral("edit%1Action").arg(kindKey),
                        tr("Edit the configuration of the selected %1").arg(kindTitle.toLower()));
    m_rename = makeAction(tr("Re&name %1…").arg(kindTitle), QStringLiteral("rename%1Action").arg(kindKey),
                          tr("Rename the selected %1").arg(kindTitle.toLower()));
    m_delete = makeAction(tr("&Delete %1…").arg(kindTitle), QStringLiteral("delete%1Action").arg(kindKey),
                          tr("Delete the selected %1").arg(kindTitle.toLower()));
    m_new->setIcon(Icons::icon(Icons::Glyph::New));
    m_edit->setIcon(Icons::icon(Icons::Glyph::Info));
    m_rename->setIcon(Icons::icon(Icons::Glyph::Rename));
    m_delete->setIcon(Icons::icon(Icons::Glyph::Delete));
    // Toolbar buttons do not open a dialog "…" by their look.
    m_new->setIconText(tr("New %1").arg(kindTitle));
    m_edit->setIconText(tr("Edit"));
    m_rename->setIconText(tr("Rename"));
    m_delete->setIconText(tr("Delete"));
    m_edit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_rename->setShortcut(QKeySequence(Qt::Key_F2));
    m_delete->setShortcut(QKeySequence::Delete);

    connect(m_new, &QAction::triggered, this, [this] {
        if (!m_remote || m_project.isEmpty()) {
            MessageBox::information(m_window, m_new->iconText(), tr("Choose a remote and a project first."));
            return;
        }
        createNew();
    });
    connect(m_edit, &QAction::triggered, this, [this] {
        if (m_targets.size() == 1 && m_targets.first().remote)
            edit(m_targets.first());
    });
    connect(m_rename, &QAction::triggered, this, &ResourceActions::renameSelected);
    connect(m_delete, &QAction::triggered, this, &ResourceActions::deleteSelected);
}

ResourceActions::~ResourceActions() = default;

QAction *ResourceActions::makeAction(const QString &text, const QString &objectName, const QString &toolTip)
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    action->setToolTip(toolTip);
    action->setStatusTip(toolTip);
    return action;
}

QList<QAction *> ResourceActions::actions() const
{
    return {m_new, nullptr, m_edit, m_rename, m_delete};
}

void ResourceActions::addToMenu(QMenu *menu) const
{
    const QList<QAction *> list = actions();
    for (QAction *action : list) {
        if (!action)
            menu->addSeparator();
        else if (action->isVisible())
            menu->addAction(action);
    }
}

void ResourceActions::setVisible(bool visible)
{
    m_visible = visible;
    updateActions();
}

void ResourceActions::setContext(Models::Remote *remote, const QString &project)
{
    m_remote = remote;
    m_project = project;
    updateActions();
}

void ResourceActions::setTargets(const QList<Target> &targets)
{
    m_targets = targets;
    updateActions();
}

void ResourceActions::updateActions()
{
    const bool one = m_targets.size() == 1 && m_targets.first().remote;
    bool removable = !m_targets.isEmpty();
    for (const Target &target : std::as_const(m_targets))
        removable = removable && target.remote && canRemove(target);
    m_new->setEnabled(m_remote && !m_project.isEmpty());
    m_edit->setEnabled(one);
    m_rename->setEnabled(one && canRename(m_targets.first()));
    m_delete->setEnabled(removable);
    const QList<QAction *> list = actions();
    for (QAction *action : list) {
        if (action)
            action->setVisible(m_visible);
    }
}

QString ResourceActions::displayName(const Target &target) const
{
    return target.key;
}

Lxd::Job *ResourceActions::startRename(const Target &target, const QString &newName)
{
    Q_UNUSED(target)
    Q_UNUSED(newName)
    return nullptr;
}

bool ResourceActions::canRename(const Target &target) const
{
    Q_UNUSED(target)
    return true;
}

bool ResourceActions::canRemove(const Target &target) const
{
    Q_UNUSED(target)
    return true;
}

QString ResourceActions::deleteDetails(const QList<Target> &targets) const
{
    Q_UNUSED(targets)
    return {};
}

QString ResourceActions::quoted(const QString &name)
{
    return tr("“%1”").arg(name);
}

QString ResourceActions::quotedList(const QStringList &names)
{
    QStringList quotedNames;
    for (const QString &name : names)
        quotedNames.append(quoted(name));
    return QLocale().createSeparatedList(quotedNames);
}

QString ResourceActions::usedByText(const QJsonObject &object, const QString &one, const QString &many)
{
    const QJsonArray usedBy = object.value(QLatin1String("used_by")).toArray();
    if (usedBy.isEmpty())
        return {};
    QStringList names;
    for (const QJsonValue &url : usedBy) {
        // "/1.0/instances/c1?project=p" -> "c1"; profiles and other kinds keep their last segment too.
        const QString path = QUrl(url.toString()).path();
        names.append(QUrl::fromPercentEncoding(path.section(QLatin1Char('/'), -1).toUtf8()));
    }
    constexpr int Shown = 5;
    QString list = quotedList(names.mid(0, Shown));
    if (names.size() > Shown)
        list += tr(" and %n more", nullptr, int(names.size() - Shown));
    return names.size() == 1 ? one.arg(list) : many.arg(names.size()).arg(list);
}

void ResourceActions::reportFailure(const QString &title, const QString &text, const Lxd::Error &error)
{
    Q_EMIT statusMessage(text);
    MessageBox::error(m_window, title, text, error.detail());
}

void ResourceActions::follow(Lxd::Job *job, const QString &doing, const QString &done,
                             const QString &failedTitle, const QString &failedText)
{
    Q_EMIT statusMessage(doing);
    connect(job, &Lxd::Job::finished, this, [this, job, done, failedTitle, failedText] {
        if (job->error()) {
            if (job->error().isCancelled())
                Q_EMIT statusMessage(tr("Cancelled"));
            else
                reportFailure(failedTitle, failedText.arg(InstanceActions::reason(job->error())),
                              job->error());
            return;
        }
        Q_EMIT statusMessage(done);
    });
}

void ResourceActions::followCreate(Lxd::Job *job, CreateObjectDialog *dialog, const QString &name)
{
    const QPointer<CreateObjectDialog> guard(dialog);
    Q_EMIT statusMessage(tr("Creating %1 %2…").arg(noun(), quoted(name)));
    connect(job, &Lxd::Job::finished, this, [this, job, guard, name] {
        if (job->error()) {
            const QString text = tr("Could not create %1 %2: %3")
                                     .arg(noun(), quoted(name), InstanceActions::reason(job->error()));
            Q_EMIT statusMessage(text);
            if (guard)
                guard->showError(text);
            else
                reportFailure(tr("Could Not Create"), text, job->error());
            return;
        }
        Q_EMIT statusMessage(tr("Created %1 %2").arg(noun(), quoted(name)));
        if (guard)
            guard->done(QDialog::Accepted);
    });
}

void ResourceActions::renameSelected()
{
    if (m_targets.size() != 1 || !m_targets.first().remote || !canRename(m_targets.first()))
        return;
    const Target target = m_targets.first();
    const QString oldName = displayName(target);
    TextPrompt::ask(
        m_window, m_rename->iconText(), tr("New name for the %1 %2:").arg(noun(), quoted(oldName)), oldName,
        this, [this, target, oldName](const QString &newName) {
            if (newName == oldName || !target.remote)
                return;
            Lxd::Job *job = startRename(target, newName);
            if (!job)
                return;
            follow(job, tr("Renaming %1 to %2…").arg(quoted(oldName), quoted(newName)),
                   tr("Renamed %1 to %2").arg(quoted(oldName), quoted(newName)), tr("Could Not Rename"),
                   tr("Could not rename %1 to %2: %3")
                       .arg(quoted(oldName), quoted(newName), QStringLiteral("%1")));
        });
}

void ResourceActions::deleteSelected()
{
    QList<Target> targets;
    QStringList names;
    for (const Target &target : std::as_const(m_targets)) {
        if (!target.remote || !canRemove(target))
            continue;
        targets.append(target);
        names.append(displayName(target));
    }
    if (targets.isEmpty())
        return;
    const QString question = targets.size() == 1
        ? tr("Delete the %1 %2?").arg(noun(), quoted(names.first()))
        : tr("Delete these %1 %2: %3?").arg(targets.size()).arg(noun(int(targets.size())), quotedList(names));
    QString details = deleteDetails(targets);
    details += (details.isEmpty() ? QString() : QStringLiteral(" ")) + tr("This cannot be undone.");
    const QString title = tr("Delete %1").arg(m_kindTitle);
    MessageBox::confirm(
        m_window, title, question, tr("Delete"), this,
        [this, targets] {
            for (const Target &target : targets) {
                if (!target.remote)
                    continue;
                const QString name = displayName(target);
                Lxd::Job *job = startRemove(target);
                if (!job)
                    continue;
                follow(job, tr("Deleting %1 %2…").arg(noun(), quoted(name)),
                       tr("Deleted %1 %2").arg(noun(), quoted(name)), tr("Could Not Delete"),
                       tr("Could not delete %1 %2: %3").arg(noun(), quoted(name), QStringLiteral("%1")));
            }
        },
        true, details);
}
