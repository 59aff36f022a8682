#include "WebSocketChannel.h"

namespace Lxd {

void WebSocketChannel::setOpen()
{
    if (m_state != State::Connecting)
        return;
    m_state = State::Open;
    Q_EMIT opened();
}

void WebSocketChannel::setClosed(const Error &error)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_error = error;
    Q_EMIT closed();
}

} // namespace Lxd
