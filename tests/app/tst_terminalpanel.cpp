#include "InstanceActions.h"
#include "InstanceDetailWidget.h"
#include "InstanceOverviewPage.h"
#include "LxcCommand.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "ResourceListWidget.h"
#include "SocketRelay.h"
#include "TerminalManager.h"
#include "TerminalOptionsDialog.h"
#include "TerminalPane.h"
#include "TerminalPanel.h"
#include "TerminalWindow.h"
#include "Testbed.h"
#include "Theme.h"
#include "models/RemoteRegistry.h"
#include "models/ResourceTableModel.h"
#include "terminal/TerminalEmulator.h"
#include "terminal/TerminalSession.h"
#include "terminal/TerminalView.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using Models::ResourceTableModel;
using Section = Models::NavigationTreeModel::Section;
using Terminal::TerminalSession;

// The Terminal and Console tabs of the main window against the real testbed, driven as a user
// would: select an instance, open its Terminal tab, type into the terminal, split it, detach it into
// a window, close tabs, pick options in the dialog, lose the connection and reconnect. What is
// checked is the text on each terminal's screen and the processes inside the containers.
class TestTerminalPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void terminalTabOpensTheLoginShell();
    void coloursAndFullScreenProgramsShow();
    void splitsLeftRightAndTopBottom();
    void detachedTerminalOutlivesItsTab();
    void detachedTerminalAttachesBack();
    void terminalsLiveOnWhileHidden();
    void terminalsOfSeveralInstancesAndRemotes();
    void optionsDialogChoosesHowToRun();
    void exitShowsStatusAndEnterStartsAgain();
    void lostConnectionOffersReconnect();
    void consoleTabShowsTheConsole();

private:
    TerminalPanel *panel() const { return m_window->instanceDetail()->terminalPanel(); }
    TerminalManager *manager() const { return m_window->terminalManager(); }
    bool selectInstance(const QString &remote, const QString &name);
    void showTab(QWidget *page);
    static QString screen(const TerminalPane *pane);
    static bool hasLine(const TerminalPane *pane, const QString &line);
    // On the screen or in the scrollback (a pane shrunk by a split pushes its top lines there).
    static bool historyHasLine(const TerminalPane *pane, const QString &line);
    static void typeLine(TerminalPane *pane, const QString &line);
    // Waits for the pane's program to run and its prompt to show.
    static bool waitRunning(TerminalPane *pane);
    // How many login shells (`/bin/sh -l`) run in an instance.
    // With BERTH_SCREENSHOT_DIR set, the main window as it is now.
    void saveScreenshot(const QString &name);
    static int loginShells(const QString &instance, Testbed::Daemon daemon = Testbed::Daemon::Local);

    QTemporaryDir m_settingsDir;
    Models::RemoteRegistry *m_registry = nullptr;
    MainWindow *m_window = nullptr;
    SocketRelay *m_relay = nullptr;
    QString m_first; // on the local daemon
    QString m_second; // on the second daemon
    QPointer<TerminalSession> m_detached;
};

void TestTerminalPanel::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    MessageBox::setTestMode(true);
    Theme::initialize();

    const QString suffix = QUuid::createUuid().toString(QUuid::Id128).left(8);
    m_first = QStringLiteral("terminal-a-") + suffix;
    m_second = QStringLiteral("terminal-b-") + suffix;
    LxcResult launched = LxcCommand::run({QStringLiteral("launch"), Testbed::imageAlias(), m_first});
    QVERIFY2(launched.ok(), qPrintable(launched.errorOutput));
    launched = LxcCommand::run({QStringLiteral("launch"), Testbed::imageAlias(), m_second},
                               Testbed::Daemon::Second);
    QVERIFY2(launched.ok(), qPrintable(launched.errorOutput));

    m_relay = new SocketRelay(Testbed::socketPath(), this);
    QVERIFY(m_relay->listen());
    m_registry = new Models::RemoteRegistry(this);
    QVERIFY(m_registry->add(QStringLiteral("local"), Lxd::Client::overUnixSocket(Testbed::socketPath())));
    QVERIFY(m_registry->add(QStringLiteral("second"),
                            Lxd::Client::overUnixSocket(Testbed::socketPath(Testbed::Daemon::Second))));
    // The local daemon again, through a relay this suite can cut.
    QVERIFY(m_registry->add(QStringLiteral("relayed"), Lxd::Client::overUnixSocket(m_relay->path())));
    m_window = new MainWindow(m_registry);
    m_window->resize(1300, 850);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestTerminalPanel::cleanupTestCase()
{
    delete m_window;
    if (!m_first.isEmpty())
        LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), m_first});
    if (!m_second.isEmpty())
        LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), m_second},
                        Testbed::Daemon::Second);
}

bool TestTerminalPanel::selectInstance(const QString &remote, const QString &name)
{
    if (!QTest::qWaitFor(
            [&] { return m_window->showSection(remote, QStringLiteral("default"), Section::Instances); },
            20000))
        return false;
    QTableView *view = m_window->resourceList()->tableView();
    const auto rowOf = [view, &name] {
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QModelIndex index = view->model()->index(row, 0);
            if (index.data(ResourceTableModel::KeyRole).toString() == name
                && index.data(ResourceTableModel::StatusRole).toString() == QLatin1String("Running"))
                return row;
        }
        return -1;
    };
    if (!QTest::qWaitFor([&] { return rowOf() >= 0; }, 20000))
        return false;
    view->clearSelection();
    view->selectionModel()->setCurrentIndex(view->model()->index(rowOf(), 0),
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return QTest::qWaitFor([&] { return m_window->instanceDetail()->instanceName() == name; }, 5000);
}

void TestTerminalPanel::showTab(QWidget *page)
{
    QTabWidget *tabs = m_window->instanceDetail()->tabWidget();
    const int index = tabs->indexOf(page);
    QVERIFY(index >= 0);
    // As a click on the tab does.
    tabs->tabBar()->setCurrentIndex(index);
    QVERIFY(page->isVisible());
}

QString TestTerminalPanel::screen(const TerminalPane *pane)
{
    return pane && pane->session() ? pane->session()->emulator()->screenText() : QString();
}

bool TestTerminalPanel::hasLine(const TerminalPane *pane, const QString &line)
{
    if (!pane || !pane->session())
        return false;
    const Terminal::TerminalEmulator *emulator = pane->session()->emulator();
    for (int row = 0; row < emulator->rows(); ++row) {
        if (emulator->lineText(row).trimmed() == line)
            return true;
    }
    return false;
}

bool TestTerminalPanel::historyHasLine(const TerminalPane *pane, const QString &line)
{
    if (hasLine(pane, line))
        return true;
    const Terminal::TerminalEmulator *emulator = pane->session()->emulator();
    for (int index = 0; index < emulator->scrollbackLines(); ++index) {
        if (emulator->scrollbackLineText(index).trimmed() == line)
            return true;
    }
    return false;
}

void TestTerminalPanel::typeLine(TerminalPane *pane, const QString &line)
{
    QTest::keyClicks(pane->view(), line);
    QTest::keyClick(pane->view(), Qt::Key_Return);
}

bool TestTerminalPanel::waitRunning(TerminalPane *pane)
{
    const bool running = QTest::qWaitFor(
        [pane] {
            return pane->session() && pane->session()->isRunning() && !screen(pane).trimmed().isEmpty();
        },
        30000);
    if (!running && pane->session()) {
        qWarning("not running: state %d, error \"%s\", screen:\n%s", int(pane->session()->state()),
                 qPrintable(pane->session()->error().userMessage()), qPrintable(screen(pane)));
    }
    return running;
}

int TestTerminalPanel::loginShells(const QString &instance, Testbed::Daemon daemon)
{
    const LxcResult ps = LxcCommand::run({QStringLiteral("exec"), instance, QStringLiteral("--"),
                                          QStringLiteral("ps"), QStringLiteral("-o"), QStringLiteral("args")},
                                         daemon);
    return int(ps.output.split(QLatin1Char('\n')).count(QStringLiteral("/bin/sh -l")));
}

void TestTerminalPanel::terminalTabOpensTheLoginShell()
{
    QVERIFY(selectInstance(QStringLiteral("local"), m_first));
    QCOMPARE(panel()->tabWidget()->count(), 0);
    showTab(panel());
    // The first look at the tab of a running instance opens its login shell.
    QTRY_COMPARE(panel()->tabWidget()->count(), 1);
    TerminalPane *pane = panel()->currentPane();
    QVERIFY(pane);
    QVERIFY(waitRunning(pane));
    QCOMPARE(pane->session()->command(), QStringList({QStringLiteral("/bin/sh"), QStringLiteral("-l")}));
    QCOMPARE(panel()->tabWidget()->tabText(0), QStringLiteral("%1 · local").arg(m_first));
    // The terminal has the size of its place in the window.
    QCOMPARE(pane->session()->emulator()->columns(), pane->view()->columns());
    QVERIFY(pane->view()->columns() > 60);

    typeLine(pane, QStringLiteral("echo $((6*7))"));
    QTRY_VERIFY2_WITH_TIMEOUT(hasLine(pane, QStringLiteral("42")), qPrintable(screen(pane)), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(loginShells(m_first), 1, 10000);
}

void TestTerminalPanel::saveScreenshot(const QString &name)
{
    const QString folder = qEnvironmentVariable("BERTH_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return;
    QTest::qWait(300);
    QVERIFY(m_window->grab().save(QDir(folder).filePath(name)));
}

void TestTerminalPanel::coloursAndFullScreenProgramsShow()
{
    TerminalPane *pane = panel()->currentPane();
    const Terminal::TerminalEmulator *emulator = pane->session()->emulator();
    // Room for a screenful: the detail pane takes most of the window's height.
    auto *content = m_window->findChild<QSplitter *>(QStringLiteral("contentSplitter"));
    QVERIFY(content);
    content->setSizes({content->height() / 4, content->height() * 3 / 4});
    QTRY_VERIFY(pane->view()->rows() > 25);
    typeLine(
        pane,
        QStringLiteral("export PS1='\\[\\e[1;32m\\]\\u@\\h\\[\\e[0m\\]:\\[\\e[1;34m\\]\\w\\[\\e[0m\\]\\$ '"));
    typeLine(pane, QStringLiteral("clear; ls --color=always /; ls --color=always -l /etc | head -8"));
    // `bin` is a directory: ls paints it in a colour of the palette, not the default one.
    const auto binColumn = [emulator](int *row) {
        for (int r = 0; r < emulator->rows(); ++r) {
            const QString text = emulator->lineText(r);
            const qsizetype column = text.indexOf(QLatin1String("bin"));
            if (!text.startsWith(QLatin1String("clear")) && column >= 0
                && text.contains(QLatin1String("etc"))) {
                *row = r;
                return int(column);
            }
        }
        return -1;
    };
    int row = -1;
    QTRY_VERIFY2_WITH_TIMEOUT(binColumn(&row) >= 0, qPrintable(screen(pane)), 20000);
    const Terminal::TerminalCell cell = emulator->cell(row, binColumn(&row));
    QCOMPARE(cell.text(), QStringLiteral("b"));
    QVERIFY(!cell.foreground().isDefaultForeground());
    saveScreenshot(QStringLiteral("terminal-colours.png"));

    // vi takes the whole terminal, then gives the shell its screen back.
    typeLine(pane, QStringLiteral("vi /etc/passwd"));
    QTRY_VERIFY_WITH_TIMEOUT(emulator->isAlternateScreen(), 20000);
    QTRY_VERIFY2_WITH_TIMEOUT(emulator->lineText(0).startsWith(QLatin1String("root:")),
                              qPrintable(screen(pane)), 20000);
    QTRY_VERIFY2_WITH_TIMEOUT(emulator->lineText(emulator->rows() - 2) == QLatin1String("~"),
                              qPrintable(screen(pane)), 20000);
    saveScreenshot(QStringLiteral("terminal-vi.png"));
    typeLine(pane, QStringLiteral(":q"));
    QTRY_VERIFY_WITH_TIMEOUT(!emulator->isAlternateScreen(), 20000);
    QCOMPARE(emulator->cell(row, binColumn(&row)).text(), QStringLiteral("b"));
}

void TestTerminalPanel::splitsLeftRightAndTopBottom()
{
    TerminalPane *first = panel()->currentPane();
    QVERIFY(first);
    panel()->splitLeftRightAction()->trigger();
    QCOMPARE(panel()->panesOfTab(0).size(), 2);
    TerminalPane *right = panel()->currentPane();
    QVERIFY(right != first);
    QVERIFY(waitRunning(right));
    panel()->splitTopBottomAction()->trigger();
    QCOMPARE(panel()->panesOfTab(0).size(), 3);
    TerminalPane *bottom = panel()->currentPane();
    QVERIFY(bottom != right && bottom != first);
    QVERIFY(waitRunning(bottom));
    QCOMPARE(panel()->tabWidget()->count(), 1);

    // Where they are: the second right of the first, the third below the second.
    const auto place = [this](const QWidget *widget) {
        return QRect(widget->mapTo(panel(), QPoint(0, 0)), widget->size());
    };
    QTRY_VERIFY(place(right).left() >= place(first).right());
    QVERIFY(place(bottom).top() >= place(right).bottom());
    QCOMPARE(place(bottom).left(), place(right).left());
    QVERIFY(place(first).height() > place(right).height());
    // Each runs its own shell, at its own size.
    QTRY_COMPARE_WITH_TIMEOUT(loginShells(m_first), 3, 10000);
    QCOMPARE(bottom->session()->emulator()->rows(), bottom->view()->rows());
    QVERIFY(bottom->view()->rows() < first->view()->rows());
    typeLine(bottom, QStringLiteral("echo bottom-$((2+3))"));
    QTRY_VERIFY2_WITH_TIMEOUT(hasLine(bottom, QStringLiteral("bottom-5")), qPrintable(screen(bottom)), 20000);
    QVERIFY(!hasLine(first, QStringLiteral("bottom-5")));
    QVERIFY(!hasLine(right, QStringLiteral("bottom-5")));
    typeLine(bottom, QStringLiteral("stty size"));
    const QString size = QStringLiteral("%1 %2").arg(bottom->view()->rows()).arg(bottom->view()->columns());
    QTRY_VERIFY2_WITH_TIMEOUT(hasLine(bottom, size), qPrintable(size + QLatin1Char('\n') + screen(bottom)),
                              20000);
}

void TestTerminalPanel::detachedTerminalOutlivesItsTab()
{
    // Detach the right pane: it leaves the tab for a window of its own and keeps its shell.
    const QList<TerminalPane *> panes = panel()->panesOfTab(0);
    QCOMPARE(panes.size(), 3);
    TerminalPane *right = panes.at(1);
    QTest::mouseClick(right->view()->viewport(), Qt::LeftButton, {}, QPoint(5, 5));
    QCOMPARE(panel()->currentPane(), right);
    m_detached = right->session();
    typeLine(right, QStringLiteral("echo before-detach"));
    QTRY_VERIFY_WITH_TIMEOUT(hasLine(right, QStringLiteral("before-detach")), 20000);
    panel()->detachAction()->trigger();
    TerminalWindow *window = manager()->windowOf(m_detached);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QCOMPARE(panel()->panesOfTab(0).size(), 2);
    QCOMPARE(window->pane()->session(), m_detached.data());
    QVERIFY(hasLine(window->pane(), QStringLiteral("before-detach")));
    // It works in its window, at the window's size.
    TerminalPane *windowPane = window->pane();
    window->resize(window->width() + 10 * windowPane->view()->cellSize().width(), window->height());
    typeLine(windowPane, QStringLiteral("echo in-window-$((3*3))"));
    QTRY_VERIFY2_WITH_TIMEOUT(hasLine(windowPane, QStringLiteral("in-window-9")),
                              qPrintable(screen(windowPane)), 20000);
    QCOMPARE(m_detached->emulator()->columns(), windowPane->view()->columns());

    // Closing the tab ends the terminals in it, not the detached one.
    const QList<TerminalPane *> left = panel()->panesOfTab(0);
    const QList<QPointer<TerminalSession>> tabSessions {left.at(0)->session(), left.at(1)->session()};
    QWidget *closeButton = panel()->tabWidget()->tabBar()->tabButton(0, QTabBar::RightSide);
    QVERIFY(closeButton);
    QTest::mouseClick(closeButton, Qt::LeftButton);
    QCOMPARE(panel()->tabWidget()->count(), 0);
    QVERIFY(!manager()->contains(tabSessions.at(0)) && !manager()->contains(tabSessions.at(1)));
    QTRY_VERIFY(tabSessions.at(0).isNull() && tabSessions.at(1).isNull());
    QTRY_COMPARE_WITH_TIMEOUT(loginShells(m_first), 1, 15000);
    QVERIFY(m_detached && m_detached->isRunning());
    typeLine(windowPane, QStringLiteral("echo still-$((4*4))"));
    QTRY_VERIFY2_WITH_TIMEOUT(hasLine(windowPane, QStringLiteral("still-16")), qPrintable(screen(windowPane)),
                              20000);
}

void TestTerminalPanel::detachedTerminalAttachesBack()
{
    TerminalWindow *window = manager()->windowOf(m_detached);
    QVERIFY(window);
    const QPointer<TerminalWindow> guard(window);
    window->attachAction()->trigger();
    QTRY_VERIFY(guard.isNull());
    QCOMPARE(panel()->tabWidget()->count(), 1);
    TerminalPane *pane = panel()->currentPane();
    QCOMPARE(pane->session(), m_detached.data());
    // The same shell, its screen kept.
    QVERIFY2(hasLine(pane, QStringLiteral("still-16")), qPrintable(screen(pane)));
    QTRY_COMPARE(m_detached->emulator()->columns(), pane->view()->columns());
    typeLine(pane, QStringLiteral("echo back-$((5*5))"));
    QTRY_VERIFY2_WITH_TIMEOUT(hasLine(pane, QStringLiteral("back-25")), qPrintable(screen(pane)), 20000);
    QCOMPARE(loginShells(m_first), 1);
}

void TestTerminalPanel::terminalsLiveOnWhileHidden()
{
    // Another tab of the instance, then another kind of object altogether: the detail panel goes.
    TerminalPane *pane = panel()->currentPane();
    typeLine(pane, QStringLiteral("sleep 2; echo done-while-hidden"));
    showTab(m_window->instanceDetail()->overviewPage());
    QVERIFY(m_window->showSection(QStringLiteral("local"), QStringLiteral("default"), Section::Images));
    QVERIFY(!panel()->isVisible());
    QTest::qWait(2500);
    QCOMPARE(loginShells(m_first), 1);
    QVERIFY(m_detached && m_detached->isRunning());

    QVERIFY(selectInstance(QStringLiteral("local"), m_first));
    showTab(panel());
    QCOMPARE(panel()->tabWidget()->count(), 1);
    QCOMPARE(panel()->currentPane()->session(), m_detached.data());
    QTRY_VERIFY2_WITH_TIMEOUT(hasLine(panel()->currentPane(), QStringLiteral("done-while-hidden")),
                              qPrintable(screen(panel()->currentPane())), 10000);
}

void TestTerminalPanel::terminalsOfSeveralInstancesAndRemotes()
{
    QVERIFY(selectInstance(QStringLiteral("second"), m_second));
    showTab(panel());
    // The other remote's instance gets a terminal of its own; the first one's stays open.
    QTRY_COMPARE(panel()->tabWidget()->count(), 2);
    TerminalPane *other = panel()->currentPane();
    QVERIFY(waitRunning(other));
    QCOMPARE(panel()->tabWidget()->tabText(panel()->tabWidget()->currentIndex()),
             QStringLiteral("%1 · second").arg(m_second));
    typeLine(other, QStringLiteral("hostname"));
    QTRY_VERIFY2_WITH_TIMEOUT(hasLine(other, m_second), qPrintable(screen(other)), 20000);
    QCOMPARE(loginShells(m_second, Testbed::Daemon::Second), 1);

    // Back to the first instance: its terminal's tab comes forward, still working.
    QVERIFY(selectInstance(QStringLiteral("local"), m_first));
    QCOMPARE(panel()->tabWidget()->count(), 2);
    TerminalPane *first = panel()->currentPane();
    QCOMPARE(first->session(), m_detached.data());
    typeLine(first, QStringLiteral("hostname"));
    QTRY_VERIFY2_WITH_TIMEOUT(hasLine(first, m_first), qPrintable(screen(first)), 20000);
    QVERIFY(other->session()->isRunning());
}

void TestTerminalPanel::optionsDialogChoosesHowToRun()
{
    const int tabsBefore = panel()->tabWidget()->count();
    panel()->newTerminalWithOptionsAction()->trigger();
    auto *dialog = panel()->findChild<TerminalOptionsDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *command = dialog->findChild<QLineEdit *>(QStringLiteral("commandLineEdit"));
    auto *user = dialog->findChild<QLineEdit *>(QStringLiteral("userLineEdit"));
    auto *group = dialog->findChild<QLineEdit *>(QStringLiteral("groupLineEdit"));
    auto *directory = dialog->findChild<QLineEdit *>(QStringLiteral("workingDirectoryLineEdit"));
    auto *environment = dialog->findChild<QPlainTextEdit *>(QStringLiteral("environmentPlainTextEdit"));
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
    QVERIFY(command && user && group && directory && environment && error);

    // Bad input is named and the dialog stays.
    QTest::keyClicks(user, QStringLiteral("alice"));
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("user id")), qPrintable(error->text()));
    user->clear();
    QTest::keyClicks(user, QStringLiteral("1000"));
    QTest::keyClicks(group, QStringLiteral("1001"));
    QTest::keyClicks(directory, QStringLiteral("tmp"));
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("absolute")), qPrintable(error->text()));
    directory->setText(QStringLiteral("/tmp"));
    environment->setPlainText(QStringLiteral("GREETING=hello there\n1BAD=x"));
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("line 2")), qPrintable(error->text()));
    environment->setPlainText(QStringLiteral("GREETING=hello there\n"));
    QTest::keyClicks(command,
                     QStringLiteral("/bin/sh -c 'echo \"$GREETING\" $(id -u):$(id -g) $(pwd); exec sh'"));

    const QPointer<TerminalOptionsDialog> guard(dialog);
    auto *open = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QTest::mouseClick(open, Qt::LeftButton);
    QTRY_VERIFY(guard.isNull() || !guard->isVisible());
    QCOMPARE(panel()->tabWidget()->count(), tabsBefore + 1);
    TerminalPane *pane = panel()->currentPane();
    QVERIFY(waitRunning(pane));
    QTRY_VERIFY2_WITH_TIMEOUT(hasLine(pane, QStringLiteral("hello there 1000:1001 /tmp")),
                              qPrintable(screen(pane)), 20000);
    // Splitting it runs the same command the same way.
    TerminalPane *split = panel()->split(Qt::Vertical);
    QVERIFY(split);
    QTRY_VERIFY2_WITH_TIMEOUT(historyHasLine(split, QStringLiteral("hello there 1000:1001 /tmp")),
                              qPrintable(screen(split)), 30000);
    panel()->closeCurrent();
    panel()->closeCurrent();
    QCOMPARE(panel()->tabWidget()->count(), tabsBefore);
}

void TestTerminalPanel::exitShowsStatusAndEnterStartsAgain()
{
    QVERIFY(selectInstance(QStringLiteral("local"), m_first));
    TerminalPane *pane = nullptr;
    const QList<TerminalPane *> panes = panel()->panes();
    for (TerminalPane *candidate : panes)
        pane = candidate->session() == m_detached ? candidate : pane;
    QVERIFY(pane);
    QVERIFY(!pane->isBannerShown());
    typeLine(pane, QStringLiteral("exit 7"));
    QTRY_VERIFY_WITH_TIMEOUT(pane->isBannerShown(), 20000);
    QVERIFY2(pane->bannerText().contains(QLatin1String("status 7")), qPrintable(pane->bannerText()));
    // The notice reaches the screen with the output before it, in a later turn of the event loop.
    QTRY_VERIFY2(screen(pane).contains(QLatin1String("status 7")), qPrintable(screen(pane)));
    QTRY_COMPARE_WITH_TIMEOUT(loginShells(m_first), 0, 10000);
    // Enter starts it again, in the same terminal.
    QTest::keyClick(pane->view(), Qt::Key_Return);
    QVERIFY(waitRunning(pane));
    QTRY_VERIFY(!pane->isBannerShown());
    typeLine(pane, QStringLiteral("echo again-$((8*8))"));
    QTRY_VERIFY2_WITH_TIMEOUT(hasLine(pane, QStringLiteral("again-64")), qPrintable(screen(pane)), 20000);
    // And so does the banner's button.
    typeLine(pane, QStringLiteral("exit 1"));
    QTRY_VERIFY_WITH_TIMEOUT(pane->isBannerShown(), 20000);
    QTest::mouseClick(pane->bannerButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(pane->session()->isRunning(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(loginShells(m_first), 1, 10000);
}

void TestTerminalPanel::lostConnectionOffersReconnect()
{
    // The first instance again, on a remote whose connections run through the relay.
    QVERIFY(selectInstance(QStringLiteral("relayed"), m_first));
    showTab(panel());
    QTRY_VERIFY(panel()->currentPane() && panel()->currentPane()->title().endsWith(QLatin1String("relayed")));
    TerminalPane *pane = panel()->currentPane();
    QVERIFY(waitRunning(pane));
    typeLine(pane, QStringLiteral("echo relayed-ok"));
    QTRY_VERIFY_WITH_TIMEOUT(hasLine(pane, QStringLiteral("relayed-ok")), 20000);

    m_relay->cutAll();
    QTRY_VERIFY_WITH_TIMEOUT(pane->isBannerShown(), 20000);
    QCOMPARE(pane->session()->state(), TerminalSession::State::Failed);
    QVERIFY2(pane->bannerText().contains(QLatin1String("connection to relayed was lost")),
             qPrintable(pane->bannerText()));
    QCOMPARE(pane->bannerButton()->text(), QStringLiteral("Reconnect"));
    QTest::mouseClick(pane->bannerButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(pane->session()->isRunning(), 30000);
    QTRY_VERIFY(!pane->isBannerShown());
    typeLine(pane, QStringLiteral("echo reconnected-$((9*9))"));
    QTRY_VERIFY2_WITH_TIMEOUT(hasLine(pane, QStringLiteral("reconnected-81")), qPrintable(screen(pane)),
                              20000);
    panel()->closeCurrent();
}

void TestTerminalPanel::consoleTabShowsTheConsole()
{
    QVERIFY(selectInstance(QStringLiteral("local"), m_first));
    TerminalPanel *console = m_window->instanceDetail()->consolePanel();
    QCOMPARE(console->tabWidget()->count(), 0);
    showTab(console);
    QTRY_COMPARE(console->tabWidget()->count(), 1);
    TerminalPane *pane = console->currentPane();
    QVERIFY(pane->session()->isConsole());
    QTRY_VERIFY_WITH_TIMEOUT(pane->session()->isRunning(), 30000);
    QCOMPARE(console->tabWidget()->tabText(0), QStringLiteral("Console of %1 · local").arg(m_first));
    bool seen = false;
    for (int attempt = 0; attempt < 10 && !seen; ++attempt) {
        LxcCommand::run({QStringLiteral("exec"), m_first, QStringLiteral("--"), QStringLiteral("sh"),
                         QStringLiteral("-c"), QStringLiteral("echo berth-console-line > /dev/console")});
        seen = QTest::qWaitFor([&] { return screen(pane).contains(QLatin1String("berth-console-line")); },
                               2000);
    }
    QVERIFY2(seen, qPrintable(screen(pane)));
    // The shells stay in the Terminal tab.
    QCOMPARE(panel()->tabWidget()->count(), 2);
}

QTEST_MAIN(TestTerminalPanel)
#include "tst_terminalpanel.moc"
