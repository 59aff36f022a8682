#pragma once

#include "HttpRequest.h"
#include "Job.h"
#include "Response.h"

#include <QFutureWatcher>
#include <QPointer>

#include <utility>

namespace Lxd {

class HttpReply;
class Transport;

// One request to the LXD API: sends it, parses the envelope, keeps the result. The counterpart of a
// single call of pylxd's `client.api`.
class ApiJob : public Job
{
    Q_OBJECT

public:
    // Most replies are LXD envelopes. File contents, image and backup exports come back as raw bytes
    // on success (with an envelope only on error).
    enum class ReplyBody { Envelope, Raw };

    ApiJob(Transport *transport, HttpRequest request, ReplyBody replyBody = ReplyBody::Envelope,
           QObject *parent = nullptr);
    ~ApiJob() override;

    // Sends the request. Called once by whoever made the job, after connecting to it.
    void start();

    const HttpRequest &request() const { return m_request; }
    const Response &response() const { return m_response; }
    QJsonValue metadata() const { return m_response.metadata; }
    QByteArray etag() const { return m_response.etag; }
    int httpStatus() const { return m_httpStatus; }
    QByteArray header(const QByteArray &name) const;
    // The body of a ReplyBody::Raw reply that was not streamed into a sink.
    QByteArray rawBody() const { return m_rawBody; }

    // Envelopes at least this large (a listing of hundreds of objects) are parsed on a worker thread,
    // so that the thread that made the job keeps its event loop turning meanwhile.
    static constexpr qsizetype BackgroundParseBytes = 128 * 1024;

Q_SIGNALS:
    // The reply's status and headers are in (for raw replies: before the body streams).
    void headersReceived();

protected:
    void stopWork() override;

private:
    void onReplyFinished();
    void parseInBackground(const QByteArray &body);

    Transport *m_transport;
    HttpRequest m_request;
    ReplyBody m_replyBody;
    QPointer<HttpReply> m_reply;
    Response m_response;
    int m_httpStatus = 0;
    QList<HttpRequest::Header> m_headers;
    QByteArray m_rawBody;
    QFutureWatcher<std::pair<Error, Response>> *m_parse = nullptr;
};

} // namespace Lxd
