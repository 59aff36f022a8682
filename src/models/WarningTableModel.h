#pragma once

#include "ResourceCache.h"
#include "ResourceTableModel.h"

namespace Models {

// Warnings of the server, keyed by UUID: type, status, severity, count, project, location, last message.
class WarningTableModel final : public ResourceTableModel
{
    Q_OBJECT

public:
    enum ColumnIndex {
        Type,
        Status,
        Severity,
        Count,
        Project,
        Location,
        LastMessage,
        FirstSeen,
        LastSeen,
        ColumnCount
    };
    Q_ENUM(ColumnIndex)

    explicit WarningTableModel(ResourceCache *cache, QObject *parent = nullptr);
};

} // namespace Models
