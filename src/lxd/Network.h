#pragma once

#include "Resource.h"

namespace Lxd {

// A network as GET /1.0/networks/<name> returns it (LXD's api.Network). Unmanaged ones (host interfaces
// LXD only lists) have no config and cannot be changed.
class Network final : public Resource
{
public:
    using Resource::Resource;

    QString name() const { return string(QStringLiteral("name")); }
    QString description() const { return string(QStringLiteral("description")); }
    QString type() const { return string(QStringLiteral("type")); } // "bridge", "macvlan", "physical", …
    bool managed() const { return boolean(QStringLiteral("managed")); }
    QString status() const { return string(QStringLiteral("status")); } // "Created", "Pending", "Errored", …
    QMap<QString, QString> config() const { return stringMap(QStringLiteral("config")); }
    QStringList usedBy() const { return strings(QStringLiteral("used_by")); }
    QStringList locations() const { return strings(QStringLiteral("locations")); } // cluster members

    void setDescription(const QString &description) { setValue(QStringLiteral("description"), description); }
    void setConfig(const QMap<QString, QString> &config) { setStringMap(QStringLiteral("config"), config); }
    // Sets one key; an empty value removes it.
    void setConfigValue(const QString &key, const QString &value);

    // What PUT /1.0/networks/<name> takes (LXD's NetworkPut).
    QJsonObject writable() const;
    // What POST /1.0/networks takes (LXD's NetworksPost); an empty type lets LXD pick "bridge".
    static QJsonObject post(const QString &name, const QString &type = {},
                            const QMap<QString, QString> &config = {}, const QString &description = {});
};

} // namespace Lxd
