#pragma once

#include "lxd/Client.h"
#include "lxd/Error.h"
#include "lxd/ExecRequest.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Lxd {
class InteractiveSession;
class LoginShellJob;
} // namespace Lxd

namespace Terminal {

class TerminalEmulator;

// Joins a TerminalEmulator to an interactive exec or a console in an instance: the program's output
// goes into the emulator, what the emulator sends (keys, pastes, replies) goes to the program, and a
// resize changes the emulator and the remote pty together. When the program ends, its exit status is
// written on the screen, and restart() starts it again in the same emulator, history kept.
//
// Output is fed to the emulator in slices of at most FeedBudgetMs per event-loop turn (libvterm
// takes about 0.5 ms per KiB), so that painting and input stay responsive while a program floods.
class TerminalSession final : public QObject
{
    Q_OBJECT

public:
    enum class State { NotStarted, Starting, Running, Finished, Failed };
    Q_ENUM(State)

    explicit TerminalSession(QObject *parent = nullptr);
    ~TerminalSession() override;

    // An interactive exec. With an empty command the instance's login shell is found first
    // (Lxd::LoginShellJob, for the request's user). TERM is xterm-256color unless the request sets it.
    void setExec(const Lxd::Client &client, const QString &instance, const Lxd::ExecRequest &request = {});
    // The instance's text console.
    void setConsole(const Lxd::Client &client, const QString &instance);

    TerminalEmulator *emulator() const { return m_emulator; }
    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    // Finished or Failed: the key that restarts may be offered.
    bool hasEnded() const { return m_state == State::Finished || m_state == State::Failed; }
    bool isConsole() const { return m_console; }
    QString instance() const { return m_instance; }
    // The command run, once known (after the login shell was found).
    QStringList command() const { return m_command; }
    // After finished(): the program's exit status (-1 for a console).
    int exitCode() const { return m_exitCode; }
    // After failed(): why.
    Lxd::Error error() const { return m_error; }

    // Starts with the emulator's current size. Nothing is emitted from inside this call but
    // stateChanged(Starting).
    void start();
    // After the end: starts again with the same settings (the login shell is looked up again).
    void restart();
    // Hangs up; the state becomes Finished without a message on screen.
    void close();

    // Resizes the emulator at once and the remote terminal right after (coalesced while dragging).
    void resize(int rows, int columns);

    // Output received but not yet fed to the emulator.
    qsizetype pendingOutput() const { return m_pendingBytes; }

    static constexpr int FeedBudgetMs = 8;
    static constexpr qsizetype FeedChunk = 4096;
    static constexpr int ResizeDelayMs = 30;

Q_SIGNALS:
    void stateChanged(Terminal::TerminalSession::State state);
    void started();
    void finished(int exitCode);
    void failed(const Lxd::Error &error);

private:
    void startInteractive();
    void onShellFound();
    void onStarted();
    void onOutput(const QByteArray &bytes);
    void onFinished(int exitCode);
    void onFailed(const Lxd::Error &error);
    void onEmulatorOutput(const QByteArray &bytes);
    void feedSome();
    void queue(const QByteArray &bytes);
    // Puts the terminal back in a sane state after a program that died mid-screen, then says why.
    void writeNotice(const QString &text);
    void leaveAlternateScreen();
    void setState(State state);
    void dropInteractive();

    TerminalEmulator *m_emulator; // a child
    Lxd::Client m_client;
    QString m_instance;
    Lxd::ExecRequest m_request;
    bool m_console = false;
    State m_state = State::NotStarted;
    QStringList m_command;
    QPointer<Lxd::LoginShellJob> m_shellJob;
    QPointer<Lxd::InteractiveSession> m_interactive;
    int m_exitCode = -1;
    Lxd::Error m_error;

    QList<QByteArray> m_pending; // an empty entry marks where a notice leaves the alternate screen
    qsizetype m_pendingOffset = 0; // into m_pending.first()
    qsizetype m_pendingBytes = 0;
    QTimer m_feedTimer;
    QTimer m_resizeTimer;
};

} // namespace Terminal
