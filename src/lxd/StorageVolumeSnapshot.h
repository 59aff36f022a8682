#pragma once

#include "Resource.h"

namespace Lxd {

// A snapshot of a custom volume, from GET /1.0/storage-pools/<pool>/volumes/custom/<volume>/snapshots/<name>
// (LXD's api.StorageVolumeSnapshot). Keyed by its own name, as pylxd keys instance snapshots.
class StorageVolumeSnapshot final : public Resource
{
public:
    using Resource::Resource;

    // The snapshot's own name, even where LXD sends "<volume>/<snapshot>".
    QString name() const { return string(QStringLiteral("name")).section(QLatin1Char('/'), -1); }
    QString description() const { return string(QStringLiteral("description")); }
    QString contentType() const { return string(QStringLiteral("content_type")); }
    QMap<QString, QString> config() const { return stringMap(QStringLiteral("config")); }
    QDateTime createdAt() const { return time(QStringLiteral("created_at")); }
    // Invalid when the snapshot never expires.
    QDateTime expiresAt() const;

    void setDescription(const QString &description) { setValue(QStringLiteral("description"), description); }
    // An invalid time: never expires.
    void setExpiresAt(const QDateTime &expiresAt);

    // What PUT …/snapshots/<name> takes (LXD's StorageVolumeSnapshotPut).
    QJsonObject writable() const;
};

} // namespace Lxd
