#pragma once

#include "ResourceCache.h"
#include "ResourceTableModel.h"

namespace Models {

// Snapshots of one instance (a cache of ResourceKind::snapshots()): name, dates, statefulness.
class SnapshotTableModel final : public ResourceTableModel
{
    Q_OBJECT

public:
    enum ColumnIndex { Name, Created, Expires, Stateful, ColumnCount };
    Q_ENUM(ColumnIndex)

    explicit SnapshotTableModel(ResourceCache *cache, QObject *parent = nullptr);
};

} // namespace Models
