#pragma once

#include "TaskListModel.h"

#include <QDockWidget>
#include <QHash>
#include <QJsonObject>
#include <QPointer>

#include <functional>

class QAction;
class QLabel;
class QTableView;

class DesktopNotifier;

namespace Models {
class OperationCache;
class OperationTableModel;
class Remote;
} // namespace Models

// The operations dock: Berth's own long jobs (uploads, exports, copies; TaskListModel) above the
// background operations of the remote and project shown in the main window, each with its progress; the
// selected one can be cancelled. When an operation that ran longer than notifyThreshold() ends while
// Berth's window is not the active one, the desktop is told (DesktopNotifier).
class OperationsDock final : public QDockWidget
{
    Q_OBJECT

public:
    explicit OperationsDock(QWidget *window);
    ~OperationsDock() override;

    TaskListModel *tasks() const { return m_tasks; }
    // The operations listed: those of `project` on `remote` (null: none).
    void setOperations(Models::Remote *remote, const QString &project);
    Models::OperationTableModel *operationsModel() const;
    QTableView *taskView() const { return m_taskView; }
    QTableView *operationView() const { return m_operationView; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *clearFinishedAction() const { return m_clearFinished; }

    // Operations that ran at least this long are worth a notification when they end (5 s by default).
    void setNotifyThreshold(int ms) { m_notifyThresholdMs = ms; }
    int notifyThreshold() const { return m_notifyThresholdMs; }
    // Tests: whether the window counts as active (by default: QWidget::isActiveWindow()).
    void setWindowActiveCheck(std::function<bool()> check) { m_windowActive = std::move(check); }

    // Progress of a server operation from its metadata ("rootfs: 45% (10MB/s)" in a *_progress field,
    // or LXD's newer {"progress": {"percent": …}}): the percentage (-1 when none) and the text.
    static std::pair<int, QString> operationProgress(const QJsonObject &operation);

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void updateActions();
    void cancelSelected();
    void watch(Models::OperationCache *cache, Models::Remote *remote);
    void onOperationRow(Models::OperationCache *cache, const QString &remote, int row);
    void onTaskFinished(const QString &title, TaskListModel::State state, qint64 durationMs,
                        const QString &message);
    void notifyIfAway(const QString &title, const QString &body, bool failed, qint64 durationMs);

    QWidget *m_window;
    TaskListModel *m_tasks;
    DesktopNotifier *m_notifier;
    QLabel *m_whereLabel;
    QLabel *m_tasksLabel;
    QTableView *m_taskView;
    QTableView *m_operationView;
    QAction *m_cancel;
    QAction *m_clearFinished;
    QPointer<Models::Remote> m_remote;
    QString m_project;
    QPointer<Models::OperationTableModel> m_operationsModel;
    QHash<QString, QPointer<Models::OperationTableModel>> m_models; // per remote and project
    QHash<Models::OperationCache *, QHash<QString, QString>> m_lastStatus; // id -> status, per cache
    int m_notifyThresholdMs = 5000;
    std::function<bool()> m_windowActive;
};
