#pragma once

#include "Resource.h"

namespace Lxd {

// One DHCP lease (or static allocation) of a managed network, from GET /1.0/networks/<name>/leases
// (LXD's api.NetworkLease). Read-only.
class NetworkLease final : public Resource
{
public:
    using Resource::Resource;

    QString hostname() const { return string(QStringLiteral("hostname")); }
    QString hwaddr() const { return string(QStringLiteral("hwaddr")); }
    QString address() const { return string(QStringLiteral("address")); }
    QString type() const { return string(QStringLiteral("type")); } // "static", "dynamic", "gateway"
    QString location() const { return string(QStringLiteral("location")); }
    QString project() const { return string(QStringLiteral("project")); }
};

} // namespace Lxd
