#pragma once

#include "Resource.h"

namespace Lxd {

// A storage pool as GET /1.0/storage-pools/<name> returns it (LXD's api.StoragePool). LXD cannot rename
// a pool; its driver is fixed at creation.
class StoragePool final : public Resource
{
public:
    using Resource::Resource;

    QString name() const { return string(QStringLiteral("name")); }
    QString driver() const { return string(QStringLiteral("driver")); } // "dir", "zfs", "btrfs", "lvm", …
    QString description() const { return string(QStringLiteral("description")); }
    QString status() const { return string(QStringLiteral("status")); } // "Created", "Pending", …
    QMap<QString, QString> config() const { return stringMap(QStringLiteral("config")); }
    QStringList usedBy() const { return strings(QStringLiteral("used_by")); }
    QStringList locations() const { return strings(QStringLiteral("locations")); }
    // The pool is managed by LXD (always true for pools LXD lists; kept for pylxd's `managed`).
    bool managed() const { return value(QStringLiteral("managed")).toBool(true); }

    void setDescription(const QString &description) { setValue(QStringLiteral("description"), description); }
    void setConfig(const QMap<QString, QString> &config) { setStringMap(QStringLiteral("config"), config); }
    // Sets one key; an empty value removes it.
    void setConfigValue(const QString &key, const QString &value);

    // What PUT /1.0/storage-pools/<name> takes (LXD's StoragePoolPut).
    QJsonObject writable() const;
    // What POST /1.0/storage-pools takes (LXD's StoragePoolsPost).
    static QJsonObject post(const QString &name, const QString &driver,
                            const QMap<QString, QString> &config = {}, const QString &description = {});
};

} // namespace Lxd
