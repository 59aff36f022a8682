#include "EventStream.h"

#include "Transport.h"
#include "WebSocketChannel.h"

namespace Lxd {

EventStream::EventStream(Transport *transport, QStringList types, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_types(types.isEmpty() ? QStringList {QStringLiteral("lifecycle"), QStringLiteral("operation"),
                                             QStringLiteral("logging")}
                              : std::move(types))
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &EventStream::openChannel);
}

EventStream::~EventStream()
{
    dropChannel();
}

void EventStream::setReconnectDelays(int initialMs, int maximumMs)
{
    m_initialDelayMs = initialMs;
    m_maximumDelayMs = qMax(initialMs, maximumMs);
    m_reconnectDelayMs = initialMs;
}

void EventStream::start()
{
    if (m_state != State::Stopped)
        return;
    m_reconnectDelayMs = m_initialDelayMs;
    setState(State::Connecting);
    openChannel();
}

void EventStream::stop()
{
    m_reconnectTimer.stop();
    dropChannel();
    setState(State::Stopped);
}

void EventStream::openChannel()
{
    dropChannel();
    const QByteArray target
        = QByteArrayLiteral("/1.0/events?all-projects=true&type=") + m_types.join(QLatin1Char(',')).toUtf8();
    m_channel = m_transport->openWebSocket(target);
    m_channel->setParent(this);
    connect(m_channel, &WebSocketChannel::opened, this, &EventStream::onOpened);
    connect(m_channel, &WebSocketChannel::textReceived, this, &EventStream::onText);
    // LXD sends events as text frames; accept binary ones too rather than lose them.
    connect(m_channel, &WebSocketChannel::binaryReceived, this, &EventStream::onText);
    connect(m_channel, &WebSocketChannel::closed, this, &EventStream::onClosed);
}

void EventStream::onOpened()
{
    m_reconnectDelayMs = m_initialDelayMs;
    m_lastError = {};
    setState(State::Connected);
    Q_EMIT connected();
}

void EventStream::onText(const QByteArray &text)
{
    Event event;
    QString why;
    if (!Event::fromJson(text, &event, &why)) {
        Q_EMIT malformedEvent(why);
        return;
    }
    Q_EMIT eventReceived(event);
}

void EventStream::onClosed()
{
    const bool wasConnected = m_state == State::Connected;
    Error error = m_channel ? m_channel->error() : Error();
    if (!error)
        error = Error::network(QStringLiteral("the server closed the event stream"));
    m_lastError = error;
    dropChannel();
    if (m_state == State::Stopped)
        return;
    scheduleReconnect();
    if (wasConnected)
        Q_EMIT disconnected(error);
}

void EventStream::scheduleReconnect()
{
    setState(State::Reconnecting);
    m_reconnectTimer.start(m_reconnectDelayMs);
    m_reconnectDelayMs = qMin(m_reconnectDelayMs * 2, m_maximumDelayMs);
}

void EventStream::dropChannel()
{
    if (!m_channel)
        return;
    WebSocketChannel *channel = m_channel;
    m_channel = nullptr;
    channel->disconnect(this);
    if (channel->state() != WebSocketChannel::State::Closed)
        channel->abort();
    channel->deleteLater();
}

void EventStream::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Lxd
