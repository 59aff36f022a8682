#pragma once

#include "ResourceCache.h"
#include "ResourceTableModel.h"

namespace Models {

// Trusted certificates (server-wide), keyed by fingerprint: name, type, restriction, projects.
class CertificateTableModel final : public ResourceTableModel
{
    Q_OBJECT

public:
    enum ColumnIndex { Name, Type, Fingerprint, Restricted, Projects, ColumnCount };
    Q_ENUM(ColumnIndex)

    explicit CertificateTableModel(ResourceCache *cache, QObject *parent = nullptr);
};

} // namespace Models
