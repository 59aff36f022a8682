#pragma once

#include "ResourceCache.h"
#include "ResourceTableModel.h"

namespace Models {

// Networks, managed ones and the host's own interfaces: name, type, addresses, status, use.
class NetworkTableModel final : public ResourceTableModel
{
    Q_OBJECT

public:
    enum ColumnIndex { Name, Type, Managed, IPv4, IPv6, Description, UsedBy, Status, Project, ColumnCount };
    Q_ENUM(ColumnIndex)

    explicit NetworkTableModel(ResourceCache *cache, QObject *parent = nullptr);
};

} // namespace Models
