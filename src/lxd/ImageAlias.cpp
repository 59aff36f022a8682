#include "ImageAlias.h"

namespace Lxd {

QJsonObject ImageAlias::writable() const
{
    return QJsonObject {{QStringLiteral("description"), description()}, {QStringLiteral("target"), target()}};
}

QJsonObject ImageAlias::createBody() const
{
    QJsonObject body = writable();
    body.insert(QStringLiteral("name"), name());
    if (!type().isEmpty())
        body.insert(QStringLiteral("type"), type());
    return body;
}

} // namespace Lxd
