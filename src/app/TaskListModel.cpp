#include "TaskListModel.h"

#include "lxd/Job.h"

#include <QLocale>

#include <algorithm>

TaskListModel::TaskListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

TaskListModel::~TaskListModel() = default;

void TaskListModel::add(Lxd::Job *job, const QString &title, const QString &where)
{
    if (!job || job->isFinished())
        return;
    Task task;
    task.job = job;
    task.title = title;
    task.where = where;
    task.timer.start();
    // Newest first: what the user just started is at the top.
    beginInsertRows({}, 0, 0);
    m_tasks.prepend(task);
    endInsertRows();
    connect(job, &Lxd::Job::progress, this,
            [this, job](qint64 done, qint64 total) { onProgress(job, done, total); });
    connect(job, &Lxd::Job::finished, this, &TaskListModel::onFinished);
}

void TaskListModel::setDetail(Lxd::Job *job, const QString &detail)
{
    const int row = rowOf(job);
    if (row < 0 || m_tasks[row].detail == detail)
        return;
    m_tasks[row].detail = detail;
    Q_EMIT dataChanged(index(row, Progress), index(row, Progress));
}

void TaskListModel::cancel(int row)
{
    if (row < 0 || row >= m_tasks.size() || m_tasks.at(row).state != State::Running)
        return;
    if (Lxd::Job *job = m_tasks.at(row).job)
        job->cancel(); // finishes Cancelled, from the event loop: onFinished() updates the row
}

void TaskListModel::clearFinished()
{
    for (int row = int(m_tasks.size()) - 1; row >= 0; --row) {
        if (m_tasks.at(row).state == State::Running)
            continue;
        beginRemoveRows({}, row, row);
        m_tasks.removeAt(row);
        endRemoveRows();
    }
}

int TaskListModel::runningCount() const
{
    return int(std::count_if(m_tasks.cbegin(), m_tasks.cend(),
                             [](const Task &task) { return task.state == State::Running; }));
}

int TaskListModel::rowOf(const Lxd::Job *job) const
{
    for (int row = 0; row < m_tasks.size(); ++row) {
        if (m_tasks.at(row).job == job && m_tasks.at(row).state == State::Running)
            return row;
    }
    return -1;
}

void TaskListModel::onProgress(Lxd::Job *job, qint64 done, qint64 total)
{
    const int row = rowOf(job);
    if (row < 0)
        return;
    m_tasks[row].done = done;
    m_tasks[row].total = total;
    Q_EMIT dataChanged(index(row, Progress), index(row, Progress));
}

void TaskListModel::onFinished(Lxd::Job *job)
{
    const int row = rowOf(job);
    if (row < 0)
        return;
    Task &task = m_tasks[row];
    const Lxd::Error error = job->error();
    task.state = !error ? State::Succeeded : error.isCancelled() ? State::Cancelled : State::Failed;
    if (error && !error.isCancelled())
        task.error = error.serverMessage().isEmpty() ? error.userMessage() : error.serverMessage();
    task.durationMs = task.timer.elapsed();
    task.job = nullptr;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    Q_EMIT taskFinished(task.title, task.state, task.durationMs, task.error);
}

QString TaskListModel::progressText(const Task &task) const
{
    switch (task.state) {
    case State::Succeeded:
        return tr("Done in %1 s").arg(QLocale().toString(double(task.durationMs) / 1000.0, 'f', 1));
    case State::Cancelled:
        return tr("Cancelled");
    case State::Failed:
        return tr("Failed: %1").arg(task.error);
    case State::Running:
        break;
    }
    if (!task.detail.isEmpty())
        return task.detail;
    if (task.total == 100)
        return tr("%1%").arg(task.done);
    if (task.total > 0)
        return tr("%1 of %2")
            .arg(QLocale().formattedDataSize(task.done), QLocale().formattedDataSize(task.total));
    if (task.done > 0)
        return QLocale().formattedDataSize(task.done);
    return tr("Starting…");
}

int TaskListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tasks.size());
}

int TaskListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_tasks.size())
        return {};
    const Task &task = m_tasks.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case What:
            return task.title;
        case Progress:
            return progressText(task);
        case Where:
            return task.where;
        }
        return {};
    case PercentRole:
        if (task.state == State::Succeeded)
            return 100;
        if (task.state != State::Running || task.total <= 0)
            return -1;
        return int(qBound(qint64(0), task.done * 100 / task.total, qint64(100)));
    case CancellableRole:
        return task.state == State::Running && task.job;
    case FinishedRole:
        return task.state != State::Running;
    }
    return {};
}

QVariant TaskListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case What:
        return tr("Task");
    case Progress:
        return tr("Progress");
    case Where:
        return tr("Remote");
    }
    return {};
}
