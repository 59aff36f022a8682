#include "CountingTransport.h"

#include "lxd/Connection.h"
#include "lxd/UnixSocketTransport.h"

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
    return m_inner->send(request);
}

Lxd::WebSocketChannel *CountingTransport::openWebSocket(const QByteArray &target)
{
    ++m_webSockets;
    return m_inner->openWebSocket(target);
}

QString CountingTransport::endpoint() const
{
    return m_inner->endpoint();
}
