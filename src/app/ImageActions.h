#pragma once

#include "ResourceActions.h"

#include <QPointer>

class QMenu;

namespace Lxd {
class ImageCopyJob;
class ImageCreateJob;
class ImageExportJob;
} // namespace Lxd

namespace Models {
class RemoteRegistry;
}

// Images: import from a file (a unified tarball or a split image) with progress, export to a file (under a
// temporary name, renamed when complete), copy to another remote or project, aliases added and removed,
// public and auto-update switched, properties edited, deleted. Imports, exports and copies are listed
// with their progress in the operations dock and can be cancelled there.
class ImageActions final : public ResourceActions
{
    Q_OBJECT

public:
    ImageActions(QWidget *window, TaskListModel *tasks, Models::RemoteRegistry *registry);

    QAction *importAction() const { return newAction(); }
    QAction *exportAction() const { return m_export; }
    QAction *copyAction() const { return m_copy; }
    QAction *addAliasAction() const { return m_addAlias; }
    QAction *removeAliasAction() const { return m_removeAlias; }
    QAction *publicAction() const { return m_public; }
    QAction *autoUpdateAction() const { return m_autoUpdate; }
    QList<QAction *> actions() const override;

    QString noun(int count = 1) const override;
    // The first alias, else the short fingerprint.
    QString displayName(const Target &target) const override;

    // The work behind the actions (the detail pane and tests use them too). Each is followed in the status
    // bar; the long ones are added to the task list.
    Lxd::ImageCreateJob *importFiles(Models::Remote *remote, const QString &project, const QString &imagePath,
                                     const QString &rootfsPath, const QStringList &aliases, bool isPublic);
    // Writes `path` (and `path`.rootfs for a split image) through "….part" files renamed at the end.
    Lxd::ImageExportJob *exportTo(const Target &target, const QString &path);
    Lxd::ImageCopyJob *copyTo(const Target &target, Models::Remote *destination, const QString &project,
                              bool copyAliases, bool throughThisComputer);
    void addAlias(const Target &target, const QString &alias);
    // Asks first.
    void removeAlias(const Target &target, const QString &alias);
    void setPublic(const Target &target, bool isPublic);
    void setAutoUpdate(const Target &target, bool autoUpdate);

    // The temporary name an export is written to.
    static QString partialPath(const QString &path);

protected:
    void createNew() override;
    void edit(const Target &target) override;
    bool canRename(const Target &target) const override;
    Lxd::Job *startRemove(const Target &target) override;
    QString deleteDetails(const QList<Target> &targets) const override;
    void updateActions() override;

private:
    void exportSelected();
    void copySelected();
    void addAliasToSelected();
    void patchFlag(const Target &target, const QString &field, bool value, const QString &doing,
                   const QString &done);
    static QStringList aliasesOf(const Target &target);
    QString where(const Models::Remote *remote, const QString &project) const;

    QPointer<Models::RemoteRegistry> m_registry;
    QAction *m_export;
    QAction *m_copy;
    QAction *m_addAlias;
    QAction *m_removeAlias;
    QMenu *m_removeAliasMenu;
    QAction *m_public;
    QAction *m_autoUpdate;
};
