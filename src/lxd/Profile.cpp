#include "Profile.h"

namespace Lxd {

void Profile::setConfigValue(const QString &key, const QString &value)
{
    QMap<QString, QString> values = config();
    if (value.isEmpty())
        values.remove(key);
    else
        values.insert(key, value);
    setConfig(values);
}

void Profile::setDevice(const QString &name, const QMap<QString, QString> &device)
{
    QMap<QString, QMap<QString, QString>> values = devices();
    if (device.isEmpty())
        values.remove(name);
    else
        values.insert(name, device);
    setDevices(values);
}

QJsonObject Profile::writable() const
{
    return pick({QStringLiteral("config"), QStringLiteral("description"), QStringLiteral("devices")});
}

QJsonObject Profile::post(const QString &name, const QMap<QString, QString> &config,
                          const QMap<QString, QMap<QString, QString>> &devices, const QString &description)
{
    Profile profile(
        QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("description"), description}}, {});
    profile.setConfig(config);
    profile.setDevices(devices);
    return profile.json();
}

} // namespace Lxd
