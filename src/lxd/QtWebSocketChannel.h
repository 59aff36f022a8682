#pragma once

#include "TlsIdentity.h"
#include "WebSocketChannel.h"

#include <QList>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

namespace Lxd {

// A wss:// WebSocket to LXD through QWebSocket, with our client certificate and the server
// certificate pin. It connects by itself from the event loop after construction, so connect to its
// signals right away. It never blocks.
//
// QWebSocket sends its upgrade request (which may carry an operation secret) as soon as TLS is up and
// offers no hook in between, so this channel never trusts a CA: every server certificate raises
// sslErrors, where the pin is checked before anything is sent.
class QtWebSocketChannel final : public WebSocketChannel
{
    Q_OBJECT

public:
    // `url` is the full wss:// URL; `endpoint` names the server in errors.
    QtWebSocketChannel(const QUrl &url, const TlsIdentity &identity, const QString &endpoint,
                       QObject *parent = nullptr);
    ~QtWebSocketChannel() override;

    // Messages sent before the channel is open are queued and sent once it is.
    void sendBinary(const QByteArray &data) override;
    void sendText(const QByteArray &utf8) override;
    void close() override;
    void abort() override;
    qint64 bytesToWrite() const override;

    QUrl url() const { return m_url; }
    // What the server's close frame said, once the channel closed.
    int closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }

    // How long connecting and the upgrade may take before the channel gives up (30 s by default).
    void setHandshakeTimeout(int ms) { m_handshakeTimeoutMs = ms; }
    // How long close() waits for the server's close frame before dropping the connection (5 s).
    void setCloseTimeout(int ms) { m_closeTimeoutMs = ms; }

private:
    struct Pending
    {
        bool binary;
        QByteArray data;
    };

    void start();
    void onSslErrors(const QList<QSslError> &errors);
    void onConnected();
    void onSocketError(QAbstractSocket::SocketError error);
    void onDisconnected();
    void onTimeout();
    // Queues while connecting, writes once open.
    void send(bool binary, const QByteArray &data);
    void write(bool binary, const QByteArray &data);
    // Ends the channel once with `error` and drops the connection.
    void finish(const Error &error);

    QWebSocket *m_socket; // a child
    QUrl m_url;
    TlsIdentity m_identity;
    QString m_endpoint;
    QList<Pending> m_pending;
    qint64 m_pendingBytes = 0;
    Error m_failure; // why the connection is going down, when we know better than QWebSocket
    bool m_finishing = false;
    int m_closeCode = 0;
    QString m_closeReason;
    QTimer m_timer; // the handshake's deadline, then the closing handshake's
    int m_handshakeTimeoutMs = 30000;
    int m_closeTimeoutMs = 5000;
};

} // namespace Lxd
