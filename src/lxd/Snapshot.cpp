#include "Snapshot.h"

namespace Lxd {

QDateTime Snapshot::expiresAt() const
{
    const QDateTime expires = time(QStringLiteral("expires_at"));
    // Go's zero time.Time: year 1.
    return expires.isValid() && expires.date().year() > 1 ? expires : QDateTime();
}

void Snapshot::setExpiresAt(const QDateTime &expiresAt)
{
    setValue(QStringLiteral("expires_at"), timeToJson(expiresAt));
}

QJsonObject Snapshot::writable() const
{
    return pick({QStringLiteral("expires_at")});
}

QString Snapshot::timeToJson(const QDateTime &time)
{
    if (!time.isValid())
        return QStringLiteral("0001-01-01T00:00:00Z");
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace Lxd
