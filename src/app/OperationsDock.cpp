#include "OperationsDock.h"

#include "DesktopNotifier.h"
#include "Icons.h"
#include "InstanceActions.h"
#include "MessageBox.h"
#include "ProgressBarDelegate.h"
#include "RowPaddingDelegate.h"
#include "lxd/OperationManager.h"
#include "models/OperationCache.h"
#include "models/OperationTableModel.h"
#include "models/Remote.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using Models::OperationTableModel;
using Models::ResourceTableModel;

namespace {

QTableView *makeView(QWidget *parent, const QString &objectName, const QString &accessibleName)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 12);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    return view;
}

bool isRunning(const QJsonObject &operation)
{
    return !operation.isEmpty() && !Models::OperationCache::isFinished(operation);
}

} // namespace

OperationsDock::OperationsDock(QWidget *window)
    : QDockWidget(tr("Operations"), window)
    , m_window(window)
    , m_tasks(new TaskListModel(this))
    , m_notifier(new DesktopNotifier(this))
{
    setObjectName(QStringLiteral("operationsDock"));
    setAccessibleName(tr("Operations"));
    m_windowActive = [this] {
        return m_window && m_window->isActiveWindow();
    };

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(6, 4, 6, 6);
    layout->setSpacing(4);

    m_cancel = new QAction(Icons::icon(Icons::Glyph::Stop), tr("&Cancel Operation"), this);
    m_cancel->setObjectName(QStringLiteral("cancelOperationAction"));
    m_cancel->setToolTip(tr("Stop the selected operation or transfer"));
    m_cancel->setStatusTip(m_cancel->toolTip());
    connect(m_cancel, &QAction::triggered, this, &OperationsDock::cancelSelected);
    m_clearFinished = new QAction(tr("C&lear Finished"), this);
    m_clearFinished->setObjectName(QStringLiteral("clearFinishedAction"));
    m_clearFinished->setToolTip(tr("Remove the transfers that ended from the list"));
    connect(m_clearFinished, &QAction::triggered, m_tasks, &TaskListModel::clearFinished);
    content->addAction(m_cancel);

    auto *header = new QHBoxLayout;
    m_whereLabel = new QLabel(content);
    m_whereLabel->setObjectName(QStringLiteral("operationsWhereLabel"));
    m_whereLabel->setForegroundRole(QPalette::PlaceholderText);
    header->addWidget(m_whereLabel, 1);
    for (QAction *action : {m_cancel, m_clearFinished}) {
        auto *button = new QToolButton(content);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAutoRaise(true);
        button->setAccessibleName(action->text().remove(QLatin1Char('&')));
        header->addWidget(button);
    }
    layout->addLayout(header);

    m_tasksLabel = new QLabel(tr("Transfers by Berth"), content);
    layout->addWidget(m_tasksLabel);
    m_taskView = makeView(content, QStringLiteral("taskTableView"), tr("Transfers by Berth"));
    m_taskView->setModel(m_tasks);
    m_taskView->setItemDelegateForColumn(TaskListModel::Progress,
                                         new ProgressBarDelegate(
                                             [](const QModelIndex &index) {
                                                 return ProgressBarDelegate::Progress {
                                                     index.data(TaskListModel::PercentRole).toInt(),
                                                     index.data().toString()};
                                             },
                                             m_taskView));
    m_taskView->horizontalHeader()->resizeSection(TaskListModel::What, 300);
    m_taskView->horizontalHeader()->resizeSection(TaskListModel::Progress, 260);
    m_taskView->addAction(m_cancel);
    m_taskView->addAction(m_clearFinished);
    layout->addWidget(m_taskView, 1);

    m_operationView = makeView(content, QStringLiteral("operationTableView"), tr("Operations on the server"));
    m_operationView->setItemDelegateForColumn(
        OperationTableModel::Status,
        new ProgressBarDelegate(
            [](const QModelIndex &index) {
                const QJsonObject operation = index.data(ResourceTableModel::ObjectRole).toJsonObject();
                const auto [percent, text] = operationProgress(operation);
                const QString status = index.data().toString();
                if (!isRunning(operation))
                    return ProgressBarDelegate::Progress {-1, status};
                return ProgressBarDelegate::Progress {
                    percent, text.isEmpty() ? status : status + QStringLiteral(" · ") + text};
            },
            m_operationView));
    m_operationView->addAction(m_cancel);
    layout->addWidget(m_operationView, 2);
    setWidget(content);

    const auto showTasks = [this] {
        const bool any = m_tasks->rowCount() > 0;
        m_tasksLabel->setVisible(any);
        m_taskView->setVisible(any);
        m_clearFinished->setEnabled(m_tasks->rowCount() > m_tasks->runningCount());
        updateActions();
    };
    connect(m_tasks, &QAbstractItemModel::rowsInserted, this, showTasks);
    connect(m_tasks, &QAbstractItemModel::rowsRemoved, this, showTasks);
    connect(m_tasks, &QAbstractItemModel::dataChanged, this, showTasks);
    connect(m_tasks, &TaskListModel::taskFinished, this, &OperationsDock::onTaskFinished);
    // A row is selected in one list at a time, so that Cancel means one thing.
    connect(m_taskView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (m_taskView->selectionModel()->hasSelection() && m_operationView->selectionModel())
            m_operationView->clearSelection();
        updateActions();
    });
    showTasks();
    setOperations(nullptr, QString());
}

OperationsDock::~OperationsDock()
{
    for (const QPointer<OperationTableModel> &model : std::as_const(m_models))
        delete model.data();
}

void OperationsDock::setOperations(Models::Remote *remote, const QString &project)
{
    if (remote == m_remote && project == m_project && (m_operationsModel || !remote))
        return;
    m_remote = remote;
    m_project = project;
    if (!remote || project.isEmpty()) {
        m_operationsModel = nullptr;
        m_operationView->setModel(nullptr);
        m_whereLabel->setText(tr("Choose a remote and a project to see its operations."));
        updateActions();
        return;
    }
    const QString key = remote->name() + QLatin1Char('\n') + project;
    OperationTableModel *model = m_models.value(key);
    if (!model) {
        Models::OperationCache *cache = remote->operations(project);
        // The model goes with its remote.
        model = new OperationTableModel(cache, remote);
        m_models.insert(key, model);
        watch(cache, remote);
    }
    m_operationsModel = model;
    m_operationView->setModel(model);
    QHeaderView *header = m_operationView->horizontalHeader();
    for (int column :
         {OperationTableModel::Class, OperationTableModel::Updated, OperationTableModel::Project})
        header->setSectionHidden(column, true);
    header->setSectionHidden(OperationTableModel::Location, !remote->isClustered());
    header->resizeSection(OperationTableModel::Description, 240);
    header->resizeSection(OperationTableModel::Status, 260);
    header->resizeSection(OperationTableModel::Created, 150);
    connect(m_operationView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (m_operationView->selectionModel()->hasSelection())
            m_taskView->clearSelection();
        updateActions();
    });
    connect(model, &QAbstractItemModel::dataChanged, this, &OperationsDock::updateActions);
    m_whereLabel->setText(tr("On %1 › %2").arg(remote->name(), project));
    updateActions();
}

Models::OperationTableModel *OperationsDock::operationsModel() const
{
    return m_operationsModel;
}

std::pair<int, QString> OperationsDock::operationProgress(const QJsonObject &operation)
{
    const QJsonObject metadata = operation.value(QLatin1String("metadata")).toObject();
    // LXD 5.x after 5.0: {"progress": {"percent": "45", "speed": "…", "stage": "…"}}.
    const QJsonObject structured = metadata.value(QLatin1String("progress")).toObject();
    if (!structured.isEmpty()) {
        bool ok = false;
        const int percent = structured.value(QLatin1String("percent")).toVariant().toString().toInt(&ok);
        const QString stage = structured.value(QLatin1String("stage")).toString();
        const QString speed = structured.value(QLatin1String("speed")).toString();
        QString text = stage;
        if (ok)
            text += (text.isEmpty() ? QString() : QStringLiteral(": ")) + QString::number(percent)
                + QLatin1Char('%');
        if (!speed.isEmpty())
            text += QStringLiteral(" (") + speed + QLatin1Char(')');
        return {ok ? qBound(0, percent, 100) : -1, text};
    }
    // LXD 5.0: "download_progress": "rootfs: 45% (10.3MB/s)", "fs_progress", "…_progress".
    static const QRegularExpression percentPattern(QStringLiteral("(\\d{1,3})%"));
    for (auto it = metadata.begin(); it != metadata.end(); ++it) {
        if (!it.key().endsWith(QLatin1String("_progress")) || !it.value().isString())
            continue;
        const QString text = it.value().toString();
        if (text.isEmpty())
            continue;
        const QRegularExpressionMatch match = percentPattern.match(text);
        return {match.hasMatch() ? qBound(0, match.captured(1).toInt(), 100) : -1, text};
    }
    return {-1, QString()};
}

void OperationsDock::updateActions()
{
    bool cancellable = false;
    const QModelIndexList tasks
        = m_taskView->selectionModel() ? m_taskView->selectionModel()->selectedRows() : QModelIndexList();
    if (!tasks.isEmpty()) {
        cancellable = tasks.first().data(TaskListModel::CancellableRole).toBool();
    } else if (m_operationView->selectionModel()) {
        const QModelIndexList operations = m_operationView->selectionModel()->selectedRows();
        if (!operations.isEmpty()) {
            const QJsonObject operation
                = operations.first().data(ResourceTableModel::ObjectRole).toJsonObject();
            cancellable = isRunning(operation) && operation.value(QLatin1String("may_cancel")).toBool();
        }
    }
    m_cancel->setEnabled(cancellable);
}

void OperationsDock::cancelSelected()
{
    const QModelIndexList tasks = m_taskView->selectionModel()->selectedRows();
    if (!tasks.isEmpty()) {
        m_tasks->cancel(tasks.first().row());
        return;
    }
    if (!m_operationView->selectionModel() || !m_remote)
        return;
    const QModelIndexList operations = m_operationView->selectionModel()->selectedRows();
    if (operations.isEmpty())
        return;
    const QModelIndex index = operations.first();
    const QJsonObject operation = index.data(ResourceTableModel::ObjectRole).toJsonObject();
    if (!isRunning(operation) || !operation.value(QLatin1String("may_cancel")).toBool())
        return;
    const QString id = index.data(ResourceTableModel::KeyRole).toString();
    const QString project = index.data(ResourceTableModel::ProjectRole).toString();
    const QString description = operation.value(QLatin1String("description")).toString();
    const Lxd::OperationManager manager(project.isEmpty() ? m_remote->client()
                                                          : m_remote->client().useProject(project));
    Lxd::ApiJob *job = manager.cancel(id);
    Q_EMIT statusMessage(tr("Cancelling “%1”…").arg(description));
    m_cancel->setEnabled(false);
    connect(job, &Lxd::Job::finished, this, [this, job, description] {
        if (job->error()) {
            const QString text
                = tr("Could not cancel “%1”: %2").arg(description, InstanceActions::reason(job->error()));
            Q_EMIT statusMessage(text);
            MessageBox::error(m_window, tr("Could Not Cancel"), text, job->error().detail());
        } else {
            Q_EMIT statusMessage(tr("Cancelled “%1”").arg(description));
        }
        updateActions();
    });
}

void OperationsDock::watch(Models::OperationCache *cache, Models::Remote *remote)
{
    const QString remoteName = remote->name();
    const auto look = [this, cache, remoteName](int row) {
        onOperationRow(cache, remoteName, row);
    };
    connect(cache, &Models::ResourceStore::rowInserted, this, look);
    connect(cache, &Models::ResourceStore::rowChanged, this, look);
    connect(cache, &QObject::destroyed, this, [this, cache] { m_lastStatus.remove(cache); });
    for (int row = 0; row < cache->count(); ++row)
        look(row);
}

void OperationsDock::onOperationRow(Models::OperationCache *cache, const QString &remote, int row)
{
    if (row < 0 || row >= cache->count())
        return;
    const Models::ResourceStore::Entry &entry = cache->at(row);
    const QString status = entry.object.value(QLatin1String("status")).toString();
    QString &last = m_lastStatus[cache][entry.key];
    const bool wasRunning
        = !last.isEmpty() && !Models::OperationCache::isFinished({{QStringLiteral("status"), last}});
    last = status;
    if (!wasRunning || !Models::OperationCache::isFinished(entry.object))
        return;
    // The daemon's own clock for both ends: the time the operation took, whatever the latency.
    const QDateTime created = QDateTime::fromString(
        entry.object.value(QLatin1String("created_at")).toString(), Qt::ISODateWithMs);
    QDateTime updated = QDateTime::fromString(entry.object.value(QLatin1String("updated_at")).toString(),
                                              Qt::ISODateWithMs);
    if (!created.isValid() || !updated.isValid())
        return;
    // LXD 5.0 leaves updated_at alone when an operation is cancelled: the end is now, then.
    if (updated <= created)
        updated = QDateTime::currentDateTimeUtc();
    const QString description = entry.object.value(QLatin1String("description")).toString();
    const QString error = entry.object.value(QLatin1String("err")).toString();
    const bool failed = status != QLatin1String("Success");
    const QString body = status == QLatin1String("Success")
        ? tr("%1 on %2 finished.").arg(description, remote)
        : status == QLatin1String("Cancelled") ? tr("%1 on %2 was cancelled.").arg(description, remote)
                                               : tr("%1 on %2 failed: %3").arg(description, remote, error);
    notifyIfAway(description, body, failed, created.msecsTo(updated));
}

void OperationsDock::onTaskFinished(const QString &title, TaskListModel::State state, qint64 durationMs,
                                    const QString &message)
{
    QString body;
    switch (state) {
    case TaskListModel::State::Succeeded:
        body = tr("%1: done.").arg(title);
        break;
    case TaskListModel::State::Cancelled:
        body = tr("%1: cancelled.").arg(title);
        break;
    case TaskListModel::State::Failed:
        body = tr("%1: failed: %2").arg(title, message);
        break;
    case TaskListModel::State::Running:
        return;
    }
    notifyIfAway(title, body, state == TaskListModel::State::Failed, durationMs);
}

void OperationsDock::notifyIfAway(const QString &title, const QString &body, bool failed, qint64 durationMs)
{
    if (durationMs < m_notifyThresholdMs || (m_windowActive && m_windowActive()))
        return;
    m_notifier->notify(failed ? tr("Berth: %1 failed").arg(title) : tr("Berth: %1").arg(title), body, failed);
}
