#pragma once

#include "HttpResponseParser.h"

#include <QObject>
#include <QPointer>

class QIODevice;
class QLocalSocket;

namespace Lxd {

class Error;
class UnixHttpReply;

// One keep-alive HTTP/1.1 connection over a QLocalSocket, serving one exchange at a time for
// UnixSocketTransport: it writes the request (streaming a body source with back-pressure), feeds the
// reply's bytes to an HttpResponseParser and hands the result to the UnixHttpReply.
class UnixHttpConnection final : public QObject
{
    Q_OBJECT

public:
    explicit UnixHttpConnection(const QString &socketPath, QObject *parent = nullptr);
    ~UnixHttpConnection() override;

    // Connected, between exchanges, and fit to carry the next one.
    bool isIdle() const;
    bool isBusy() const { return m_reply != nullptr; }
    // Has completed an exchange already (so a failure on it may just be a stale keep-alive).
    bool hasServed() const { return m_served > 0; }

    // Starts an exchange; connects first when needed. Only on a connection that is not busy or closed.
    void start(UnixHttpReply *reply);
    // Closes the connection at once; the current exchange, if any, is forgotten without finishing.
    void drop();

Q_SIGNALS:
    // The exchange ended and the connection can carry another.
    void idle(Lxd::UnixHttpConnection *connection);
    // The connection is gone for good; the owner deletes it.
    void closed(Lxd::UnixHttpConnection *connection);
    // A reused connection died before any byte of the reply: the request may be sent again.
    void retryRequested(Lxd::UnixHttpReply *reply);

private:
    void onConnected();
    void onReadyRead();
    void onSocketGone();
    void writeRequest();
    void pumpUpload();
    void finishUpload();
    void stopUpload();
    // Feeds received bytes to the parser; returns false when this connection should stop reading.
    bool process(QByteArrayView data);
    bool deliver();
    void completeExchange(bool trailingBytes);
    void failExchange(const Error &error);
    UnixHttpReply *detachReply();
    void shutDown();
    QString describeSocketError() const;

    QString m_socketPath;
    QLocalSocket *m_socket = nullptr;
    HttpResponseParser m_parser;
    QByteArray m_readBuffer; // reused for every read: no fresh allocation per piece of a large reply
    // Plain pointer: the reply detaches itself (drop()) when it is aborted or destroyed.
    UnixHttpReply *m_reply = nullptr;
    bool m_connecting = false;
    bool m_connected = false;
    bool m_closed = false;
    int m_served = 0;

    // Per exchange
    qint64 m_responseBytes = 0;
    bool m_headDelivered = false;
    QPointer<QIODevice> m_source;
    bool m_uploading = false;
    bool m_chunkedUpload = false;
    bool m_sourceFinished = false;
    qint64 m_uploadTotal = -1;
    qint64 m_uploaded = 0;
};

} // namespace Lxd
