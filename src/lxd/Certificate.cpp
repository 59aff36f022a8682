#include "Certificate.h"

namespace Lxd {

QJsonObject Certificate::writable() const
{
    return pick({QStringLiteral("name"), QStringLiteral("type"), QStringLiteral("restricted"),
                 QStringLiteral("projects"), QStringLiteral("certificate")});
}

} // namespace Lxd
