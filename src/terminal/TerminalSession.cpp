#include "TerminalSession.h"

#include "TerminalEmulator.h"
#include "lxd/InteractiveSession.h"
#include "lxd/LoginShellJob.h"

#include <QElapsedTimer>

namespace Terminal {

TerminalSession::TerminalSession(QObject *parent)
    : QObject(parent)
    , m_emulator(new TerminalEmulator(24, 80, this))
{
    m_feedTimer.setSingleShot(true);
    connect(&m_feedTimer, &QTimer::timeout, this, &TerminalSession::feedSome);
    m_resizeTimer.setSingleShot(true);
    connect(&m_resizeTimer, &QTimer::timeout, this, [this] {
        if (m_interactive)
            m_interactive->resize(m_emulator->columns(), m_emulator->rows());
    });
    connect(m_emulator, &TerminalEmulator::outputReady, this, &TerminalSession::onEmulatorOutput);
}

TerminalSession::~TerminalSession()
{
    if (m_shellJob)
        m_shellJob->abandon();
    // The interactive session is a child: its destructor hangs up.
}

void TerminalSession::setExec(const Lxd::Client &client, const QString &instance,
                              const Lxd::ExecRequest &request)
{
    m_client = client;
    m_instance = instance;
    m_request = request;
    m_console = false;
    if (!m_request.environment().contains(QStringLiteral("TERM")))
        m_request.setEnvironmentVariable(QStringLiteral("TERM"), QStringLiteral("xterm-256color"));
}

void TerminalSession::setConsole(const Lxd::Client &client, const QString &instance)
{
    m_client = client;
    m_instance = instance;
    m_request = Lxd::ExecRequest();
    m_console = true;
}

void TerminalSession::start()
{
    if (m_state != State::NotStarted && !hasEnded())
        return;
    m_exitCode = -1;
    m_error = Lxd::Error();
    setState(State::Starting);
    if (!m_client.isValid()) {
        QMetaObject::invokeMethod(
            this, [this] { onFailed(Lxd::Error::network(tr("no connection to the server"))); },
            Qt::QueuedConnection);
        return;
    }
    if (m_console || !m_request.command().isEmpty()) {
        m_command = m_request.command();
        startInteractive();
        return;
    }
    m_shellJob = Lxd::LoginShellJob::find(m_client, m_instance, m_request.user().value_or(0));
    connect(m_shellJob, &Lxd::Job::finished, this, &TerminalSession::onShellFound);
}

void TerminalSession::restart()
{
    if (!hasEnded())
        return;
    // A fresh line, so the new prompt does not start after the notice.
    queue(QByteArrayLiteral("\r\n"));
    start();
}

void TerminalSession::onShellFound()
{
    Lxd::LoginShellJob *job = m_shellJob;
    m_shellJob = nullptr;
    if (!job || m_state != State::Starting)
        return;
    if (job->error()) {
        onFailed(job->error());
        return;
    }
    m_command = job->command();
    startInteractive();
}

void TerminalSession::startInteractive()
{
    dropInteractive();
    if (m_console) {
        m_interactive = Lxd::InteractiveSession::console(m_client, m_instance, this);
    } else {
        Lxd::ExecRequest request = m_request;
        request.setCommand(m_command);
        m_interactive = new Lxd::InteractiveSession(m_client, m_instance, request, this);
    }
    connect(m_interactive, &Lxd::InteractiveSession::started, this, &TerminalSession::onStarted);
    connect(m_interactive, &Lxd::InteractiveSession::output, this, &TerminalSession::onOutput);
    connect(m_interactive, &Lxd::InteractiveSession::finished, this, &TerminalSession::onFinished);
    connect(m_interactive, &Lxd::InteractiveSession::failed, this, &TerminalSession::onFailed);
    m_interactive->start(m_emulator->columns(), m_emulator->rows());
}

void TerminalSession::onStarted()
{
    setState(State::Running);
    Q_EMIT started();
}

void TerminalSession::onOutput(const QByteArray &bytes)
{
    queue(bytes);
}

void TerminalSession::onFinished(int exitCode)
{
    m_exitCode = exitCode;
    dropInteractive();
    if (m_console)
        writeNotice(tr("[The console closed. Press Enter to reconnect.]"));
    else
        writeNotice(tr("[The process exited with status %1. Press Enter to start it again.]").arg(exitCode));
    setState(State::Finished);
    Q_EMIT finished(exitCode);
}

void TerminalSession::onFailed(const Lxd::Error &error)
{
    m_error = error;
    dropInteractive();
    writeNotice(tr("[%1 Press Enter to try again.]").arg(error.userMessage()));
    setState(State::Failed);
    Q_EMIT failed(error);
}

void TerminalSession::close()
{
    if (m_shellJob) {
        m_shellJob->abandon();
        m_shellJob = nullptr;
    }
    if (m_interactive)
        m_interactive->close();
    dropInteractive();
    if (m_state == State::Starting || m_state == State::Running)
        setState(State::Finished);
}

void TerminalSession::dropInteractive()
{
    if (!m_interactive)
        return;
    m_interactive->disconnect(this);
    // Deleted later: this may run inside one of its signals. Its destructor hangs up if need be.
    m_interactive->deleteLater();
    m_interactive = nullptr;
}

void TerminalSession::resize(int rows, int columns)
{
    if (rows == m_emulator->rows() && columns == m_emulator->columns())
        return;
    m_emulator->resize(rows, columns);
    if (m_interactive)
        m_resizeTimer.start(ResizeDelayMs);
}

void TerminalSession::onEmulatorOutput(const QByteArray &bytes)
{
    if (m_interactive)
        m_interactive->sendInput(bytes);
}

void TerminalSession::queue(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    m_pending.append(bytes);
    m_pendingBytes += bytes.size();
    if (!m_feedTimer.isActive())
        m_feedTimer.start(0);
}

void TerminalSession::feedSome()
{
    QElapsedTimer elapsed;
    elapsed.start();
    while (!m_pending.isEmpty()) {
        const QByteArray &front = m_pending.constFirst();
        if (front.isEmpty()) {
            leaveAlternateScreen();
            m_pending.removeFirst();
            continue;
        }
        const qsizetype size = qMin(FeedChunk, front.size() - m_pendingOffset);
        m_emulator->feed(QByteArrayView(front).sliced(m_pendingOffset, size));
        m_pendingOffset += size;
        m_pendingBytes -= size;
        if (m_pendingOffset == front.size()) {
            m_pending.removeFirst();
            m_pendingOffset = 0;
        }
        if (elapsed.elapsed() >= FeedBudgetMs)
            break;
    }
    // The rest in a later turn, after the events (paints, keys) that queued up meanwhile.
    if (!m_pending.isEmpty())
        m_feedTimer.start(0);
}

void TerminalSession::writeNotice(const QString &text)
{
    // Leave the alternate screen (once the output before this is fed, see feedSome), stop mouse
    // reports and bracketed paste, show the cursor and reset attributes: what a killed full-screen
    // program may have left behind.
    m_pending.append(QByteArray());
    QByteArray bytes = QByteArrayLiteral("\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l"
                                         "\x1b[?2004l\x1b[?25h\x1b[0m\r\n");
    bytes += QByteArrayLiteral("\x1b[7m") + text.toUtf8() + QByteArrayLiteral("\x1b[0m\r\n");
    queue(bytes);
}

void TerminalSession::leaveAlternateScreen()
{
    // Only from the alternate screen: on the main one, ?1049l would put the cursor back where a
    // program that quit long ago saved it, and the notice would overwrite older lines.
    if (m_emulator->isAlternateScreen())
        m_emulator->feed("\x1b[?1049l");
}

void TerminalSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Terminal
