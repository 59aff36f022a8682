#pragma once

#include "Error.h"
#include "Event.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

namespace Lxd {

class Transport;
class WebSocketChannel;

// A live subscription to /1.0/events of one remote, for all projects. It reconnects by itself with
// a growing delay after the daemon goes away, and says when the stream drops and returns so that
// listeners can reload what they may have missed.
class EventStream final : public QObject
{
    Q_OBJECT

public:
    enum class State { Stopped, Connecting, Connected, Reconnecting };
    Q_ENUM(State)

    // `types`: any of "lifecycle", "operation", "logging"; empty means all three.
    EventStream(Transport *transport, QStringList types, QObject *parent = nullptr);
    ~EventStream() override;

    void start();
    void stop();

    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    // Why the stream last dropped (kept while reconnecting).
    Error lastError() const { return m_lastError; }
    QStringList types() const { return m_types; }
    // Delay before the next reconnection attempt (for the UI: "reconnecting in 4 s").
    int reconnectDelayMs() const { return m_reconnectDelayMs; }

    // Reconnection delays start at `initialMs` and double up to `maximumMs`.
    void setReconnectDelays(int initialMs, int maximumMs);

Q_SIGNALS:
    void eventReceived(const Lxd::Event &event);
    void stateChanged(Lxd::EventStream::State state);
    void connected();
    // The stream dropped; events may be missed until connected() comes again.
    void disconnected(const Lxd::Error &error);
    // A message that is not an event was received and skipped.
    void malformedEvent(const QString &why);

private:
    void openChannel();
    void onOpened();
    void onClosed();
    void onText(const QByteArray &text);
    void scheduleReconnect();
    void setState(State state);
    void dropChannel();

    Transport *m_transport;
    QStringList m_types;
    QPointer<WebSocketChannel> m_channel;
    State m_state = State::Stopped;
    Error m_lastError;
    QTimer m_reconnectTimer;
    int m_initialDelayMs = 250;
    int m_maximumDelayMs = 8000;
    int m_reconnectDelayMs = 250;
};

} // namespace Lxd
