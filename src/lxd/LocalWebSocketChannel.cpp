#include "LocalWebSocketChannel.h"

#include "Response.h"

#include <QCryptographicHash>
#include <QPointer>
#include <QRandomGenerator>

#include <utility>

namespace Lxd {

namespace {

// RFC 6455 section 1.3: the server proves it speaks WebSocket by hashing the key with this GUID.
QByteArray acceptKeyFor(const QByteArray &key)
{
    return QCryptographicHash::hash(key + QByteArrayLiteral("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                    QCryptographicHash::Sha1)
        .toBase64();
}

bool hasToken(const QByteArray &headerValue, const QByteArray &token)
{
    const QList<QByteArray> items = headerValue.split(',');
    for (const QByteArray &item : items) {
        if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

LocalWebSocketChannel::LocalWebSocketChannel(const QString &socketPath, const QByteArray &target,
                                             QObject *parent)
    : WebSocketChannel(parent)
    , m_socket(new QLocalSocket(this))
    , m_socketPath(socketPath)
    , m_target(target)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &LocalWebSocketChannel::onTimeout);
    connect(m_socket, &QLocalSocket::connected, this, &LocalWebSocketChannel::onConnected);
    connect(m_socket, &QLocalSocket::readyRead, this, &LocalWebSocketChannel::onReadyRead);
    connect(m_socket, &QLocalSocket::bytesWritten, this, &LocalWebSocketChannel::onBytesWritten);
    connect(m_socket, &QLocalSocket::errorOccurred, this, &LocalWebSocketChannel::onSocketError);
    connect(m_socket, &QLocalSocket::disconnected, this, &LocalWebSocketChannel::onDisconnected);
    // A failure to connect is reported from the event loop, after the caller has connected its slots.
    QMetaObject::invokeMethod(this, &LocalWebSocketChannel::start, Qt::QueuedConnection);
}

LocalWebSocketChannel::~LocalWebSocketChannel()
{
    // The socket, a child, outlives this destructor's body; it must not call back into a half-destroyed
    // object.
    m_socket->disconnect(this);
    m_socket->abort();
}

void LocalWebSocketChannel::start()
{
    if (state() != State::Connecting || m_finishing)
        return;
    m_timer.start(m_handshakeTimeoutMs);
    m_socket->connectToServer(m_socketPath);
}

void LocalWebSocketChannel::onConnected()
{
    QByteArray nonce(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(nonce.data()), 4);
    m_key = nonce.toBase64();

    QByteArray request;
    request += QByteArrayLiteral("GET ") + m_target + QByteArrayLiteral(" HTTP/1.1\r\n");
    request += QByteArrayLiteral("Host: lxd\r\n");
    request += QByteArrayLiteral("User-Agent: Berth\r\n");
    request += QByteArrayLiteral("Upgrade: websocket\r\n");
    request += QByteArrayLiteral("Connection: Upgrade\r\n");
    request += QByteArrayLiteral("Sec-WebSocket-Key: ") + m_key + QByteArrayLiteral("\r\n");
    request += QByteArrayLiteral("Sec-WebSocket-Version: 13\r\n\r\n");
    m_handshakeBytesUnreported = request.size();
    m_socket->write(request);
    // LXD 5.0.2 reads a new connection's first bytes inside its accept loop; an unsent handshake
    // would stall every other client of the daemon until our event loop turns.
    m_socket->flush();
}

void LocalWebSocketChannel::onReadyRead()
{
    processIncoming();
}

void LocalWebSocketChannel::processIncoming()
{
    if (state() == State::Closed || m_finishing)
        return;
    QByteArray data = m_socket->readAll();
    if (!m_upgraded && !processHandshake(data))
        return;
    if (data.isEmpty())
        return;
    m_codec.feed(data);
    processFrames();
}

bool LocalWebSocketChannel::processHandshake(QByteArray &data)
{
    if (m_parser.isHeadComplete() && m_parser.statusCode() != 101) {
        // Reading the body of a refusal, to tell the caller LXD's reason.
        m_parser.feed(data);
    } else {
        const qsizetype used = m_parser.feed(data);
        if (!m_parser.hasFailed() && m_parser.isHeadComplete() && m_parser.statusCode() == 101) {
            data.remove(0, used);
            return acceptUpgrade();
        }
    }
    if (m_parser.hasFailed()) {
        finish(Error::parse(QStringLiteral("the reply to the WebSocket upgrade of %1 is not HTTP: %2")
                                .arg(QString::fromUtf8(m_target), m_parser.errorString())),
               false);
        return false;
    }
    if (m_parser.isHeadComplete()) {
        m_refusalBody += m_parser.takeBody();
        if (m_parser.isComplete())
            refuseUpgrade();
    }
    return false;
}

bool LocalWebSocketChannel::acceptUpgrade()
{
    const auto header = [this](const char *name) {
        return m_parser.header(QByteArray(name));
    };
    QString problem;
    if (header("Upgrade").compare(QByteArrayLiteral("websocket"), Qt::CaseInsensitive) != 0)
        problem = QStringLiteral("no \"Upgrade: websocket\" header");
    else if (!hasToken(header("Connection"), QByteArrayLiteral("upgrade")))
        problem = QStringLiteral("no \"Connection: Upgrade\" header");
    else if (header("Sec-WebSocket-Accept") != acceptKeyFor(m_key))
        problem = QStringLiteral("a wrong Sec-WebSocket-Accept key");
    // Berth asks for neither; a server that imposes one would frame data Berth cannot read.
    else if (!header("Sec-WebSocket-Extensions").isEmpty())
        problem = QStringLiteral("an extension that was not requested");
    else if (!header("Sec-WebSocket-Protocol").isEmpty())
        problem = QStringLiteral("a subprotocol that was not requested");
    if (!problem.isEmpty()) {
        finish(Error::parse(QStringLiteral("the WebSocket upgrade of %1 came back with %2")
                                .arg(QString::fromUtf8(m_target), problem)),
               false);
        return false;
    }

    m_upgraded = true;
    m_timer.stop();
    if (!m_pending.isEmpty())
        m_socket->write(std::exchange(m_pending, QByteArray()));
    QPointer<LocalWebSocketChannel> guard(this);
    setOpen();
    return guard && state() != State::Closed && !m_finishing;
}

void LocalWebSocketChannel::refuseUpgrade()
{
    const int status = m_parser.statusCode();
    // LXD explains a refusal in its usual error envelope; anything else is reported by its status.
    Error error = Response::parse(status, m_refusalBody, nullptr);
    if (error.kind() != Error::Kind::Api) {
        QString detail = QStringLiteral("the server refused the WebSocket upgrade of %1 with HTTP %2 %3")
                             .arg(QString::fromUtf8(m_target))
                             .arg(status)
                             .arg(QString::fromLatin1(m_parser.reasonPhrase()));
        const QString body = QString::fromUtf8(m_refusalBody.left(200)).trimmed();
        if (!body.isEmpty())
            detail += QStringLiteral(": ") + body;
        error = Error(Error::Kind::Http, detail, status);
    }
    finish(error, false);
}

void LocalWebSocketChannel::processFrames()
{
    QPointer<LocalWebSocketChannel> guard(this);
    WebSocketFrameCodec::Message message;
    while (m_codec.next(&message)) {
        switch (message.opCode) {
        case WebSocketFrameCodec::OpCode::Text:
            Q_EMIT textReceived(message.payload);
            break;
        case WebSocketFrameCodec::OpCode::Binary:
            Q_EMIT binaryReceived(message.payload);
            break;
        case WebSocketFrameCodec::OpCode::Ping:
            // Once our close is sent nothing else may follow it (RFC 6455 5.5.1).
            if (!m_closeSent)
                writeFrame(
                    WebSocketFrameCodec::encodeFrame(WebSocketFrameCodec::OpCode::Pong, message.payload));
            break;
        case WebSocketFrameCodec::OpCode::Close:
            onServerClose(message);
            return;
        case WebSocketFrameCodec::OpCode::Pong:
        case WebSocketFrameCodec::OpCode::Continuation:
            break;
        }
        if (!guard || state() == State::Closed || m_finishing)
            return;
    }
    if (m_codec.hasFailed()) {
        if (!m_closeSent) {
            m_closeSent = true;
            writeFrame(WebSocketFrameCodec::encodeClose(m_codec.failureCloseCode(), m_codec.errorString()));
        }
        finish(Error::parse(QStringLiteral("WebSocket protocol error: %1 (closed with code %2)")
                                .arg(m_codec.errorString())
                                .arg(m_codec.failureCloseCode())),
               true);
    }
}

void LocalWebSocketChannel::onServerClose(const WebSocketFrameCodec::Message &message)
{
    m_closeCode = message.closeCode;
    m_closeReason = message.closeReason;
    const bool weAskedFirst = m_closeSent;
    if (!m_closeSent) {
        // Echo the code, as RFC 6455 5.5.1 suggests; an empty close answers an empty one.
        m_closeSent = true;
        writeFrame(WebSocketFrameCodec::encodeClose(message.closeCode));
    }
    Error error;
    const bool normal = message.closeCode == WebSocketFrameCodec::NormalClosure
        || message.closeCode == WebSocketFrameCodec::GoingAway
        || message.closeCode == WebSocketFrameCodec::NoStatusReceived;
    if (!weAskedFirst && !normal) {
        QString detail
            = QStringLiteral("the server closed the WebSocket with code %1").arg(message.closeCode);
        if (!message.closeReason.isEmpty())
            detail += QStringLiteral(": ") + message.closeReason;
        error = Error::network(detail);
    }
    finish(error, true);
}

void LocalWebSocketChannel::onSocketError(QLocalSocket::LocalSocketError socketError)
{
    Q_UNUSED(socketError)
    connectionLost();
}

void LocalWebSocketChannel::onDisconnected()
{
    connectionLost();
}

void LocalWebSocketChannel::connectionLost()
{
    if (state() == State::Closed || m_finishing)
        return;
    // Bytes that arrived with the hang-up (a refusal's body, a close frame) still count.
    QPointer<LocalWebSocketChannel> guard(this);
    if (m_socket->bytesAvailable() > 0)
        processIncoming();
    if (!guard || state() == State::Closed || m_finishing)
        return;
    if (!m_upgraded) {
        if (m_parser.isHeadComplete() && m_parser.statusCode() != 101) {
            m_parser.finishOnClose();
            m_refusalBody += m_parser.takeBody();
            refuseUpgrade();
            return;
        }
        const bool connected = !m_key.isEmpty();
        const QString detail = connected
            ? QStringLiteral("the connection closed during the WebSocket upgrade of %1")
                  .arg(QString::fromUtf8(m_target))
            : QStringLiteral("cannot connect to %1: %2").arg(m_socketPath, m_socket->errorString());
        finish(Error::network(detail), false);
        return;
    }
    if (state() == State::Closing) {
        // We asked to close; the server hanging up without its close frame still ends it.
        finish({}, false);
        return;
    }
    finish(Error::network(QStringLiteral("the server dropped the WebSocket connection")), false);
}

void LocalWebSocketChannel::onTimeout()
{
    if (state() == State::Connecting)
        finish(Error::network(QStringLiteral("no WebSocket upgrade of %1 from %2 within %3 ms")
                                  .arg(QString::fromUtf8(m_target), m_socketPath)
                                  .arg(m_handshakeTimeoutMs)),
               false);
    else if (state() == State::Closing)
        finish(Error::network(QStringLiteral("the server did not answer the WebSocket close within %1 ms")
                                  .arg(m_closeTimeoutMs)),
               false);
}

void LocalWebSocketChannel::onBytesWritten(qint64 count)
{
    if (state() == State::Closed)
        return;
    const qint64 skipped = qMin(count, m_handshakeBytesUnreported);
    m_handshakeBytesUnreported -= skipped;
    if (count > skipped)
        Q_EMIT bytesWritten(count - skipped);
}

void LocalWebSocketChannel::writeFrame(const QByteArray &frame)
{
    if (m_upgraded)
        m_socket->write(frame);
    else
        m_pending += frame;
}

void LocalWebSocketChannel::sendBinary(const QByteArray &data)
{
    if (state() == State::Closed || m_closeSent || m_finishing)
        return;
    writeFrame(WebSocketFrameCodec::encodeFrame(WebSocketFrameCodec::OpCode::Binary, data));
}

void LocalWebSocketChannel::sendText(const QByteArray &utf8)
{
    if (state() == State::Closed || m_closeSent || m_finishing)
        return;
    writeFrame(WebSocketFrameCodec::encodeFrame(WebSocketFrameCodec::OpCode::Text, utf8));
}

void LocalWebSocketChannel::close()
{
    if (state() == State::Connecting) {
        // No WebSocket yet to close politely: what was queued is dropped with the connection.
        finish({}, false);
        return;
    }
    if (state() != State::Open || m_finishing)
        return;
    m_closeSent = true;
    writeFrame(WebSocketFrameCodec::encodeClose(WebSocketFrameCodec::NormalClosure));
    setState(State::Closing);
    m_timer.start(m_closeTimeoutMs);
}

void LocalWebSocketChannel::abort()
{
    finish(Error::cancelled(), false);
}

qint64 LocalWebSocketChannel::bytesToWrite() const
{
    return m_pending.size() + qMax<qint64>(0, m_socket->bytesToWrite() - m_handshakeBytesUnreported);
}

void LocalWebSocketChannel::finish(const Error &error, bool flush)
{
    if (state() == State::Closed || m_finishing)
        return;
    // Set first: the socket may report its own disconnection from inside the calls below.
    m_finishing = true;
    m_timer.stop();
    m_pending.clear();
    if (flush && m_socket->state() == QLocalSocket::ConnectedState)
        m_socket->disconnectFromServer();
    else
        m_socket->abort();
    setClosed(error);
}

} // namespace Lxd
