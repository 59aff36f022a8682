#pragma once

#include "Resource.h"

namespace Lxd {

// A cluster member as GET /1.0/cluster/members/<name> returns it (LXD's api.ClusterMember).
class ClusterMember final : public Resource
{
public:
    using Resource::Resource;

    QString serverName() const { return string(QStringLiteral("server_name")); }
    QString url() const { return string(QStringLiteral("url")); }
    bool database() const { return boolean(QStringLiteral("database")); }
    QString status() const { return string(QStringLiteral("status")); } // "Online", "Offline", "Evacuated", …
    QString message() const { return string(QStringLiteral("message")); }
    QString architecture() const { return string(QStringLiteral("architecture")); }
    QString description() const { return string(QStringLiteral("description")); }
    QString failureDomain() const { return string(QStringLiteral("failure_domain")); }
    QStringList roles() const { return strings(QStringLiteral("roles")); }
    QStringList groups() const { return strings(QStringLiteral("groups")); }
    QMap<QString, QString> config() const { return stringMap(QStringLiteral("config")); }

    void setDescription(const QString &description) { setValue(QStringLiteral("description"), description); }
    void setFailureDomain(const QString &domain) { setValue(QStringLiteral("failure_domain"), domain); }
    void setRoles(const QStringList &roles) { setStrings(QStringLiteral("roles"), roles); }
    void setGroups(const QStringList &groups) { setStrings(QStringLiteral("groups"), groups); }
    void setConfig(const QMap<QString, QString> &config) { setStringMap(QStringLiteral("config"), config); }

    // What PUT /1.0/cluster/members/<name> takes (LXD's ClusterMemberPut).
    QJsonObject writable() const;
};

} // namespace Lxd
