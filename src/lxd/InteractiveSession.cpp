#include "InteractiveSession.h"

#include "Client.h"
#include "Connection.h"
#include "ExecProtocol.h"
#include "OperationJob.h"
#include "Transport.h"
#include "WebSocketChannel.h"

#include <QJsonDocument>

namespace Lxd {

InteractiveSession::InteractiveSession(const Client &client, const QString &instance,
                                       const ExecRequest &request, QObject *parent)
    : InteractiveSession(Kind::Exec, client, instance, request, parent)
{ }

InteractiveSession::InteractiveSession(Kind kind, const Client &client, const QString &instance,
                                       const ExecRequest &request, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_connection(client.connection())
    , m_target(
          client.apiTarget(QStringLiteral("/instances/") + Client::pathSegment(instance)
                           + (kind == Kind::Exec ? QStringLiteral("/exec") : QStringLiteral("/console"))))
    , m_project(client.project())
    , m_instance(instance)
    , m_request(request)
{
    m_request.setInteractive(true);
    m_drainTimer.setSingleShot(true);
    connect(&m_drainTimer, &QTimer::timeout, this, [this] {
        if (m_dataEnded && m_kind == Kind::Console && !m_dataError) {
            // A console has no exit status to wait for.
            end();
            Q_EMIT finished(-1);
            return;
        }
        fail(m_dataError
                 ? m_dataError
                 : Error::network(QStringLiteral("the session's streams and its operation did not end "
                                                 "together within %1 ms")
                                      .arg(DrainTimeoutMs)));
    });
}

InteractiveSession *InteractiveSession::console(const Client &client, const QString &instance,
                                                QObject *parent)
{
    return new InteractiveSession(Kind::Console, client, instance, ExecRequest(), parent);
}

InteractiveSession::~InteractiveSession()
{
    if (m_state != State::Closed) {
        if (m_kind == Kind::Exec)
            sendSignal(ExecProtocol::SignalHangUp);
        if (m_operation)
            m_operation->abandon();
        releaseChannels();
    }
}

void InteractiveSession::start(int columns, int rows)
{
    if (m_state != State::NotStarted)
        return;
    m_columns = qMax(1, columns);
    m_rows = qMax(1, rows);
    m_request.setTerminalSize(m_columns, m_rows);
    m_sentColumns = m_columns;
    m_sentRows = m_rows;
    setState(State::Starting);
    if (!m_connection) {
        QMetaObject::invokeMethod(
            this, [this] { fail(Error::network(QStringLiteral("no connection"))); }, Qt::QueuedConnection);
        return;
    }

    QJsonObject body;
    if (m_kind == Kind::Exec) {
        body = m_request.toJson();
    } else {
        body = QJsonObject {
            {QStringLiteral("type"), QStringLiteral("console")},
            {QStringLiteral("width"), m_columns},
            {QStringLiteral("height"), m_rows},
        };
    }
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.target = m_target;
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));

    m_operation = new OperationJob(m_connection, request, m_project, this);
    connect(m_operation, &OperationJob::operationCreated, this, &InteractiveSession::onOperationCreated);
    connect(m_operation, &Job::finished, this, &InteractiveSession::onOperationFinished);
    m_operation->start();
}

void InteractiveSession::onOperationCreated()
{
    if (m_state == State::Closed || !m_connection)
        return;
    m_operationId = m_operation->id();
    const QHash<QString, QString> secrets
        = ExecProtocol::secrets(m_operation->response().metadata.toObject());
    const QString dataSecret = secrets.value(ExecProtocol::standardInputKey());
    if (dataSecret.isEmpty()) {
        fail(Error::parse(QStringLiteral("the operation %1 names no terminal stream").arg(m_operationId)));
        return;
    }
    Transport *transport = m_connection->transport();
    m_data = transport->openWebSocket(ExecProtocol::webSocketTarget(m_operationId, dataSecret, m_project));
    m_data->setParent(this);
    connect(m_data, &WebSocketChannel::opened, this, &InteractiveSession::onDataOpened);
    connect(m_data, &WebSocketChannel::binaryReceived, this, [this](const QByteArray &bytes) {
        if (!m_dataEnded && m_state != State::Closed)
            Q_EMIT output(bytes);
    });
    // The program's output ended (LXD's barrier). The daemon then waits for the client's end of
    // the stream before it finishes the operation, so answer with ours.
    connect(m_data, &WebSocketChannel::textReceived, this, &InteractiveSession::onDataEnded);
    connect(m_data, &WebSocketChannel::closed, this, &InteractiveSession::onDataClosed);

    const QString controlSecret = secrets.value(ExecProtocol::controlKey());
    if (!controlSecret.isEmpty()) {
        m_control = transport->openWebSocket(
            ExecProtocol::webSocketTarget(m_operationId, controlSecret, m_project));
        m_control->setParent(this);
        connect(m_control, &WebSocketChannel::opened, this, &InteractiveSession::onControlOpened);
    }
}

void InteractiveSession::onDataOpened()
{
    if (m_state == State::Closed)
        return;
    m_dataOpened = true;
    if (!m_pendingInput.isEmpty())
        m_data->sendBinary(std::exchange(m_pendingInput, {}));
    setState(State::Running);
    Q_EMIT started();
}

void InteractiveSession::onDataEnded()
{
    if (m_dataEnded || m_state == State::Closed)
        return;
    m_dataEnded = true;
    if (m_data)
        m_data->sendText(ExecProtocol::endOfStreamMessage());
    maybeFinish();
    if (m_state != State::Closed && !m_drainTimer.isActive())
        m_drainTimer.start(DrainTimeoutMs);
}

void InteractiveSession::onDataClosed()
{
    if (m_state == State::Closed)
        return;
    if (!m_dataOpened) {
        fail(m_data ? m_data->error() : Error::network(QStringLiteral("terminal stream lost")));
        return;
    }
    if (!m_dataEnded && m_data)
        m_dataError = m_data->error();
    m_dataEnded = true;
    maybeFinish();
    if (m_state != State::Closed && !m_drainTimer.isActive())
        m_drainTimer.start(DrainTimeoutMs);
}

void InteractiveSession::onControlOpened()
{
    // The size may have changed while connecting.
    sendWindowSize();
}

void InteractiveSession::onOperationFinished()
{
    OperationJob *job = m_operation;
    m_operation = nullptr;
    if (m_state == State::Closed || !job)
        return;
    m_operationFinished = true;
    if (job->error()) {
        fail(job->error());
        return;
    }
    const QJsonValue exitCode = job->operationMetadata().value(QLatin1String("return"));
    m_exitCode = m_kind == Kind::Exec && exitCode.isDouble() ? exitCode.toInt() : -1;
    maybeFinish();
    if (m_state != State::Closed && !m_drainTimer.isActive())
        m_drainTimer.start(DrainTimeoutMs);
}

void InteractiveSession::maybeFinish()
{
    if (m_state == State::Closed || !m_operationFinished || !m_dataEnded)
        return;
    // The stream was cut before LXD's end-of-output: the command ended because the connection
    // dropped (LXD hangs it up), and what it printed last may be lost. Say so, not "exited".
    if (m_dataError && m_kind == Kind::Exec) {
        fail(m_dataError);
        return;
    }
    end();
    Q_EMIT finished(m_exitCode);
}

void InteractiveSession::fail(const Error &error)
{
    if (m_state == State::Closed)
        return;
    m_error = error;
    if (m_operation) {
        m_operation->abandon();
        m_operation = nullptr;
    }
    end();
    Q_EMIT failed(error);
}

void InteractiveSession::end()
{
    m_drainTimer.stop();
    releaseChannels();
    setState(State::Closed);
}

void InteractiveSession::close()
{
    if (m_state == State::Closed)
        return;
    if (m_kind == Kind::Exec)
        sendSignal(ExecProtocol::SignalHangUp);
    if (m_operation) {
        m_operation->abandon();
        m_operation = nullptr;
    }
    end();
}

void InteractiveSession::sendInput(const QByteArray &bytes)
{
    if (m_state == State::Closed || bytes.isEmpty())
        return;
    if (m_dataOpened && m_data) {
        // Always binary: LXD 5.0 reads a text message on this stream as the end of input.
        m_data->sendBinary(bytes);
    } else if (m_pendingInput.size() + bytes.size() <= MaxPendingInput) {
        m_pendingInput += bytes;
    }
}

void InteractiveSession::resize(int columns, int rows)
{
    m_columns = qMax(1, columns);
    m_rows = qMax(1, rows);
    if (m_state == State::NotStarted)
        return;
    sendWindowSize();
}

void InteractiveSession::sendWindowSize()
{
    if (m_state == State::Closed || !m_control || m_control->state() != WebSocketChannel::State::Open)
        return;
    if (m_columns == m_sentColumns && m_rows == m_sentRows)
        return;
    m_sentColumns = m_columns;
    m_sentRows = m_rows;
    m_control->sendText(ExecProtocol::windowResizeMessage(m_columns, m_rows));
}

void InteractiveSession::sendSignal(int signal)
{
    if (m_kind != Kind::Exec || m_state == State::Closed || !m_control
        || m_control->state() == WebSocketChannel::State::Closed)
        return;
    m_control->sendText(ExecProtocol::signalMessage(signal));
}

void InteractiveSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void InteractiveSession::releaseChannels()
{
    for (QPointer<WebSocketChannel> *slot : {&m_data, &m_control}) {
        WebSocketChannel *channel = *slot;
        *slot = nullptr;
        if (!channel)
            continue;
        channel->disconnect(this);
        if (channel->state() == WebSocketChannel::State::Closed || !m_connection) {
            channel->deleteLater();
            continue;
        }
        // The channel outlives the session: it closes politely (with a timeout) and then goes.
        channel->setParent(m_connection);
        connect(channel, &WebSocketChannel::closed, channel, &QObject::deleteLater);
        channel->close();
    }
}

} // namespace Lxd
