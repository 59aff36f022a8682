#pragma once

#include "InstanceActions.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QMimeData;
class QTreeView;

class TaskListModel;

namespace Lxd {
class Job;
}

namespace Models {
class RemoteRegistry;
}

// What moves instances, or something made of them, elsewhere: copy and move (to another project of the
// same server, or to another remote, by a dialog or by dragging rows onto a remote or project in the
// tree), publish as an image, export a backup to a file. Each works on a multi-selection; the long ones
// are listed with their progress in the operations dock.
class InstanceTransferActions final : public QObject
{
    Q_OBJECT

public:
    using Target = InstanceActions::Target;

    InstanceTransferActions(QWidget *window, Models::RemoteRegistry *registry, TaskListModel *tasks);

    void setTargets(const QList<Target> &targets);
    QList<Target> targets() const { return m_targets; }
    QAction *copyAction() const { return m_copy; }
    QAction *moveAction() const { return m_move; }
    QAction *publishAction() const { return m_publish; }
    QAction *exportBackupAction() const { return m_exportBackup; }
    QList<QAction *> actions() const { return {m_copy, m_move, m_publish, m_exportBackup}; }
    void addToMenu(QMenu *menu) const;
    void setVisible(bool visible);

    // The work behind the actions. `newName` applies to a single instance (empty: the same name).
    void transfer(const QList<Target> &targets, Models::Remote *destination, const QString &project,
                  const QString &newName, bool move, bool instanceOnly);
    void publish(const QList<Target> &targets, const QString &alias, bool isPublic);
    // One instance to `path`; several into `folder`, one "<name>.tar.gz" each.
    Lxd::Job *exportBackup(const Target &target, const QString &path);

    // Dragging instance rows: what the drag carries, and the tree that takes the drops.
    static QString mimeType();
    static QMimeData *mimeDataFor(const QList<Target> &targets);
    void acceptDropsOn(QTreeView *tree);
    // Opens the transfer dialog for `targets`, with the destination already chosen (a drop).
    void openTransferDialog(const QList<Target> &targets, const QString &remote, const QString &project,
                            bool move);

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void updateActions();
    void publishSelected();
    void exportSelected();
    void transferOne(const Target &target, Models::Remote *destination, const QString &project,
                     const QString &newName, bool move, bool instanceOnly);
    void follow(Lxd::Job *job, const QString &taskTitle, const QString &where, const QString &doing,
                const QString &done, const QString &failedTitle, const QString &failedText);
    QList<Target> targetsFromMime(const QMimeData *mime) const;

    QWidget *m_window;
    QPointer<Models::RemoteRegistry> m_registry;
    TaskListModel *m_tasks;
    QPointer<QTreeView> m_dropTree;
    QList<Target> m_targets;
    QAction *m_copy;
    QAction *m_move;
    QAction *m_publish;
    QAction *m_exportBackup;
};
