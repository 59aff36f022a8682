#pragma once

#include "InstanceBackup.h"
#include "InstanceState.h"
#include "Resource.h"
#include "Snapshot.h"

namespace Lxd {

// An instance (container or virtual machine) as GET /1.0/instances/<name> returns it.
class Instance final : public Resource
{
public:
    using Resource::Resource;

    QString name() const { return string(QStringLiteral("name")); }
    QString description() const { return string(QStringLiteral("description")); }
    QString status() const { return string(QStringLiteral("status")); } // "Running", "Stopped", "Frozen", …
    int statusCode() const { return value(QStringLiteral("status_code")).toInt(); }
    QString type() const { return string(QStringLiteral("type")); } // "container" or "virtual-machine"
    QString architecture() const { return string(QStringLiteral("architecture")); }
    QString location() const { return string(QStringLiteral("location")); }
    QString project() const { return string(QStringLiteral("project")); }
    bool ephemeral() const { return boolean(QStringLiteral("ephemeral")); }
    bool stateful() const { return boolean(QStringLiteral("stateful")); }
    QStringList profiles() const { return strings(QStringLiteral("profiles")); }
    QMap<QString, QString> config() const { return stringMap(QStringLiteral("config")); }
    QMap<QString, QString> expandedConfig() const { return stringMap(QStringLiteral("expanded_config")); }
    QMap<QString, QMap<QString, QString>> devices() const { return stringMapMap(QStringLiteral("devices")); }
    QMap<QString, QMap<QString, QString>> expandedDevices() const
    {
        return stringMapMap(QStringLiteral("expanded_devices"));
    }
    QDateTime createdAt() const { return time(QStringLiteral("created_at")); }
    QDateTime lastUsedAt() const { return time(QStringLiteral("last_used_at")); }
    // Present when listed with recursion=2 (LXD's InstanceFull); empty otherwise.
    InstanceState state() const { return InstanceState(object(QStringLiteral("state")), {}); }
    bool hasState() const { return value(QStringLiteral("state")).isObject(); }
    // Present when listed with recursion=2 (LXD's InstanceFull).
    QList<Snapshot> snapshots() const;
    QList<InstanceBackup> backups() const;
    bool isRunning() const { return status() == QLatin1String("Running"); }
    bool isFrozen() const { return status() == QLatin1String("Frozen"); }
    bool isStopped() const { return status() == QLatin1String("Stopped"); }
    bool isVirtualMachine() const { return type() == QLatin1String("virtual-machine"); }

    void setDescription(const QString &description) { setValue(QStringLiteral("description"), description); }
    void setArchitecture(const QString &architecture)
    {
        setValue(QStringLiteral("architecture"), architecture);
    }
    void setEphemeral(bool ephemeral) { setValue(QStringLiteral("ephemeral"), ephemeral); }
    void setProfiles(const QStringList &profiles) { setStrings(QStringLiteral("profiles"), profiles); }
    void setConfig(const QMap<QString, QString> &config) { setStringMap(QStringLiteral("config"), config); }
    // Sets one key; an empty value removes it, as `lxc config unset` does.
    void setConfigValue(const QString &key, const QString &value);
    void setDevices(const QMap<QString, QMap<QString, QString>> &devices)
    {
        setStringMapMap(QStringLiteral("devices"), devices);
    }

    // What PUT /1.0/instances/<name> takes (LXD's InstancePut).
    QJsonObject writable() const;
};

} // namespace Lxd
