#pragma once

#include "Resource.h"

namespace Lxd {

// Space and inodes of a pool, from GET /1.0/storage-pools/<name>/resources (LXD's api.ResourcesStoragePool,
// pylxd's StorageResources). Read-only. Inodes are 0 where the driver does not count them.
class StoragePoolResources final : public Resource
{
public:
    using Resource::Resource;

    qint64 spaceUsed() const { return number(QStringLiteral("space"), QStringLiteral("used")); }
    qint64 spaceTotal() const { return number(QStringLiteral("space"), QStringLiteral("total")); }
    qint64 inodesUsed() const { return number(QStringLiteral("inodes"), QStringLiteral("used")); }
    qint64 inodesTotal() const { return number(QStringLiteral("inodes"), QStringLiteral("total")); }

private:
    qint64 number(const QString &group, const QString &key) const
    {
        return qint64(object(group).value(key).toDouble());
    }
};

} // namespace Lxd
