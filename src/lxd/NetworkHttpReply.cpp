#include "NetworkHttpReply.h"

#include <QMetaObject>

namespace Lxd {

namespace {

// Read in slices so one readyRead never holds more than this in a QByteArray.
constexpr qint64 ReadChunk = 256 * 1024;

} // namespace

NetworkHttpReply::NetworkHttpReply(QNetworkReply *reply, const HttpRequest &request,
                                   const TlsIdentity &identity, const QString &endpoint, QObject *parent)
    : HttpReply(parent)
    , m_reply(reply)
    , m_sink(request.responseSink)
    , m_identity(identity)
    , m_endpoint(endpoint)
{
    // The reply stays a child of its QNetworkAccessManager: Qt Network's threads still call the manager
    // for it (encrypted(), finished()), so it must never outlive the manager.
    connect(reply, &QNetworkReply::sslErrors, this, &NetworkHttpReply::onSslErrors);
    connect(reply, &QNetworkReply::encrypted, this, &NetworkHttpReply::onEncrypted);
    connect(reply, &QNetworkReply::metaDataChanged, this, &NetworkHttpReply::onMetaDataChanged);
    connect(reply, &QNetworkReply::readyRead, this, &NetworkHttpReply::onReadyRead);
    connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
        // Qt ends every upload with a (0, 0) that would send a progress bar back to zero.
        if (sent != 0 || total != 0)
            Q_EMIT uploadProgress(sent, total);
    });
    connect(reply, &QNetworkReply::downloadProgress, this, &HttpReply::downloadProgress);
    connect(reply, &QNetworkReply::finished, this, &NetworkHttpReply::onFinished);
}

NetworkHttpReply::~NetworkHttpReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void NetworkHttpReply::abort()
{
    if (isFinished() || m_failure)
        return;
    fail(Error::cancelled());
}

void NetworkHttpReply::fail(const Error &error)
{
    m_failure = error;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
    // Queued: abort() may be called from inside a caller's slot that is not ready for finished().
    QMetaObject::invokeMethod(
        this, [this] { finish(m_failure); }, Qt::QueuedConnection);
}

void NetworkHttpReply::onSslErrors(const QList<QSslError> &errors)
{
    // Every self-signed server lands here (no CA is trusted). Qt delivers this signal while the
    // connection waits, so ignoring the errors (or not) decides before any request byte is sent.
    QSslCertificate presented = m_reply->sslConfiguration().peerCertificate();
    if (presented.isNull() && !errors.isEmpty())
        presented = errors.first().certificate();
    m_refusal = m_identity.checkServerCertificate(presented, m_endpoint);
    // Not ignoring the errors is the refusal: Qt then fails the handshake, and onFinished() reports why.
    if (!m_refusal)
        m_reply->ignoreSslErrors();
}

void NetworkHttpReply::onEncrypted()
{
    // A certificate that validated against a trusted CA raises no sslErrors; the pin still rules. Qt
    // blocks the connection until this slot returns, and the abort is handled before the request.
    const Error error
        = m_identity.checkServerCertificate(m_reply->sslConfiguration().peerCertificate(), m_endpoint);
    if (error)
        fail(error);
}

void NetworkHttpReply::onMetaDataChanged()
{
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    setStatus(status.toInt(), m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray());
    QList<HttpRequest::Header> headers;
    const QList<QNetworkReply::RawHeaderPair> pairs = m_reply->rawHeaderPairs();
    headers.reserve(pairs.size());
    for (const QNetworkReply::RawHeaderPair &pair : pairs)
        headers.append({pair.first, pair.second});
    setHeaders(std::move(headers));
    if (!m_headersSeen) {
        m_headersSeen = true;
        Q_EMIT headersReceived();
    }
}

bool NetworkHttpReply::sinkBody() const
{
    return m_sink && statusCode() >= 200 && statusCode() < 300;
}

void NetworkHttpReply::onReadyRead()
{
    if (!m_reply || m_failure)
        return;
    if (!m_headersSeen)
        onMetaDataChanged();
    while (m_reply->bytesAvailable() > 0) {
        const QByteArray chunk = m_reply->read(qMin(m_reply->bytesAvailable(), ReadChunk));
        if (chunk.isEmpty())
            break;
        if (!sinkBody()) {
            appendBody(chunk);
            continue;
        }
        if (m_sink->write(chunk) != chunk.size()) {
            fail(Error(
                Error::Kind::Io,
                QStringLiteral("cannot write the reply from %1: %2").arg(m_endpoint, m_sink->errorString())));
            return;
        }
    }
}

void NetworkHttpReply::onFinished()
{
    if (m_failure || !m_reply)
        return;
    onReadyRead();
    if (m_failure)
        return;
    if (!m_headersSeen)
        onMetaDataChanged();
    const Error error
        = m_refusal && m_reply->error() != QNetworkReply::NoError ? m_refusal : errorFromReply();
    m_reply->disconnect(this);
    m_reply->deleteLater();
    m_reply = nullptr;
    finish(error);
}

Error NetworkHttpReply::errorFromReply() const
{
    const QNetworkReply::NetworkError code = m_reply->error();
    if (code == QNetworkReply::NoError)
        return {};
    // Qt reports 4xx/5xx statuses as "errors"; at this level any complete HTTP exchange is a success.
    const bool httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
    const bool statusError
        = (code >= QNetworkReply::ContentAccessDenied && code <= QNetworkReply::UnknownContentError)
        || code == QNetworkReply::ProtocolInvalidOperationError
        || (code >= QNetworkReply::InternalServerError && code <= QNetworkReply::UnknownServerError);
    if (httpStatus && statusError)
        return {};
    const QString detail = QStringLiteral("%1: %2").arg(m_endpoint, m_reply->errorString());
    switch (code) {
    case QNetworkReply::SslHandshakeFailedError:
        return Error(Error::Kind::Tls, detail);
    case QNetworkReply::OperationCanceledError:
        return Error::cancelled();
    case QNetworkReply::ProtocolFailure:
        return Error::parse(detail);
    default:
        return Error::network(detail);
    }
}

} // namespace Lxd
