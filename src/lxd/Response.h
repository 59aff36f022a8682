#pragma once

#include "Error.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace Lxd {

// LXD's response envelope (`sync`, `async` or `error`), parsed once for every request.
struct Response
{
    enum class Type { Sync, Async };

    Type type = Type::Sync;
    int httpStatus = 0;
    int statusCode = 0; // LXD's own: 200 for sync success, 100 for an operation created
    QString status;
    // For `async`: the operation's URL path, "/1.0/operations/<uuid>".
    QString operation;
    QJsonValue metadata;
    QByteArray etag;

    // The operation's id taken from `operation` (empty for sync replies).
    QString operationId() const;

    // The one parser for every LXD reply: a JSON envelope of type sync or async gives a Response; an
    // envelope of type error, a body that is not an envelope, or an HTTP error status gives an Error.
    static Error parse(int httpStatus, const QByteArray &body, Response *response);
};

} // namespace Lxd
