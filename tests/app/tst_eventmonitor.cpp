#include "EventLoopProbe.h"
#include "EventMonitorWindow.h"
#include "LxcCommand.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "ResourceListWidget.h"
#include "ScriptedEventServer.h"
#include "Testbed.h"
#include "Theme.h"
#include "ThreadCpuProbe.h"
#include "models/EventFilterProxyModel.h"
#include "models/EventLog.h"
#include "models/EventLogModel.h"
#include "models/RemoteRegistry.h"
#include "models/ResourceTableModel.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QToolButton>
#include <QUuid>

#include <functional>
#include <memory>

using Models::EventLog;
using Models::EventLogModel;
using Models::EventRecord;

namespace {

// From /proc/self/status, in KiB: "VmRSS" now, "VmHWM" the peak since the last resetPeakMemory().
qint64 memoryKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field)) + 1).trimmed().split(' ').constFirst().toLongLong();
    }
    return -1;
}

void resetPeakMemory()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    if (clearRefs.open(QIODevice::WriteOnly))
        clearRefs.write("5"); // resets VmHWM to the current RSS (Linux 4.0 and later)
}

// The machine's load average over the last minute, as /proc/loadavg says.
QString loadAverage()
{
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    if (!loadavg.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(loadavg.readAll().split(' ').constFirst());
}

double mib(qint64 kib)
{
    return double(kib) / 1024.0;
}

} // namespace

// The event monitor window: a burst from a scripted event server must not stall the event loop nor
// outgrow the ring; against the testbed, what `lxc` does shows up within a second, debug log lines
// too, both daemons together, a double-click selects the instance in the main window, and a restart
// of the second daemon shows its gap and the reconnection.
class TestEventMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void burstKeepsTheEventLoopMoving_data();
    void burstKeepsTheEventLoopMoving();
    void opensFromTheViewMenu();
    void startAndStopAppearWithinASecond();
    void debugLogLinesAppear();
    void bothDaemonsAreShownTogether();
    void doubleClickSelectsTheInstance();
    void doubleClickSelectsTheImage();
    void doubleClickSelectsTheOperation();
    void restartOfTheSecondDaemonShowsTheGap();
    void filtersAsShownInTheScreenshot();

private:
    bool haveMonitor() const { return m_monitor != nullptr; }
    EventLog *log() const { return m_monitor->log(); }
    // The newest log row matching, or -1.
    int findRow(const std::function<bool(const EventRecord &)> &matches) const;
    int findEvent(const QString &remote, const QString &action, const QString &object) const;
    // Double-clicks the log's `row` in the monitor's table, as a user would (it is shown first).
    void doubleClickRow(int row);
    // Keys of the rows selected in the main window's table.
    QStringList selectedKeys() const;

    QTemporaryDir m_settingsDir;
    QString m_suffix;
    QString m_instance;
    QString m_profile;
    QString m_alias;
    std::unique_ptr<Models::RemoteRegistry> m_registry;
    std::unique_ptr<MainWindow> m_main;
    QPointer<EventMonitorWindow> m_monitor;
};

#define REQUIRE_MONITOR()                                                                                    \
    do {                                                                                                     \
        BERTH_REQUIRE_TESTBED();                                                                             \
        QVERIFY2(haveMonitor(), "the monitor did not open (see opensFromTheViewMenu)");                      \
    } while (false)

void TestEventMonitor::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    MessageBox::setTestMode(true);
    Theme::initialize();
    m_suffix = QUuid::createUuid().toString(QUuid::Id128).left(8);
    m_instance = QStringLiteral("events-c-") + m_suffix;
    m_profile = QStringLiteral("events-p-") + m_suffix;
    m_alias = QStringLiteral("events-a-") + m_suffix;
}

void TestEventMonitor::cleanupTestCase()
{
    delete m_monitor.data();
    m_main.reset();
    m_registry.reset();
    if (Testbed::unavailableReason().isEmpty()) {
        LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), m_instance});
        LxcCommand::run({QStringLiteral("profile"), QStringLiteral("delete"), m_profile});
        LxcCommand::run(
            {QStringLiteral("image"), QStringLiteral("alias"), QStringLiteral("delete"), m_alias});
    }
    if (Testbed::unavailableReason(Testbed::Daemon::Second).isEmpty())
        LxcCommand::run({QStringLiteral("profile"), QStringLiteral("delete"), m_profile},
                        Testbed::Daemon::Second);
}

int TestEventMonitor::findRow(const std::function<bool(const EventRecord &)> &matches) const
{
    for (int row = log()->size() - 1; row >= 0; --row) {
        if (matches(log()->at(row)))
            return row;
    }
    return -1;
}

int TestEventMonitor::findEvent(const QString &remote, const QString &action, const QString &object) const
{
    return findRow([&](const EventRecord &record) {
        return record.isEvent() && record.remote == remote && record.actionOrLevel == action
            && record.object == object;
    });
}

void TestEventMonitor::burstKeepsTheEventLoopMoving_data()
{
    QTest::addColumn<int>("capacity");
    QTest::newRow("ring of 5,000") << 5000;
    QTest::newRow("ring of 100,000 (default)") << int(EventLog::DefaultCapacity);
}

void TestEventMonitor::burstKeepsTheEventLoopMoving()
{
    QFETCH(int, capacity);
    constexpr int Burst = 20000;
    QTemporaryDir socketDir;
    QVERIFY(socketDir.isValid());
    ScriptedEventServer server(socketDir.filePath(QStringLiteral("events.socket")));
    QVERIFY(server.start());

    EventLog log;
    log.setCapacity(capacity);
    QVERIFY(log.addSource(QStringLiteral("burst"), Lxd::Client::overUnixSocket(server.socketPath())));
    QSettings().remove(QStringLiteral("EventMonitor")); // the ring size is the test's
    EventMonitorWindow window(&log);
    window.resize(1200, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(log.sourceStatus(QStringLiteral("burst")).state, Lxd::EventStream::State::Connected);
    QTRY_COMPARE(server.openStreams(), 1);
    int largest = 0;
    connect(window.model(), &QAbstractItemModel::rowsInserted, this,
            [&] { largest = qMax(largest, window.model()->rowCount()); });

    QTest::qWait(200);
    const qint64 rssBefore = memoryKiB("VmRSS:");
    resetPeakMemory();
    EventLoopProbe probe;
    ThreadCpuProbe cpuProbe;
    probe.start();
    cpuProbe.start();
    QTest::qWait(50);
    probe.reset();
    cpuProbe.reset();
    QElapsedTimer clock;
    clock.start();
    server.burst(Burst);
    QTRY_COMPARE_WITH_TIMEOUT(log.receivedCount(), qint64(Burst), 120000);
    const qint64 receivedMs = clock.elapsed();
    QTRY_COMPARE(log.pendingCount(), 0);
    QTest::qWait(100); // the last batch painted
    const double blockedMs = probe.maxBlockedMs();
    const double busyMs = cpuProbe.maxBusyMs();
    const qint64 rssAfter = memoryKiB("VmRSS:");
    const qint64 peak = memoryKiB("VmHWM:");

    const int expectedRows = qMin(Burst, capacity);
    QCOMPARE(window.model()->rowCount(), expectedRows);
    QVERIFY2(largest <= capacity,
             qPrintable(QStringLiteral("%1 rows in a ring of %2").arg(largest).arg(capacity)));
    QCOMPARE(log.droppedCount(), qint64(Burst - expectedRows));
    QCOMPARE(log.malformedCount(), 0);
    // What arrived last is what was sent last, and it is on screen (following the newest).
    QCOMPARE(log.at(log.size() - 1).object,
             QStringLiteral("operations/00000000-0000-4000-8000-000000019999"));
    const QModelIndex last = window.filter()->index(window.filter()->rowCount() - 1, 0);
    QVERIFY(window.tableView()->viewport()->rect().intersects(window.tableView()->visualRect(last)));

    // Another burst into the full ring: the memory stays where the first one left it.
    qint64 secondGrowth = 0;
    double secondBlockedMs = 0;
    double secondBusyMs = 0;
    if (capacity < Burst) {
        probe.reset();
        cpuProbe.reset();
        server.burst(Burst);
        QTRY_COMPARE_WITH_TIMEOUT(log.receivedCount(), qint64(2 * Burst), 120000);
        QTRY_COMPARE(log.pendingCount(), 0);
        QTest::qWait(100);
        secondBlockedMs = probe.maxBlockedMs();
        secondBusyMs = cpuProbe.maxBusyMs();
        secondGrowth = memoryKiB("VmRSS:") - rssAfter;
        QCOMPARE(window.model()->rowCount(), capacity);
        QVERIFY(largest <= capacity);
        QVERIFY2(mib(secondGrowth) < 16.0,
                 qPrintable(QStringLiteral("grew %1 MiB more with a full ring").arg(mib(secondGrowth))));
    }

    qInfo().noquote()
        << QStringLiteral("BURST ring=%1 events=%2 received_in_ms=%3 rate_per_s=%4 max_block_ms=%5 rows=%6 "
                          "dropped=%7 rss_before_mib=%8 rss_after_mib=%9 peak_mib=%10 growth_mib=%11 "
                          "second_burst_growth_mib=%12 second_burst_max_block_ms=%13 max_busy_cpu_ms=%14 "
                          "second_burst_max_busy_cpu_ms=%15 load=%16")
               .arg(capacity)
               .arg(Burst)
               .arg(receivedMs)
               .arg(qRound(Burst * 1000.0 / qMax<qint64>(1, receivedMs)))
               .arg(blockedMs, 0, 'f', 1)
               .arg(window.model()->rowCount())
               .arg(log.droppedCount())
               .arg(mib(rssBefore), 0, 'f', 1)
               .arg(mib(rssAfter), 0, 'f', 1)
               .arg(mib(peak), 0, 'f', 1)
               .arg(mib(peak - rssBefore), 0, 'f', 1)
               .arg(mib(secondGrowth), 0, 'f', 1)
               .arg(secondBlockedMs, 0, 'f', 1)
               .arg(busyMs, 0, 'f', 1)
               .arg(secondBusyMs, 0, 'f', 1)
               .arg(loadAverage());
    // What the monitor itself costs: the GUI thread never works 50 ms without returning to its loop.
    QVERIFY2(busyMs < 50.0, qPrintable(QStringLiteral("the GUI thread worked %1 ms in one go").arg(busyMs)));
    QVERIFY2(
        secondBusyMs < 50.0,
        qPrintable(QStringLiteral("the GUI thread worked %1 ms in one go (full ring)").arg(secondBusyMs)));
    // And as a user sees it, by the clock: on a machine with a core to spare (with more runnable
    // processes than cores, the clock also counts the time the thread waited for a core).
    if (loadAverage().toDouble() < QThread::idealThreadCount()) {
        QVERIFY2(blockedMs < 50.0,
                 qPrintable(QStringLiteral("the event loop was blocked %1 ms").arg(blockedMs)));
        QVERIFY2(
            secondBlockedMs < 50.0,
            qPrintable(QStringLiteral("the event loop was blocked %1 ms (full ring)").arg(secondBlockedMs)));
    } else {
        qInfo("load %s on %d cores: the wall-clock figures are the machine's, not asserted",
              qPrintable(loadAverage()), QThread::idealThreadCount());
    }
}

void TestEventMonitor::opensFromTheViewMenu()
{
    BERTH_REQUIRE_TESTBED();
    const QString secondReason = Testbed::unavailableReason(Testbed::Daemon::Second);
    QVERIFY2(secondReason.isEmpty(), qPrintable(secondReason));
    QSettings().remove(QStringLiteral("EventMonitor"));

    m_registry = std::make_unique<Models::RemoteRegistry>();
    QVERIFY(m_registry->add(QStringLiteral("local"), Lxd::Client::overUnixSocket(Testbed::socketPath())));
    QVERIFY(m_registry->add(QStringLiteral("second"),
                            Lxd::Client::overUnixSocket(Testbed::socketPath(Testbed::Daemon::Second))));
    m_main = std::make_unique<MainWindow>(m_registry.get());
    m_main->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_main.get()));

    QAction *action = m_main->eventMonitorAction();
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+E")));
    QMenu *viewMenu = nullptr;
    for (QAction *menuAction : m_main->menuBar()->actions()) {
        if (menuAction->menu() && menuAction->text() == MainWindow::tr("&View"))
            viewMenu = menuAction->menu();
    }
    QVERIFY(viewMenu);
    QVERIFY(viewMenu->actions().contains(action));
    QVERIFY(!m_main->eventMonitor());

    // The shortcut, as a user would press it.
    m_main->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_main.get()));
    QTest::keyClick(m_main.get(), Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    m_monitor = m_main->eventMonitor();
    QVERIFY(m_monitor);
    QVERIFY(QTest::qWaitForWindowExposed(m_monitor.data()));
    QCOMPARE(log()->sources(), QStringList({QStringLiteral("local"), QStringLiteral("second")}));
    QTRY_COMPARE_WITH_TIMEOUT(log()->sourceStatus(QStringLiteral("local")).state,
                              Lxd::EventStream::State::Connected, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(log()->sourceStatus(QStringLiteral("second")).state,
                              Lxd::EventStream::State::Connected, 15000);
    QCOMPARE(m_monitor->streamStatusText(QStringLiteral("second")), QStringLiteral("second: Connected"));
    auto *label = m_monitor->findChild<QLabel *>(QStringLiteral("streamStatus_second"));
    QVERIFY(label);
    QCOMPARE(label->toolTip(), QStringLiteral("second: Connected"));
}

void TestEventMonitor::startAndStopAppearWithinASecond()
{
    REQUIRE_MONITOR();
    const LxcResult created = LxcCommand::run({QStringLiteral("init"), Testbed::imageAlias(), m_instance});
    QVERIFY2(created.ok(), qPrintable(created.errorOutput));

    const LxcResult started = LxcCommand::run({QStringLiteral("start"), m_instance});
    QVERIFY2(started.ok(), qPrintable(started.errorOutput));
    const QString object = QStringLiteral("instances/") + m_instance;
    QTRY_VERIFY_WITH_TIMEOUT(
        findEvent(QStringLiteral("local"), QStringLiteral("instance-started"), object) >= 0, 1000);
    const EventRecord &start
        = log()->at(findEvent(QStringLiteral("local"), QStringLiteral("instance-started"), object));
    QVERIFY2(
        start.receivedMs - start.timeMs < 1000,
        qPrintable(QStringLiteral("received %1 ms after it happened").arg(start.receivedMs - start.timeMs)));
    QCOMPARE(start.project, QStringLiteral("default"));
    QCOMPARE(start.targetKey, m_instance);

    const LxcResult stopped
        = LxcCommand::run({QStringLiteral("stop"), QStringLiteral("--force"), m_instance});
    QVERIFY2(stopped.ok(), qPrintable(stopped.errorOutput));
    QTRY_VERIFY_WITH_TIMEOUT(
        findEvent(QStringLiteral("local"), QStringLiteral("instance-stopped"), object) >= 0, 1000);
    const EventRecord &stop
        = log()->at(findEvent(QStringLiteral("local"), QStringLiteral("instance-stopped"), object));
    QVERIFY2(
        stop.receivedMs - stop.timeMs < 1000,
        qPrintable(QStringLiteral("received %1 ms after it happened").arg(stop.receivedMs - stop.timeMs)));
    // The operations behind them are there too, and everything is shown with no filter set.
    QVERIFY(findRow([&](const EventRecord &record) {
                return record.type == QLatin1String("operation") && record.summary.contains(object)
                    && record.actionOrLevel == QLatin1String("Success");
            })
            >= 0);
    const int row = findEvent(QStringLiteral("local"), QStringLiteral("instance-stopped"), object);
    QVERIFY(m_monitor->filter()->mapFromSource(m_monitor->model()->index(row, 0)).isValid());
}

void TestEventMonitor::debugLogLinesAppear()
{
    REQUIRE_MONITOR();
    m_monitor->typeButton(QStringLiteral("lifecycle"))->setChecked(false);
    m_monitor->typeButton(QStringLiteral("operation"))->setChecked(false);
    m_monitor->levelCombo()->setCurrentIndex(0); // debug and up
    // A request only this test makes: the daemon logs it at debug level.
    const QString marker = QStringLiteral("berth-probe=") + m_suffix;
    const LxcResult queried = LxcCommand::run({QStringLiteral("query"), QStringLiteral("/1.0?") + marker});
    QVERIFY2(queried.ok(), qPrintable(queried.errorOutput));
    const auto shown = [&] {
        for (int row = m_monitor->filter()->rowCount() - 1; row >= 0; --row) {
            const QModelIndex index = m_monitor->filter()->index(row, 0);
            if (index.data(EventLogModel::TypeRole).toString() == QLatin1String("logging")
                && index.data(EventLogModel::ActionRole).toString() == QLatin1String("debug")
                && m_monitor->filter()->index(row, EventLogModel::Summary).data().toString().contains(marker))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(shown(), 2000);
    // Only log lines are shown now.
    for (int row = 0; row < m_monitor->filter()->rowCount(); ++row) {
        const QString type = m_monitor->filter()->index(row, 0).data(EventLogModel::TypeRole).toString();
        QVERIFY2(type == QLatin1String("logging") || type == QLatin1String("stream"), qPrintable(type));
    }
    // Above debug, the request's line goes.
    m_monitor->levelCombo()->setCurrentIndex(1);
    QVERIFY(!shown());
    m_monitor->levelCombo()->setCurrentIndex(0);
    m_monitor->typeButton(QStringLiteral("lifecycle"))->setChecked(true);
    m_monitor->typeButton(QStringLiteral("operation"))->setChecked(true);
}

void TestEventMonitor::bothDaemonsAreShownTogether()
{
    REQUIRE_MONITOR();
    const LxcResult created = LxcCommand::run(
        {QStringLiteral("profile"), QStringLiteral("create"), m_profile}, Testbed::Daemon::Second);
    QVERIFY2(created.ok(), qPrintable(created.errorOutput));
    const QString object = QStringLiteral("profiles/") + m_profile;
    QTRY_VERIFY_WITH_TIMEOUT(
        findEvent(QStringLiteral("second"), QStringLiteral("profile-created"), object) >= 0, 2000);
    const QString instance = QStringLiteral("instances/") + m_instance;
    QVERIFY(findEvent(QStringLiteral("local"), QStringLiteral("instance-started"), instance) >= 0);

    // One table, both remotes, in the order things happened.
    Models::EventFilterProxyModel *filter = m_monitor->filter();
    const auto remotesShown = [filter] {
        QSet<QString> remotes;
        for (int row = 0; row < filter->rowCount(); ++row)
            remotes.insert(filter->index(row, EventLogModel::Remote).data().toString());
        return remotes;
    };
    QCOMPARE(remotesShown(), QSet<QString>({QStringLiteral("local"), QStringLiteral("second")}));
    QVERIFY(findEvent(QStringLiteral("second"), QStringLiteral("profile-created"), object)
            > findEvent(QStringLiteral("local"), QStringLiteral("instance-started"), instance));

    QComboBox *remotes = m_monitor->remoteCombo();
    remotes->setCurrentIndex(remotes->findData(QStringLiteral("second")));
    QCOMPARE(remotesShown(), QSet<QString> {QStringLiteral("second")});
    remotes->setCurrentIndex(0);
    QCOMPARE(remotesShown().size(), 2);
}

void TestEventMonitor::doubleClickRow(int row)
{
    QVERIFY(row >= 0);
    m_monitor->followAction()->setChecked(false);
    QTableView *view = m_monitor->tableView();
    const QModelIndex index
        = m_monitor->filter()->mapFromSource(m_monitor->model()->index(row, EventLogModel::Object));
    QVERIFY(index.isValid());
    view->scrollTo(index);
    QTest::qWait(50);
    const QPoint where = view->visualRect(index).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, where);
    QTRY_COMPARE(view->currentIndex().row(), index.row());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, where);
    m_monitor->followAction()->setChecked(true);
}

QStringList TestEventMonitor::selectedKeys() const
{
    QStringList keys;
    const QList<QModelIndex> selected = m_main->resourceList()->selectedSourceIndexes();
    for (const QModelIndex &index : selected)
        keys.append(index.data(Models::ResourceTableModel::KeyRole).toString());
    return keys;
}

void TestEventMonitor::doubleClickSelectsTheInstance()
{
    REQUIRE_MONITOR();
    const int row = findEvent(QStringLiteral("local"), QStringLiteral("instance-started"),
                              QStringLiteral("instances/") + m_instance);
    QVERIFY(row >= 0);
    m_monitor->followAction()->setChecked(false);
    m_monitor->tableView()->setCurrentIndex(
        m_monitor->filter()->mapFromSource(m_monitor->model()->index(row, EventLogModel::Object)));
    QVERIFY(m_monitor->detailView()->toPlainText().contains(QStringLiteral("\"instance-started\"")));
    doubleClickRow(row);

    QTRY_COMPARE_WITH_TIMEOUT(m_main->currentSection(), MainWindow::Section::Instances, 10000);
    QCOMPARE(m_main->currentRemote(), QStringLiteral("local"));
    QCOMPARE(m_main->currentProject(), QStringLiteral("default"));
    QTRY_COMPARE_WITH_TIMEOUT(selectedKeys(), QStringList {m_instance}, 15000);
}

void TestEventMonitor::doubleClickSelectsTheImage()
{
    REQUIRE_MONITOR();
    // An alias made with `lxc` points at the testbed's image: its event leads to that image.
    const QString fingerprint
        = QJsonDocument::fromJson(
              LxcCommand::run(
                  {QStringLiteral("query"), QStringLiteral("/1.0/images/aliases/") + Testbed::imageAlias()})
                  .output.toUtf8())
              .object()
              .value(QLatin1String("target"))
              .toString();
    QVERIFY(!fingerprint.isEmpty());
    const LxcResult created = LxcCommand::run(
        {QStringLiteral("image"), QStringLiteral("alias"), QStringLiteral("create"), m_alias, fingerprint});
    QVERIFY2(created.ok(), qPrintable(created.errorOutput));
    const auto aliasEvent = [&] {
        return findRow([&](const EventRecord &record) {
            return record.isEvent() && record.remote == QLatin1String("local")
                && record.actionOrLevel == QLatin1String("image-alias-created")
                && record.object.endsWith(m_alias);
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(aliasEvent() >= 0, 2000);
    const int row = aliasEvent();
    QCOMPARE(log()->at(row).targetCollection, QStringLiteral("images"));
    QCOMPARE(log()->at(row).targetKey, fingerprint);
    doubleClickRow(row);

    QTRY_COMPARE_WITH_TIMEOUT(m_main->currentSection(), MainWindow::Section::Images, 10000);
    QCOMPARE(m_main->currentRemote(), QStringLiteral("local"));
    QCOMPARE(m_main->currentProject(), QStringLiteral("default"));
    QTRY_COMPARE_WITH_TIMEOUT(selectedKeys(), QStringList {fingerprint}, 15000);
}

void TestEventMonitor::doubleClickSelectsTheOperation()
{
    REQUIRE_MONITOR();
    // An operation that keeps running until cancelled: an image's one-time download token.
    const QString fingerprint
        = QJsonDocument::fromJson(
              LxcCommand::run(
                  {QStringLiteral("query"), QStringLiteral("/1.0/images/aliases/") + Testbed::imageAlias()})
                  .output.toUtf8())
              .object()
              .value(QLatin1String("target"))
              .toString();
    const LxcResult made
        = LxcCommand::run({QStringLiteral("query"), QStringLiteral("-X"), QStringLiteral("POST"),
                           QStringLiteral("/1.0/images/") + fingerprint + QStringLiteral("/secret"),
                           QStringLiteral("-d"), QStringLiteral("{}")});
    QVERIFY2(made.ok(), qPrintable(made.errorOutput));
    const QString id
        = QJsonDocument::fromJson(made.output.toUtf8()).object().value(QLatin1String("id")).toString();
    QVERIFY(!id.isEmpty());
    const auto operationEvent = [&] {
        return findRow([&](const EventRecord &record) {
            return record.isEvent() && record.remote == QLatin1String("local")
                && record.type == QLatin1String("operation")
                && record.object == QStringLiteral("operations/") + id;
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(operationEvent() >= 0, 2000);
    doubleClickRow(operationEvent());

    QTRY_COMPARE_WITH_TIMEOUT(m_main->currentSection(), MainWindow::Section::Operations, 10000);
    QCOMPARE(m_main->currentProject(), QStringLiteral("default"));
    QTRY_COMPARE_WITH_TIMEOUT(selectedKeys(), QStringList {id}, 15000);
    LxcCommand::run({QStringLiteral("operation"), QStringLiteral("delete"), id});
}

void TestEventMonitor::restartOfTheSecondDaemonShowsTheGap()
{
    REQUIRE_MONITOR();
    const qint64 since = QDateTime::currentMSecsSinceEpoch();
    QStringList secondStates;
    QObject listening; // ends the connection with this function
    connect(log(), &EventLog::sourceStateChanged, &listening, [&](const QString &remote) {
        if (remote == QLatin1String("second"))
            secondStates.append(m_monitor->streamStatusText(remote));
    });
    const auto noteOf = [&](const QString &remote, EventRecord::Kind kind) {
        return findRow([&](const EventRecord &record) {
            return record.kind == kind && record.remote == remote && record.timeMs >= since;
        });
    };

    QProcess restart;
    restart.setProcessChannelMode(QProcess::MergedChannels);
    restart.start(QStringLiteral(BERTH_SOURCE_DIR "/scripts/testbed"),
                  {QStringLiteral("restart"), QStringLiteral("second")});
    // Waited for with the event loop turning: the streams must see the daemon go and come back.
    QTRY_VERIFY_WITH_TIMEOUT(restart.state() == QProcess::NotRunning, 180000);
    QVERIFY2(restart.exitStatus() == QProcess::NormalExit && restart.exitCode() == 0,
             restart.readAll().constData());

    QTRY_VERIFY_WITH_TIMEOUT(noteOf(QStringLiteral("second"), EventRecord::Kind::StreamLost) >= 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(log()->sourceStatus(QStringLiteral("second")).state,
                              Lxd::EventStream::State::Connected, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(noteOf(QStringLiteral("second"), EventRecord::Kind::StreamRestored) >= 0, 5000);
    const int lost = noteOf(QStringLiteral("second"), EventRecord::Kind::StreamLost);
    const int restored = noteOf(QStringLiteral("second"), EventRecord::Kind::StreamRestored);
    QVERIFY(restored > lost);
    QVERIFY2(log()->at(restored).summary.contains(QStringLiteral("back after")),
             qPrintable(log()->at(restored).summary));
    // The status bar said so meanwhile, with the reason.
    bool sawReconnecting = false;
    for (const QString &state : std::as_const(secondStates))
        sawReconnecting = sawReconnecting || state.startsWith(QStringLiteral("second: Reconnecting: "));
    QVERIFY2(sawReconnecting, qPrintable(secondStates.join(QLatin1Char('\n'))));
    QCOMPARE(m_monitor->streamStatusText(QStringLiteral("second")), QStringLiteral("second: Connected"));
    // Both notes are in the table under any filter; the local daemon had no gap.
    m_monitor->typeButton(QStringLiteral("logging"))->setChecked(false);
    QVERIFY(m_monitor->filter()->mapFromSource(m_monitor->model()->index(lost, 0)).isValid());
    QVERIFY(m_monitor->filter()->mapFromSource(m_monitor->model()->index(restored, 0)).isValid());
    m_monitor->typeButton(QStringLiteral("logging"))->setChecked(true);
    QCOMPARE(noteOf(QStringLiteral("local"), EventRecord::Kind::StreamLost), -1);

    // Events of the second daemon flow again.
    const LxcResult deleted = LxcCommand::run(
        {QStringLiteral("profile"), QStringLiteral("delete"), m_profile}, Testbed::Daemon::Second);
    QVERIFY2(deleted.ok(), qPrintable(deleted.errorOutput));
    QTRY_VERIFY_WITH_TIMEOUT(findEvent(QStringLiteral("second"), QStringLiteral("profile-deleted"),
                                       QStringLiteral("profiles/") + m_profile)
                                 > restored,
                             2000);
}

void TestEventMonitor::filtersAsShownInTheScreenshot()
{
    REQUIRE_MONITOR();
    // Lifecycle and operation events about this test's objects, and the gaps.
    m_monitor->typeButton(QStringLiteral("logging"))->setChecked(false);
    m_monitor->regularExpressionAction()->setChecked(true);
    m_monitor->searchEdit()->setText(QStringLiteral("events-(c|p)-") + m_suffix);
    const QRegularExpression pattern(m_monitor->searchEdit()->text());
    Models::EventFilterProxyModel *filter = m_monitor->filter();
    QTRY_COMPARE(filter->text(), m_monitor->searchEdit()->text());
    QVERIFY(filter->rowCount() >= 6);
    for (int row = 0; row < filter->rowCount(); ++row) {
        const QString type = filter->index(row, 0).data(EventLogModel::TypeRole).toString();
        const QString summary = filter->index(row, EventLogModel::Summary).data().toString();
        const QString object = filter->index(row, EventLogModel::Object).data().toString();
        const bool matches = pattern.match(summary).hasMatch() || pattern.match(object).hasMatch();
        QVERIFY2(type == QLatin1String("stream") || (type != QLatin1String("logging") && matches),
                 qPrintable(type + QLatin1Char(' ') + summary));
    }
    // A pattern that cannot be read keeps the last good one, and says why.
    m_monitor->searchEdit()->setText(QStringLiteral("events-(c"));
    QTRY_VERIFY(!m_monitor->searchEdit()->toolTip().isEmpty());
    QCOMPARE(filter->text(), QStringLiteral("events-(c|p)-") + m_suffix);
    QCOMPARE(m_monitor->statusBar()->currentMessage(), m_monitor->searchEdit()->toolTip());
    m_monitor->searchEdit()->setText(QStringLiteral("events-(c|p)-") + m_suffix);
    QTRY_VERIFY(m_monitor->searchEdit()->toolTip().isEmpty());
    QVERIFY(m_monitor->statusBar()->currentMessage().isEmpty()); // the counters show again

    const int row = findEvent(QStringLiteral("local"), QStringLiteral("instance-started"),
                              QStringLiteral("instances/") + m_instance);
    const QModelIndex index = filter->mapFromSource(m_monitor->model()->index(row, 0));
    m_monitor->tableView()->setCurrentIndex(index);
    QVERIFY(m_monitor->detailView()->toPlainText().contains(m_instance));
    QVERIFY(m_monitor->countersText().contains(QStringLiteral(" shown")));

    const QString screenshot = qEnvironmentVariable("BERTH_EVENT_MONITOR_SCREENSHOT");
    if (!screenshot.isEmpty()) {
        m_monitor->resize(1360, 780);
        QTest::qWait(300);
        QVERIFY(m_monitor->grab().save(screenshot));
        qInfo() << "screenshot saved to" << screenshot;
    }
    m_monitor->searchEdit()->clear();
    m_monitor->typeButton(QStringLiteral("logging"))->setChecked(true);
}

QTEST_MAIN(TestEventMonitor)
#include "tst_eventmonitor.moc"
