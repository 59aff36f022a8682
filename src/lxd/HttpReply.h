#pragma once

#include "Error.h"
#include "HttpRequest.h"

#include <QObject>

namespace Lxd {

// A request in flight on some transport. It emits `finished()` exactly once, always from the event
// loop (never from inside the call that created it). Any HTTP status is a successful exchange at this
// level: deciding what a 404 means is the job of the LXD envelope parser above.
class HttpReply : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    bool isFinished() const { return m_finished; }
    Error error() const { return m_error; }

    int statusCode() const { return m_statusCode; }
    QByteArray reasonPhrase() const { return m_reasonPhrase; }
    const QList<HttpRequest::Header> &headers() const { return m_headers; }
    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
    // The body, unless the request streamed it into a `responseSink`.
    QByteArray body() const { return m_body; }

    // Stops the exchange; the reply finishes with a Cancelled error (unless it had finished already).
    virtual void abort() = 0;

Q_SIGNALS:
    void headersReceived();
    void uploadProgress(qint64 sent, qint64 total);
    void downloadProgress(qint64 received, qint64 total);
    void finished();

protected:
    void setStatus(int code, const QByteArray &reason);
    void setHeaders(QList<HttpRequest::Header> headers) { m_headers = std::move(headers); }
    void appendBody(QByteArrayView data) { m_body.append(data); }
    void setBody(QByteArray body) { m_body = std::move(body); }
    // Records the outcome and emits finished() once; later calls are ignored.
    void finish(const Error &error = {});

private:
    bool m_finished = false;
    Error m_error;
    int m_statusCode = 0;
    QByteArray m_reasonPhrase;
    QList<HttpRequest::Header> m_headers;
    QByteArray m_body;
};

} // namespace Lxd
