#pragma once

#include "ResourceCache.h"
#include "ResourceTableModel.h"

namespace Models {

// Volumes of one storage pool (a cache of ResourceKind::storageVolumes()), keyed "type/name".
class StorageVolumeTableModel final : public ResourceTableModel
{
    Q_OBJECT

public:
    enum ColumnIndex {
        Name,
        Type,
        ContentType,
        Description,
        UsedBy,
        Location,
        Project,
        Created,
        ColumnCount
    };
    Q_ENUM(ColumnIndex)

    explicit StorageVolumeTableModel(ResourceCache *cache, QObject *parent = nullptr);
};

} // namespace Models
