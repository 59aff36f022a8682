#include "ResourceKind.h"

#include "lxd/Client.h"

#include <QUrl>

namespace Models {

namespace {

// "/1.0/instances/c%201?project=p" -> {"1.0", "instances", "c 1"}: segments compared decoded, since the
// daemon (Go's url.PathEscape) and Berth may percent-encode the same name differently.
QStringList decodedSegments(const QString &path)
{
    QStringList segments = path.section(QLatin1Char('?'), 0, 0).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (QString &segment : segments)
        segment = QUrl::fromPercentEncoding(segment.toUtf8());
    return segments;
}

ResourceKind kind(const QString &collection, const QString &eventPrefix, bool projectScoped)
{
    ResourceKind kind;
    kind.collection = collection;
    kind.eventPrefix = eventPrefix;
    kind.projectScoped = projectScoped;
    return kind;
}

} // namespace

QString ResourceKind::keyOf(const QJsonObject &object) const
{
    QStringList parts;
    parts.reserve(keyFields.size());
    for (const QString &field : keyFields)
        parts.append(object.value(field).toString());
    return parts.join(QLatin1Char('/'));
}

QString ResourceKind::keyFromSource(const QString &source, const QString &project) const
{
    const QStringList segments = decodedSegments(source);
    const QStringList prefix = QStringList {QStringLiteral("1.0")} + decodedSegments(collection);
    if (segments.size() != prefix.size() + keyFields.size() || segments.mid(0, prefix.size()) != prefix)
        return {};
    QStringList key = segments.mid(prefix.size());
    const QString projectPrefix = project + QLatin1Char('_');
    if (eventNamesCarryProject && !project.isEmpty() && project != QLatin1String("default")
        && key.last().startsWith(projectPrefix))
        key.last().remove(0, projectPrefix.size());
    for (const QString &part : std::as_const(key)) {
        if (part.isEmpty())
            return {};
    }
    return key.join(QLatin1Char('/'));
}

QString ResourceKind::keyBeforeRename(const QString &newKey, const QString &oldName) const
{
    if (oldName.isEmpty())
        return {};
    QStringList key = newKey.split(QLatin1Char('/'));
    key.last() = oldName.section(QLatin1Char('/'), -1);
    return key.join(QLatin1Char('/'));
}

QString ResourceKind::objectPath(const QString &key) const
{
    QString path = collection;
    const QStringList parts = key.split(QLatin1Char('/'));
    for (const QString &part : parts)
        path += QLatin1Char('/') + Lxd::Client::pathSegment(part);
    return path;
}

bool ResourceKind::isRelistAction(const QString &action) const
{
    for (const QString &prefix : relistActions) {
        if (action.startsWith(prefix))
            return true;
    }
    return false;
}

ResourceKind ResourceKind::instances()
{
    ResourceKind instances = kind(QStringLiteral("/instances"), QStringLiteral("instance-"), true);
    instances.allProjects = true;
    instances.hasState = true;
    instances.refreshActions = {QStringLiteral("instance-started"),  QStringLiteral("instance-stopped"),
                                QStringLiteral("instance-shutdown"), QStringLiteral("instance-restarted"),
                                QStringLiteral("instance-paused"),   QStringLiteral("instance-resumed"),
                                QStringLiteral("instance-restored")};
    return instances;
}

ResourceKind ResourceKind::snapshots(const QString &instance)
{
    ResourceKind snapshots
        = kind(QStringLiteral("/instances/%1/snapshots").arg(Lxd::Client::pathSegment(instance)),
               QStringLiteral("instance-snapshot-"), true);
    return snapshots;
}

ResourceKind ResourceKind::images()
{
    ResourceKind images = kind(QStringLiteral("/images"), QStringLiteral("image-"), true);
    images.keyFields = {QStringLiteral("fingerprint")};
    images.refreshActions = {QStringLiteral("image-refreshed")};
    // Alias events name the alias, not the image (and a deleted alias names no image at all).
    images.relistActions = {QStringLiteral("image-alias-")};
    return images;
}

ResourceKind ResourceKind::profiles()
{
    return kind(QStringLiteral("/profiles"), QStringLiteral("profile-"), true);
}

ResourceKind ResourceKind::networks()
{
    return kind(QStringLiteral("/networks"), QStringLiteral("network-"), true);
}

ResourceKind ResourceKind::storagePools()
{
    return kind(QStringLiteral("/storage-pools"), QStringLiteral("storage-pool-"), false);
}

ResourceKind ResourceKind::storageVolumes(const QString &pool)
{
    ResourceKind volumes
        = kind(QStringLiteral("/storage-pools/%1/volumes").arg(Lxd::Client::pathSegment(pool)),
               QStringLiteral("storage-volume-"), true);
    volumes.allProjects = true;
    volumes.keyFields = {QStringLiteral("type"), QStringLiteral("name")};
    volumes.eventNamesCarryProject = true;
    // Instance and image volumes come and go with their instance or image, without volume events.
    volumes.relistActions = {QStringLiteral("instance-created"), QStringLiteral("instance-deleted"),
                             QStringLiteral("instance-renamed"), QStringLiteral("image-deleted")};
    volumes.relistAfterInstanceOperations = true;
    // Snapshots ("data/snap0") are listed too; they belong to their volume, not to this table.
    volumes.accepts = [](const QJsonObject &object) {
        return !object.value(QLatin1String("name")).toString().contains(QLatin1Char('/'));
    };
    return volumes;
}

ResourceKind ResourceKind::certificates()
{
    ResourceKind certificates = kind(QStringLiteral("/certificates"), QStringLiteral("certificate-"), false);
    certificates.keyFields = {QStringLiteral("fingerprint")};
    return certificates;
}

ResourceKind ResourceKind::warnings()
{
    // LXD announces acknowledging, resetting and deleting a warning, not its appearance: new warnings
    // arrive with the next listing.
    ResourceKind warnings = kind(QStringLiteral("/warnings"), QStringLiteral("warning-"), false);
    warnings.keyFields = {QStringLiteral("uuid")};
    warnings.refreshActions = {QStringLiteral("warning-acknowledged"), QStringLiteral("warning-reset")};
    return warnings;
}

ResourceKind ResourceKind::clusterMembers()
{
    ResourceKind members = kind(QStringLiteral("/cluster/members"), QStringLiteral("cluster-member-"), false);
    members.keyFields = {QStringLiteral("server_name")};
    return members;
}

ResourceKind ResourceKind::projects()
{
    return kind(QStringLiteral("/projects"), QStringLiteral("project-"), false);
}

} // namespace Models
