#pragma once

#include "Error.h"
#include "ExecRequest.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Lxd {

class Client;
class Connection;
class OperationJob;
class WebSocketChannel;

// A live terminal connection to an instance: an interactive exec (a command on a pty of the given
// size) or the instance's console. Bytes go both ways over the operation's data websocket; the
// control websocket carries window-resize and signals. It never blocks, and it ends exactly once:
// finished() when the command exits (or the console closes), failed() when it cannot start or the
// connection is lost, nothing when the caller close()s it. State Closed follows each of these.
class InteractiveSession final : public QObject
{
    Q_OBJECT

public:
    enum class Kind { Exec, Console };
    Q_ENUM(Kind)
    enum class State { NotStarted, Starting, Running, Closed };
    Q_ENUM(State)

    // An interactive exec of `request` (made interactive here; its size is set by start()).
    InteractiveSession(const Client &client, const QString &instance, const ExecRequest &request,
                       QObject *parent = nullptr);
    // The instance's text console (POST /1.0/instances/<name>/console, type "console").
    static InteractiveSession *console(const Client &client, const QString &instance,
                                       QObject *parent = nullptr);
    ~InteractiveSession() override;

    // Starts on a terminal of this size. Apart from stateChanged(Starting), signals come from the
    // event loop, never from inside this call.
    void start(int columns, int rows);
    // Hangs up: SIGHUP to an exec'd command, then the streams close. No finished() or failed().
    void close();

    Kind kind() const { return m_kind; }
    State state() const { return m_state; }
    bool isClosed() const { return m_state == State::Closed; }
    const ExecRequest &request() const { return m_request; }
    QString instance() const { return m_instance; }
    QString operationId() const { return m_operationId; }
    // The command's exit status after finished(); -1 before, and for a console.
    int exitCode() const { return m_exitCode; }
    // Why the session failed.
    Error error() const { return m_error; }
    int columns() const { return m_columns; }
    int rows() const { return m_rows; }

    // Bytes for the program (typed keys, pastes). Kept in order until the stream is connected.
    void sendInput(const QByteArray &bytes);
    // The terminal's new size; sent at once when connected, or when the control stream connects.
    void resize(int columns, int rows);
    // A signal (Linux numbering, see ExecProtocol) to the exec'd command; a console has none.
    void sendSignal(int signal);

    // How long the command's end and the data stream's end may be apart before the session ends anyway.
    static constexpr int DrainTimeoutMs = 5000;
    // Input kept while connecting, at most.
    static constexpr qsizetype MaxPendingInput = 1024 * 1024;

Q_SIGNALS:
    void stateChanged(Lxd::InteractiveSession::State state);
    // The streams are connected: the program runs and reads input.
    void started();
    void output(const QByteArray &bytes);
    void finished(int exitCode);
    void failed(const Lxd::Error &error);

private:
    InteractiveSession(Kind kind, const Client &client, const QString &instance, const ExecRequest &request,
                       QObject *parent);

    void onOperationCreated();
    void onOperationFinished();
    void onDataOpened();
    void onDataEnded();
    void onDataClosed();
    void onControlOpened();
    void sendWindowSize();
    void maybeFinish();
    void fail(const Error &error);
    void end();
    void setState(State state);
    // Lets every channel still open close politely on its own, owned by the connection.
    void releaseChannels();

    Kind m_kind;
    QPointer<Connection> m_connection;
    QByteArray m_target;
    QString m_project;
    QString m_instance;
    ExecRequest m_request;
    State m_state = State::NotStarted;
    QPointer<OperationJob> m_operation;
    QString m_operationId;
    QPointer<WebSocketChannel> m_data;
    QPointer<WebSocketChannel> m_control;
    bool m_dataOpened = false;
    bool m_dataEnded = false;
    bool m_operationFinished = false;
    Error m_dataError;
    Error m_error;
    QByteArray m_pendingInput;
    int m_columns = 80;
    int m_rows = 24;
    int m_sentColumns = 0;
    int m_sentRows = 0;
    int m_exitCode = -1;
    QTimer m_drainTimer;
};

} // namespace Lxd
