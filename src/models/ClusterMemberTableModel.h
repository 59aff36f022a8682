#pragma once

#include "ResourceCache.h"
#include "ResourceTableModel.h"

namespace Models {

// Members of a cluster (server-wide), keyed by name: address, roles, architecture, failure domain, status.
class ClusterMemberTableModel final : public ResourceTableModel
{
    Q_OBJECT

public:
    enum ColumnIndex {
        Name,
        Url,
        Roles,
        Architecture,
        FailureDomain,
        Status,
        Message,
        Description,
        ColumnCount
    };
    Q_ENUM(ColumnIndex)

    explicit ClusterMemberTableModel(ResourceCache *cache, QObject *parent = nullptr);
};

} // namespace Models
