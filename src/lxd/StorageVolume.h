#pragma once

#include "Resource.h"

namespace Lxd {

// A storage volume as GET /1.0/storage-pools/<pool>/volumes/<type>/<name> returns it (LXD's
// api.StorageVolume). Type "custom" volumes are the user's own; "container", "virtual-machine" and
// "image" volumes belong to instances and images.
class StorageVolume final : public Resource
{
public:
    using Resource::Resource;

    QString name() const { return string(QStringLiteral("name")); }
    QString type() const { return string(QStringLiteral("type")); }
    QString description() const { return string(QStringLiteral("description")); }
    QString contentType() const { return string(QStringLiteral("content_type")); } // "filesystem", "block"
    QString location() const { return string(QStringLiteral("location")); }
    QString project() const { return string(QStringLiteral("project")); }
    QMap<QString, QString> config() const { return stringMap(QStringLiteral("config")); }
    QStringList usedBy() const { return strings(QStringLiteral("used_by")); }
    QDateTime createdAt() const { return time(QStringLiteral("created_at")); }
    // A snapshot listed among volumes is named "<volume>/<snapshot>".
    bool isSnapshot() const { return name().contains(QLatin1Char('/')); }

    void setDescription(const QString &description) { setValue(QStringLiteral("description"), description); }
    void setConfig(const QMap<QString, QString> &config) { setStringMap(QStringLiteral("config"), config); }
    // Sets one key; an empty value removes it.
    void setConfigValue(const QString &key, const QString &value);

    // What PUT /1.0/storage-pools/<pool>/volumes/<type>/<name> takes (LXD's StorageVolumePut, without
    // `restore`: see StorageVolumeManager::restoreSnapshot()).
    QJsonObject writable() const;
    // What POST /1.0/storage-pools/<pool>/volumes takes for a new empty custom volume (StorageVolumesPost).
    static QJsonObject post(const QString &name, const QMap<QString, QString> &config = {},
                            const QString &description = {},
                            const QString &contentType = QStringLiteral("filesystem"));
    // A copy of custom volume `sourceName` of pool `sourcePool`, named `name` (source.type "copy").
    static QJsonObject copyPost(const QString &name, const QString &sourcePool, const QString &sourceName,
                                bool volumeOnly = false);
};

} // namespace Lxd
