#pragma once

#include "Resource.h"

namespace Lxd {

// A backup of an instance kept by the server, as GET /1.0/instances/<instance>/backups/<name>
// returns it (LXD's InstanceBackup). Backups cannot be edited, only renamed, exported and deleted.
class InstanceBackup final : public Resource
{
public:
    using Resource::Resource;

    // The backup's own name: the daemon sends "instance/backup", which is cut to "backup".
    QString name() const { return string(QStringLiteral("name")).section(QLatin1Char('/'), -1); }
    QDateTime createdAt() const { return time(QStringLiteral("created_at")); }
    // Null when the backup never expires.
    QDateTime expiresAt() const;
    bool instanceOnly() const { return boolean(QStringLiteral("instance_only")); }
    bool optimizedStorage() const { return boolean(QStringLiteral("optimized_storage")); }
};

} // namespace Lxd
