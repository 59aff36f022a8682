#include "ExecJob.h"

#include "Client.h"
#include "Connection.h"
#include "ExecProtocol.h"
#include "OperationJob.h"
#include "Transport.h"
#include "WebSocketChannel.h"

#include <QIODevice>
#include <QJsonDocument>

namespace Lxd {

ExecJob *ExecJob::execute(const Client &client, const QString &instance, const ExecRequest &request)
{
    auto *job = new ExecJob(client, instance, request, client.connection());
    job->start();
    return job;
}

ExecJob::ExecJob(const Client &client, const QString &instance, ExecRequest request, QObject *parent)
    : Job(parent)
    , m_connection(client.connection())
    , m_target(client.apiTarget(QStringLiteral("/instances/") + Client::pathSegment(instance)
                                + QStringLiteral("/exec")))
    , m_project(client.project())
    , m_request(std::move(request))
    , m_stdinDevice(m_request.standardInputDevice())
{
    m_request.setInteractive(false);
    m_drainTimer.setSingleShot(true);
    connect(&m_drainTimer, &QTimer::timeout, this, [this] {
        fail(Error::network(
            QStringLiteral("the command ended but its output streams did not close within %1 ms")
                .arg(DrainTimeoutMs)));
    });
}

ExecJob::~ExecJob()
{
    if (!isFinished())
        stopWork();
}

void ExecJob::start()
{
    if (!m_connection) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    if (m_request.discardsOutput() && (m_stdinDevice || !m_request.standardInput().isEmpty())) {
        // Without streams there is no way to hand the input over.
        finishWith(Error::parse(QStringLiteral("a command whose output is discarded cannot be given input")));
        return;
    }
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.target = m_target;
    request.body = QJsonDocument(m_request.toJson()).toJson(QJsonDocument::Compact);
    request.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));

    m_operation = new OperationJob(m_connection, request, m_project, this);
    connect(m_operation, &OperationJob::operationCreated, this, &ExecJob::onOperationCreated);
    connect(m_operation, &Job::finished, this, &ExecJob::onOperationFinished);
    m_operation->start();
}

void ExecJob::onOperationCreated()
{
    if (isFinished() || !m_connection)
        return;
    m_operationId = m_operation->id();
    if (m_request.discardsOutput()) {
        // No streams to attach: the daemon runs the command now.
        m_started = true;
        Q_EMIT started();
        return;
    }
    const QHash<QString, QString> secrets
        = ExecProtocol::secrets(m_operation->response().metadata.toObject());
    const QString stdinSecret = secrets.value(ExecProtocol::standardInputKey());
    const QString stdoutSecret = secrets.value(ExecProtocol::standardOutputKey());
    const QString stderrSecret = secrets.value(ExecProtocol::standardErrorKey());
    if (stdinSecret.isEmpty() || stdoutSecret.isEmpty() || stderrSecret.isEmpty()) {
        fail(Error::parse(QStringLiteral("the exec operation %1 names no stdin, stdout and stderr streams")
                              .arg(m_operationId)));
        return;
    }

    WebSocketChannel *in = openStream(stdinSecret, &m_stdin);
    connect(in, &WebSocketChannel::bytesWritten, this, &ExecJob::pumpStandardInput);
    connect(in, &WebSocketChannel::closed, this, [this] {
        // The daemon stops reading once the command ends; whatever was left unsent is moot.
        m_stdinClosed = true;
    });

    for (Stream *stream : {&m_stdout, &m_stderr}) {
        const QString &secret = stream == &m_stdout ? stdoutSecret : stderrSecret;
        WebSocketChannel *out = openStream(secret, stream);
        connect(out, &WebSocketChannel::binaryReceived, this,
                [this, stream](const QByteArray &data) { onOutput(stream, data); });
        // LXD 5.0 ends an output stream with an empty text message before dropping the connection.
        connect(out, &WebSocketChannel::textReceived, this, [this, stream] { endOutput(stream); });
        connect(out, &WebSocketChannel::closed, this, [this, stream] { onOutputClosed(stream); });
    }

    const QString controlSecret = secrets.value(ExecProtocol::controlKey());
    if (!controlSecret.isEmpty())
        openStream(controlSecret, &m_control);

    if (m_stdinDevice) {
        connect(m_stdinDevice, &QIODevice::readyRead, this, &ExecJob::pumpStandardInput);
        const auto finishedReading = [this] {
            m_stdinDeviceFinished = true;
            pumpStandardInput();
        };
        connect(m_stdinDevice, &QIODevice::readChannelFinished, this, finishedReading);
        connect(m_stdinDevice, &QIODevice::aboutToClose, this, finishedReading);
    }
}

WebSocketChannel *ExecJob::openStream(const QString &secret, Stream *stream)
{
    WebSocketChannel *channel = m_connection->transport()->openWebSocket(
        ExecProtocol::webSocketTarget(m_operationId, secret, m_project));
    channel->setParent(this);
    stream->channel = channel;
    connect(channel, &WebSocketChannel::opened, this, [this, stream] {
        stream->opened = true;
        onStreamOpened();
    });
    return channel;
}

void ExecJob::onStreamOpened()
{
    if (m_stdin.opened)
        pumpStandardInput();
    if (!m_started && m_stdin.opened && m_stdout.opened && m_stderr.opened) {
        m_started = true;
        Q_EMIT started();
    }
}

void ExecJob::onOutput(Stream *stream, const QByteArray &data)
{
    if (isFinished() || stream->ended)
        return;
    if (stream == &m_stdout) {
        if (m_request.accumulatesOutput())
            m_output += data;
        Q_EMIT standardOutput(data);
    } else {
        if (m_request.accumulatesOutput())
            m_errorOutput += data;
        Q_EMIT standardError(data);
    }
}

void ExecJob::onOutputClosed(Stream *stream)
{
    if (isFinished())
        return;
    if (!stream->opened) {
        // Never connected: the command cannot run (a refused secret, a daemon gone, a TLS failure).
        fail(stream->channel ? stream->channel->error() : Error::network(QStringLiteral("stream lost")));
        return;
    }
    endOutput(stream);
}

void ExecJob::endOutput(Stream *stream)
{
    if (stream->ended)
        return;
    stream->ended = true;
    maybeFinish();
}

void ExecJob::pumpStandardInput()
{
    WebSocketChannel *channel = m_stdin.channel;
    if (m_stdinClosed || isFinished() || !channel || !m_stdin.opened)
        return;
    if (m_stdinDevice) {
        while (channel->state() == WebSocketChannel::State::Open
               && channel->bytesToWrite() < StandardInputHighWater) {
            const QByteArray chunk = m_stdinDevice->read(StandardInputChunk);
            if (chunk.isEmpty()) {
                if (standardInputDeviceAtEnd())
                    closeStandardInput();
                return; // more comes with readyRead()
            }
            m_stdinWritten += chunk.size();
            channel->sendBinary(chunk);
        }
        return;
    }
    const QByteArray &data = m_request.standardInput();
    while (m_stdinOffset < data.size() && channel->state() == WebSocketChannel::State::Open
           && channel->bytesToWrite() < StandardInputHighWater) {
        const QByteArray chunk = data.mid(m_stdinOffset, StandardInputChunk);
        m_stdinOffset += chunk.size();
        m_stdinWritten += chunk.size();
        channel->sendBinary(chunk);
    }
    if (m_stdinOffset >= data.size())
        closeStandardInput();
}

bool ExecJob::standardInputDeviceAtEnd() const
{
    if (!m_stdinDevice || !m_stdinDevice->isOpen() || !m_stdinDevice->isReadable())
        return true;
    // A pipe or socket may be empty now and have more later: only its own end says it is done.
    return m_stdinDevice->isSequential() ? m_stdinDeviceFinished : m_stdinDevice->atEnd();
}

void ExecJob::closeStandardInput()
{
    if (m_stdinClosed)
        return;
    m_stdinClosed = true;
    // End-of-file is LXD's barrier message, queued behind the data. The stream itself stays open
    // until the daemon closes it: closing it here could drop data still queued in TLS.
    if (m_stdin.channel)
        m_stdin.channel->sendText(ExecProtocol::endOfStreamMessage());
}

void ExecJob::onOperationFinished(Job *job)
{
    m_operation = nullptr;
    if (isFinished())
        return;
    m_operationFinished = true;
    if (job->error()) {
        fail(job->error());
        return;
    }
    const auto *operationJob = static_cast<OperationJob *>(job);
    const QJsonValue exitCode = operationJob->operationMetadata().value(QLatin1String("return"));
    if (m_request.discardsOutput()) {
        m_stdout.ended = true;
        m_stderr.ended = true;
    } else if (!m_stdout.channel) {
        fail(Error::parse(QStringLiteral("the exec request did not start an operation with streams")));
        return;
    }
    m_exitCode = exitCode.isDouble() ? exitCode.toInt() : -1;
    maybeFinish();
    if (!isFinished())
        m_drainTimer.start(DrainTimeoutMs);
}

void ExecJob::maybeFinish()
{
    if (isFinished() || !m_operationFinished || !m_stdout.ended || !m_stderr.ended)
        return;
    m_drainTimer.stop();
    releaseChannels();
    finishWith();
}

void ExecJob::fail(const Error &error)
{
    if (isFinished())
        return;
    m_drainTimer.stop();
    if (m_operation) {
        m_operation->abandon();
        m_operation = nullptr;
    }
    releaseChannels();
    finishWith(error);
}

void ExecJob::sendSignal(int signal)
{
    if (!isFinished() && m_control.channel && m_control.channel->state() != WebSocketChannel::State::Closed)
        m_control.channel->sendText(ExecProtocol::signalMessage(signal));
}

void ExecJob::stopWork()
{
    m_drainTimer.stop();
    // Channels queue what is sent while connecting, so the signal is delivered once connected.
    sendSignal(ExecProtocol::SignalKill);
    if (m_operation) {
        m_operation->abandon();
        m_operation = nullptr;
    }
    releaseChannels();
}

void ExecJob::releaseChannels()
{
    for (Stream *stream : {&m_stdin, &m_stdout, &m_stderr, &m_control}) {
        WebSocketChannel *channel = stream->channel;
        stream->channel = nullptr;
        if (!channel)
            continue;
        channel->disconnect(this);
        if (channel->state() == WebSocketChannel::State::Closed || !m_connection) {
            channel->deleteLater();
            continue;
        }
        // The channel outlives the job: it closes politely (with a timeout) and then goes.
        channel->setParent(m_connection);
        connect(channel, &WebSocketChannel::closed, channel, &QObject::deleteLater);
        channel->close();
    }
}

} // namespace Lxd
