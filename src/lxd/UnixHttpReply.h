#pragma once

#include "HttpReply.h"

#include <QPointer>

namespace Lxd {

class HttpResponseParser;
class UnixHttpConnection;
class UnixSocketTransport;

// A request sent by UnixSocketTransport: queued in the transport, then driven by one of its
// UnixHttpConnections, which hand it the head and body as they are parsed.
class UnixHttpReply final : public HttpReply
{
    Q_OBJECT

public:
    ~UnixHttpReply() override;

    void abort() override;

private:
    friend class UnixHttpConnection;
    friend class UnixSocketTransport;

    UnixHttpReply(HttpRequest request, UnixSocketTransport *transport);

    const HttpRequest &request() const { return m_request; }
    // May this request be sent again on a fresh connection after a reused one died before replying?
    bool isRetryable() const;
    // Leaves the queue or the connection without finishing (abort and destruction).
    void detach();

    void deliverHead(const HttpResponseParser &parser);
    // Returns false when the response sink refused the bytes; sinkError() says why.
    bool deliverBody(QByteArrayView data);
    QString sinkError() const { return m_sinkError; }
    void reportUpload(qint64 sent, qint64 total);
    void updateHeaders(const QList<HttpRequest::Header> &headers) { setHeaders(headers); }
    void complete(const Error &error = {});
    // For failures found inside a call that must not emit finished() (send(), destructors).
    void completeLater(const Error &error);

    HttpRequest m_request;
    QPointer<UnixSocketTransport> m_transport;
    QPointer<UnixHttpConnection> m_connection;
    bool m_retried = false;
    bool m_toSink = false;
    qint64 m_received = 0;
    qint64 m_expected = -1;
    QString m_sinkError;
};

} // namespace Lxd
