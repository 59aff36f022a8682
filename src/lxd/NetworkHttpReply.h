#pragma once

#include "HttpReply.h"
#include "TlsIdentity.h"

#include <QNetworkReply>
#include <QPointer>

namespace Lxd {

// An HttpReply over Qt Network's QNetworkReply, for HttpsTransport. It reads eagerly, so a body
// streamed into a `responseSink` never piles up in memory, and it enforces the server certificate
// pin: on sslErrors (always, for self-signed servers) and again once the connection is encrypted,
// before the request is sent.
class NetworkHttpReply final : public HttpReply
{
    Q_OBJECT

public:
    // Takes ownership of `reply`. `identity` holds the pin; `endpoint` names the server in errors.
    NetworkHttpReply(QNetworkReply *reply, const HttpRequest &request, const TlsIdentity &identity,
                     const QString &endpoint, QObject *parent = nullptr);
    ~NetworkHttpReply() override;

    void abort() override;

private:
    void onSslErrors(const QList<QSslError> &errors);
    void onEncrypted();
    void onMetaDataChanged();
    void onReadyRead();
    void onFinished();

    // Drops the connection for `why` and finishes (from the event loop) with that error.
    void fail(const Error &error);
    bool sinkBody() const;
    Error errorFromReply() const;

    QPointer<QNetworkReply> m_reply;
    QPointer<QIODevice> m_sink;
    TlsIdentity m_identity;
    QString m_endpoint;
    bool m_headersSeen = false;
    Error m_failure; // set when we, not the network, ended the exchange
    Error m_refusal; // the pin check's verdict on the certificate behind sslErrors
};

} // namespace Lxd
