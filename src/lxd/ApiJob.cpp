#include "ApiJob.h"

#include "HttpReply.h"
#include "Transport.h"

#include <QPromise>
#include <QThreadPool>

#include <memory>

namespace Lxd {

namespace {

// Its own pool: long work of others in the global one must not hold a reply back.
Q_GLOBAL_STATIC(QThreadPool, parsePool)

} // namespace

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
    if (m_parse) {
        m_parse->disconnect(this);
        m_parse->deleteLater();
        m_parse = nullptr;
    }
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
    const QByteArray body = reply->body();
    const QByteArray etag = reply->header(QByteArrayLiteral("ETag"));
    if (body.size() >= BackgroundParseBytes) {
        m_response.etag = etag;
        parseInBackground(body);
        return;
    }
    const Error error = Response::parse(m_httpStatus, body, &m_response);
    m_response.etag = etag;
    finishWith(error);
}

void ApiJob::parseInBackground(const QByteArray &body)
{
    // The worker owns the promise; the watcher, a child of this job, hears of the result in this
    // thread, or never if the job is gone by then.
    auto promise = std::make_shared<QPromise<std::pair<Error, Response>>>();
    m_parse = new QFutureWatcher<std::pair<Error, Response>>(this);
    connect(m_parse, &QFutureWatcherBase::finished, this, [this] {
        auto *watcher = std::exchange(m_parse, nullptr);
        watcher->deleteLater();
        if (!watcher->future().isValid() || watcher->future().resultCount() == 0) {
            finishWith(Error::parse(QStringLiteral("the reply could not be parsed")));
            return;
        }
        const std::pair<Error, Response> parsed = watcher->future().result();
        const QByteArray etag = m_response.etag;
        if (!parsed.first)
            m_response = parsed.second;
        m_response.etag = etag;
        finishWith(parsed.first);
    });
    m_parse->setFuture(promise->future());
    parsePool()->start([promise, status = m_httpStatus, body] {
        promise->start();
        Response response;
        const Error error = Response::parse(status, body, &response);
        promise->addResult(std::make_pair(error, std::move(response)));
        promise->finish();
    });
}

} // namespace Lxd
