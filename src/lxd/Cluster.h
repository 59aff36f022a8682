#pragma once

#include "Resource.h"

#include <QJsonArray>

namespace Lxd {

// The cluster as GET /1.0/cluster describes it (LXD's api.Cluster, pylxd's Cluster). On a standalone
// server `enabled` is false.
class Cluster final : public Resource
{
public:
    using Resource::Resource;

    // This member's name in the cluster.
    QString serverName() const { return string(QStringLiteral("server_name")); }
    bool enabled() const { return boolean(QStringLiteral("enabled")); }
    // What a joining member must provide: [{entity, name, key, value, description}].
    QJsonArray memberConfig() const { return value(QStringLiteral("member_config")).toArray(); }
};

} // namespace Lxd
