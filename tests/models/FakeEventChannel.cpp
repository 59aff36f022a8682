#include "FakeEventChannel.h"

#include <QTimer>

FakeEventChannel::FakeEventChannel(bool refuse, QObject *parent)
    : Lxd::WebSocketChannel(parent)
{
    QTimer::singleShot(0, this, [this, refuse] {
        if (refuse)
            setClosed(Lxd::Error::network(QStringLiteral("connection refused")));
        else
            setOpen();
    });
}

void FakeEventChannel::deliver(const QByteArray &text)
{
    if (state() == State::Open)
        Q_EMIT textReceived(text);
}

void FakeEventChannel::cut()
{
    setClosed(Lxd::Error::network(QStringLiteral("the remote host closed the connection")));
}
