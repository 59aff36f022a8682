#include "UnixHttpReply.h"

#include "HttpResponseParser.h"
#include "UnixHttpConnection.h"
#include "UnixSocketTransport.h"

#include <QIODevice>
#include <QMetaObject>

namespace Lxd {

UnixHttpReply::UnixHttpReply(HttpRequest request, UnixSocketTransport *transport)
    : m_request(std::move(request))
    , m_transport(transport)
{ }

UnixHttpReply::~UnixHttpReply()
{
    detach();
}

void UnixHttpReply::abort()
{
    if (isFinished())
        return;
    detach();
    finish(Error::cancelled());
}

bool UnixHttpReply::isRetryable() const
{
    if (m_retried || m_request.bodySource)
        return false;
    const QByteArray &method = m_request.method;
    return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE";
}

void UnixHttpReply::detach()
{
    if (UnixHttpConnection *connection = m_connection.data()) {
        m_connection = nullptr;
        // Half an exchange leaves the stream out of step: the connection cannot be reused.
        connection->drop();
    } else if (UnixSocketTransport *transport = m_transport.data()) {
        transport->unqueue(this);
    }
}

void UnixHttpReply::deliverHead(const HttpResponseParser &parser)
{
    setStatus(parser.statusCode(), parser.reasonPhrase());
    setHeaders(parser.headers());
    m_expected = parser.contentLength();
    m_toSink = m_request.responseSink && parser.statusCode() >= 200 && parser.statusCode() < 300;
    Q_EMIT headersReceived();
}

bool UnixHttpReply::deliverBody(QByteArrayView data)
{
    if (m_toSink) {
        const qint64 written = m_request.responseSink->write(data.data(), data.size());
        if (written != data.size()) {
            m_sinkError = m_request.responseSink->errorString();
            return false;
        }
    } else {
        appendBody(data);
    }
    m_received += data.size();
    Q_EMIT downloadProgress(m_received, m_expected);
    return true;
}

void UnixHttpReply::reportUpload(qint64 sent, qint64 total)
{
    Q_EMIT uploadProgress(sent, total);
}

void UnixHttpReply::complete(const Error &error)
{
    m_connection = nullptr;
    finish(error);
}

void UnixHttpReply::completeLater(const Error &error)
{
    QMetaObject::invokeMethod(
        this, [this, error] { complete(error); }, Qt::QueuedConnection);
}

} // namespace Lxd
