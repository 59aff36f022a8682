#include "HttpsTransport.h"

#include "NetworkHttpReply.h"
#include "QtWebSocketChannel.h"
#include "ServerCertificateProbe.h"

#include <QIODevice>
#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace Lxd {

namespace {

// What Qt Network keeps of a download before we read it: we read on every readyRead, so this only
// bounds the backlog when the event loop is busy elsewhere.
constexpr qint64 ReadBufferSize = 4 * 1024 * 1024;

} // namespace

HttpsTransport::HttpsTransport(const QUrl &baseUrl, const TlsIdentity &identity, QObject *parent)
    : Transport(parent)
    , m_baseUrl(baseUrl)
    , m_identity(identity)
    , m_network(new QNetworkAccessManager(this))
{
    // LXD's replies are never cached, and its redirects (none in the API) must not be followed blindly.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpsTransport::~HttpsTransport() = default;

QString HttpsTransport::endpoint() const
{
    return m_baseUrl.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                              | QUrl::StripTrailingSlash);
}

QUrl HttpsTransport::urlFor(const QByteArray &target, const QString &scheme) const
{
    QUrl root = m_baseUrl;
    root.setScheme(scheme);
    QByteArray encoded = root.toEncoded(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (encoded.endsWith('/'))
        encoded.chop(1);
    // The target is already percent-encoded: keep it exactly as the caller wrote it.
    return QUrl::fromEncoded(encoded + target, QUrl::StrictMode);
}

HttpReply *HttpsTransport::send(const HttpRequest &request)
{
    QNetworkRequest networkRequest(urlFor(request.target, QStringLiteral("https")));
    networkRequest.setSslConfiguration(m_identity.sslConfiguration());
    networkRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    networkRequest.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    for (const HttpRequest::Header &header : request.headers)
        networkRequest.setRawHeader(header.first, header.second);
    if (!networkRequest.hasRawHeader(QByteArrayLiteral("User-Agent")))
        networkRequest.setRawHeader(QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Berth"));

    const QByteArray method = request.method.toUpper();
    QNetworkReply *reply = nullptr;
    if (request.bodySource) {
        qint64 size = request.bodySourceSize;
        if (size < 0 && !request.bodySource->isSequential())
            size = request.bodySource->size() - request.bodySource->pos();
        if (size >= 0) {
            // With a length, Qt Network streams from the device instead of copying it into memory first.
            networkRequest.setHeader(QNetworkRequest::ContentLengthHeader, size);
            networkRequest.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        }
        if (!networkRequest.hasRawHeader(QByteArrayLiteral("Content-Type")))
            networkRequest.setRawHeader(QByteArrayLiteral("Content-Type"),
                                        QByteArrayLiteral("application/octet-stream"));
        reply = m_network->sendCustomRequest(networkRequest, method, request.bodySource);
    } else if (method == "HEAD") {
        // As a custom verb Qt would wait for the body that Content-Length announces.
        reply = m_network->head(networkRequest);
    } else if (!request.body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH") {
        if (!networkRequest.hasRawHeader(QByteArrayLiteral("Content-Type")))
            networkRequest.setRawHeader(QByteArrayLiteral("Content-Type"),
                                        QByteArrayLiteral("application/json"));
        reply = m_network->sendCustomRequest(networkRequest, method, request.body);
    } else {
        reply = m_network->sendCustomRequest(networkRequest, method);
    }
    reply->setReadBufferSize(ReadBufferSize);
    return new NetworkHttpReply(reply, request, m_identity, endpoint());
}

WebSocketChannel *HttpsTransport::openWebSocket(const QByteArray &target)
{
    return new QtWebSocketChannel(urlFor(target, QStringLiteral("wss")), m_identity, endpoint());
}

ServerCertificateProbe *HttpsTransport::probeServerCertificate(const QUrl &url, QObject *parent)
{
    return new ServerCertificateProbe(url, parent);
}

} // namespace Lxd
