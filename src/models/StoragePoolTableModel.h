#pragma once

#include "ResourceCache.h"
#include "ResourceTableModel.h"

namespace Models {

// Storage pools (server-wide): name, driver, source, description, use, status.
class StoragePoolTableModel final : public ResourceTableModel
{
    Q_OBJECT

public:
    enum ColumnIndex { Name, Driver, Source, Description, UsedBy, Status, ColumnCount };
    Q_ENUM(ColumnIndex)

    explicit StoragePoolTableModel(ResourceCache *cache, QObject *parent = nullptr);
};

} // namespace Models
