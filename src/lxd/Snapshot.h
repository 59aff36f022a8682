#pragma once

#include "Resource.h"

namespace Lxd {

// A snapshot of an instance, as GET /1.0/instances/<instance>/snapshots/<name> returns it (LXD's
// InstanceSnapshot). Keyed by its own name ("snap0"), as pylxd's `instance.snapshots` is; the
// instance it belongs to is the SnapshotManager's.
class Snapshot final : public Resource
{
public:
    using Resource::Resource;

    // The snapshot's own name: older daemons send "instance/snap", which is cut to "snap".
    QString name() const { return string(QStringLiteral("name")).section(QLatin1Char('/'), -1); }
    QString architecture() const { return string(QStringLiteral("architecture")); }
    bool stateful() const { return boolean(QStringLiteral("stateful")); }
    bool ephemeral() const { return boolean(QStringLiteral("ephemeral")); }
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
    // Null when the snapshot never expires (LXD sends the zero time "0001-01-01T00:00:00Z").
    QDateTime expiresAt() const;
    // Bytes on disk, or -1 when the storage driver cannot tell.
    qint64 size() const { return qint64(value(QStringLiteral("size")).toDouble(-1)); }

    // A null time means "never".
    void setExpiresAt(const QDateTime &expiresAt);

    // What PUT /1.0/instances/<instance>/snapshots/<name> takes (LXD's InstanceSnapshotPut).
    QJsonObject writable() const;

    // LXD's zero time, which means "never" wherever a time is optional.
    static QString timeToJson(const QDateTime &time);
};

} // namespace Lxd
