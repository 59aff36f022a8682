#pragma once

#include "Resource.h"

namespace Lxd {

// A warning the daemon raised, as GET /1.0/warnings/<uuid> returns it (LXD's api.Warning).
class Warning final : public Resource
{
public:
    using Resource::Resource;

    QString uuid() const { return string(QStringLiteral("uuid")); }
    QString type() const
    {
        return string(QStringLiteral("type"));
    } // "Couldn't find the CGroup blkio.weight", …
    QString lastMessage() const { return string(QStringLiteral("last_message")); }
    QString severity() const { return string(QStringLiteral("severity")); } // "low", "moderate", "high"
    QString status() const { return string(QStringLiteral("status")); } // "new", "acknowledged", "resolved"
    int count() const { return value(QStringLiteral("count")).toInt(); }
    QString location() const { return string(QStringLiteral("location")); }
    QString project() const { return string(QStringLiteral("project")); }
    QString entityUrl() const { return string(QStringLiteral("entity_url")); }
    QDateTime firstSeenAt() const { return time(QStringLiteral("first_seen_at")); }
    QDateTime lastSeenAt() const { return time(QStringLiteral("last_seen_at")); }

    bool isAcknowledged() const { return status() == QLatin1String("acknowledged"); }
    void setStatus(const QString &status) { setValue(QStringLiteral("status"), status); }

    // What PUT /1.0/warnings/<uuid> takes (LXD's WarningPut).
    QJsonObject writable() const { return pick({QStringLiteral("status")}); }
};

} // namespace Lxd
