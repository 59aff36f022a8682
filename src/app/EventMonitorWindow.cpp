#include "EventMonitorWindow.h"

#include "EventRowDelegate.h"
#include "Icons.h"
#include "MessageBox.h"
#include "models/EventFilterProxyModel.h"
#include "models/EventLog.h"
#include "models/EventLogModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QColor>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include <algorithm>

using Models::EventFilterProxyModel;
using Models::EventLog;
using Models::EventLogModel;
using Models::EventRecord;

namespace {

constexpr int TextFilterDelayMs = 200;
constexpr int CounterDelayMs = 100;
constexpr int StatusMessageMs = 8000;

const QString CapacityKey = QStringLiteral("EventMonitor/capacity");
const QString GeometryKey = QStringLiteral("EventMonitor/geometry");
const QString HeaderKey = QStringLiteral("EventMonitor/header");
const QString SplitterKey = QStringLiteral("EventMonitor/splitter");

} // namespace

EventMonitorWindow::EventMonitorWindow(Models::EventLog *log, QWidget *parent)
    : QMainWindow(parent)
    , m_log(log)
    , m_model(new EventLogModel(log, this))
    , m_filter(new EventFilterProxyModel(this))
{
    setObjectName(QStringLiteral("eventMonitorWindow"));
    setWindowTitle(tr("Event Monitor — Berth"));
    setWindowIcon(Icons::glyph(Icons::Glyph::Logs));
    m_filter->setSourceModel(m_model);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("eventTableView"));
    m_table->setModel(m_filter);
    m_table->setItemDelegate(new EventRowDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    // Rows all have one height: the view never measures 100,000 of them.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionsMovable(true);
    const QList<QPair<int, int>> widths {{EventLogModel::Time, 100},   {EventLogModel::Remote, 80},
                                         {EventLogModel::Member, 70},  {EventLogModel::Project, 80},
                                         {EventLogModel::Type, 76},    {EventLogModel::Action, 130},
                                         {EventLogModel::Object, 200}, {EventLogModel::Requestor, 100}};
    for (const auto &[column, width] : widths)
        header->resizeSection(column, width);

    m_detail = new QPlainTextEdit(this);
    m_detail->setObjectName(QStringLiteral("eventDetailPlainTextEdit"));
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(tr("Select an event to see all of it."));
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("eventSplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);

    createActions();
    createToolBars();
    createStatusBar();

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventMonitorWindow::showCurrentDetail);
    connect(m_table, &QTableView::doubleClicked, this, &EventMonitorWindow::activateRow);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &EventMonitorWindow::onRowsInserted);
    // Staying put while the oldest rows leave: the rows on screen keep their place.
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this] { m_scrollBeforeRemoval = m_table->verticalScrollBar()->value(); });
    connect(
        m_filter, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &, int first, int last) {
            if (!m_follow->isChecked() && first == 0 && m_scrollBeforeRemoval >= 0)
                m_table->verticalScrollBar()->setValue(qMax(0, m_scrollBeforeRemoval - (last - first + 1)));
            m_scrollBeforeRemoval = -1;
            m_counterDelay->start();
        });
    connect(m_filter, &QAbstractItemModel::modelReset, this, [this] {
        showCurrentDetail();
        m_counterDelay->start();
    });
    // Scrolling away from the newest stops following; scrolling back to it follows again.
    connect(m_table->verticalScrollBar(), &QAbstractSlider::actionTriggered, this, [this] {
        QTimer::singleShot(0, this, [this] {
            const QScrollBar *bar = m_table->verticalScrollBar();
            setFollowing(bar->value() >= bar->maximum());
        });
    });

    connect(log, &EventLog::countersChanged, m_counterDelay, qOverload<>(&QTimer::start));
    connect(log, &EventLog::sourcesChanged, this, &EventMonitorWindow::rebuildStreamStatus);
    connect(log, &EventLog::sourcesChanged, this, &EventMonitorWindow::updateRemotes);
    connect(log, &EventLog::sourceStateChanged, this, &EventMonitorWindow::updateStreamStatus);
    connect(log, &EventLog::projectSeen, this, &EventMonitorWindow::updateProjects);

    updateRemotes();
    updateProjects();
    rebuildStreamStatus();
    restoreSettings();
    updateCounters();
    resize(1180, 720);
    if (QSettings().contains(GeometryKey))
        restoreGeometry(QSettings().value(GeometryKey).toByteArray());
}

EventMonitorWindow::~EventMonitorWindow() = default;

Models::EventLog *EventMonitorWindow::log() const
{
    return m_log;
}

void EventMonitorWindow::createActions()
{
    m_pause = new QAction(Icons::icon(Icons::Glyph::Freeze), tr("&Pause"), this);
    m_pause->setObjectName(QStringLiteral("pauseEventsAction"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(Qt::Key_Space);
    m_pause->setShortcutContext(Qt::WindowShortcut);
    m_pause->setToolTip(tr("Hold new events (they are still received and counted) — Space"));
    connect(m_pause, &QAction::toggled, this, [this](bool paused) {
        m_pause->setText(paused ? tr("&Resume") : tr("&Pause"));
        m_pause->setIcon(Icons::icon(paused ? Icons::Glyph::Unfreeze : Icons::Glyph::Freeze));
        if (m_log)
            m_log->setPaused(paused);
        updateCounters();
    });

    m_follow = new QAction(Icons::icon(Icons::Glyph::Logs), tr("&Follow Newest"), this);
    m_follow->setObjectName(QStringLiteral("followEventsAction"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the newest event in view; off: stay where you are"));
    connect(m_follow, &QAction::toggled, this, [this](bool following) {
        if (following)
            m_table->scrollToBottom();
    });

    m_clear = new QAction(Icons::icon(Icons::Glyph::Delete), tr("C&lear"), this);
    m_clear->setObjectName(QStringLiteral("clearEventsAction"));
    m_clear->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_clear->setToolTip(tr("Forget every event shown so far — Ctrl+L"));
    connect(m_clear, &QAction::triggered, this, [this] {
        if (m_log)
            m_log->clear();
    });

    m_copy = new QAction(tr("&Copy"), this);
    m_copy->setObjectName(QStringLiteral("copyEventsAction"));
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copy->setToolTip(tr("Copy the selected events as JSON Lines"));
    m_table->addAction(m_copy);
    connect(m_copy, &QAction::triggered, this, &EventMonitorWindow::copySelection);

    m_exportAll = new QAction(Icons::icon(Icons::Glyph::Files), tr("&Export All…"), this);
    m_exportAll->setObjectName(QStringLiteral("exportAllEventsAction"));
    m_exportAll->setShortcut(QKeySequence::Save);
    m_exportAll->setToolTip(tr("Save every event kept as JSON Lines — Ctrl+S"));
    connect(m_exportAll, &QAction::triggered, this, [this] { askExport(false); });

    m_exportSelection = new QAction(tr("Export &Selection…"), this);
    m_exportSelection->setObjectName(QStringLiteral("exportSelectedEventsAction"));
    m_exportSelection->setToolTip(tr("Save the selected events as JSON Lines"));
    connect(m_exportSelection, &QAction::triggered, this, [this] { askExport(true); });

    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions({m_copy, m_exportSelection});
}

void EventMonitorWindow::createToolBars()
{
    QToolBar *actions = addToolBar(tr("Events"));
    actions->setObjectName(QStringLiteral("eventActionsToolBar"));
    actions->setMovable(false);
    actions->setIconSize(QSize(18, 18));
    actions->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    actions->addAction(m_pause);
    actions->addAction(m_follow);
    actions->addAction(m_clear);
    actions->addSeparator();
    actions->addAction(m_copy);
    actions->addAction(m_exportAll);
    actions->addAction(m_exportSelection);

    addToolBarBreak();
    QToolBar *filters = addToolBar(tr("Filters"));
    filters->setObjectName(QStringLiteral("eventFiltersToolBar"));
    filters->setMovable(false);

    auto *types = new QWidget(filters);
    auto *typesLayout = new QHBoxLayout(types);
    typesLayout->setContentsMargins(4, 0, 8, 0);
    typesLayout->setSpacing(2);
    const QList<QPair<QString, QString>> typeNames {{QStringLiteral("lifecycle"), tr("Lifecycle")},
                                                    {QStringLiteral("operation"), tr("Operations")},
                                                    {QStringLiteral("logging"), tr("Logging")}};
    for (const auto &[type, label] : typeNames) {
        auto *button = new QToolButton(types);
        button->setObjectName(type + QStringLiteral("TypeToolButton"));
        button->setText(label);
        button->setCheckable(true);
        button->setChecked(true);
        button->setAutoRaise(true);
        button->setToolTip(tr("Show %1 events").arg(type));
        connect(button, &QToolButton::toggled, this, &EventMonitorWindow::applyTypes);
        typesLayout->addWidget(button);
        m_typeButtons.insert(type, button);
    }
    filters->addWidget(types);

    filters->addWidget(new QLabel(tr("Level:"), filters));
    m_level = new QComboBox(filters);
    m_level->setObjectName(QStringLiteral("levelComboBox"));
    m_level->addItem(tr("Debug and up"), int(EventRecord::Severity::Debug));
    m_level->addItem(tr("Info and up"), int(EventRecord::Severity::Info));
    m_level->addItem(tr("Warnings and errors"), int(EventRecord::Severity::Warning));
    m_level->addItem(tr("Errors only"), int(EventRecord::Severity::Error));
    m_level->setToolTip(tr("The least severe log line shown (other events have no level)"));
    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setMinimumLevel(EventRecord::Severity(m_level->currentData().toInt()));
        m_counterDelay->start();
    });
    filters->addWidget(m_level);

    filters->addWidget(new QLabel(tr("  Remote:"), filters));
    m_remote = new QComboBox(filters);
    m_remote->setObjectName(QStringLiteral("remoteComboBox"));
    m_remote->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_remote, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setRemote(m_remote->currentData().toString());
        m_counterDelay->start();
    });
    filters->addWidget(m_remote);

    filters->addWidget(new QLabel(tr("  Project:"), filters));
    m_project = new QComboBox(filters);
    m_project->setObjectName(QStringLiteral("projectComboBox"));
    m_project->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_project, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setProject(m_project->currentData().toString());
        m_counterDelay->start();
    });
    filters->addWidget(m_project);

    auto *spacer = new QWidget(filters);
    spacer->setFixedWidth(12);
    filters->addWidget(spacer);
    m_search = new QLineEdit(filters);
    m_search->setObjectName(QStringLiteral("searchLineEdit"));
    m_search->setPlaceholderText(tr("Filter: text in any column"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    m_search->addAction(Icons::icon(Icons::Glyph::Search), QLineEdit::LeadingPosition);
    m_regularExpression = new QAction(tr(".*"), this);
    m_regularExpression->setObjectName(QStringLiteral("regularExpressionAction"));
    m_regularExpression->setCheckable(true);
    m_regularExpression->setToolTip(tr("Read the filter as a regular expression"));
    filters->addWidget(m_search);
    auto *regexButton = new QToolButton(filters);
    regexButton->setDefaultAction(m_regularExpression);
    regexButton->setAutoRaise(true);
    filters->addWidget(regexButton);

    m_textDelay = new QTimer(this);
    m_textDelay->setSingleShot(true);
    m_textDelay->setInterval(TextFilterDelayMs);
    connect(m_textDelay, &QTimer::timeout, this, &EventMonitorWindow::applyText);
    connect(m_search, &QLineEdit::textChanged, m_textDelay, qOverload<>(&QTimer::start));
    connect(m_regularExpression, &QAction::toggled, this, &EventMonitorWindow::applyText);
}

void EventMonitorWindow::createStatusBar()
{
    m_counters = new QLabel(statusBar());
    m_counters->setObjectName(QStringLiteral("eventCountersLabel"));
    statusBar()->addWidget(m_counters, 1);

    auto *keep = new QLabel(tr("Keep:"), statusBar());
    m_capacity = new QSpinBox(statusBar());
    m_capacity->setObjectName(QStringLiteral("capacitySpinBox"));
    m_capacity->setRange(EventLog::MinimumCapacity, 10000000);
    m_capacity->setSingleStep(10000);
    m_capacity->setGroupSeparatorShown(true);
    m_capacity->setSuffix(tr(" events"));
    m_capacity->setToolTip(tr("How many events are kept; the oldest go first"));
    m_capacity->setValue(m_log ? m_log->capacity() : EventLog::DefaultCapacity);
    connect(m_capacity, &QSpinBox::editingFinished, this, [this] {
        if (!m_log || m_capacity->value() == m_log->capacity())
            return;
        m_log->setCapacity(m_capacity->value());
        QSettings().setValue(CapacityKey, m_log->capacity());
    });
    statusBar()->addPermanentWidget(keep);
    statusBar()->addPermanentWidget(m_capacity);

    m_counterDelay = new QTimer(this);
    m_counterDelay->setSingleShot(true);
    m_counterDelay->setInterval(CounterDelayMs);
    connect(m_counterDelay, &QTimer::timeout, this, &EventMonitorWindow::updateCounters);
}

void EventMonitorWindow::applyTypes()
{
    QStringList types;
    for (auto it = m_typeButtons.cbegin(); it != m_typeButtons.cend(); ++it) {
        if (it.value()->isChecked())
            types.append(it.key());
    }
    // All three: also whatever type a newer daemon adds.
    if (types.size() == m_typeButtons.size())
        types.clear();
    else if (types.isEmpty())
        types = {QStringLiteral("none")};
    types.sort();
    m_filter->setTypes(types);
    m_counterDelay->start();
}

void EventMonitorWindow::applyText()
{
    m_textDelay->stop();
    const bool regularExpression = m_regularExpression->isChecked();
    m_search->setPlaceholderText(regularExpression ? tr("Filter: regular expression on any column")
                                                   : tr("Filter: text in any column"));
    QString error;
    if (m_filter->setText(m_search->text(), regularExpression, &error)) {
        // The complaint about the previous pattern no longer holds, and it hides the counters.
        if (!m_search->toolTip().isEmpty() && statusBar()->currentMessage() == m_search->toolTip())
            statusBar()->clearMessage();
        m_search->setStyleSheet({});
        m_search->setToolTip({});
    } else {
        // The previous filter stays until this one can be read.
        m_search->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid #d32f2f; }"));
        m_search->setToolTip(error);
        statusBar()->showMessage(error, StatusMessageMs);
    }
    m_counterDelay->start();
}

void EventMonitorWindow::updateRemotes()
{
    const QString current = m_remote->currentData().toString();
    const QSignalBlocker blocker(m_remote);
    m_remote->clear();
    m_remote->addItem(tr("All remotes"), QString());
    if (m_log) {
        for (const QString &remote : m_log->sources())
            m_remote->addItem(remote, remote);
    }
    const int index = m_remote->findData(current);
    m_remote->setCurrentIndex(qMax(0, index));
    if (index < 0)
        m_filter->setRemote({});
}

void EventMonitorWindow::updateProjects()
{
    const QString current = m_project->currentData().toString();
    const QSignalBlocker blocker(m_project);
    m_project->clear();
    m_project->addItem(tr("All projects"), QString());
    if (m_log) {
        for (const QString &project : m_log->projects())
            m_project->addItem(project, project);
    }
    m_project->setCurrentIndex(qMax(0, m_project->findData(current)));
}

void EventMonitorWindow::rebuildStreamStatus()
{
    for (QLabel *label : std::as_const(m_streamLabels)) {
        statusBar()->removeWidget(label);
        label->deleteLater();
    }
    m_streamLabels.clear();
    if (!m_log)
        return;
    int position = 1; // after the counters
    for (const QString &remote : m_log->sources()) {
        auto *label = new QLabel(statusBar());
        label->setObjectName(QStringLiteral("streamStatus_") + remote);
        label->setTextFormat(Qt::RichText);
        statusBar()->insertPermanentWidget(position++, label);
        m_streamLabels.insert(remote, label);
        updateStreamStatus(remote);
    }
}

QString EventMonitorWindow::streamStatusText(const QString &remote) const
{
    return m_log ? tr("%1: %2").arg(remote, m_log->sourceStatusText(remote)) : QString();
}

void EventMonitorWindow::updateStreamStatus(const QString &remote)
{
    QLabel *label = m_streamLabels.value(remote);
    if (!label || !m_log)
        return;
    const Lxd::EventStream::State state = m_log->sourceStatus(remote).state;
    const QString dot = state == Lxd::EventStream::State::Connected ? QStringLiteral("Online")
        : state == Lxd::EventStream::State::Reconnecting            ? QStringLiteral("Error")
                                                                    : QStringLiteral("Pending");
    const QString full = streamStatusText(remote);
    const QString shown = label->fontMetrics().elidedText(full, Qt::ElideRight, 360);
    label->setText(QStringLiteral("<span style=\"color:%1\">●</span> %2")
                       .arg(Icons::statusColor(dot).name(), shown.toHtmlEscaped()));
    label->setToolTip(full);
    label->setAccessibleName(full);
}

QString EventMonitorWindow::countersText() const
{
    if (!m_log)
        return {};
    const QLocale locale;
    QString text = tr("%1 received · %2 kept · %3 shown")
                       .arg(locale.toString(m_log->receivedCount()), locale.toString(m_log->size()),
                            locale.toString(m_filter->rowCount()));
    if (m_log->droppedCount() > 0)
        text += tr(" · %1 oldest dropped").arg(locale.toString(m_log->droppedCount()));
    if (m_log->isPaused())
        text += tr(" · paused, %1 new waiting").arg(locale.toString(m_log->pendingCount()));
    if (m_log->malformedCount() > 0)
        text += tr(" · %1 messages were not events (%2)")
                    .arg(locale.toString(m_log->malformedCount()))
                    .arg(m_log->lastMalformedReason());
    return text;
}

void EventMonitorWindow::updateCounters()
{
    m_counters->setText(countersText());
}

void EventMonitorWindow::showCurrentDetail()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    m_detail->setPlainText(current.data(EventLogModel::PrettyJsonRole).toString());
}

void EventMonitorWindow::activateRow(const QModelIndex &index)
{
    const QString collection = index.data(EventLogModel::TargetCollectionRole).toString();
    const QString key = index.data(EventLogModel::TargetKeyRole).toString();
    if (collection.isEmpty() || key.isEmpty()) {
        statusBar()->showMessage(tr("This event names nothing the main window shows."), StatusMessageMs);
        return;
    }
    QString project = index.data(EventLogModel::ProjectRole).toString();
    if (project.isEmpty())
        project = QStringLiteral("default");
    Q_EMIT objectActivated(index.data(EventLogModel::RemoteRole).toString(), project, collection, key);
}

void EventMonitorWindow::setFollowing(bool following)
{
    if (m_follow->isChecked() != following)
        m_follow->setChecked(following);
}

void EventMonitorWindow::onRowsInserted()
{
    if (m_follow->isChecked())
        m_table->scrollToBottom();
    m_counterDelay->start();
}

QList<int> EventMonitorWindow::selectedLogRows() const
{
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    rows.reserve(selected.size());
    for (const QModelIndex &index : selected)
        rows.append(m_filter->mapToSource(index).row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

QByteArray EventMonitorWindow::selectedJsonLines() const
{
    QByteArray lines;
    if (!m_log)
        return lines;
    for (const int row : selectedLogRows()) {
        const EventRecord &record = m_log->at(row);
        if (record.isEvent())
            lines += record.json + '\n';
    }
    return lines;
}

void EventMonitorWindow::copySelection()
{
    const QByteArray lines = selectedJsonLines();
    if (lines.isEmpty()) {
        statusBar()->showMessage(tr("Select one or more events to copy."), StatusMessageMs);
        return;
    }
    QApplication::clipboard()->setText(QString::fromUtf8(lines));
    statusBar()->showMessage(tr("Copied %n event(s) as JSON Lines.", nullptr, int(lines.count('\n'))),
                             StatusMessageMs);
}

qint64 EventMonitorWindow::exportJsonLines(const QString &path, bool selectionOnly, QString *error) const
{
    if (!m_log)
        return -1;
    const QList<int> rows = selectionOnly ? selectedLogRows() : QList<int>();
    if (selectionOnly && rows.isEmpty()) {
        if (error)
            *error = tr("No event is selected.");
        return -1;
    }
    // Written aside and moved into place: a failed export never leaves half a file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return -1;
    }
    const qint64 written = m_log->writeJsonLines(&file, rows, error);
    if (written < 0) {
        file.cancelWriting();
        return -1;
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return -1;
    }
    return written;
}

void EventMonitorWindow::askExport(bool selectionOnly)
{
    if (selectionOnly && selectedLogRows().isEmpty()) {
        statusBar()->showMessage(tr("Select one or more events to export."), StatusMessageMs);
        return;
    }
    // open(), not exec(): no nested event loop while events keep coming.
    auto *dialog = new QFileDialog(this, selectionOnly ? tr("Export Selected Events") : tr("Export Events"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({tr("JSON Lines (*.jsonl)"), tr("All files (*)")});
    dialog->setDefaultSuffix(QStringLiteral("jsonl"));
    dialog->selectFile(QStringLiteral("lxd-events.jsonl"));
    connect(dialog, &QFileDialog::fileSelected, this, [this, selectionOnly](const QString &path) {
        QString error;
        const qint64 written = exportJsonLines(path, selectionOnly, &error);
        if (written < 0) {
            MessageBox::error(this, tr("Export Events"), tr("The events could not be saved to %1.").arg(path),
                              error);
            return;
        }
        statusBar()->showMessage(tr("Saved %1 events to %2.").arg(QLocale().toString(written), path),
                                 StatusMessageMs);
    });
    dialog->open();
}

void EventMonitorWindow::restoreSettings()
{
    const QSettings settings;
    if (m_log && settings.contains(CapacityKey)) {
        m_log->setCapacity(settings.value(CapacityKey).toInt());
        m_capacity->setValue(m_log->capacity());
    }
    m_table->horizontalHeader()->restoreState(settings.value(HeaderKey).toByteArray());
    if (auto *splitter = qobject_cast<QSplitter *>(centralWidget()))
        splitter->restoreState(settings.value(SplitterKey).toByteArray());
}

void EventMonitorWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(HeaderKey, m_table->horizontalHeader()->saveState());
    if (auto *splitter = qobject_cast<QSplitter *>(centralWidget()))
        settings.setValue(SplitterKey, splitter->saveState());
}

void EventMonitorWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    // The log keeps listening: reopening the window shows what happened meanwhile.
    QMainWindow::closeEvent(event);
}
