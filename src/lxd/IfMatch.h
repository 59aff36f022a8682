#pragma once

#include "HttpRequest.h"

#include <QJsonValue>
#include <QString>

namespace Lxd {

class Client;

// A JSON request to `path` (relative to /1.0) guarded by the ETag the object had when it was read: LXD
// answers 412 (Error::isConflict()) when the object changed since, instead of overwriting that change.
// With an empty `etag` the request is unguarded.
HttpRequest ifMatchRequest(const Client &client, const QByteArray &method, const QString &path,
                           const QJsonValue &body, const QByteArray &etag);

} // namespace Lxd
