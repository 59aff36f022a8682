// terminal_throughput: `seq 1 N` printed through Berth's terminal (an interactive exec on a pty, the
// libvterm emulator and a shown TerminalView painting it), timed from the start of the exec until the
// last number is on the screen and painted; beside `lxc exec <c> -- seq 1 N > /dev/null` in the same
// run, interleaved, several rounds; beside `lxc exec -t` (lxc on a pty of its own, as a terminal
// has it); and the same exec on a pty with its output dropped (no emulator, no view), to tell LXD's pty
// path from Berth's. Prints the medians and their ratio, then one JSON object.
//
//   terminal_throughput [--count 2000000] [--rounds 3] [--instance NAME] [--socket PATH] [--lxd-dir DIR]
//
// Without --instance it launches a busybox container of its own (terminal-bench-…) and deletes it at
// the end. Run it on a display or under the offscreen platform (QT_QPA_PLATFORM=offscreen) or Xvfb.

#include "lxd/Client.h"
#include "lxd/ExecRequest.h"
#include "lxd/InteractiveSession.h"
#include "terminal/TerminalEmulator.h"
#include "terminal/TerminalSession.h"
#include "terminal/TerminalView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>
#include <QUuid>
#include <QWindow>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

using Terminal::TerminalEmulator;
using Terminal::TerminalSession;
using Terminal::TerminalView;

namespace {

struct Options
{
    QString socket;
    QString lxdDir;
    QString instance;
    qint64 count = 2000000;
    int rounds = 3;
};

// Runs a program with the event loop turning; returns its exit code (-1 when it did not run).
int runProgram(const QString &program, const Options &options, const QStringList &arguments,
               bool discardOutput = false, QString *errorOutput = nullptr)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!options.lxdDir.isEmpty())
        environment.insert(QStringLiteral("LXD_DIR"), options.lxdDir);
    process.setProcessEnvironment(environment);
    process.setStandardInputFile(QProcess::nullDevice());
    if (discardOutput)
        process.setStandardOutputFile(QProcess::nullDevice());
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    process.start(program, arguments);
    loop.exec();
    if (errorOutput)
        *errorOutput = QString::fromUtf8(process.readAllStandardError());
    if (process.state() != QProcess::NotRunning)
        process.waitForFinished(-1);
    return process.exitStatus() == QProcess::NormalExit && process.error() != QProcess::FailedToStart
        ? process.exitCode()
        : -1;
}

// Counts the paints of the view, so the last number is known to be drawn, not just in the emulator.
class PaintCounter final : public QObject
{
public:
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

// User and system time of this process so far: the cost of a run whatever else the machine runs.
double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct TerminalRun
{
    double seconds = -1; // until the last number is painted
    double arrivedSeconds = -1; // until the program ended and its output had all arrived
    double cpuSeconds = -1;
    int paints = 0;
    QString error;
};

// The last number is on the screen: on one of the rows just above the cursor, since nothing but
// the notice of the program's end (three lines) follows it. Checked every millisecond, so only
// those rows are read: reading the whole screen each time cost a tenth of the terminal's CPU.
bool screenShows(const TerminalEmulator *emulator, const QString &text)
{
    const int cursorRow = emulator->cursorRow();
    for (int row = cursorRow; row >= 0 && row >= cursorRow - 4; --row) {
        if (emulator->lineText(row) == text)
            return true;
    }
    return false;
}

TerminalRun runTerminal(const Options &options, const Lxd::Client &client, TerminalView *view)
{
    TerminalRun run;
    TerminalSession session;
    session.setExec(
        client, options.instance,
        Lxd::ExecRequest({QStringLiteral("seq"), QStringLiteral("1"), QString::number(options.count)}));
    view->setSession(&session);
    PaintCounter counter;
    view->viewport()->installEventFilter(&counter);
    const QString last = QString::number(options.count);

    QEventLoop loop;
    QElapsedTimer elapsed;
    bool done = false;
    const auto check = [&] {
        if (done || !screenShows(session.emulator(), last))
            return;
        // On the screen: now make sure it is painted.
        view->viewport()->repaint();
        done = true;
        run.seconds = elapsed.nsecsElapsed() / 1e9;
        loop.quit();
    };
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, check);
    QObject::connect(&session, &TerminalSession::failed, &loop, [&](const Lxd::Error &error) {
        run.error = error.userMessage();
        loop.quit();
    });
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&] {
        run.error = QStringLiteral("timed out");
        loop.quit();
    });
    // The program's end: every byte has arrived (the screen may still be catching up).
    QObject::connect(&session, &TerminalSession::finished, &loop,
                     [&] { run.arrivedSeconds = elapsed.nsecsElapsed() / 1e9; });
    const double cpuBefore = cpuSeconds();
    elapsed.start();
    session.start();
    poll.start(1);
    timeout.start(600000);
    loop.exec();
    run.cpuSeconds = cpuSeconds() - cpuBefore;
    run.paints = counter.paints;
    view->viewport()->removeEventFilter(&counter);
    view->setSession(nullptr);
    if (!done && run.error.isEmpty())
        run.error = QStringLiteral("the last line never showed");
    return run;
}

// The same exec on a pty with nothing behind it: what LXD's pty and the websocket cost alone.
double runPtyOnly(const Options &options, const Lxd::Client &client, QString *error)
{
    Lxd::InteractiveSession session(
        client, options.instance,
        Lxd::ExecRequest({QStringLiteral("seq"), QStringLiteral("1"), QString::number(options.count)}));
    qint64 bytes = 0;
    QObject::connect(&session, &Lxd::InteractiveSession::output,
                     [&](const QByteArray &data) { bytes += data.size(); });
    QEventLoop loop;
    QObject::connect(&session, &Lxd::InteractiveSession::finished, &loop, &QEventLoop::quit);
    QObject::connect(&session, &Lxd::InteractiveSession::failed, &loop, [&](const Lxd::Error &failure) {
        *error = failure.userMessage();
        loop.quit();
    });
    QElapsedTimer elapsed;
    elapsed.start();
    session.start(123, 50);
    loop.exec();
    return error->isEmpty() && bytes > 0 ? elapsed.nsecsElapsed() / 1e9 : -1;
}

int runLxc(const Options &options, const QStringList &arguments, bool discardOutput = false,
           QString *errorOutput = nullptr)
{
    return runProgram(QStringLiteral("lxc"), options, arguments, discardOutput, errorOutput);
}

// `lxc exec -t`: the same pty path Berth's terminal takes, with lxc's own output dropped. lxc only
// asks for a pty when its stdout is a terminal, so `script` gives it one.
double runLxcExecPty(const Options &options, QString *error)
{
    QElapsedTimer elapsed;
    elapsed.start();
    const int exitCode = runProgram(
        QStringLiteral("script"), options,
        {QStringLiteral("-qec"),
         QStringLiteral("lxc exec %1 -t -- seq 1 %2").arg(options.instance, QString::number(options.count)),
         QStringLiteral("/dev/null")},
        true, error);
    const double seconds = elapsed.nsecsElapsed() / 1e9;
    return exitCode == 0 ? seconds : -1;
}

double runLxcExec(const Options &options, QString *error)
{
    QElapsedTimer elapsed;
    elapsed.start();
    const int exitCode = runLxc(options,
                                {QStringLiteral("exec"), options.instance, QStringLiteral("--"),
                                 QStringLiteral("seq"), QStringLiteral("1"), QString::number(options.count)},
                                true, error);
    const double seconds = elapsed.nsecsElapsed() / 1e9;
    return exitCode == 0 ? seconds : -1;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    if (n == 0)
        return -1;
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("seq through Berth's terminal beside lxc exec"));
    parser.addHelpOption();
    const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("Numbers to print."),
                                         QStringLiteral("N"), QStringLiteral("2000000"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Rounds."),
                                          QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption instanceOption(QStringLiteral("instance"),
                                            QStringLiteral("A running instance to use (else one is made)."),
                                            QStringLiteral("NAME"));
    const QCommandLineOption socketOption(QStringLiteral("socket"),
                                          QStringLiteral("The daemon's unix socket."), QStringLiteral("PATH"),
                                          QStringLiteral("/var/lib/lxd/unix.socket"));
    const QCommandLineOption dirOption(QStringLiteral("lxd-dir"), QStringLiteral("LXD_DIR for lxc."),
                                       QStringLiteral("DIR"), QStringLiteral("/var/lib/lxd"));
    parser.addOptions({countOption, roundsOption, instanceOption, socketOption, dirOption});
    parser.process(application);

    Options options;
    options.count = parser.value(countOption).toLongLong();
    options.rounds = qMax(1, parser.value(roundsOption).toInt());
    options.instance = parser.value(instanceOption);
    options.socket = parser.value(socketOption);
    options.lxdDir = parser.value(dirOption);
    if (options.count < 1) {
        std::fprintf(stderr, "--count must be a positive number\n");
        return 2;
    }

    bool made = false;
    if (options.instance.isEmpty()) {
        options.instance
            = QStringLiteral("terminal-bench-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        QString error;
        if (runLxc(options, {QStringLiteral("launch"), QStringLiteral("busybox"), options.instance}, false,
                   &error)
            != 0) {
            std::fprintf(stderr, "could not launch %s: %s\n", qPrintable(options.instance),
                         qPrintable(error));
            return 1;
        }
        made = true;
    }

    const Lxd::Client client = Lxd::Client::overUnixSocket(options.socket);
    TerminalView view;
    view.resize(1000, 700);
    view.show();
    {
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (view.windowHandle() && view.windowHandle()->isExposed())
                loop.quit();
        });
        poll.start(10);
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        loop.exec();
    }

    QList<double> terminalSeconds;
    QList<double> lxcSeconds;
    QList<double> ptySeconds;
    QList<double> lxcPtySeconds;
    QList<double> arrivedSeconds;
    QList<double> cpu;
    QJsonArray rounds;
    int status = 0;
    for (int round = 0; round < options.rounds && status == 0; ++round) {
        // Alternate which goes first, so neither always meets a warmer daemon.
        QString lxcError;
        QString ptyError;
        double lxc = -1;
        if (round % 2)
            lxc = runLxcExec(options, &lxcError);
        const TerminalRun terminal = runTerminal(options, client, &view);
        const double pty = runPtyOnly(options, client, &ptyError);
        const double lxcPty = runLxcExecPty(options, &ptyError);
        if (round % 2 == 0)
            lxc = runLxcExec(options, &lxcError);
        if (!terminal.error.isEmpty() || lxc < 0 || pty < 0 || lxcPty < 0) {
            std::fprintf(stderr, "round %d failed: %s %s %s\n", round + 1, qPrintable(terminal.error),
                         qPrintable(lxcError), qPrintable(ptyError));
            status = 1;
            break;
        }
        terminalSeconds.append(terminal.seconds);
        lxcSeconds.append(lxc);
        ptySeconds.append(pty);
        lxcPtySeconds.append(lxcPty);
        arrivedSeconds.append(terminal.arrivedSeconds);
        cpu.append(terminal.cpuSeconds);
        std::printf("round %d: terminal %.2f s (all arrived at %.2f s, %.2f s of CPU, %d paints), "
                    "pty exec alone %.2f s, lxc exec -t %.2f s, lxc exec %.2f s\n",
                    round + 1, terminal.seconds, terminal.arrivedSeconds, terminal.cpuSeconds,
                    terminal.paints, pty, lxcPty, lxc);
        std::fflush(stdout);
        rounds.append(QJsonObject {{QStringLiteral("terminal_s"), terminal.seconds},
                                   {QStringLiteral("arrived_s"), terminal.arrivedSeconds},
                                   {QStringLiteral("cpu_s"), terminal.cpuSeconds},
                                   {QStringLiteral("paints"), terminal.paints},
                                   {QStringLiteral("pty_exec_s"), pty},
                                   {QStringLiteral("lxc_exec_pty_s"), lxcPty},
                                   {QStringLiteral("lxc_exec_s"), lxc}});
    }

    if (made)
        runLxc(options, {QStringLiteral("delete"), QStringLiteral("--force"), options.instance});
    if (status != 0)
        return status;

    const double terminal = median(terminalSeconds);
    const double lxc = median(lxcSeconds);
    const double pty = median(ptySeconds);
    const double lxcPty = median(lxcPtySeconds);
    const double arrived = median(arrivedSeconds);
    const double cpuMedian = median(cpu);
    // `seq 1 N` prints the digits of every number and a newline each.
    qint64 bytes = 0;
    for (qint64 power = 1, digits = 1; power <= options.count; power *= 10, ++digits)
        bytes += (qMin(options.count, power * 10 - 1) - power + 1) * (digits + 1);
    std::printf("\nseq 1 %lld (%.1f MiB), %s, %d x %d cells, median of %d rounds:\n",
                static_cast<long long>(options.count), bytes / 1048576.0,
                qPrintable(QGuiApplication::platformName()), view.columns(), view.rows(), options.rounds);
    std::printf("  Berth terminal (pty, emulator, painting)  %7.2f s  %6.1f MiB/s\n", terminal,
                bytes / 1048576.0 / terminal);
    std::printf("    of which: output all arrived at         %7.2f s; CPU time of the terminal %.2f s\n",
                arrived, cpuMedian);
    std::printf("  the same pty exec, output dropped         %7.2f s  %6.1f MiB/s\n", pty,
                bytes / 1048576.0 / pty);
    std::printf("  lxc exec -t (a pty, as a terminal has)    %7.2f s  %6.1f MiB/s\n", lxcPty,
                bytes / 1048576.0 / lxcPty);
    std::printf("  lxc exec ... > /dev/null                  %7.2f s  %6.1f MiB/s\n", lxc,
                bytes / 1048576.0 / lxc);
    std::printf("  ratio terminal / lxc exec                 %7.2f\n", terminal / lxc);
    std::printf("  ratio terminal / lxc exec -t              %7.2f\n\n", terminal / lxcPty);
    const QJsonObject result {
        {QStringLiteral("count"), options.count},
        {QStringLiteral("bytes"), bytes},
        {QStringLiteral("platform"), QGuiApplication::platformName()},
        {QStringLiteral("columns"), view.columns()},
        {QStringLiteral("rows"), view.rows()},
        {QStringLiteral("terminal_median_s"), terminal},
        {QStringLiteral("lxc_exec_median_s"), lxc},
        {QStringLiteral("pty_exec_median_s"), pty},
        {QStringLiteral("lxc_exec_pty_median_s"), lxcPty},
        {QStringLiteral("ratio_to_lxc_exec_pty"), terminal / lxcPty},
        {QStringLiteral("terminal_arrived_median_s"), arrived},
        {QStringLiteral("terminal_cpu_median_s"), cpuMedian},
        {QStringLiteral("ratio"), terminal / lxc},
        {QStringLiteral("rounds"), rounds},
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
