#pragma once

#include "TlsIdentity.h"
#include "Transport.h"

#include <QUrl>

class QNetworkAccessManager;

namespace Lxd {

class ServerCertificateProbe;

// LXD over HTTPS (and wss://), through Qt Network. The client authenticates with the identity's
// certificate; the server is accepted only if it presents the pinned certificate, and with no pin
// every request fails with a Tls error (probeServerCertificate() fetches the certificate to pin).
//
// HTTP/2 is off: LXD's long-lived requests (operation waits, streamed files) behave the same over
// HTTP/1.1 keep-alive connections, which is also what the unix socket transport speaks.
// A `bodySource` of unknown size (-1) that is sequential is buffered whole by Qt Network before it
// is sent (it needs a Content-Length); give the size, or a random-access device, for large uploads.
class HttpsTransport final : public Transport
{
    Q_OBJECT

public:
    // `baseUrl` is the server's root: "https://127.0.0.1:8443".
    HttpsTransport(const QUrl &baseUrl, const TlsIdentity &identity, QObject *parent = nullptr);
    ~HttpsTransport() override;

    HttpReply *send(const HttpRequest &request) override;
    WebSocketChannel *openWebSocket(const QByteArray &target) override;
    QString endpoint() const override;

    QUrl baseUrl() const { return m_baseUrl; }
    const TlsIdentity &identity() const { return m_identity; }

    // Connects to `url` (https:// or host:port), completes a TLS handshake without verifying the
    // server and without sending a client certificate or any request, and reports the certificate
    // chain the server presented, for the user to decide whether to pin it. The job starts by itself.
    static ServerCertificateProbe *probeServerCertificate(const QUrl &url, QObject *parent = nullptr);

private:
    QUrl urlFor(const QByteArray &target, const QString &scheme) const;

    QUrl m_baseUrl;
    TlsIdentity m_identity;
    QNetworkAccessManager *m_network;
};

} // namespace Lxd
