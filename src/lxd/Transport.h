#pragma once

#include "HttpRequest.h"

#include <QObject>

namespace Lxd {

class HttpReply;
class WebSocketChannel;

// How one remote is reached: the unix socket or HTTPS. Everything above speaks HTTP requests and
// WebSockets through this interface and never knows which.
class Transport : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // The reply is owned by the caller (delete it, or deleteLater() it, after finished()).
    virtual HttpReply *send(const HttpRequest &request) = 0;
    // `target` is an origin-form path such as "/1.0/events?type=lifecycle". Owned by the caller.
    virtual WebSocketChannel *openWebSocket(const QByteArray &target) = 0;
    // For people and logs: "unix:/var/lib/lxd/unix.socket", "https://127.0.0.1:8443".
    virtual QString endpoint() const = 0;
};

} // namespace Lxd
