#pragma once

#include "ResourceCache.h"
#include "ResourceTableModel.h"

namespace Models {

// Instances: name, status, type, addresses, memory in use, project, location, created.
class InstanceTableModel final : public ResourceTableModel
{
    Q_OBJECT

public:
    enum ColumnIndex { Name, Status, Type, IPv4, IPv6, Memory, Project, Location, Created, ColumnCount };
    Q_ENUM(ColumnIndex)

    explicit InstanceTableModel(ResourceCache *cache, QObject *parent = nullptr);

    // Global addresses of every interface but the loopback, for one address family ("inet", "inet6").
    static QStringList addresses(const QJsonObject &state, const QString &family);
};

} // namespace Models
