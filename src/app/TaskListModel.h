#pragma once

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QPointer>

namespace Lxd {
class Job;
}

// Berth's own long jobs, the ones that are more than one operation on a server: an upload, an export to a
// file, a copy between remotes. A row per job: what, where, progress, how it ended. Rows stay after the
// job ends (so the user sees how it went) until clearFinished(). The model holds no job alive: jobs
// delete themselves, and the row keeps what it read from them.
class TaskListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { What, Progress, Where, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        // int: 0–100, or -1 when the job does not say how far it is.
        PercentRole = Qt::UserRole + 200,
        CancellableRole, // bool: the job runs and can be stopped
        FinishedRole, // bool
    };
    enum class State { Running, Succeeded, Failed, Cancelled };
    Q_ENUM(State)

    explicit TaskListModel(QObject *parent = nullptr);
    ~TaskListModel() override;

    // Follows `job` (which must not have finished) until it ends. `where` names the remote (and project).
    void add(Lxd::Job *job, const QString &title, const QString &where);
    // Progress in words from the job's owner ("Uploading", "rootfs: 45% (10MB/s)"), shown beside the bar.
    void setDetail(Lxd::Job *job, const QString &detail);
    // Stops the job of `row`; it ends as Cancelled.
    void cancel(int row);
    void clearFinished();
    int runningCount() const;
    State state(int row) const { return m_tasks.at(row).state; }
    QString title(int row) const { return m_tasks.at(row).title; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // A job ended; `message` is the error's words when it failed.
    void taskFinished(const QString &title, TaskListModel::State state, qint64 durationMs,
                      const QString &message);

private:
    struct Task
    {
        QPointer<Lxd::Job> job;
        QString title;
        QString where;
        QString detail;
        qint64 done = 0;
        qint64 total = -1;
        State state = State::Running;
        QString error;
        QElapsedTimer timer;
        qint64 durationMs = 0;
    };

    int rowOf(const Lxd::Job *job) const;
    void onProgress(Lxd::Job *job, qint64 done, qint64 total);
    void onFinished(Lxd::Job *job);
    QString progressText(const Task &task) const;

    QList<Task> m_tasks;
};
