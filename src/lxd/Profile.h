#pragma once

#include "Resource.h"

namespace Lxd {

// A profile as GET /1.0/profiles/<name> returns it (LXD's api.Profile).
class Profile final : public Resource
{
public:
    using Resource::Resource;

    QString name() const { return string(QStringLiteral("name")); }
    QString description() const { return string(QStringLiteral("description")); }
    QMap<QString, QString> config() const { return stringMap(QStringLiteral("config")); }
    QMap<QString, QMap<QString, QString>> devices() const { return stringMapMap(QStringLiteral("devices")); }
    // URLs of the instances (and other profiles' users) that use it.
    QStringList usedBy() const { return strings(QStringLiteral("used_by")); }

    void setDescription(const QString &description) { setValue(QStringLiteral("description"), description); }
    void setConfig(const QMap<QString, QString> &config) { setStringMap(QStringLiteral("config"), config); }
    // Sets one key; an empty value removes it, as `lxc profile unset` does.
    void setConfigValue(const QString &key, const QString &value);
    void setDevices(const QMap<QString, QMap<QString, QString>> &devices)
    {
        setStringMapMap(QStringLiteral("devices"), devices);
    }
    // Adds or replaces one device; an empty map removes it.
    void setDevice(const QString &name, const QMap<QString, QString> &device);

    // What PUT /1.0/profiles/<name> takes (LXD's ProfilePut).
    QJsonObject writable() const;
    // What POST /1.0/profiles takes (LXD's ProfilesPost).
    static QJsonObject post(const QString &name, const QMap<QString, QString> &config = {},
                            const QMap<QString, QMap<QString, QString>> &devices = {},
                            const QString &description = {});
};

} // namespace Lxd
