#include "JobWaiter.h"
#include "LxcCommand.h"
#include "TestClients.h"
#include "Testbed.h"
#include "lxd/Client.h"
#include "lxd/ExecJob.h"
#include "lxd/ExecProtocol.h"
#include "lxd/InteractiveSession.h"
#include "lxd/LoginShellJob.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using Lxd::Client;
using Lxd::Error;
using Lxd::ExecJob;
using Lxd::ExecProtocol;
using Lxd::ExecRequest;
using Lxd::InteractiveSession;
using Lxd::LoginShellJob;

// Exec and the terminal sessions against the real daemon, in a busybox container of our own.
class TestExec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void exitCodeAndStreams_data() { addTransports(); }
    void exitCodeAndStreams();
    void discardedOutputStillGivesExitCode();
    void standardInputFromBytes_data() { addTransports(); }
    void standardInputFromBytes();
    void standardInputFromFile();
    void standardInputFromPipe();
    void noStandardInputReadsEndOfFile();
    void environmentWorkingDirectoryUserGroup();
    void largeOutputWithBoundedMemory_data();
    void largeOutputWithBoundedMemory();
    void signalReachesCommand();
    void cancelKillsCommand();
    void missingCommandIsAnOperationError();
    void missingInstanceIsNotFound();
    void loginShellIsFound_data();
    void loginShellIsFound();
    void interactiveExec_data() { addTransports(); }
    void interactiveExec();
    void interactiveSignalAndClose();
    void console();

private:
    void addTransports();
    Client clientFor(const QString &transport) const { return m_clients.client(transport); }
    // Processes in the container whose command line contains `needle`.
    QString processesMatching(const QString &needle) const;

    TestClients m_clients;
    QString m_instance;
};

namespace {

struct ExecResult
{
    bool finished = false;
    Error error;
    int exitCode = -1;
    QByteArray output;
    QByteArray errorOutput;
    QByteArray streamedOutput;
    QByteArray streamedError;
};

ExecResult run(const Client &client, const QString &instance, const ExecRequest &request,
               int timeoutMs = 60000)
{
    ExecResult result;
    ExecJob *job = ExecJob::execute(client, instance, request);
    QObject::connect(job, &ExecJob::standardOutput, job,
                     [&result](const QByteArray &data) { result.streamedOutput += data; });
    QObject::connect(job, &ExecJob::standardError, job,
                     [&result](const QByteArray &data) { result.streamedError += data; });
    result.finished = waitAndRead(
        job,
        [&result](ExecJob *done) {
            result.error = done->error();
            result.exitCode = done->exitCode();
            result.output = done->output();
            result.errorOutput = done->errorOutput();
        },
        timeoutMs);
    return result;
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(42);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char(generator.bounded(256));
    return data;
}

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

void TestExec::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    QString why;
    QVERIFY2(m_clients.setUp(&why), qPrintable(why));
    m_instance = QStringLiteral("berth-exec-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    const LxcResult launched = LxcCommand::run({QStringLiteral("launch"), Testbed::imageAlias(), m_instance});
    QVERIFY2(launched.ok(), qPrintable(launched.errorOutput));
}

void TestExec::cleanupTestCase()
{
    if (!m_instance.isEmpty())
        LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), m_instance});
    m_clients.tearDown();
}

void TestExec::addTransports()
{
    QTest::addColumn<QString>("transport");
    for (const QString &name : TestClients::transportNames())
        QTest::newRow(qPrintable(name)) << name;
}

QString TestExec::processesMatching(const QString &needle) const
{
    const LxcResult ps
        = LxcCommand::run({QStringLiteral("exec"), m_instance, QStringLiteral("--"), QStringLiteral("ps"),
                           QStringLiteral("-o"), QStringLiteral("args")});
    QStringList matching;
    const QStringList lines = ps.output.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.contains(needle) && !line.contains(QLatin1String("ps -o")))
            matching.append(line.trimmed());
    }
    return matching.join(QLatin1Char('\n'));
}

void TestExec::exitCodeAndStreams()
{
    QFETCH(QString, transport);
    const ExecRequest request(
        {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo out; echo err >&2; exit 3")});
    const ExecResult result = run(clientFor(transport), m_instance, request);
    QVERIFY(result.finished);
    QVERIFY2(!result.error, qPrintable(result.error.userMessage()));
    QCOMPARE(result.exitCode, 3);
    QCOMPARE(result.output, QByteArrayLiteral("out\n"));
    QCOMPARE(result.errorOutput, QByteArrayLiteral("err\n"));
    // What was kept is exactly what was streamed.
    QCOMPARE(result.streamedOutput, result.output);
    QCOMPARE(result.streamedError, result.errorOutput);
}

void TestExec::discardedOutputStillGivesExitCode()
{
    // The command runs (it leaves a file) and its exit status comes back, with no streams opened.
    const QString marker
        = QStringLiteral("/tmp/discarded-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    ExecRequest request({QStringLiteral("sh"), QStringLiteral("-c"),
                         QStringLiteral("echo out; echo err >&2; touch %1; exit 4").arg(marker)});
    request.setDiscardOutput(true);
    QCOMPARE(request.toJson().value(QLatin1String("wait-for-websocket")).toBool(), false);
    const ExecResult result = run(clientFor(QStringLiteral("unix")), m_instance, request);
    QVERIFY(result.finished);
    QVERIFY2(!result.error, qPrintable(result.error.userMessage()));
    QCOMPARE(result.exitCode, 4);
    QVERIFY(result.output.isEmpty());
    QVERIFY(result.streamedOutput.isEmpty());
    const ExecResult check = run(clientFor(QStringLiteral("unix")), m_instance,
                                 ExecRequest({QStringLiteral("test"), QStringLiteral("-f"), marker}));
    QCOMPARE(check.exitCode, 0);

    // Input cannot reach a command without streams: refused with a clear error.
    request.setStandardInput(QByteArrayLiteral("data"));
    const ExecResult refused = run(clientFor(QStringLiteral("unix")), m_instance, request);
    QVERIFY(refused.finished);
    QVERIFY(refused.error);
    QVERIFY2(refused.error.detail().contains(QLatin1String("cannot be given input")),
             qPrintable(refused.error.detail()));
}

void TestExec::standardInputFromBytes()
{
    QFETCH(QString, transport);
    // Every byte value, and more than one flow-control window of them.
    const QByteArray input = randomBytes(700 * 1024);
    ExecRequest request({QStringLiteral("cat")});
    request.setStandardInput(input);
    const ExecResult result = run(clientFor(transport), m_instance, request);
    QVERIFY(result.finished);
    QVERIFY2(!result.error, qPrintable(result.error.userMessage()));
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.output.size(), input.size());
    QVERIFY(result.output == input);
}

void TestExec::standardInputFromFile()
{
    const QByteArray input = randomBytes(3 * 1024 * 1024 + 17);
    QBuffer buffer;
    buffer.setData(input);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    ExecRequest request({QStringLiteral("md5sum")});
    request.setStandardInputDevice(&buffer);
    const ExecResult result = run(clientFor(QStringLiteral("unix")), m_instance, request);
    QVERIFY(result.finished);
    QVERIFY2(!result.error, qPrintable(result.error.userMessage()));
    QCOMPARE(result.exitCode, 0);
    const QByteArray expected = QCryptographicHash::hash(input, QCryptographicHash::Md5).toHex();
    QCOMPARE(result.output.left(32), expected);
}

void TestExec::standardInputFromPipe()
{
    // A sequential device that gives its data over time and then ends: a host process's output.
    QProcess producer;
    producer.start(QStringLiteral("sh"),
                   {QStringLiteral("-c"), QStringLiteral("seq 1 20000; sleep 1; seq 1 5")});
    QVERIFY(producer.waitForStarted());
    QByteArray expected;
    for (int i = 1; i <= 20000; ++i)
        expected += QByteArray::number(i) + '\n';
    for (int i = 1; i <= 5; ++i)
        expected += QByteArray::number(i) + '\n';

    ExecRequest request({QStringLiteral("cat")});
    request.setStandardInputDevice(&producer);
    const ExecResult result = run(clientFor(QStringLiteral("https-token")), m_instance, request);
    QVERIFY(result.finished);
    QVERIFY2(!result.error, qPrintable(result.error.userMessage()));
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.output, expected);
    producer.waitForFinished();
}

void TestExec::noStandardInputReadsEndOfFile()
{
    // `cat` with nothing to read must see end-of-file and exit rather than wait forever.
    const ExecResult result
        = run(clientFor(QStringLiteral("unix")), m_instance, ExecRequest({QStringLiteral("cat")}));
    QVERIFY(result.finished);
    QVERIFY2(!result.error, qPrintable(result.error.userMessage()));
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.output, QByteArray());
}

void TestExec::environmentWorkingDirectoryUserGroup()
{
    ExecRequest request({QStringLiteral("sh"), QStringLiteral("-c"),
                         QStringLiteral("echo \"$GREETING\"; pwd; id -u; id -g")});
    request.setEnvironmentVariable(QStringLiteral("GREETING"), QStringLiteral("hello from berth"));
    request.setWorkingDirectory(QStringLiteral("/tmp"));
    request.setUser(65534);
    request.setGroup(65534);
    const ExecResult result = run(clientFor(QStringLiteral("unix")), m_instance, request);
    QVERIFY(result.finished);
    QVERIFY2(!result.error, qPrintable(result.error.userMessage()));
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.output, QByteArrayLiteral("hello from berth\n/tmp\n65534\n65534\n"));
}

void TestExec::largeOutputWithBoundedMemory_data()
{
    QTest::addColumn<QString>("transport");
    QTest::newRow("unix") << QStringLiteral("unix");
    QTest::newRow("https") << QStringLiteral("https-token");
}

void TestExec::largeOutputWithBoundedMemory()
{
    QFETCH(QString, transport);
    constexpr qint64 Size = 20971520;
    ExecRequest request(
        {QStringLiteral("head"), QStringLiteral("-c"), QString::number(Size), QStringLiteral("/dev/zero")});
    request.setAccumulateOutput(false);

    const qint64 baseline = residentKiB();
    qint64 peak = baseline;
    qint64 received = 0;
    bool allZero = true;
    int chunks = 0;
    ExecJob *job = ExecJob::execute(clientFor(transport), m_instance, request);
    connect(job, &ExecJob::standardOutput, job, [&](const QByteArray &data) {
        received += data.size();
        ++chunks;
        allZero = allZero && data.count('\0') == data.size();
        if (chunks % 16 == 0)
            peak = qMax(peak, residentKiB());
    });
    int exitCode = -1;
    QByteArray kept;
    Error error;
    QVERIFY(waitAndRead(job, [&](ExecJob *done) {
        error = done->error();
        exitCode = done->exitCode();
        kept = done->output();
    }));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(exitCode, 0);
    QCOMPARE(received, Size);
    QVERIFY(allZero);
    QVERIFY2(chunks > 10, "the output came as a stream, not in one piece");
    QVERIFY(kept.isEmpty());
    // Had the 20 MiB been kept (or buffered whole anywhere), the process would have grown by more.
    QVERIFY2(peak - baseline < 12 * 1024,
             qPrintable(QStringLiteral("resident memory grew by %1 KiB").arg(peak - baseline)));
}

void TestExec::signalReachesCommand()
{
    ExecJob *job
        = ExecJob::execute(clientFor(QStringLiteral("unix")), m_instance,
                           ExecRequest({QStringLiteral("sh"), QStringLiteral("-c"),
                                        QStringLiteral("trap 'echo got TERM; exit 7' TERM; echo ready; "
                                                       "while true; do sleep 1; done")}));
    QByteArray output;
    connect(job, &ExecJob::standardOutput, job, [&](const QByteArray &data) {
        output += data;
        if (data.contains("ready"))
            job->sendSignal(ExecProtocol::SignalTerminate);
    });
    int exitCode = -1;
    Error error;
    QVERIFY(waitAndRead(job, [&](ExecJob *done) {
        error = done->error();
        exitCode = done->exitCode();
    }));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(output, QByteArrayLiteral("ready\ngot TERM\n"));
    QCOMPARE(exitCode, 7);
}

void TestExec::cancelKillsCommand()
{
    const QString marker = QStringLiteral("sleep 312");
    ExecJob *job = ExecJob::execute(clientFor(QStringLiteral("unix")), m_instance,
                                    ExecRequest({QStringLiteral("sleep"), QStringLiteral("312")}));
    QSignalSpy started(job, &ExecJob::started);
    QVERIFY(started.wait(30000));
    QTRY_VERIFY_WITH_TIMEOUT(!processesMatching(marker).isEmpty(), 20000);

    Error error;
    QElapsedTimer timer;
    timer.start();
    job->cancel();
    QVERIFY(JobWaiter::wait(job, &error, 5000));
    QVERIFY(timer.elapsed() < 5000);
    QVERIFY(error.isCancelled());
    QTRY_VERIFY_WITH_TIMEOUT(processesMatching(marker).isEmpty(), 20000);
}

void TestExec::missingCommandIsAnOperationError()
{
    // LXD fails the operation itself ("Command not found"); `lxc exec` turns that into status 127.
    const ExecResult result = run(clientFor(QStringLiteral("unix")), m_instance,
                                  ExecRequest({QStringLiteral("/no/such/command")}));
    QVERIFY(result.finished);
    QCOMPARE(result.error.kind(), Error::Kind::Operation);
    QVERIFY2(result.error.serverMessage().contains(QLatin1String("not found"), Qt::CaseInsensitive),
             qPrintable(result.error.serverMessage()));
    QCOMPARE(result.exitCode, -1);
}

void TestExec::missingInstanceIsNotFound()
{
    const ExecResult result = run(clientFor(QStringLiteral("unix")), QStringLiteral("berth-no-such-instance"),
                                  ExecRequest({QStringLiteral("true")}));
    QVERIFY(result.finished);
    QCOMPARE(result.error.kind(), Error::Kind::Api);
    QVERIFY(result.error.isNotFound());
}

void TestExec::loginShellIsFound_data()
{
    QTest::addColumn<quint32>("uid");
    // root's passwd entry names /bin/sh; nobody's names /bin/false, which is no shell to open.
    QTest::newRow("root") << quint32(0);
    QTest::newRow("nobody") << quint32(65534);
    QTest::newRow("no passwd entry") << quint32(4242);
}

void TestExec::loginShellIsFound()
{
    QFETCH(quint32, uid);
    LoginShellJob *job = LoginShellJob::find(clientFor(QStringLiteral("unix")), m_instance, uid);
    QString shell;
    QStringList command;
    Error error;
    QVERIFY(waitAndRead(job, [&](LoginShellJob *done) {
        error = done->error();
        shell = done->shell();
        command = done->command();
    }));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    // busybox has no bash: the shell found is /bin/sh, run as a login shell.
    QCOMPARE(shell, QStringLiteral("/bin/sh"));
    QCOMPARE(command, QStringList({QStringLiteral("/bin/sh"), QStringLiteral("-l")}));

    // The same probe finds bash once there is one.
    const QString bashInstance = m_instance;
    QVERIFY(
        LxcCommand::run({QStringLiteral("exec"), bashInstance, QStringLiteral("--"), QStringLiteral("ln"),
                         QStringLiteral("-sf"), QStringLiteral("/bin/busybox"), QStringLiteral("/bin/bash")})
            .ok());
    job = LoginShellJob::find(clientFor(QStringLiteral("unix")), m_instance, uid);
    QVERIFY(waitAndRead(job, [&](LoginShellJob *done) {
        error = done->error();
        shell = done->shell();
    }));
    LxcCommand::run({QStringLiteral("exec"), bashInstance, QStringLiteral("--"), QStringLiteral("rm"),
                     QStringLiteral("/bin/bash")});
    QVERIFY2(!error, qPrintable(error.userMessage()));
    // root's own login shell still wins over bash; the others get bash.
    QCOMPARE(shell, uid == 0 ? QStringLiteral("/bin/sh") : QStringLiteral("/bin/bash"));
}

void TestExec::interactiveExec()
{
    QFETCH(QString, transport);
    ExecRequest request({QStringLiteral("/bin/sh")});
    request.setEnvironmentVariable(QStringLiteral("PS1"), QStringLiteral("$ "));
    InteractiveSession session(clientFor(transport), m_instance, request);
    QByteArray screen;
    connect(&session, &InteractiveSession::output, this, [&](const QByteArray &bytes) { screen += bytes; });
    QSignalSpy started(&session, &InteractiveSession::started);
    QSignalSpy finished(&session, &InteractiveSession::finished);
    QSignalSpy failed(&session, &InteractiveSession::failed);
    session.start(100, 30);
    QVERIFY(started.wait(30000));
    QCOMPARE(session.state(), InteractiveSession::State::Running);

    // The pty has the size asked for at start, then the size sent by resize().
    session.sendInput("stty size\r");
    QTRY_VERIFY_WITH_TIMEOUT(screen.contains("30 100\r\n"), 20000);
    session.resize(120, 40);
    session.sendInput("stty size\r");
    QTRY_VERIFY_WITH_TIMEOUT(screen.contains("40 120\r\n"), 20000);
    // A terminal: a program sees a tty on its input.
    session.sendInput("[ -t 0 ] && echo is-a-tty\r");
    QTRY_VERIFY_WITH_TIMEOUT(screen.contains("is-a-tty\r\n"), 20000);

    session.sendInput("exit 5\r");
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(finished.at(0).at(0).toInt(), 5);
    QCOMPARE(session.exitCode(), 5);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(session.state(), InteractiveSession::State::Closed);
}

void TestExec::interactiveSignalAndClose()
{
    const Client client = clientFor(QStringLiteral("unix"));
    {
        // A signal over the control stream ends the command; its status says so (128 + SIGTERM).
        InteractiveSession session(client, m_instance,
                                   ExecRequest({QStringLiteral("sleep"), QStringLiteral("313")}));
        QSignalSpy started(&session, &InteractiveSession::started);
        QSignalSpy finished(&session, &InteractiveSession::finished);
        session.start(80, 24);
        QVERIFY(started.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(!processesMatching(QStringLiteral("sleep 313")).isEmpty(), 20000);
        session.sendSignal(ExecProtocol::SignalTerminate);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.at(0).at(0).toInt(), 128 + ExecProtocol::SignalTerminate);
        QTRY_VERIFY_WITH_TIMEOUT(processesMatching(QStringLiteral("sleep 313")).isEmpty(), 20000);
    }
    {
        // close() hangs up: the shell goes away and the session says nothing more.
        ExecRequest request(
            {QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("sleep 314; :")});
        InteractiveSession session(client, m_instance, request);
        QSignalSpy started(&session, &InteractiveSession::started);
        QSignalSpy finished(&session, &InteractiveSession::finished);
        QSignalSpy failed(&session, &InteractiveSession::failed);
        session.start(80, 24);
        QVERIFY(started.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(!processesMatching(QStringLiteral("sleep 314")).isEmpty(), 20000);
        session.close();
        QCOMPARE(session.state(), InteractiveSession::State::Closed);
        QTRY_VERIFY_WITH_TIMEOUT(processesMatching(QStringLiteral("sleep 314")).isEmpty(), 20000);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(failed.count(), 0);
    }
}

void TestExec::console()
{
    InteractiveSession *session
        = InteractiveSession::console(clientFor(QStringLiteral("unix")), m_instance, this);
    QByteArray screen;
    connect(session, &InteractiveSession::output, this, [&](const QByteArray &bytes) { screen += bytes; });
    QSignalSpy started(session, &InteractiveSession::started);
    QSignalSpy failed(session, &InteractiveSession::failed);
    session->start(80, 24);
    QVERIFY2(started.wait(30000), failed.isEmpty() ? "" : qPrintable(session->error().userMessage()));
    QCOMPARE(session->kind(), InteractiveSession::Kind::Console);

    // What the instance writes to its console reaches the session (written again until it does, as
    // the console may attach a moment after the stream opened).
    bool seen = false;
    for (int attempt = 0; attempt < 10 && !seen; ++attempt) {
        LxcCommand::run({QStringLiteral("exec"), m_instance, QStringLiteral("--"), QStringLiteral("sh"),
                         QStringLiteral("-c"), QStringLiteral("echo berth-console-check > /dev/console")});
        seen = QTest::qWaitFor([&] { return screen.contains("berth-console-check"); }, 2000);
    }
    QVERIFY2(seen, screen.constData());
    session->close();
    QCOMPARE(session->state(), InteractiveSession::State::Closed);
    QCOMPARE(failed.count(), 0);
    delete session;
}

QTEST_GUILESS_MAIN(TestExec)
#include "tst_exec.moc"
