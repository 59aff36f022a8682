#include "InstanceBackup.h"

namespace Lxd {

QDateTime InstanceBackup::expiresAt() const
{
    const QDateTime expires = time(QStringLiteral("expires_at"));
    // Go's zero time.Time (year 1) means "never".
    return expires.isValid() && expires.date().year() > 1 ? expires : QDateTime();
}

} // namespace Lxd
