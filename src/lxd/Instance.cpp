#include "Instance.h"

namespace Lxd {

void Instance::setConfigValue(const QString &key, const QString &value)
{
    QMap<QString, QString> values = config();
    if (value.isEmpty())
        values.remove(key);
    else
        values.insert(key, value);
    setConfig(values);
}

QJsonObject Instance::writable() const
{
    return pick({QStringLiteral("architecture"), QStringLiteral("config"), QStringLiteral("devices"),
                 QStringLiteral("ephemeral"), QStringLiteral("profiles"), QStringLiteral("stateful"),
                 QStringLiteral("description")});
}

} // namespace Lxd
