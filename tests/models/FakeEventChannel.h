#pragma once

#include "lxd/WebSocketChannel.h"

// Tests only: the /1.0/events WebSocket of FakeLxdTransport. It opens from the event loop (as a real
// one does), delivers what the test sends, and can be cut like a daemon going away.
class FakeEventChannel final : public Lxd::WebSocketChannel
{
    Q_OBJECT

public:
    explicit FakeEventChannel(bool refuse, QObject *parent = nullptr);

    void deliver(const QByteArray &text);
    // The connection drops without a closing handshake.
    void cut();

    void sendBinary(const QByteArray &) override { }
    void sendText(const QByteArray &) override { }
    void close() override { setClosed(); }
    void abort() override { setClosed(Lxd::Error::cancelled()); }
    qint64 bytesToWrite() const override { return 0; }
};
