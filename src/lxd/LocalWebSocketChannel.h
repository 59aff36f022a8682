#pragma once

#include "HttpResponseParser.h"
#include "WebSocketChannel.h"
#include "WebSocketFrameCodec.h"

#include <QLocalSocket>
#include <QTimer>

namespace Lxd {

// A WebSocket to LXD over its unix socket. Qt's QWebSocket only runs over TCP, and LXD serves its
// exec, console and events websockets on /var/lib/lxd/unix.socket, so this speaks RFC 6455 itself:
// the HTTP upgrade, then frames through WebSocketFrameCodec. It connects by itself from the event
// loop after construction, so connect to its signals right away. It never blocks.
class LocalWebSocketChannel final : public WebSocketChannel
{
    Q_OBJECT

public:
    // `target` is an origin-form path such as "/1.0/events?type=lifecycle".
    explicit LocalWebSocketChannel(const QString &socketPath, const QByteArray &target,
                                   QObject *parent = nullptr);
    ~LocalWebSocketChannel() override;

    // Messages sent before the handshake completes are queued and sent right after it.
    void sendBinary(const QByteArray &data) override;
    void sendText(const QByteArray &utf8) override;
    void close() override;
    void abort() override;
    qint64 bytesToWrite() const override;

    QString socketPath() const { return m_socketPath; }
    QByteArray target() const { return m_target; }
    // What the server's close frame said, once one came (0 and empty before).
    quint16 closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }

    // Largest message accepted from the server; a larger one fails the connection with code 1009.
    void setMaxMessageSize(qint64 bytes) { m_codec.setMaxMessageSize(bytes); }
    // How long close() waits for the server's close frame before dropping the connection.
    void setCloseTimeout(int ms) { m_closeTimeoutMs = ms; }
    // How long connecting and the upgrade may take before the channel gives up.
    void setHandshakeTimeout(int ms) { m_handshakeTimeoutMs = ms; }

private:
    void start();
    void onConnected();
    void onReadyRead();
    void onBytesWritten(qint64 count);
    void onSocketError(QLocalSocket::LocalSocketError socketError);
    void onDisconnected();
    void onTimeout();

    // Reads what the socket has: the upgrade reply, then frames.
    void processIncoming();
    // Feeds the upgrade reply; leaves in `data` the bytes that follow a 101 head. Returns true once
    // open (and still open after opened() was delivered).
    bool processHandshake(QByteArray &data);
    bool acceptUpgrade();
    void refuseUpgrade();
    void processFrames();
    void onServerClose(const WebSocketFrameCodec::Message &message);
    void connectionLost();

    void writeFrame(const QByteArray &frame);
    // Ends the channel once: `flush` lets the socket write what is queued (a close frame) first.
    void finish(const Error &error, bool flush);

    QLocalSocket *m_socket;
    QString m_socketPath;
    QByteArray m_target;
    QByteArray m_key; // Sec-WebSocket-Key, base64
    HttpResponseParser m_parser;
    QByteArray m_refusalBody;
    bool m_upgraded = false;
    WebSocketFrameCodec m_codec;
    QByteArray m_pending; // frames sent before the upgrade completed
    qint64 m_handshakeBytesUnreported = 0; // the request is not the caller's data: bytesWritten skips it
    bool m_closeSent = false;
    bool m_finishing = false;
    quint16 m_closeCode = 0;
    QString m_closeReason;
    QTimer m_timer; // the handshake's deadline, then the closing handshake's
    int m_closeTimeoutMs = 5000;
    int m_handshakeTimeoutMs = 30000;
};

} // namespace Lxd
