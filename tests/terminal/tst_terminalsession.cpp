#include "LxcCommand.h"
#include "Testbed.h"
#include "lxd/Client.h"
#include "terminal/TerminalEmulator.h"
#include "terminal/TerminalSession.h"
#include "terminal/TerminalView.h"

#include <QApplication>
#include <QClipboard>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using Terminal::TerminalEmulator;
using Terminal::TerminalSession;
using Terminal::TerminalView;

// The terminal end to end, as a user drives it: a TerminalView on a TerminalSession running the
// login shell of a real busybox container (offscreen platform). Keys and mouse go through the view;
// what is checked is the text on the emulator's screen and the processes in the container.
class TestTerminalSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void loginShellIsFound();
    void arithmeticIsAnswered();
    void resizeReachesTheProgram();
    void viShowsItsScreenAndQuits();
    void controlCStopsSleep();
    void copiedTextPastesBack();
    void floodArrivesWholeAndInOrder();
    void exitShowsStatusAndEnterRestarts();
    void consoleShowsWhatTheInstanceWrites();

private:
    // Types text and Enter through the view, as keys.
    void type(const QString &text);
    void typeLine(const QString &line);
    bool screenHasLine(const QString &line) const;
    int screenRowOf(const QString &line) const;
    QString screen() const;
    QString processesMatching(const QString &needle) const;

    Lxd::Client m_client;
    QString m_instance;
    TerminalSession *m_session = nullptr;
    TerminalView *m_view = nullptr;
};

void TestTerminalSession::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    m_client = Lxd::Client::overUnixSocket(Testbed::socketPath());
    m_instance = QStringLiteral("terminal-session-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    const LxcResult launched = LxcCommand::run({QStringLiteral("launch"), Testbed::imageAlias(), m_instance});
    QVERIFY2(launched.ok(), qPrintable(launched.errorOutput));
}

void TestTerminalSession::cleanupTestCase()
{
    if (!m_instance.isEmpty())
        LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), m_instance});
}

void TestTerminalSession::init()
{
    m_session = new TerminalSession;
    m_session->setExec(m_client, m_instance);
    m_view = new TerminalView;
    m_view->setSession(m_session);
    m_view->resize(900, 500);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    m_view->setFocus();

    QSignalSpy started(m_session, &TerminalSession::started);
    m_session->start();
    QVERIFY2(started.wait(30000), qPrintable(m_session->error().userMessage()));
    // The shell's prompt.
    QTRY_VERIFY_WITH_TIMEOUT(!screen().trimmed().isEmpty(), 20000);
}

void TestTerminalSession::cleanup()
{
    delete m_view;
    m_view = nullptr;
    delete m_session;
    m_session = nullptr;
}

void TestTerminalSession::type(const QString &text)
{
    QTest::keyClicks(m_view, text);
}

void TestTerminalSession::typeLine(const QString &line)
{
    type(line);
    QTest::keyClick(m_view, Qt::Key_Return);
}

QString TestTerminalSession::screen() const
{
    return m_session->emulator()->screenText();
}

bool TestTerminalSession::screenHasLine(const QString &line) const
{
    return screenRowOf(line) >= 0;
}

int TestTerminalSession::screenRowOf(const QString &line) const
{
    const TerminalEmulator *emulator = m_session->emulator();
    for (int row = emulator->rows() - 1; row >= 0; --row) {
        if (emulator->lineText(row).trimmed() == line)
            return row;
    }
    return -1;
}

QString TestTerminalSession::processesMatching(const QString &needle) const
{
    const LxcResult ps
        = LxcCommand::run({QStringLiteral("exec"), m_instance, QStringLiteral("--"), QStringLiteral("ps"),
                           QStringLiteral("-o"), QStringLiteral("args")});
    QStringList matching;
    const QStringList lines = ps.output.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.trimmed() == needle)
            matching.append(line.trimmed());
    }
    return matching.join(QLatin1Char('\n'));
}

void TestTerminalSession::loginShellIsFound()
{
    // busybox has no bash; root's login shell in its /etc/passwd is /bin/sh.
    const LxcResult bash
        = LxcCommand::run({QStringLiteral("exec"), m_instance, QStringLiteral("--"), QStringLiteral("test"),
                           QStringLiteral("-e"), QStringLiteral("/bin/bash")});
    QCOMPARE(bash.exitCode, 1);
    QCOMPARE(m_session->command(), QStringList({QStringLiteral("/bin/sh"), QStringLiteral("-l")}));
    QCOMPARE(m_session->state(), TerminalSession::State::Running);
    // The emulator has the view's size.
    QCOMPARE(m_session->emulator()->rows(), m_view->rows());
    QCOMPARE(m_session->emulator()->columns(), m_view->columns());
}

void TestTerminalSession::arithmeticIsAnswered()
{
    typeLine(QStringLiteral("echo $((6*7))"));
    QTRY_VERIFY2_WITH_TIMEOUT(screenHasLine(QStringLiteral("42")), qPrintable(screen()), 20000);
    // What was typed is echoed by the shell, as typed.
    QVERIFY2(screen().contains(QLatin1String("echo $((6*7))")), qPrintable(screen()));
}

void TestTerminalSession::resizeReachesTheProgram()
{
    const QSize cell = m_view->cellSize();
    m_view->resize(m_view->width() + 13 * cell.width(), m_view->height() + 4 * cell.height());
    QTRY_COMPARE(m_session->emulator()->columns(), m_view->columns());
    const QString expected = QStringLiteral("%1 %2").arg(m_view->rows()).arg(m_view->columns());
    // The new size travels on the control stream, the command on the data stream: ask until the
    // answer is the new size.
    bool seen = false;
    for (int attempt = 0; attempt < 10 && !seen; ++attempt) {
        typeLine(QStringLiteral("stty size"));
        seen = QTest::qWaitFor([&] { return screenHasLine(expected); }, 2000);
    }
    QVERIFY2(seen, qPrintable(QStringLiteral("expected \"%1\" on:\n%2").arg(expected, screen())));
}

void TestTerminalSession::viShowsItsScreenAndQuits()
{
    typeLine(QStringLiteral("echo before-vi"));
    QTRY_VERIFY_WITH_TIMEOUT(screenHasLine(QStringLiteral("before-vi")), 20000);
    TerminalEmulator *emulator = m_session->emulator();
    typeLine(QStringLiteral("vi /tmp/berth-vi-test"));
    QTRY_VERIFY_WITH_TIMEOUT(emulator->isAlternateScreen(), 20000);
    // A full screen: empty-buffer lines marked with `~` down to the status line.
    const auto tildeRows = [emulator] {
        int count = 0;
        for (int row = 0; row < emulator->rows(); ++row)
            count += emulator->lineText(row) == QLatin1String("~") ? 1 : 0;
        return count;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(tildeRows() >= emulator->rows() - 3, qPrintable(screen()), 20000);
    QVERIFY(!screenHasLine(QStringLiteral("before-vi")));

    // vi starts in command mode: quit without saving.
    typeLine(QStringLiteral(":q!"));
    QTRY_VERIFY2_WITH_TIMEOUT(!emulator->isAlternateScreen(), qPrintable(screen()), 20000);
    // The shell's screen is back as it was, and the shell answers.
    QVERIFY2(screenHasLine(QStringLiteral("before-vi")), qPrintable(screen()));
    typeLine(QStringLiteral("echo after-vi"));
    QTRY_VERIFY_WITH_TIMEOUT(screenHasLine(QStringLiteral("after-vi")), 20000);
}

void TestTerminalSession::controlCStopsSleep()
{
    typeLine(QStringLiteral("sleep 100"));
    QTRY_VERIFY_WITH_TIMEOUT(!processesMatching(QStringLiteral("sleep 100")).isEmpty(), 20000);
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(processesMatching(QStringLiteral("sleep 100")).isEmpty(), 10000);
    // The prompt is back: the shell runs the next command.
    typeLine(QStringLiteral("echo interrupted-ok"));
    QTRY_VERIFY2_WITH_TIMEOUT(screenHasLine(QStringLiteral("interrupted-ok")), qPrintable(screen()), 10000);
}

void TestTerminalSession::copiedTextPastesBack()
{
    typeLine(QStringLiteral("echo ABC-$((1+1))"));
    QTRY_VERIFY_WITH_TIMEOUT(screenHasLine(QStringLiteral("ABC-2")), 20000);
    const int row = screenRowOf(QStringLiteral("ABC-2"));
    QCOMPARE(m_view->scrollOffset(), 0);

    // Select the word with a double-click, copy it with Ctrl+Shift+C.
    const QSize cell = m_view->cellSize();
    const QPoint point = m_view->cellTopLeft(row, 2) + QPoint(cell.width() / 2, cell.height() / 2);
    QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {}, point);
    QCOMPARE(m_view->selectedText(), QStringLiteral("ABC-2"));
    QApplication::clipboard()->clear();
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("ABC-2"));

    // Paste it back into a command line with Ctrl+Shift+V.
    type(QStringLiteral("echo X"));
    QTest::keyClick(m_view, Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
    typeLine(QStringLiteral("Y"));
    QTRY_VERIFY2_WITH_TIMEOUT(screenHasLine(QStringLiteral("XABC-2Y")), qPrintable(screen()), 20000);
}

void TestTerminalSession::floodArrivesWholeAndInOrder()
{
    // About 1 MiB, fed to the emulator in slices across event-loop turns: nothing lost or reordered.
    TerminalEmulator *emulator = m_session->emulator();
    typeLine(QStringLiteral("seq 1 150000; echo flood-done"));
    QTRY_VERIFY2_WITH_TIMEOUT(screenHasLine(QStringLiteral("flood-done")), qPrintable(screen()), 50000);
    const int row = screenRowOf(QStringLiteral("flood-done"));
    QCOMPARE(emulator->lineText(row - 1), QStringLiteral("150000"));
    QCOMPARE(m_session->pendingOutput(), 0);
    // The scrollback holds the numbers before the screen's, consecutive.
    const int last = emulator->scrollbackLines() - 1;
    QVERIFY(last > 1000);
    bool ok = false;
    const int newest = emulator->scrollbackLineText(last).toInt(&ok);
    QVERIFY2(ok, qPrintable(emulator->scrollbackLineText(last)));
    for (int i = 1; i < 1000; ++i)
        QCOMPARE(emulator->scrollbackLineText(last - i).toInt(), newest - i);
}

void TestTerminalSession::exitShowsStatusAndEnterRestarts()
{
    // A full-screen program that ran before must not move the notice up over older lines.
    TerminalEmulator *emulator = m_session->emulator();
    typeLine(QStringLiteral("vi"));
    QTRY_VERIFY_WITH_TIMEOUT(emulator->isAlternateScreen(), 20000);
    typeLine(QStringLiteral(":q!"));
    QTRY_VERIFY_WITH_TIMEOUT(!emulator->isAlternateScreen(), 20000);
    typeLine(QStringLiteral("echo before-exit"));
    QTRY_VERIFY_WITH_TIMEOUT(screenHasLine(QStringLiteral("before-exit")), 20000);

    QSignalSpy finished(m_session, &TerminalSession::finished);
    typeLine(QStringLiteral("exit 3"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(m_session->exitCode(), 3);
    QCOMPARE(m_session->state(), TerminalSession::State::Finished);
    const QString notice
        = QStringLiteral("[The process exited with status 3. Press Enter to start it again.]");
    QTRY_VERIFY2(screenHasLine(notice), qPrintable(screen()));
    QVERIFY2(screenRowOf(notice) > screenRowOf(QStringLiteral("before-exit")), qPrintable(screen()));

    // Other keys do nothing now; Enter starts the shell again in the same terminal.
    type(QStringLiteral("x"));
    QSignalSpy started(m_session, &TerminalSession::started);
    QTest::keyClick(m_view, Qt::Key_Return);
    QVERIFY(started.wait(30000));
    typeLine(QStringLiteral("echo restarted-ok"));
    QTRY_VERIFY2_WITH_TIMEOUT(screenHasLine(QStringLiteral("restarted-ok")), qPrintable(screen()), 20000);
    QVERIFY(screen().contains(QLatin1String("status 3")));
}

void TestTerminalSession::consoleShowsWhatTheInstanceWrites()
{
    TerminalSession console;
    console.setConsole(m_client, m_instance);
    TerminalView view;
    view.setSession(&console);
    view.resize(700, 400);
    view.show();
    QSignalSpy started(&console, &TerminalSession::started);
    console.start();
    QVERIFY2(started.wait(30000), qPrintable(console.error().userMessage()));
    bool seen = false;
    for (int attempt = 0; attempt < 10 && !seen; ++attempt) {
        LxcCommand::run({QStringLiteral("exec"), m_instance, QStringLiteral("--"), QStringLiteral("sh"),
                         QStringLiteral("-c"), QStringLiteral("echo berth-console-line > /dev/console")});
        seen = QTest::qWaitFor(
            [&] { return console.emulator()->screenText().contains(QLatin1String("berth-console-line")); },
            2000);
    }
    QVERIFY2(seen, qPrintable(console.emulator()->screenText()));
    console.close();
    QCOMPARE(console.state(), TerminalSession::State::Finished);
}

QTEST_MAIN(TestTerminalSession)
#include "tst_terminalsession.moc"
