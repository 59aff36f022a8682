#include "QtWebSocketChannel.h"

#include <QMetaObject>

#include <utility>

namespace Lxd {

QtWebSocketChannel::QtWebSocketChannel(const QUrl &url, const TlsIdentity &identity, const QString &endpoint,
                                       QObject *parent)
    : WebSocketChannel(parent)
    , m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
    , m_url(url)
    , m_identity(identity)
    , m_endpoint(endpoint)
{
    QSslConfiguration configuration = identity.sslConfiguration();
    configuration.setCaCertificates({});
    m_socket->setSslConfiguration(configuration);

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &QtWebSocketChannel::onTimeout);
    connect(m_socket, &QWebSocket::sslErrors, this, &QtWebSocketChannel::onSslErrors);
    connect(m_socket, &QWebSocket::connected, this, &QtWebSocketChannel::onConnected);
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &QtWebSocketChannel::onSocketError);
    connect(m_socket, &QWebSocket::disconnected, this, &QtWebSocketChannel::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &message) { Q_EMIT textReceived(message.toUtf8()); });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &WebSocketChannel::binaryReceived);
    connect(m_socket, &QWebSocket::bytesWritten, this, &WebSocketChannel::bytesWritten);
    // A failure to connect is reported from the event loop, after the caller has connected its slots.
    QMetaObject::invokeMethod(this, &QtWebSocketChannel::start, Qt::QueuedConnection);
}

QtWebSocketChannel::~QtWebSocketChannel()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

void QtWebSocketChannel::start()
{
    if (state() != State::Connecting || m_finishing)
        return;
    m_timer.start(m_handshakeTimeoutMs);
    m_socket->open(m_url);
}

void QtWebSocketChannel::onSslErrors(const QList<QSslError> &errors)
{
    QSslCertificate presented = m_socket->sslConfiguration().peerCertificate();
    if (presented.isNull() && !errors.isEmpty())
        presented = errors.first().certificate();
    const Error error = m_identity.checkServerCertificate(presented, m_endpoint);
    if (error)
        finish(error);
    else
        m_socket->ignoreSslErrors();
}

void QtWebSocketChannel::onConnected()
{
    if (m_finishing)
        return;
    // The sslErrors check has run already (no CA is trusted); this is a second line, not the gate.
    const Error error
        = m_identity.checkServerCertificate(m_socket->sslConfiguration().peerCertificate(), m_endpoint);
    if (error) {
        finish(error);
        return;
    }
    m_timer.stop();
    const QList<Pending> pending = std::exchange(m_pending, {});
    m_pendingBytes = 0;
    for (const Pending &message : pending)
        write(message.binary, message.data);
    setOpen();
}

void QtWebSocketChannel::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_finishing || m_failure)
        return;
    // The server hanging up after a close handshake (ours or its own) is the normal end.
    if (error == QAbstractSocket::RemoteHostClosedError && state() != State::Connecting)
        return;
    const QString detail = QStringLiteral("%1: %2").arg(m_endpoint, m_socket->errorString());
    const bool tls = error == QAbstractSocket::SslHandshakeFailedError
        || error == QAbstractSocket::SslInternalError || error == QAbstractSocket::SslInvalidUserDataError;
    m_failure = tls ? Error(Error::Kind::Tls, detail) : Error::network(detail);
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        finish(m_failure);
}

void QtWebSocketChannel::onDisconnected()
{
    if (m_finishing)
        return;
    m_closeCode = m_socket->closeCode();
    m_closeReason = m_socket->closeReason();
    if (m_failure) {
        finish(m_failure);
        return;
    }
    if (state() == State::Connecting) {
        finish(Error::network(QStringLiteral("%1: the WebSocket upgrade of %2 failed: %3")
                                  .arg(m_endpoint, m_url.path(), m_socket->errorString())));
        return;
    }
    if (state() == State::Closing || m_closeCode == QWebSocketProtocol::CloseCodeNormal
        || m_closeCode == QWebSocketProtocol::CloseCodeGoingAway) {
        finish({});
        return;
    }
    finish(Error::network(QStringLiteral("%1: the WebSocket closed with code %2 %3")
                              .arg(m_endpoint)
                              .arg(m_closeCode)
                              .arg(m_closeReason)));
}

void QtWebSocketChannel::onTimeout()
{
    if (state() == State::Connecting)
        finish(Error::network(QStringLiteral("%1: no WebSocket upgrade of %2 within %3 ms")
                                  .arg(m_endpoint, m_url.path())
                                  .arg(m_handshakeTimeoutMs)));
    else if (state() == State::Closing)
        finish(Error::network(QStringLiteral("%1: the server did not answer the WebSocket close within %2 ms")
                                  .arg(m_endpoint)
                                  .arg(m_closeTimeoutMs)));
}

void QtWebSocketChannel::send(bool binary, const QByteArray &data)
{
    if (state() == State::Connecting) {
        m_pending.append({binary, data});
        m_pendingBytes += data.size();
        return;
    }
    write(binary, data);
}

void QtWebSocketChannel::write(bool binary, const QByteArray &data)
{
    if (binary)
        m_socket->sendBinaryMessage(data);
    else
        m_socket->sendTextMessage(QString::fromUtf8(data));
}

void QtWebSocketChannel::sendBinary(const QByteArray &data)
{
    if (state() == State::Open || (state() == State::Connecting && !m_finishing))
        send(true, data);
}

void QtWebSocketChannel::sendText(const QByteArray &utf8)
{
    if (state() == State::Open || (state() == State::Connecting && !m_finishing))
        send(false, utf8);
}

void QtWebSocketChannel::close()
{
    if (state() == State::Connecting) {
        // No WebSocket yet to close politely: what was queued is dropped with the connection.
        finish({});
        return;
    }
    if (state() != State::Open || m_finishing)
        return;
    setState(State::Closing);
    m_timer.start(m_closeTimeoutMs);
    m_socket->close(QWebSocketProtocol::CloseCodeNormal);
}

void QtWebSocketChannel::abort()
{
    finish(Error::cancelled());
}

qint64 QtWebSocketChannel::bytesToWrite() const
{
    return m_pendingBytes + m_socket->bytesToWrite();
}

void QtWebSocketChannel::finish(const Error &error)
{
    if (state() == State::Closed || m_finishing)
        return;
    // Set first: the socket reports its own disconnection from inside abort().
    m_finishing = true;
    m_timer.stop();
    m_pending.clear();
    m_pendingBytes = 0;
    m_socket->abort();
    setClosed(error);
}

} // namespace Lxd
