#include "UnixSocketTransport.h"

#include "LocalWebSocketChannel.h"
#include "UnixHttpConnection.h"
#include "UnixHttpReply.h"

#include <QMetaObject>

namespace Lxd {

namespace {

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || QByteArrayView("\"(),/:;<=>?@[\\]{}").contains(c))
            return false;
    }
    return true;
}

bool isSafeText(const QByteArray &text, bool allowSpace)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0x7f || (u < 0x20 && c != '\t') || (!allowSpace && (c == ' ' || c == '\t')))
            return false;
    }
    return true;
}

// A request that would not be one well-formed HTTP message (or would smuggle a second one) is refused.
QString invalidRequestReason(const HttpRequest &request)
{
    if (!isToken(request.method))
        return QStringLiteral("invalid method \"%1\"").arg(QString::fromLatin1(request.method));
    if (!request.target.startsWith('/') || !isSafeText(request.target, false))
        return QStringLiteral("invalid target \"%1\"").arg(QString::fromLatin1(request.target));
    for (const HttpRequest::Header &header : request.headers) {
        if (!isToken(header.first) || !isSafeText(header.second, true))
            return QStringLiteral("invalid header field \"%1\"").arg(QString::fromLatin1(header.first));
    }
    return {};
}

} // namespace

UnixSocketTransport::UnixSocketTransport(const QString &socketPath, QObject *parent)
    : Transport(parent)
    , m_socketPath(socketPath)
{ }

UnixSocketTransport::~UnixSocketTransport()
{
    // Replies belong to their callers and may outlive us: they still finish, later, with an error.
    const QList<QPointer<UnixHttpReply>> queue = std::exchange(m_queue, {});
    for (const QPointer<UnixHttpReply> &reply : queue) {
        if (reply)
            reply->completeLater(
                Error::network(QStringLiteral("the connection to %1 was shut down").arg(m_socketPath)));
    }
    const QList<UnixHttpConnection *> connections = std::exchange(m_connections, {});
    for (UnixHttpConnection *connection : connections) {
        connection->disconnect(this);
        delete connection;
    }
}

HttpReply *UnixSocketTransport::send(const HttpRequest &request)
{
    auto *reply = new UnixHttpReply(request, this);
    const QString invalid = invalidRequestReason(request);
    if (!invalid.isEmpty()) {
        reply->completeLater(Error::network(QStringLiteral("invalid request: %1").arg(invalid)));
        return reply;
    }
    m_queue.append(reply);
    // Never from inside send(): the caller connects to the reply first.
    scheduleDispatch();
    return reply;
}

WebSocketChannel *UnixSocketTransport::openWebSocket(const QByteArray &target)
{
    return new LocalWebSocketChannel(m_socketPath, target);
}

QString UnixSocketTransport::endpoint() const
{
    return QStringLiteral("unix:") + m_socketPath;
}

void UnixSocketTransport::setMaxConnections(int count)
{
    m_maxConnections = qMax(1, count);
    const QList<UnixHttpConnection *> connections = m_connections;
    qsizetype excess = connections.size() - m_maxConnections;
    for (UnixHttpConnection *connection : connections) {
        if (excess <= 0)
            break;
        if (connection->isIdle()) {
            connection->drop();
            --excess;
        }
    }
    scheduleDispatch();
}

void UnixSocketTransport::unqueue(UnixHttpReply *reply)
{
    m_queue.removeIf([reply](const QPointer<UnixHttpReply> &queued) { return !queued || queued == reply; });
}

void UnixSocketTransport::scheduleDispatch()
{
    if (m_dispatchScheduled)
        return;
    m_dispatchScheduled = true;
    QMetaObject::invokeMethod(this, &UnixSocketTransport::dispatch, Qt::QueuedConnection);
}

void UnixSocketTransport::dispatch()
{
    m_dispatchScheduled = false;
    QPointer<UnixSocketTransport> guard(this);
    while (!m_queue.isEmpty()) {
        UnixHttpReply *reply = m_queue.first();
        if (!reply || reply->isFinished()) {
            m_queue.removeFirst();
            continue;
        }
        // A retried request goes on a fresh connection: the idle ones may be just as stale.
        UnixHttpConnection *connection = reply->m_retried ? nullptr : idleConnection();
        if (!connection) {
            if (m_connections.size() >= m_maxConnections) {
                UnixHttpConnection *spare = idleConnection();
                if (!spare)
                    break; // all busy: wait for one to become idle or close
                spare->drop();
            }
            connection = openConnection();
        }
        m_queue.removeFirst();
        ++m_requestCount;
        // A connection can fail at once (no such socket) and finish the reply, whose slots may run anything.
        connection->start(reply);
        if (!guard)
            return;
    }
}

UnixHttpConnection *UnixSocketTransport::openConnection()
{
    auto *connection = new UnixHttpConnection(m_socketPath, this);
    connect(connection, &UnixHttpConnection::idle, this, &UnixSocketTransport::scheduleDispatch);
    connect(connection, &UnixHttpConnection::closed, this, &UnixSocketTransport::onConnectionClosed);
    connect(connection, &UnixHttpConnection::retryRequested, this, &UnixSocketTransport::onRetryRequested);
    m_connections.append(connection);
    ++m_connectionsOpened;
    return connection;
}

UnixHttpConnection *UnixSocketTransport::idleConnection() const
{
    for (UnixHttpConnection *connection : m_connections) {
        if (connection->isIdle())
            return connection;
    }
    return nullptr;
}

void UnixSocketTransport::onConnectionClosed(UnixHttpConnection *connection)
{
    m_connections.removeOne(connection);
    connection->disconnect(this);
    connection->deleteLater();
    scheduleDispatch();
}

void UnixSocketTransport::onRetryRequested(UnixHttpReply *reply)
{
    if (!reply || reply->isFinished())
        return;
    reply->m_retried = true;
    m_queue.prepend(reply);
    scheduleDispatch();
}

} // namespace Lxd
