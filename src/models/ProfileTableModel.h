#pragma once

#include "ResourceCache.h"
#include "ResourceTableModel.h"

namespace Models {

// Profiles: name, description, how many instances and other objects use them, project.
class ProfileTableModel final : public ResourceTableModel
{
    Q_OBJECT

public:
    enum ColumnIndex { Name, Description, UsedBy, Project, ColumnCount };
    Q_ENUM(ColumnIndex)

    explicit ProfileTableModel(ResourceCache *cache, QObject *parent = nullptr);
};

} // namespace Models
