#include "Network.h"

namespace Lxd {

void Network::setConfigValue(const QString &key, const QString &value)
{
    QMap<QString, QString> values = config();
    if (value.isEmpty())
        values.remove(key);
    else
        values.insert(key, value);
    setConfig(values);
}

QJsonObject Network::writable() const
{
    return pick({QStringLiteral("config"), QStringLiteral("description")});
}

QJsonObject Network::post(const QString &name, const QString &type, const QMap<QString, QString> &config,
                          const QString &description)
{
    Network network(
        QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("description"), description}}, {});
    if (!type.isEmpty())
        network.setValue(QStringLiteral("type"), type);
    network.setConfig(config);
    return network.json();
}

} // namespace Lxd
