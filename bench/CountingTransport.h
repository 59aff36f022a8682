#pragma once

#include "lxd/Client.h"
#include "lxd/Transport.h"

#include <memory>

// A transport that counts what goes through the one it wraps: HTTP requests and WebSocket
// connections (events, exec streams). It is how the benchmarks know the requests Berth made.
class CountingTransport final : public Lxd::Transport
{
    Q_OBJECT

public:
    explicit CountingTransport(std::unique_ptr<Lxd::Transport> inner, QObject *parent = nullptr);
    ~CountingTransport() override;

    // A client over the unix socket whose connection's transport is a CountingTransport (set in
    // `transport`; it belongs to the connection).
    static Lxd::Client overUnixSocket(const QString &socketPath, CountingTransport **transport);

    Lxd::HttpReply *send(const Lxd::HttpRequest &request) override;
    Lxd::WebSocketChannel *openWebSocket(const QByteArray &target) override;
    QString endpoint() const override;

    Lxd::Transport *inner() const { return m_inner; }
    int requests() const { return m_requests; }
    int webSockets() const { return m_webSockets; }
    // Requests and WebSocket connections together: what the daemon had to answer.
    int total() const { return m_requests + m_webSockets; }

private:
    Lxd::Transport *m_inner; // a child of this object
    int m_requests = 0;
    int m_webSockets = 0;
};
