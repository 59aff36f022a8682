#include "ImageActions.h"

#include "CreateObjectDialog.h"
#include "ImageCopyDialog.h"
#include "ImageImportDialog.h"
#include "InstanceActions.h"
#include "MessageBox.h"
#include "TaskListModel.h"
#include "TextPrompt.h"
#include "lxd/ImageManager.h"
#include "models/Remote.h"
#include "models/RemoteRegistry.h"
#include "models/ResourceCache.h"

#include <QAction>
#include <QCursor>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonArray>
#include <QMenu>
#include <QSignalBlocker>
#include <QStandardPaths>

ImageActions::ImageActions(QWidget *window, TaskListModel *tasks, Models::RemoteRegistry *registry)
    : ResourceActions(window, tasks, QStringLiteral("Image"), tr("Image"))
    , m_registry(registry)
    , m_removeAliasMenu(new QMenu(window))
{
    importAction()->setText(tr("&Import Image…"));
    importAction()->setIconText(tr("Import"));
    importAction()->setObjectName(QStringLiteral("importImageAction"));
    importAction()->setToolTip(tr("Import an image from a tarball on this computer"));
    importAction()->setStatusTip(importAction()->toolTip());
    editAction()->setText(tr("&Edit Image Properties…"));
    editAction()->setToolTip(tr("Edit the description and properties of the selected image"));

    m_export = makeAction(tr("E&xport Image to File…"), QStringLiteral("exportImageAction"),
                          tr("Save the selected image as a tarball on this computer"));
    m_export->setIconText(tr("Export"));
    m_copy = makeAction(tr("&Copy Image to Remote…"), QStringLiteral("copyImageAction"),
                        tr("Copy the selected image to another remote or project"));
    m_copy->setIconText(tr("Copy"));
    m_addAlias = makeAction(tr("Add &Alias…"), QStringLiteral("addImageAliasAction"),
                            tr("Give the selected image another name"));
    m_removeAlias = makeAction(tr("&Remove Alias"), QStringLiteral("removeImageAliasAction"),
                               tr("Take one of its names away from the selected image"));
    m_removeAlias->setMenu(m_removeAliasMenu);
    m_removeAliasMenu->setTitle(m_removeAlias->text());
    m_public = makeAction(tr("&Public"), QStringLiteral("publicImageAction"),
                          tr("Let servers that do not trust this one download the image"));
    m_public->setCheckable(true);
    m_autoUpdate = makeAction(tr("Auto-&Update"), QStringLiteral("autoUpdateImageAction"),
                              tr("Keep the image up to date from where it came from"));
    m_autoUpdate->setCheckable(true);

    connect(m_export, &QAction::triggered, this, &ImageActions::exportSelected);
    connect(m_copy, &QAction::triggered, this, &ImageActions::copySelected);
    connect(m_addAlias, &QAction::triggered, this, &ImageActions::addAliasToSelected);
    // A menu action triggered by itself (a shortcut, the palette) removes the only alias, or opens the menu.
    connect(m_removeAlias, &QAction::triggered, this, [this] {
        if (m_targets.size() != 1)
            return;
        const QStringList aliases = aliasesOf(m_targets.first());
        if (aliases.size() == 1)
            removeAlias(m_targets.first(), aliases.first());
        else if (!aliases.isEmpty())
            m_removeAliasMenu->popup(QCursor::pos());
    });
    connect(m_public, &QAction::triggered, this, [this](bool checked) {
        for (const Target &target : std::as_const(m_targets))
            setPublic(target, checked);
    });
    connect(m_autoUpdate, &QAction::triggered, this, [this](bool checked) {
        for (const Target &target : std::as_const(m_targets))
            setAutoUpdate(target, checked);
    });
    updateActions();
}

QList<QAction *> ImageActions::actions() const
{
    return {importAction(), m_export, m_copy,   nullptr,      editAction(), m_addAlias,
            m_removeAlias,  nullptr,  m_public, m_autoUpdate, nullptr,      deleteAction()};
}

QString ImageActions::noun(int count) const
{
    return count == 1 ? tr("image") : tr("images");
}

QStringList ImageActions::aliasesOf(const Target &target)
{
    QStringList names;
    const QJsonArray aliases = target.object.value(QLatin1String("aliases")).toArray();
    for (const QJsonValue &alias : aliases)
        names.append(alias.toObject().value(QLatin1String("name")).toString());
    return names;
}

QString ImageActions::displayName(const Target &target) const
{
    const QStringList aliases = aliasesOf(target);
    return aliases.isEmpty() ? target.key.left(12) : aliases.first();
}

QString ImageActions::where(const Models::Remote *remote, const QString &project) const
{
    return remote ? tr("%1 › %2").arg(remote->name(), project) : QString();
}

QString ImageActions::partialPath(const QString &path)
{
    return path + QStringLiteral(".part");
}

void ImageActions::updateActions()
{
    ResourceActions::updateActions();
    renameAction()->setVisible(false);
    const bool one = m_targets.size() == 1 && m_targets.first().remote;
    const bool any = !m_targets.isEmpty();
    m_export->setEnabled(one);
    m_copy->setEnabled(one && m_registry);
    m_addAlias->setEnabled(one);
    m_removeAliasMenu->clear();
    const QStringList aliases = one ? aliasesOf(m_targets.first()) : QStringList();
    for (const QString &alias : aliases) {
        QAction *remove = m_removeAliasMenu->addAction(alias);
        remove->setObjectName(QStringLiteral("removeAlias_") + alias);
        const Target target = m_targets.first();
        connect(remove, &QAction::triggered, this, [this, target, alias] { removeAlias(target, alias); });
    }
    m_removeAlias->setEnabled(!aliases.isEmpty());
    bool allPublic = any;
    bool allAutoUpdate = any;
    for (const Target &target : std::as_const(m_targets)) {
        allPublic = allPublic && target.object.value(QLatin1String("public")).toBool();
        allAutoUpdate = allAutoUpdate && target.object.value(QLatin1String("auto_update")).toBool();
    }
    const QSignalBlocker publicBlocker(m_public);
    const QSignalBlocker autoUpdateBlocker(m_autoUpdate);
    m_public->setEnabled(any);
    m_public->setChecked(allPublic);
    m_autoUpdate->setEnabled(any);
    m_autoUpdate->setChecked(allAutoUpdate);
    for (QAction *action : {m_export, m_copy, m_addAlias, m_removeAlias, m_public, m_autoUpdate})
        action->setVisible(m_visible);
}

void ImageActions::createNew()
{
    const QPointer<Models::Remote> remote = m_remote;
    const QString project = m_project;
    auto *dialog = new ImageImportDialog(window(), where(remote, project));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, remote, project] {
        if (remote)
            importFiles(remote, project, dialog->imagePath(), dialog->rootfsPath(), dialog->aliases(),
                        dialog->isPublic());
    });
    dialog->open();
}

Lxd::ImageCreateJob *ImageActions::importFiles(Models::Remote *remote, const QString &project,
                                               const QString &imagePath, const QString &rootfsPath,
                                               const QStringList &aliases, bool isPublic)
{
    Lxd::ImagesPost options;
    options.setPublic(isPublic);
    options.setFilename(QFileInfo(imagePath).fileName());
    if (!aliases.isEmpty())
        options.setAliases(aliases);
    const Lxd::ImageManager images(remote->client().useProject(project));
    Lxd::ImageCreateJob *job = rootfsPath.isEmpty() ? images.createFromFile(imagePath, options)
                                                    : images.createFromFiles(imagePath, rootfsPath, options);
    const QString file = QFileInfo(imagePath).fileName();
    if (tasks()) {
        tasks()->add(job, tr("Importing %1").arg(file), where(remote, project));
        connect(job, &Lxd::Job::progress, this, [this, job] {
            if (!job->progressText().isEmpty())
                tasks()->setDetail(job, job->progressText());
        });
    }
    Q_EMIT statusMessage(tr("Importing %1 into %2…").arg(file, where(remote, project)));
    connect(job, &Lxd::Job::finished, this, [this, job, file] {
        if (job->error()) {
            if (job->error().isCancelled()) {
                Q_EMIT statusMessage(tr("Cancelled the import of %1").arg(file));
                return;
            }
            reportFailure(tr("Could Not Import"),
                          tr("Could not import %1: %2").arg(file, InstanceActions::reason(job->error())),
                          job->error());
            return;
        }
        Q_EMIT statusMessage(tr("Imported %1 as the image %2").arg(file, job->fingerprint().left(12)));
    });
    return job;
}

void ImageActions::exportSelected()
{
    if (m_targets.size() != 1 || !m_targets.first().remote)
        return;
    const Target target = m_targets.first();
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString suggested
        = displayName(target).replace(QLatin1Char('/'), QLatin1Char('-')) + QStringLiteral(".tar.gz");
    auto *dialog = new QFileDialog(window(), tr("Export Image"), folder + QLatin1Char('/') + suggested);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this, target](const QString &path) {
        if (target.remote && !path.isEmpty())
            exportTo(target, path);
    });
    dialog->open();
}

Lxd::ImageExportJob *ImageActions::exportTo(const Target &target, const QString &path)
{
    const QString name = displayName(target);
    const QString rootfsPath = path + QStringLiteral(".rootfs");
    const Lxd::ImageManager images(target.remote->client().useProject(target.project));
    Lxd::ImageExportJob *job = images.exportToFiles(target.key, partialPath(path), partialPath(rootfsPath));
    if (tasks())
        tasks()->add(job, tr("Exporting %1 to %2").arg(name, QFileInfo(path).fileName()),
                     where(target.remote, target.project));
    Q_EMIT statusMessage(tr("Exporting %1 to %2…").arg(quoted(name), path));
    connect(job, &Lxd::Job::finished, this, [this, job, name, path, rootfsPath] {
        if (job->error()) {
            // The job removed its partial files.
            if (job->error().isCancelled())
                Q_EMIT statusMessage(tr("Cancelled the export of %1").arg(quoted(name)));
            else
                reportFailure(
                    tr("Could Not Export"),
                    tr("Could not export %1: %2").arg(quoted(name), InstanceActions::reason(job->error())),
                    job->error());
            return;
        }
        // Complete: the files take their real names (the user agreed to replace existing ones).
        QStringList finals {path};
        if (job->isSplit())
            finals.append(rootfsPath);
        for (const QString &finalPath : std::as_const(finals)) {
            QFile::remove(finalPath);
            if (!QFile::rename(partialPath(finalPath), finalPath)) {
                MessageBox::error(window(), tr("Could Not Export"),
                                  tr("The image was downloaded to %1, but could not be renamed to %2.")
                                      .arg(partialPath(finalPath), finalPath));
                return;
            }
        }
        Q_EMIT statusMessage(job->isSplit()
                                 ? tr("Exported %1 to %2 and %3").arg(quoted(name), path, rootfsPath)
                                 : tr("Exported %1 to %2").arg(quoted(name), path));
    });
    return job;
}

void ImageActions::copySelected()
{
    if (m_targets.size() != 1 || !m_targets.first().remote)
        return;
    const Target target = m_targets.first();
    auto *dialog
        = new ImageCopyDialog(window(), m_registry, quoted(displayName(target)), target.remote->name());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, target] {
        Models::Remote *destination = m_registry ? m_registry->find(dialog->remoteName()) : nullptr;
        if (target.remote && destination)
            copyTo(target, destination, dialog->project(), dialog->copyAliases(),
                   dialog->throughThisComputer());
    });
    dialog->open();
}

Lxd::ImageCopyJob *ImageActions::copyTo(const Target &target, Models::Remote *destination,
                                        const QString &project, bool copyAliases, bool throughThisComputer)
{
    Lxd::ImageCopyJob::Options options;
    options.mode = throughThisComputer ? Lxd::ImageCopyJob::Mode::Relay : Lxd::ImageCopyJob::Mode::Pull;
    options.copyAliases = copyAliases;
    const QString name = displayName(target);
    const QString to = where(destination, project);
    const Lxd::ImageManager images(target.remote->client().useProject(target.project));
    Lxd::ImageCopyJob *job = images.copy(target.key, destination->client().useProject(project), options);
    if (tasks()) {
        tasks()->add(job, tr("Copying %1 to %2").arg(name, to), where(target.remote, target.project));
        connect(job, &Lxd::Job::progress, this, [this, job] {
            if (!job->progressText().isEmpty())
                tasks()->setDetail(job, job->progressText());
        });
    }
    follow(job, tr("Copying %1 to %2…").arg(quoted(name), to), tr("Copied %1 to %2").arg(quoted(name), to),
           tr("Could Not Copy"),
           tr("Could not copy %1 to %2: %3").arg(quoted(name), to, QStringLiteral("%1")));
    return job;
}

void ImageActions::addAliasToSelected()
{
    if (m_targets.size() != 1 || !m_targets.first().remote)
        return;
    const Target target = m_targets.first();
    TextPrompt::ask(window(), tr("Add Alias"),
                    tr("New alias for the image %1:").arg(quoted(displayName(target))), QString(), this,
                    [this, target](const QString &alias) { addAlias(target, alias); });
}

void ImageActions::addAlias(const Target &target, const QString &alias)
{
    if (!target.remote)
        return;
    const Lxd::ImageManager images(target.remote->client().useProject(target.project));
    follow(images.addAlias(alias, target.key), tr("Adding the alias %1…").arg(quoted(alias)),
           tr("Added the alias %1 to %2").arg(quoted(alias), target.key.left(12)), tr("Could Not Add Alias"),
           tr("Could not add the alias %1: %2").arg(quoted(alias), QStringLiteral("%1")));
}

void ImageActions::removeAlias(const Target &target, const QString &alias)
{
    if (!target.remote)
        return;
    const QStringList aliases = aliasesOf(target);
    const QString details = aliases.size() == 1
        ? tr("The image stays, known by its fingerprint %1 only.").arg(target.key.left(12))
        : tr("The image stays, and keeps its other aliases.");
    MessageBox::confirm(
        window(), tr("Remove Alias"),
        tr("Remove the alias %1 of the image %2?").arg(quoted(alias), target.key.left(12)), tr("Remove"),
        this,
        [this, target, alias] {
            if (!target.remote)
                return;
            const Lxd::ImageManager images(target.remote->client().useProject(target.project));
            follow(images.removeAlias(alias), tr("Removing the alias %1…").arg(quoted(alias)),
                   tr("Removed the alias %1").arg(quoted(alias)), tr("Could Not Remove Alias"),
                   tr("Could not remove the alias %1: %2").arg(quoted(alias), QStringLiteral("%1")));
        },
        true, details);
}

void ImageActions::patchFlag(const Target &target, const QString &field, bool value, const QString &doing,
                             const QString &done)
{
    if (!target.remote)
        return;
    const Lxd::ImageManager images(target.remote->client().useProject(target.project));
    follow(images.patch(target.key, {{field, value}}), doing, done, tr("Could Not Change the Image"),
           tr("Could not change the image %1: %2").arg(quoted(displayName(target)), QStringLiteral("%1")));
}

void ImageActions::setPublic(const Target &target, bool isPublic)
{
    const QString name = quoted(displayName(target));
    patchFlag(target, QStringLiteral("public"), isPublic,
              isPublic ? tr("Making %1 public…").arg(name) : tr("Making %1 private…").arg(name),
              isPublic ? tr("%1 is public").arg(name) : tr("%1 is private").arg(name));
}

void ImageActions::setAutoUpdate(const Target &target, bool autoUpdate)
{
    const QString name = quoted(displayName(target));
    patchFlag(target, QStringLiteral("auto_update"), autoUpdate,
              autoUpdate ? tr("Turning auto-update on for %1…").arg(name)
                         : tr("Turning auto-update off for %1…").arg(name),
              autoUpdate ? tr("%1 updates itself").arg(name) : tr("%1 no longer updates itself").arg(name));
}

void ImageActions::edit(const Target &target)
{
    // Read the image with its ETag first, so that saving cannot overwrite a change made meanwhile.
    const Lxd::ImageManager images(target.remote->client().useProject(target.project));
    Lxd::ObjectJob<Lxd::Image> *fetch = images.get(target.key);
    const QString name = displayName(target);
    connect(fetch, &Lxd::Job::finished, this, [this, fetch, target, name, images] {
        if (fetch->error()) {
            reportFailure(tr("Could Not Read the Image"),
                          tr("Could not read the image %1: %2")
                              .arg(quoted(name), InstanceActions::reason(fetch->error())),
                          fetch->error());
            return;
        }
        const Lxd::Image image = fetch->object();
        QMap<QString, QString> properties = image.properties();
        const QString description = properties.take(QStringLiteral("description"));
        QStringList lines;
        for (auto it = properties.cbegin(); it != properties.cend(); ++it)
            lines.append(it.key() + QLatin1Char('=') + it.value());
        auto *dialog = new CreateObjectDialog(
            window(), tr("Image Properties"),
            tr("The properties of the image %1 (%2).").arg(quoted(name), target.key.left(12)),
            {{QStringLiteral("description"), tr("&Description:"), description, {}, {}, {}, false}});
        dialog->setObjectName(QStringLiteral("imagePropertiesDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setAcceptText(tr("Save"));
        dialog->setOtherConfigText(lines.join(QLatin1Char('\n')));
        connect(dialog, &CreateObjectDialog::submitted, this, [this, dialog, image, name, images] {
            QMap<QString, QString> edited;
            QString error;
            dialog->otherConfig(&edited, &error);
            const QString newDescription = dialog->value(QStringLiteral("description"));
            if (!newDescription.isEmpty())
                edited.insert(QStringLiteral("description"), newDescription);
            Lxd::Image changed = image;
            changed.setProperties(edited);
            Lxd::ApiJob *save = images.save(changed);
            const QPointer<CreateObjectDialog> guard(dialog);
            connect(save, &Lxd::Job::finished, this, [this, save, guard, name] {
                if (!save->error()) {
                    Q_EMIT statusMessage(tr("Saved the properties of %1").arg(quoted(name)));
                    if (guard)
                        guard->done(QDialog::Accepted);
                    return;
                }
                const QString text = save->error().isConflict()
                    ? tr("The image %1 changed on the server since this window read it. Close it and edit "
                         "again to see the change; your text is still here to copy.")
                          .arg(quoted(name))
                    : tr("Could not save the properties of %1: %2")
                          .arg(quoted(name), InstanceActions::reason(save->error()));
                if (guard)
                    guard->showError(text);
                else
                    reportFailure(tr("Could Not Save"), text, save->error());
            });
        });
        dialog->open();
    });
}

bool ImageActions::canRename(const Target &target) const
{
    Q_UNUSED(target)
    return false;
}

Lxd::Job *ImageActions::startRemove(const Target &target)
{
    Lxd::Job *job = Lxd::ImageManager(target.remote->client().useProject(target.project)).remove(target.key);
    // LXD 5.0 sends no image-deleted event when the same image stays in another project: ask again, so
    // the row goes when the image has gone.
    const QPointer<Models::Remote> remote = target.remote;
    const QString project = target.project;
    const QString key = target.key;
    connect(job, &Lxd::Job::finished, this, [job, remote, project, key] {
        if (job->error() || !remote)
            return;
        const QList<Models::ResourceCache *> caches = remote->caches(Models::ResourceKind::images());
        for (Models::ResourceCache *images : caches)
            images->refresh(images->indexOf(project, key));
    });
    return job;
}

QString ImageActions::deleteDetails(const QList<Target> &targets) const
{
    QStringList aliases;
    for (const Target &target : targets)
        aliases += aliasesOf(target);
    QString details;
    if (!aliases.isEmpty())
        details
            = (aliases.size() == 1 ? tr("Its alias %1 goes with it.") : tr("The aliases %1 go with them."))
                  .arg(quotedList(aliases));
    return details + (details.isEmpty() ? QString() : QStringLiteral(" "))
        + tr("Instances made from it keep working.");
}
