#pragma once

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QSortFilterProxyModel;
class QToolBar;
class QTreeView;

namespace Models {
class Remote;
class SnapshotTableModel;
} // namespace Models

// The Snapshots tab: an instance's snapshots, live from the daemon's events, with create, restore and
// delete. Creating uses the window's "Create Snapshot" action so menu, toolbar and tab agree.
class InstanceSnapshotsPage final : public QWidget
{
    Q_OBJECT

public:
    explicit InstanceSnapshotsPage(QAction *createAction, QWidget *parent = nullptr);
    ~InstanceSnapshotsPage() override;

    void setInstance(Models::Remote *remote, const QString &project, const QString &name);
    void clear();

    QTreeView *view() const { return m_view; }
    QAction *restoreAction() const { return m_restore; }
    QAction *deleteAction() const { return m_delete; }
    // Selects the snapshot called `name`; false when it is not listed (yet).
    bool selectSnapshot(const QString &name);
    QString selectedSnapshot() const;

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void updateActions();
    void restoreSelected();
    void deleteSelected();
    void updateEmptyState();

    QPointer<Models::Remote> m_remote;
    QString m_project;
    QString m_name;
    QPointer<Models::SnapshotTableModel> m_model;
    QSortFilterProxyModel *m_sorted;
    QToolBar *m_toolBar;
    QTreeView *m_view;
    QLabel *m_emptyLabel;
    QAction *m_restore;
    QAction *m_delete;
};
