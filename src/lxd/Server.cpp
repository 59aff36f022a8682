#include "Server.h"

namespace Lxd {

QString Server::configValue(const QString &key) const
{
    const QJsonValue entry = config().value(key);
    if (entry.isBool())
        return entry.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return entry.toString();
}

void Server::setConfigValue(const QString &key, const QString &value)
{
    QJsonObject values = config();
    if (value.isEmpty())
        values.remove(key);
    else
        values.insert(key, value);
    setValue(QStringLiteral("config"), values);
}

} // namespace Lxd
