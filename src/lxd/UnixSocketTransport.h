#pragma once

#include "Transport.h"

#include <QList>
#include <QPointer>

namespace Lxd {

class UnixHttpConnection;
class UnixHttpReply;

// HTTP/1.1 over the daemon's unix socket, which Qt Network cannot speak. Requests go over a small pool
// of keep-alive connections and wait in a queue while every connection is busy.
class UnixSocketTransport final : public Transport
{
    Q_OBJECT

public:
    explicit UnixSocketTransport(const QString &socketPath, QObject *parent = nullptr);
    ~UnixSocketTransport() override;

    HttpReply *send(const HttpRequest &request) override;
    WebSocketChannel *openWebSocket(const QByteArray &target) override;
    QString endpoint() const override;

    QString socketPath() const { return m_socketPath; }
    int maxConnections() const { return m_maxConnections; }
    // At least 1. Lowering it closes idle connections beyond the new limit; busy ones finish first.
    void setMaxConnections(int count);

    // For tests and benchmarks: requests written to a connection (a retry counts again), connections
    // ever opened, and connections open now.
    int requestCount() const { return m_requestCount; }
    int connectionsOpened() const { return m_connectionsOpened; }
    int openConnections() const { return static_cast<int>(m_connections.size()); }

private:
    friend class UnixHttpReply;

    void unqueue(UnixHttpReply *reply);
    void scheduleDispatch();
    void dispatch();
    UnixHttpConnection *openConnection();
    UnixHttpConnection *idleConnection() const;
    void onConnectionClosed(UnixHttpConnection *connection);
    void onRetryRequested(UnixHttpReply *reply);

    QString m_socketPath;
    int m_maxConnections = 4;
    QList<UnixHttpConnection *> m_connections;
    QList<QPointer<UnixHttpReply>> m_queue;
    bool m_dispatchScheduled = false;
    int m_requestCount = 0;
    int m_connectionsOpened = 0;
};

} // namespace Lxd
