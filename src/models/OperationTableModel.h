#pragma once

#include "OperationCache.h"
#include "ResourceTableModel.h"

namespace Models {

// Background operations, keyed by id: what, status, class, times, whether it can be cancelled, error.
class OperationTableModel final : public ResourceTableModel
{
    Q_OBJECT

public:
    enum ColumnIndex {
        Description,
        Status,
        Class,
        Created,
        Updated,
        Cancellable,
        Error,
        Location,
        Project,
        ColumnCount
    };
    Q_ENUM(ColumnIndex)

    explicit OperationTableModel(OperationCache *cache, QObject *parent = nullptr);
};

} // namespace Models
