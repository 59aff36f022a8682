#include "ResourceKind.h"

namespace Models {

ResourceKind ResourceKind::instances()
{
    return {QStringLiteral("/instances"),
            QStringLiteral("instance-"),
            true,
            {QStringLiteral("instance-started"), QStringLiteral("instance-stopped"),
             QStringLiteral("instance-shutdown"), QStringLiteral("instance-restarted"),
             QStringLiteral("instance-paused"), QStringLiteral("instance-resumed"),
             QStringLiteral("instance-restored")},
            QStringLiteral("name")};
}

ResourceKind ResourceKind::images()
{
    return {QStringLiteral("/images"),
            QStringLiteral("image-"),
            true,
            {QStringLiteral("image-refreshed")},
            QStringLiteral("fingerprint")};
}

ResourceKind ResourceKind::profiles()
{
    return {QStringLiteral("/profiles"), QStringLiteral("profile-"), true, {}, QStringLiteral("name")};
}

ResourceKind ResourceKind::networks()
{
    return {QStringLiteral("/networks"), QStringLiteral("network-"), true, {}, QStringLiteral("name")};
}

ResourceKind ResourceKind::storagePools()
{
    return {
        QStringLiteral("/storage-pools"), QStringLiteral("storage-pool-"), false, {}, QStringLiteral("name")};
}

ResourceKind ResourceKind::projects()
{
    return {QStringLiteral("/projects"), QStringLiteral("project-"), false, {}, QStringLiteral("name")};
}

} // namespace Models
