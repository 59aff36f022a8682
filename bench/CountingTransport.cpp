#include "CountingTransport.h"

#include "lxd/Connection.h"
#include "lxd/UnixSocketTransport.h"

#include <cstdio>

CountingTransport::CountingTransport(std::unique_ptr<Lxd::Transport> inner, QObject *parent)
    : Lxd::Transport(parent)
    , m_inner(inner.release())
{
    m_inner->setParent(this);
}

CountingTransport::~CountingTransport() = default;

Lxd::Client CountingTransport::overUnixSocket(const QString &socketPath, CountingTransport **transport)
{
    auto counting
        = std::make_unique<CountingTransport>(std::make_unique<Lxd::UnixSocketTransport>(socketPath));
    *transport = counting.get();
    return Lxd::Client(std::make_shared<Lxd::Connection>(std::move(counting)));
}

Lxd::HttpReply *CountingTransport::send(const Lxd::HttpRequest &request)
{
    ++m_requests;
    // BERTH_BENCH_LOG_REQUESTS=1 says which requests a measure made (on standard error).
    static const bool logRequests = qEnvironmentVariableIntValue("BERTH_BENCH_LOG_REQUESTS") == 1;
    if (logRequests)
        std::fprintf(stderr, "request %s %s\n", request.method.constData(), request.target.constData());
    return m_inner->send(request);
}

Lxd::WebSocketChannel *CountingTransport::openWebSocket(const QByteArray &target)
{
    ++m_webSockets;
    if (qEnvironmentVariableIntValue("BERTH_BENCH_LOG_REQUESTS") == 1)
        std::fprintf(stderr, "websocket %s\n", target.constData());
    return m_inner->openWebSocket(target);
}

QString CountingTransport::endpoint() const
{
    return m_inner->endpoint();
}
