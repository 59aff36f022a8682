#include "StorageVolumeSnapshot.h"

namespace Lxd {

QDateTime StorageVolumeSnapshot::expiresAt() const
{
    const QDateTime expires = time(QStringLiteral("expires_at"));
    // Go's zero time ("0001-01-01T00:00:00Z") means "never".
    if (!expires.isValid() || expires.date().year() <= 1)
        return {};
    return expires;
}

void StorageVolumeSnapshot::setExpiresAt(const QDateTime &expiresAt)
{
    if (expiresAt.isValid())
        setValue(QStringLiteral("expires_at"), expiresAt.toUTC().toString(Qt::ISODateWithMs));
    else
        setValue(QStringLiteral("expires_at"), QJsonValue::Null);
}

QJsonObject StorageVolumeSnapshot::writable() const
{
    return pick({QStringLiteral("description"), QStringLiteral("expires_at")});
}

} // namespace Lxd
