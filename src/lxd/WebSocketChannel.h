#pragma once

#include "Error.h"

#include <QObject>

namespace Lxd {

// A WebSocket to the daemon (exec and console streams, the events feed). One interface for
// `wss://` over TLS and for RFC 6455 spoken over the unix socket.
class WebSocketChannel : public QObject
{
    Q_OBJECT

public:
    enum class State { Connecting, Open, Closing, Closed };
    Q_ENUM(State)

    using QObject::QObject;

    State state() const { return m_state; }
    // Why the channel closed, when it closed for any reason other than a clean close.
    Error error() const { return m_error; }

    virtual void sendBinary(const QByteArray &data) = 0;
    virtual void sendText(const QByteArray &utf8) = 0;
    // Starts the closing handshake; `closed()` follows.
    virtual void close() = 0;
    // Drops the connection at once, without a closing handshake.
    virtual void abort() = 0;
    // Bytes handed to send*() that have not reached the socket yet (for flow control of uploads).
    virtual qint64 bytesToWrite() const = 0;

Q_SIGNALS:
    void opened();
    void binaryReceived(const QByteArray &data);
    void textReceived(const QByteArray &utf8);
    void bytesWritten(qint64 count);
    // Emitted once, whether the close was clean, failed or aborted; `error()` says which.
    void closed();

protected:
    void setOpen();
    // Moves to Closed and emits closed() once; later calls are ignored.
    void setClosed(const Error &error = {});
    void setState(State state) { m_state = state; }

private:
    State m_state = State::Connecting;
    Error m_error;
};

} // namespace Lxd
