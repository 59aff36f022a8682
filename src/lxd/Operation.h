#pragma once

#include "Resource.h"

namespace Lxd {

// A background operation as GET /1.0/operations/<id> returns it (LXD's api.Operation). Read-only: the
// only change one can make is to cancel it (OperationManager::cancel()).
class Operation final : public Resource
{
public:
    using Resource::Resource;

    QString id() const { return string(QStringLiteral("id")); }
    // LXD's `class`: "task", "websocket" or "token".
    QString operationClass() const { return string(QStringLiteral("class")); }
    QString description() const { return string(QStringLiteral("description")); }
    QDateTime createdAt() const { return time(QStringLiteral("created_at")); }
    QDateTime updatedAt() const { return time(QStringLiteral("updated_at")); }
    QString status() const { return string(QStringLiteral("status")); } // "Running", "Success", "Failure", …
    int statusCode() const { return value(QStringLiteral("status_code")).toInt(); }
    // Affected objects by kind: {"instances": ["/1.0/instances/c1"]}.
    QMap<QString, QStringList> resources() const;
    QJsonObject metadata() const { return object(QStringLiteral("metadata")); }
    bool mayCancel() const { return boolean(QStringLiteral("may_cancel")); }
    // The error text of a failed operation.
    QString err() const { return string(QStringLiteral("err")); }
    QString location() const { return string(QStringLiteral("location")); }

    bool isFinal() const { return statusCode() >= 200; }
    bool isToken() const { return operationClass() == QLatin1String("token"); }
};

} // namespace Lxd
