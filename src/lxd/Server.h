#pragma once

#include "Resource.h"

namespace Lxd {

// The server itself as GET /1.0 returns it (LXD's api.Server): its config, API extensions and
// environment. Hidden config values (core.trust_password) come back as `true`, not as text; writable()
// keeps them so, which LXD reads as "unchanged": never rewrite them as strings.
class Server final : public Resource
{
public:
    using Resource::Resource;

    QJsonObject config() const { return object(QStringLiteral("config")); }
    // One config value as text ("true" for a hidden value that is set); empty when unset.
    QString configValue(const QString &key) const;
    QStringList apiExtensions() const { return strings(QStringLiteral("api_extensions")); }
    QString apiStatus() const { return string(QStringLiteral("api_status")); }
    QString apiVersion() const { return string(QStringLiteral("api_version")); }
    QString auth() const { return string(QStringLiteral("auth")); } // "trusted", "untrusted"
    QStringList authMethods() const { return strings(QStringLiteral("auth_methods")); }
    bool isPublic() const { return boolean(QStringLiteral("public")); }
    QJsonObject environment() const { return object(QStringLiteral("environment")); }
    QString serverName() const { return environment().value(QLatin1String("server_name")).toString(); }
    QString serverVersion() const { return environment().value(QLatin1String("server_version")).toString(); }
    bool isClustered() const { return environment().value(QLatin1String("server_clustered")).toBool(); }

    // Sets one key, leaving every other (hidden ones included) as it is; an empty value removes it.
    void setConfigValue(const QString &key, const QString &value);

    // What PUT /1.0 takes (LXD's ServerPut).
    QJsonObject writable() const { return pick({QStringLiteral("config")}); }
};

} // namespace Lxd
