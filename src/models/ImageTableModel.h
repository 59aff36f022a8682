#pragma once

#include "ResourceCache.h"
#include "ResourceTableModel.h"

namespace Models {

// Images, keyed by fingerprint: aliases, short fingerprint, description, architecture, type, size, dates.
class ImageTableModel final : public ResourceTableModel
{
    Q_OBJECT

public:
    enum ColumnIndex {
        Aliases,
        Fingerprint,
        Description,
        Architecture,
        Type,
        Size,
        Public,
        Uploaded,
        Project,
        ColumnCount
    };
    Q_ENUM(ColumnIndex)

    explicit ImageTableModel(ResourceCache *cache, QObject *parent = nullptr);
};

} // namespace Models
