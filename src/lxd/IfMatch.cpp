#include "IfMatch.h"

#include "Client.h"

namespace Lxd {

HttpRequest ifMatchRequest(const Client &client, const QByteArray &method, const QString &path,
                           const QJsonValue &body, const QByteArray &etag)
{
    HttpRequest request = Client::jsonRequest(method, client.apiTarget(path), body);
    if (!etag.isEmpty())
        request.setHeader(QByteArrayLiteral("If-Match"), etag);
    return request;
}

} // namespace Lxd
