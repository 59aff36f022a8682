#include "InstanceActions.h"
#include "InstanceDetailWidget.h"
#include "InstanceSnapshotsPage.h"
#include "LxcCommand.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "ResourceListWidget.h"
#include "Testbed.h"
#include "TextPrompt.h"
#include "Theme.h"
#include "models/InstanceTableModel.h"
#include "models/Remote.h"
#include "models/RemoteRegistry.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUuid>

using Models::InstanceTableModel;
using Models::ResourceTableModel;
using Section = Models::NavigationTreeModel::Section;

// The main window against the real daemon, driven as a user would (select rows, trigger actions, answer
// the questions), each outcome checked with `lxc`. It works in a project of its own, so that other work
// on the daemon does not disturb it.
class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void showsTheTestbedsInstances();
    void startsSeveralInstancesAtOnce();
    void freezesAndUnfreezes();
    void failuresNameTheInstanceAndTheServersWords();
    void snapshotsAreCreatedRestoredAndDeleted();
    void stopsAndRenames();
    void deleteAsksNamingWhatGoes();
    void searchFiltersTheTable();
    void restoresLayoutAndSelectionAtNextStart();
    void switchesBetweenLightAndDark();

private:
    LxcResult lxc(QStringList arguments) const
    {
        arguments << QStringLiteral("--project") << m_project;
        return LxcCommand::run(arguments);
    }
    // name -> "RUNNING", "STOPPED", "FROZEN", from `lxc list`.
    QHash<QString, QString> lxcStatuses() const;
    QString lxcStatus(const QString &name) const { return lxcStatuses().value(name); }
    QJsonValue lxcQuery(const QString &path) const;
    // Operations of this suite's project the daemon still runs (a restore restarts the instance after
    // the configuration is back, so the next action must wait for it, as a user waits for the dock).
    int runningOperations() const;
    bool selectInstances(const QStringList &names);
    QString tableStatus(const QString &name) const;
    ResourceTableModel *tableModel() const { return m_window->resourceList()->model(); }
    void openWindow();

    QTemporaryDir m_settingsDir;
    Models::RemoteRegistry *m_registry = nullptr;
    MainWindow *m_window = nullptr;
    QString m_project;
    QString m_suffix;
    QString m_first; // renamed during the suite
    QString m_second;
};

void TestMainWindow::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    MessageBox::setTestMode(true);
    TextPrompt::setTestMode(true);
    Theme::initialize();

    m_suffix = QUuid::createUuid().toString(QUuid::Id128).left(8);
    m_project = QStringLiteral("berth-ui-") + m_suffix;
    QVERIFY(LxcCommand::run({QStringLiteral("project"), QStringLiteral("create"), m_project,
                             QStringLiteral("-c"), QStringLiteral("features.images=false"),
                             QStringLiteral("-c"), QStringLiteral("features.profiles=false")})
                .ok());
    m_first = QStringLiteral("ui-a-") + m_suffix;
    m_second = QStringLiteral("ui-b-") + m_suffix;
    QVERIFY(lxc({QStringLiteral("init"), Testbed::imageAlias(), m_first}).ok());
    QVERIFY(lxc({QStringLiteral("init"), Testbed::imageAlias(), m_second}).ok());

    m_registry = new Models::RemoteRegistry(this);
    QVERIFY(m_registry->add(QStringLiteral("testbed"), Lxd::Client::overUnixSocket(Testbed::socketPath())));
    openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->showSection(QStringLiteral("testbed"), m_project, Section::Instances),
                             15000);
    QTRY_VERIFY_WITH_TIMEOUT(tableModel() && tableModel()->rowCount() == 2, 15000);
}

void TestMainWindow::openWindow()
{
    m_window = new MainWindow(m_registry);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestMainWindow::cleanupTestCase()
{
    delete m_window;
    if (m_project.isEmpty())
        return;
    const LxcResult list
        = lxc({QStringLiteral("list"), QStringLiteral("--format=csv"), QStringLiteral("-cn")});
    const QStringList names = list.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &name : names)
        lxc({QStringLiteral("delete"), QStringLiteral("--force"), name});
    LxcCommand::run({QStringLiteral("project"), QStringLiteral("delete"), m_project});
}

QHash<QString, QString> TestMainWindow::lxcStatuses() const
{
    QHash<QString, QString> statuses;
    const LxcResult list
        = lxc({QStringLiteral("list"), QStringLiteral("--format=csv"), QStringLiteral("-cns")});
    const QStringList lines = list.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines)
        statuses.insert(line.section(QLatin1Char(','), 0, 0), line.section(QLatin1Char(','), 1, 1));
    return statuses;
}

QJsonValue TestMainWindow::lxcQuery(const QString &path) const
{
    const LxcResult result
        = LxcCommand::run({QStringLiteral("query"),
                           path + QStringLiteral("?project=") + m_project + QStringLiteral("&recursion=1")});
    return QJsonDocument::fromJson(result.output.toUtf8()).object().isEmpty()
        ? QJsonValue(QJsonDocument::fromJson(result.output.toUtf8()).array())
        : QJsonValue(QJsonDocument::fromJson(result.output.toUtf8()).object());
}

int TestMainWindow::runningOperations() const
{
    return lxcQuery(QStringLiteral("/1.0/operations"))
        .toObject()
        .value(QLatin1String("running"))
        .toArray()
        .size();
}

bool TestMainWindow::selectInstances(const QStringList &names)
{
    QTableView *view = m_window->resourceList()->tableView();
    view->clearSelection();
    for (const QString &name : names) {
        bool found = false;
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QModelIndex index = view->model()->index(row, 0);
            if (index.data(ResourceTableModel::KeyRole).toString() == name) {
                view->selectionModel()->setCurrentIndex(
                    index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
                found = true;
            }
        }
        if (!found)
            return false;
    }
    return m_window->instanceActions()->targets().size() == names.size();
}

QString TestMainWindow::tableStatus(const QString &name) const
{
    const int row = tableModel()->rowOf(m_project, name);
    return row < 0 ? QString() : tableModel()->index(row, InstanceTableModel::Status).data().toString();
}

void TestMainWindow::showsTheTestbedsInstances()
{
    // The tree: the remote, this suite's project, its sections; the window title says where we are.
    QTreeView *tree = m_window->navigationView();
    const QModelIndex current = tree->currentIndex();
    QCOMPARE(current.data().toString(), QStringLiteral("Instances"));
    QCOMPARE(current.parent().data().toString(), m_project);
    QCOMPARE(current.parent().parent().data().toString(), QStringLiteral("testbed"));
    QVERIFY(m_window->windowTitle().contains(m_project));

    // The table: what `lxc list` shows.
    const QHash<QString, QString> statuses = lxcStatuses();
    QCOMPARE(statuses.size(), 2);
    for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
        QCOMPARE(tableStatus(it.key()).toUpper(), it.value());

    // The status bar says the remote is connected.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->remoteStatusTexts(),
                              QStringList {QStringLiteral("testbed: Connected")}, 10000);

    // Selecting a row shows it in the detail pane; nothing selected, nothing to act on.
    QVERIFY(m_window->instanceActions()->targets().isEmpty());
    QVERIFY(!m_window->instanceActions()->startAction()->isEnabled());
    QVERIFY(selectInstances({m_first}));
    QCOMPARE(m_window->instanceDetail()->instanceName(), m_first);
    QCOMPARE(m_window->instanceDetail()->findChild<QLabel *>(QStringLiteral("instanceNameLabel"))->text(),
             m_first);
    QVERIFY(m_window->instanceActions()->startAction()->isEnabled());
    QVERIFY(!m_window->instanceActions()->stopAction()->isEnabled());
    const QStringList tabs = [this] {
        QStringList titles;
        QTabWidget *tabWidget = m_window->instanceDetail()->tabWidget();
        for (int tab = 0; tab < tabWidget->count(); ++tab)
            titles.append(tabWidget->tabText(tab));
        return titles;
    }();
    QCOMPARE(tabs,
             (QStringList {QStringLiteral("Overview"), QStringLiteral("Configuration"),
                           QStringLiteral("Devices"), QStringLiteral("Snapshots"), QStringLiteral("Files"),
                           QStringLiteral("Terminal"), QStringLiteral("Console"), QStringLiteral("Logs")}));

    // The standard shortcuts.
    QCOMPARE(m_window->refreshAction()->shortcut(), QKeySequence(Qt::Key_F5));
    QCOMPARE(m_window->findAction()->shortcut(), QKeySequence(QKeySequence::Find));
    QCOMPARE(m_window->newInstanceAction()->shortcut(), QKeySequence(QKeySequence::New));
    QCOMPARE(m_window->instanceActions()->renameAction()->shortcut(), QKeySequence(Qt::Key_F2));
    QCOMPARE(m_window->instanceActions()->deleteAction()->shortcut(), QKeySequence(QKeySequence::Delete));
}

void TestMainWindow::startsSeveralInstancesAtOnce()
{
    QVERIFY(selectInstances({m_first, m_second}));
    QAction *start = m_window->instanceActions()->startAction();
    QVERIFY(start->isEnabled());
    start->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(lxcStatus(m_first), QStringLiteral("RUNNING"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(lxcStatus(m_second), QStringLiteral("RUNNING"), 30000);
    // The rows follow from the daemon's events; the selection stays, now with stop enabled.
    QTRY_COMPARE_WITH_TIMEOUT(tableStatus(m_first), QStringLiteral("Running"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(tableStatus(m_second), QStringLiteral("Running"), 10000);
    QCOMPARE(m_window->instanceActions()->targets().size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->instanceActions()->stopAction()->isEnabled(), 5000);
    QVERIFY(!start->isEnabled());
}

void TestMainWindow::freezesAndUnfreezes()
{
    QVERIFY(selectInstances({m_second}));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->instanceActions()->freezeAction()->isEnabled(), 5000);
    m_window->instanceActions()->freezeAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(lxcStatus(m_second), QStringLiteral("FROZEN"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(tableStatus(m_second), QStringLiteral("Frozen"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->instanceActions()->unfreezeAction()->isEnabled(), 5000);
    m_window->instanceActions()->unfreezeAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(lxcStatus(m_second), QStringLiteral("RUNNING"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(tableStatus(m_second), QStringLiteral("Running"), 10000);
}

void TestMainWindow::failuresNameTheInstanceAndTheServersWords()
{
    // LXD refuses to rename a running container; the message says which and why, in LXD's words.
    QVERIFY(selectInstances({m_first}));
    MessageBox::clearMessages();
    TextPrompt::setNextAnswer(m_first + QStringLiteral("-x"));
    m_window->instanceActions()->renameAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(MessageBox::messageCount(), 1, 15000);
    const QString message = MessageBox::lastMessage();
    QVERIFY2(message.contains(m_first), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("Renaming of running container not allowed")),
             qPrintable(message));
    QCOMPARE(lxcStatus(m_first), QStringLiteral("RUNNING"));
}

void TestMainWindow::snapshotsAreCreatedRestoredAndDeleted()
{
    QVERIFY(selectInstances({m_first}));
    InstanceSnapshotsPage *page = m_window->instanceDetail()->snapshotsPage();
    m_window->instanceDetail()->tabWidget()->setCurrentWidget(page);
    const QString snapshotsPath = QStringLiteral("/1.0/instances/%1/snapshots").arg(m_first);

    // Create: through the window's action, named as the prompt was answered.
    TextPrompt::setNextAnswer(QStringLiteral("before-marker"));
    QVERIFY(m_window->instanceActions()->snapshotAction()->isEnabled());
    m_window->instanceActions()->snapshotAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(lxcQuery(snapshotsPath).toArray().size(), 1, 30000);
    QCOMPARE(lxcQuery(snapshotsPath).toArray().at(0).toObject().value(QLatin1String("name")).toString(),
             QStringLiteral("before-marker"));
    QTRY_VERIFY_WITH_TIMEOUT(page->selectSnapshot(QStringLiteral("before-marker")), 10000);

    // Restore: a change made after the snapshot is gone again.
    QVERIFY(
        lxc({QStringLiteral("config"), QStringLiteral("set"), m_first, QStringLiteral("user.marker=after")})
            .ok());
    QVERIFY(page->restoreAction()->isEnabled());
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    page->restoreAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(
        lxc({QStringLiteral("config"), QStringLiteral("get"), m_first, QStringLiteral("user.marker")})
            .output.trimmed(),
        QString(), 30000);
    QVERIFY2(MessageBox::lastMessage().contains(QLatin1String("before-marker")),
             qPrintable(MessageBox::lastMessage()));
    QTRY_COMPARE_WITH_TIMEOUT(runningOperations(), 0, 30000);

    // Delete, confirmed: the snapshot is gone from the server and from the tab.
    QTRY_VERIFY_WITH_TIMEOUT(page->selectSnapshot(QStringLiteral("before-marker")), 10000);
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    page->deleteAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(lxcQuery(snapshotsPath).toArray().size(), 0, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!page->selectSnapshot(QStringLiteral("before-marker")), 10000);
}

void TestMainWindow::stopsAndRenames()
{
    QVERIFY(selectInstances({m_first}));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->instanceActions()->forceStopAction()->isEnabled(), 5000);
    MessageBox::clearMessages();
    m_window->instanceActions()->forceStopAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(lxcStatus(m_first) == QLatin1String("STOPPED") || MessageBox::messageCount() > 0,
                             30000);
    QVERIFY2(MessageBox::messageCount() == 0, qPrintable(MessageBox::lastMessage()));
    QTRY_COMPARE_WITH_TIMEOUT(tableStatus(m_first), QStringLiteral("Stopped"), 10000);

    // F2 renames; the row keeps its place and its selection, and the detail pane follows.
    const QString renamed = m_first + QStringLiteral("-renamed");
    TextPrompt::setNextAnswer(renamed);
    QAction *rename = m_window->instanceActions()->renameAction();
    QVERIFY(rename->isEnabled());
    rename->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(lxcStatuses().contains(renamed), 30000);
    QVERIFY(!lxcStatuses().contains(m_first));
    QVERIFY(TextPrompt::lastLabel().contains(m_first));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->instanceDetail()->instanceName(), renamed, 10000);
    QCOMPARE(m_window->instanceActions()->targets().size(), 1);
    QCOMPARE(m_window->instanceActions()->targets().first().name, renamed);
    m_first = renamed;
}

void TestMainWindow::deleteAsksNamingWhatGoes()
{
    QVERIFY(selectInstances({m_first, m_second}));
    QAction *remove = m_window->instanceActions()->deleteAction();
    QVERIFY(remove->isEnabled());

    // Declined: the question named both, and said the running one is stopped first; nothing goes.
    MessageBox::setNextAnswer(MessageBox::Answer::Reject);
    remove->trigger();
    const QString question = MessageBox::lastMessage();
    QVERIFY2(question.contains(m_first) && question.contains(m_second), qPrintable(question));
    QVERIFY2(question.contains(QLatin1String("running")), qPrintable(question));
    QCOMPARE(lxcStatuses().size(), 2);

    // Accepted: both go, the running one included; the table empties from the events.
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    remove->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(lxcStatuses().isEmpty(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(tableModel()->rowCount(), 0, 10000);
    QVERIFY(m_window->instanceActions()->targets().isEmpty());
}

void TestMainWindow::searchFiltersTheTable()
{
    const QString alpha = QStringLiteral("ui-alpha-") + m_suffix;
    const QString beta = QStringLiteral("ui-beta-") + m_suffix;
    QVERIFY(lxc({QStringLiteral("init"), Testbed::imageAlias(), alpha}).ok());
    QVERIFY(lxc({QStringLiteral("init"), Testbed::imageAlias(), beta}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(tableModel()->rowCount(), 2, 10000);

    // Ctrl+F goes to the search field; typing filters the rows.
    QApplication::setActiveWindow(m_window);
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    m_window->resourceList()->tableView()->setFocus();
    QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
    auto *search = m_window->resourceList()->findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    QVERIFY(search);
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("alpha"));
    QTableView *view = m_window->resourceList()->tableView();
    QTRY_COMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, 0).data(ResourceTableModel::KeyRole).toString(), alpha);
    search->clear();
    QCOMPARE(view->model()->rowCount(), 2);
}

void TestMainWindow::restoresLayoutAndSelectionAtNextStart()
{
    const QString beta = QStringLiteral("ui-beta-") + m_suffix;
    QVERIFY(selectInstances({beta}));
    m_window->resize(1100, 700);
    QTRY_COMPARE(m_window->size(), QSize(1100, 700));
    const QSize size = m_window->size();
    auto *splitter = m_window->findChild<QSplitter *>(QStringLiteral("mainSplitter"));
    QVERIFY(splitter);
    splitter->setSizes({333, splitter->width() - 333 - splitter->handleWidth()});
    const QList<int> sizes = splitter->sizes();
    QCOMPARE(sizes.first(), 333);
    QHeaderView *header = m_window->resourceList()->tableView()->horizontalHeader();
    header->resizeSection(InstanceTableModel::Name, 277);
    QVERIFY(m_window->close());
    delete m_window;
    m_window = nullptr;

    openWindow();
    QCOMPARE(m_window->size(), size);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentProject(), m_project, 15000);
    QCOMPARE(m_window->currentRemote(), QStringLiteral("testbed"));
    QCOMPARE(m_window->currentSection(), Section::Instances);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->instanceDetail()->instanceName(), beta, 15000);
    QCOMPARE(m_window->instanceActions()->targets().size(), 1);
    QCOMPARE(m_window->findChild<QSplitter *>(QStringLiteral("mainSplitter"))->sizes(), sizes);
    QCOMPARE(m_window->resourceList()->tableView()->horizontalHeader()->sectionSize(InstanceTableModel::Name),
             277);
}

void TestMainWindow::switchesBetweenLightAndDark()
{
    QAction *dark = m_window->themeAction(Theme::Mode::Dark);
    QAction *light = m_window->themeAction(Theme::Mode::Light);
    QVERIFY(dark && light);
    dark->trigger();
    QVERIFY(Theme::isDark());
    QVERIFY(dark->isChecked());
    QTRY_VERIFY(m_window->palette().color(QPalette::Window).lightness() < 100);
    QCOMPARE(QSettings().value(QStringLiteral("View/theme")).toString(), QStringLiteral("dark"));
    light->trigger();
    QVERIFY(!Theme::isDark());
    QTRY_VERIFY(m_window->palette().color(QPalette::Window).lightness() > 150);
    QCOMPARE(QSettings().value(QStringLiteral("View/theme")).toString(), QStringLiteral("light"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
