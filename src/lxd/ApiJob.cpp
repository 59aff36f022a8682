#include "ApiJob.h"

#include "HttpReply.h"
#include "Transport.h"

namespace Lxd {

ApiJob::ApiJob(Transport *transport, HttpRequest request, ReplyBody replyBody, QObject *parent)
    : Job(parent)
    , m_transport(transport)
    , m_request(std::move(request))
    , m_replyBody(replyBody)
{ }

ApiJob::~ApiJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiJob::start()
{
    Q_ASSERT(!m_reply);
    if (!m_transport) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    m_reply = m_transport->send(m_request);
    connect(m_reply, &HttpReply::headersReceived, this, [this] {
        m_httpStatus = m_reply->statusCode();
        // So that header() already answers here, before a raw body streams (an export's Content-Type).
        m_headers = m_reply->headers();
        Q_EMIT headersReceived();
    });
    connect(m_reply, &HttpReply::uploadProgress, this, &Job::progress);
    connect(m_reply, &HttpReply::downloadProgress, this, &Job::progress);
    connect(m_reply, &HttpReply::finished, this, &ApiJob::onReplyFinished);
}

QByteArray ApiJob::header(const QByteArray &name) const
{
    for (const HttpRequest::Header &header : m_headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

void ApiJob::stopWork()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
}

void ApiJob::onReplyFinished()
{
    HttpReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    reply->disconnect(this);

    if (reply->error()) {
        finishWith(reply->error());
        return;
    }
    m_httpStatus = reply->statusCode();
    m_headers = reply->headers();

    const bool success = m_httpStatus >= 200 && m_httpStatus < 300;
    if (m_replyBody == ReplyBody::Raw && success) {
        m_rawBody = reply->body();
        m_response.httpStatus = m_httpStatus;
        finishWith();
        return;
    }
    const Error error = Response::parse(m_httpStatus, reply->body(), &m_response);
    m_response.etag = reply->header(QByteArrayLiteral("ETag"));
    finishWith(error);
}

} // namespace Lxd
