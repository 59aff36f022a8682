#pragma once

#include "ExecRequest.h"
#include "Job.h"

#include <QPointer>
#include <QTimer>

namespace Lxd {

class Client;
class Connection;
class OperationJob;
class WebSocketChannel;

// A command run in an instance without a terminal: POST /1.0/instances/<name>/exec, then the
// operation's stdin, stdout, stderr and control websockets. Output is streamed as it comes (and kept
// unless the request says not to); standard input is streamed from the request's bytes or device
// with flow control, and closed at its end. The job finishes once the command has ended and both
// output streams have ended, so no output is lost; exitCode() is then the command's exit status.
//
// cancel() and abandon() kill the command (SIGKILL over the control stream) and stop at once.
class ExecJob final : public Job
{
    Q_OBJECT

public:
    // Runs `request.command()` in `instance` and returns the started job (owned by the connection;
    // it deletes itself after finished()). Connect to it right away: nothing is emitted before the
    // event loop runs. The request is sent non-interactive, whatever its interactive flag says.
    static ExecJob *execute(const Client &client, const QString &instance, const ExecRequest &request);

    ExecJob(const Client &client, const QString &instance, ExecRequest request, QObject *parent = nullptr);
    ~ExecJob() override;

    void start();

    const ExecRequest &request() const { return m_request; }
    QString operationId() const { return m_operationId; }
    // The command's exit status once the job succeeded; -1 before.
    int exitCode() const { return m_exitCode; }
    // Everything the command wrote, when the request accumulates output.
    QByteArray output() const { return m_output; }
    QByteArray errorOutput() const { return m_errorOutput; }
    // Bytes of standard input handed to the daemon so far.
    qint64 standardInputWritten() const { return m_stdinWritten; }

    // Sends a signal (Linux numbering, see ExecProtocol) to the command; ignored before the control
    // stream exists or after the end.
    void sendSignal(int signal);

    // How long the output streams may take to end after the daemon reported the command's end.
    static constexpr int DrainTimeoutMs = 10000;
    // Standard input is read ahead of the socket by at most this much.
    static constexpr qint64 StandardInputHighWater = 256 * 1024;
    static constexpr qint64 StandardInputChunk = 64 * 1024;

Q_SIGNALS:
    // All the command's streams are connected: it runs.
    void started();
    void standardOutput(const QByteArray &data);
    void standardError(const QByteArray &data);

protected:
    void stopWork() override;

private:
    struct Stream
    {
        QPointer<WebSocketChannel> channel;
        bool opened = false;
        bool ended = false;
    };

    void onOperationCreated();
    void onOperationFinished(Job *job);
    WebSocketChannel *openStream(const QString &secret, Stream *stream);
    void onStreamOpened();
    void onOutputClosed(Stream *stream);
    void onOutput(Stream *stream, const QByteArray &data);
    void endOutput(Stream *stream);
    void pumpStandardInput();
    bool standardInputDeviceAtEnd() const;
    void closeStandardInput();
    void maybeFinish();
    void fail(const Error &error);
    // Lets every channel still open close politely on its own, owned by the connection.
    void releaseChannels();

    QPointer<Connection> m_connection;
    QByteArray m_target;
    QString m_project;
    ExecRequest m_request;
    QPointer<OperationJob> m_operation;
    QString m_operationId;
    Stream m_stdin;
    Stream m_stdout;
    Stream m_stderr;
    Stream m_control;
    QPointer<QIODevice> m_stdinDevice;
    bool m_stdinDeviceFinished = false;
    bool m_stdinClosed = false;
    qint64 m_stdinOffset = 0;
    qint64 m_stdinWritten = 0;
    bool m_started = false;
    bool m_operationFinished = false;
    QTimer m_drainTimer;
    int m_exitCode = -1;
    QByteArray m_output;
    QByteArray m_errorOutput;
};

} // namespace Lxd
