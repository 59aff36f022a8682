#include "ClusterMember.h"

namespace Lxd {

QJsonObject ClusterMember::writable() const
{
    return pick({QStringLiteral("roles"), QStringLiteral("failure_domain"), QStringLiteral("description"),
                 QStringLiteral("config"), QStringLiteral("groups")});
}

} // namespace Lxd
