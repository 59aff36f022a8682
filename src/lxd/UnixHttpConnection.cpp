#include "UnixHttpConnection.h"

#include "Error.h"
#include "UnixHttpReply.h"

#include <QIODevice>
#include <QLocalSocket>

namespace Lxd {

namespace {

// Write more of a streamed body only while less than this waits in the socket's buffer, so that an
// upload of any size holds about this much memory.
constexpr qint64 UploadHighWater = 1024 * 1024;
constexpr qint64 UploadPiece = 64 * 1024;
constexpr qint64 ReadPiece = 256 * 1024;

#ifndef BERTH_VERSION
#define BERTH_VERSION "unknown"
#endif

bool isOurHeader(const QByteArray &name)
{
    // Framing is ours to decide; a caller's value could only contradict what is really sent.
    return name.compare("Content-Length", Qt::CaseInsensitive) == 0
        || name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0;
}

QByteArray requestHead(const HttpRequest &request)
{
    QByteArray head;
    head.reserve(256);
    head.append(request.method).append(' ').append(request.target).append(" HTTP/1.1\r\n");
    if (request.header(QByteArrayLiteral("Host")).isNull())
        head.append("Host: lxd\r\n");
    if (request.header(QByteArrayLiteral("User-Agent")).isNull())
        head.append("User-Agent: Berth/" BERTH_VERSION "\r\n");
    for (const HttpRequest::Header &header : request.headers) {
        if (!isOurHeader(header.first))
            head.append(header.first).append(": ").append(header.second).append("\r\n");
    }
    if (request.bodySource) {
        if (request.bodySourceSize >= 0)
            head.append("Content-Length: ").append(QByteArray::number(request.bodySourceSize)).append("\r\n");
        else
            head.append("Transfer-Encoding: chunked\r\n");
    } else if (!request.body.isEmpty() || request.method == "POST" || request.method == "PUT"
               || request.method == "PATCH") {
        head.append("Content-Length: ").append(QByteArray::number(request.body.size())).append("\r\n");
    }
    head.append("\r\n");
    return head;
}

} // namespace

UnixHttpConnection::UnixHttpConnection(const QString &socketPath, QObject *parent)
    : QObject(parent)
    , m_socketPath(socketPath)
    , m_socket(new QLocalSocket(this))
{
    connect(m_socket, &QLocalSocket::connected, this, &UnixHttpConnection::onConnected);
    connect(m_socket, &QLocalSocket::readyRead, this, &UnixHttpConnection::onReadyRead);
    connect(m_socket, &QLocalSocket::bytesWritten, this, &UnixHttpConnection::pumpUpload);
    connect(m_socket, &QLocalSocket::disconnected, this, &UnixHttpConnection::onSocketGone);
    connect(m_socket, &QLocalSocket::errorOccurred, this, &UnixHttpConnection::onSocketGone);
}

UnixHttpConnection::~UnixHttpConnection()
{
    m_closed = true;
    stopUpload();
    m_socket->disconnect(this);
    m_socket->abort();
    if (UnixHttpReply *reply = detachReply())
        reply->completeLater(
            Error::network(QStringLiteral("the connection to %1 was shut down").arg(m_socketPath)));
}

bool UnixHttpConnection::isIdle() const
{
    return !m_reply && !m_closed && m_connected && m_socket->state() == QLocalSocket::ConnectedState;
}

void UnixHttpConnection::start(UnixHttpReply *reply)
{
    Q_ASSERT(!m_reply && !m_closed);
    m_reply = reply;
    reply->m_connection = this;
    m_parser.reset(reply->request().method == "HEAD");
    m_responseBytes = 0;
    m_headDelivered = false;
    m_uploading = false;
    m_sourceFinished = false;
    m_uploaded = 0;

    if (m_connected) {
        writeRequest();
    } else if (!m_connecting) {
        m_connecting = true;
        // May report a missing socket synchronously; the transport only calls us from the event loop.
        m_socket->connectToServer(m_socketPath);
    }
}

void UnixHttpConnection::drop()
{
    m_reply = nullptr;
    shutDown();
}

void UnixHttpConnection::onConnected()
{
    m_connecting = false;
    m_connected = true;
    if (m_reply)
        writeRequest();
}

void UnixHttpConnection::writeRequest()
{
    UnixHttpReply *reply = m_reply;
    const HttpRequest &request = reply->request();
    const QByteArray head = requestHead(request);

    if (request.bodySource) {
        m_source = request.bodySource;
        if (!m_source->isOpen() || !m_source->isReadable()) {
            failExchange(Error(Error::Kind::Io, QStringLiteral("the upload source is not open for reading")));
            return;
        }
        m_uploadTotal = request.bodySourceSize;
        m_chunkedUpload = m_uploadTotal < 0;
        m_uploading = true;
        connect(m_source, &QIODevice::readyRead, this, &UnixHttpConnection::pumpUpload);
        connect(m_source, &QIODevice::readChannelFinished, this, [this] {
            m_sourceFinished = true;
            pumpUpload();
        });
        m_socket->write(head);
        // LXD 5.0.2 reads a new connection's first bytes inside its accept loop: send them now, not
        // when the event loop next turns, or every other client waits for a caller that may block.
        m_socket->flush();
        pumpUpload();
        return;
    }

    m_socket->write(head + request.body);
    m_socket->flush(); // see above: never leave the daemon waiting for a request line
    if (!request.body.isEmpty())
        reply->reportUpload(request.body.size(), request.body.size());
}

void UnixHttpConnection::pumpUpload()
{
    if (!m_uploading || !m_reply || m_closed)
        return;
    QPointer<UnixHttpConnection> guard(this);
    UnixHttpReply *reply = m_reply;
    while (m_socket->bytesToWrite() < UploadHighWater) {
        qint64 want = UploadPiece;
        if (m_uploadTotal >= 0) {
            want = qMin(want, m_uploadTotal - m_uploaded);
            if (want == 0) {
                finishUpload();
                return;
            }
        }
        if (!m_source) {
            failExchange(
                Error(Error::Kind::Io, QStringLiteral("the upload source was deleted during the upload")));
            return;
        }
        QByteArray piece(want, Qt::Uninitialized);
        const qint64 count = m_source->read(piece.data(), want);
        // A sequential source that has nothing yet returns 0 and says so again with readyRead; one that
        // is exhausted returns -1 or announces readChannelFinished.
        const bool ended = count < 0 || (count == 0 && (m_sourceFinished || !m_source->isSequential()));
        if (ended) {
            if (m_uploadTotal >= 0) {
                failExchange(Error(Error::Kind::Io,
                                   QStringLiteral("the upload source ended after %1 of %2 bytes: %3")
                                       .arg(m_uploaded)
                                       .arg(m_uploadTotal)
                                       .arg(m_source->errorString())));
                return;
            }
            finishUpload();
            return;
        }
        if (count == 0)
            return;
        piece.truncate(count);
        if (m_chunkedUpload) {
            m_socket->write(QByteArray::number(count, 16).append("\r\n"));
            m_socket->write(piece);
            m_socket->write(QByteArrayLiteral("\r\n"));
        } else {
            m_socket->write(piece);
        }
        m_uploaded += count;
        reply->reportUpload(m_uploaded, m_uploadTotal);
        if (!guard || m_reply != reply || m_closed)
            return;
    }
}

void UnixHttpConnection::finishUpload()
{
    if (m_chunkedUpload)
        m_socket->write(QByteArrayLiteral("0\r\n\r\n"));
    stopUpload();
    if (m_chunkedUpload && m_reply)
        m_reply->reportUpload(m_uploaded, m_uploaded);
}

void UnixHttpConnection::stopUpload()
{
    m_uploading = false;
    if (m_source)
        m_source->disconnect(this);
    m_source = nullptr;
}

void UnixHttpConnection::onReadyRead()
{
    QPointer<UnixHttpConnection> guard(this);
    while (guard && !m_closed && m_socket->bytesAvailable() > 0) {
        if (!m_reply) {
            // Bytes nobody asked for: the stream is out of step, so it must not carry another request.
            shutDown();
            return;
        }
        if (m_readBuffer.size() < ReadPiece)
            m_readBuffer.resize(ReadPiece);
        const qint64 count = m_socket->read(m_readBuffer.data(), ReadPiece);
        if (count <= 0 || !process(QByteArrayView(m_readBuffer.constData(), count)))
            return;
    }
}

bool UnixHttpConnection::process(QByteArrayView data)
{
    QPointer<UnixHttpConnection> guard(this);
    m_responseBytes += data.size();
    qsizetype offset = 0;
    while (offset < data.size()) {
        const qsizetype used = m_parser.feed(data.sliced(offset));
        offset += used;
        if (!deliver())
            return false;
        if (m_parser.hasFailed()) {
            failExchange(Error::parse(m_parser.errorString()));
            return false;
        }
        if (m_parser.isComplete()) {
            completeExchange(offset < data.size());
            return guard && !m_closed;
        }
        if (used == 0)
            break;
    }
    return true;
}

// Hands the head and any decoded body to the reply. Returns false when the exchange ended meanwhile
// (the reply was aborted or deleted by a slot, or the sink failed).
bool UnixHttpConnection::deliver()
{
    QPointer<UnixHttpConnection> guard(this);
    UnixHttpReply *reply = m_reply;
    if (!m_headDelivered && m_parser.isHeadComplete()) {
        m_headDelivered = true;
        reply->deliverHead(m_parser);
        if (!guard || m_reply != reply)
            return false;
    }
    const QByteArrayView body = m_parser.body();
    if (body.isEmpty())
        return true;
    const bool delivered = reply->deliverBody(body);
    if (!guard)
        return false;
    m_parser.discardBody();
    if (!delivered) {
        failExchange(Error(Error::Kind::Io,
                           QStringLiteral("could not write the download: %1").arg(reply->sinkError())));
        return false;
    }
    return guard && m_reply == reply;
}

void UnixHttpConnection::completeExchange(bool trailingBytes)
{
    // A reply that came before the whole body went out leaves the request unfinished on the wire.
    const bool reusable = m_parser.keepAlive() && !m_uploading && !trailingBytes && !m_closed
        && m_socket->state() == QLocalSocket::ConnectedState;
    UnixHttpReply *reply = detachReply();
    ++m_served;
    reply->updateHeaders(m_parser.headers()); // trailers of a chunked body join the head's fields
    if (reusable)
        Q_EMIT idle(this);
    else
        shutDown();
    reply->complete();
}

void UnixHttpConnection::failExchange(const Error &error)
{
    UnixHttpReply *reply = detachReply();
    shutDown();
    if (reply)
        reply->complete(error);
}

UnixHttpReply *UnixHttpConnection::detachReply()
{
    UnixHttpReply *reply = m_reply;
    m_reply = nullptr;
    if (reply)
        reply->m_connection = nullptr;
    stopUpload();
    return reply;
}

void UnixHttpConnection::onSocketGone()
{
    if (m_closed)
        return;
    QPointer<UnixHttpConnection> guard(this);
    // Bytes that arrived before the close still belong to the reply.
    if (m_reply && m_socket->bytesAvailable() > 0) {
        onReadyRead();
        if (!guard || m_closed)
            return;
    }
    if (!m_reply) {
        // An idle keep-alive connection the server closed: forget it, the next request opens another.
        shutDown();
        return;
    }

    m_parser.finishOnClose();
    if (m_parser.isComplete()) {
        // A body delimited by the end of the connection.
        if (deliver())
            completeExchange(false);
        return;
    }

    const QString socketError = describeSocketError();
    if (m_responseBytes == 0 && hasServed() && m_reply->isRetryable()) {
        // The server closed a keep-alive connection just as we reused it; nothing was answered, so a
        // fresh connection may safely carry the request again.
        UnixHttpReply *reply = detachReply();
        Q_EMIT retryRequested(reply); // before closed(): the owner stops listening to us then
        shutDown();
        return;
    }
    if (!m_connected) {
        failExchange(
            Error::network(QStringLiteral("cannot connect to %1: %2").arg(m_socketPath, socketError)));
        return;
    }
    if (m_responseBytes == 0) {
        failExchange(Error::network(
            QStringLiteral("%1 closed the connection before replying (%2)").arg(m_socketPath, socketError)));
        return;
    }
    failExchange(Error::network(QStringLiteral("%1 (%2)").arg(m_parser.errorString(), m_socketPath)));
}

QString UnixHttpConnection::describeSocketError() const
{
    if (m_socket->error() == QLocalSocket::UnknownSocketError)
        return QStringLiteral("connection closed");
    return m_socket->errorString();
}

void UnixHttpConnection::shutDown()
{
    if (m_closed)
        return;
    m_closed = true;
    stopUpload();
    m_socket->disconnect(this);
    m_socket->abort();
    Q_EMIT closed(this);
}

} // namespace Lxd
