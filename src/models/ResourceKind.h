#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace Models {

// What one kind of LXD object looks like to the cache: where it is listed, how an object is keyed and
// which lifecycle events concern it. Everything else about caching is the same for every kind, nested
// collections (an instance's snapshots, a pool's volumes) included.
struct ResourceKind
{
    // API path below /1.0, segments percent-encoded: "/instances", "/instances/c1/snapshots".
    QString collection;
    // Lifecycle actions about these objects start with it: "instance-", "instance-snapshot-".
    QString eventPrefix;
    // Listed per project; otherwise once per server.
    bool projectScoped = true;
    // The collection takes all-projects=true on LXD 5.0 (instances, storage volumes). For the others an
    // unscoped client sees the default project, as the daemon itself does.
    bool allProjects = false;
    // The fields that make an object's key, joined with '/', in the order they appear in its URL:
    // {"name"}, {"fingerprint"}, {"type", "name"} for storage volumes.
    QStringList keyFields {QStringLiteral("name")};
    // Actions after which the object is fetched again (besides created/updated/renamed).
    QStringList refreshActions;
    // Actions, or action prefixes, that change the collection without naming one of its objects (an
    // image alias, an instance's root volume): the collection is listed again and the difference applied.
    QStringList relistActions;
    // The collection is listed again when an operation on instances ends well: LXD 5.0 sends
    // instance-created before the instance's root volume exists, so only the operation's end is certain.
    bool relistAfterInstanceOperations = false;
    // Instances: running objects have a state (/state) worth fetching.
    bool hasState = false;
    // LXD 5.0 names storage volumes of other projects "<project>_<name>" in event sources.
    bool eventNamesCarryProject = false;
    // Objects of the listing to keep (storage volume listings include snapshots); empty keeps all.
    std::function<bool(const QJsonObject &)> accepts;

    // The key of an object as listed or fetched.
    QString keyOf(const QJsonObject &object) const;
    // The key named by a lifecycle event's source ("/1.0/instances/c1/snapshots/s0?project=p") when it
    // names an object directly in this collection; empty otherwise (a child of one, another collection).
    QString keyFromSource(const QString &source, const QString &project) const;
    // The key an object had before a rename, from the event's new key and context.old_name ("c1/s0" for
    // snapshots, "v1" for volumes): the last segment changes.
    QString keyBeforeRename(const QString &newKey, const QString &oldName) const;
    // API path of one object: collection + its key's segments, percent-encoded.
    QString objectPath(const QString &key) const;
    bool isRelistAction(const QString &action) const;

    static ResourceKind instances();
    // Snapshots of one instance.
    static ResourceKind snapshots(const QString &instance);
    static ResourceKind images();
    static ResourceKind profiles();
    static ResourceKind networks();
    static ResourceKind storagePools();
    // Volumes of one storage pool, keyed "type/name" ("custom/data", "container/c1"), without snapshots.
    static ResourceKind storageVolumes(const QString &pool);
    static ResourceKind certificates();
    static ResourceKind warnings();
    static ResourceKind clusterMembers();
    static ResourceKind projects();
};

} // namespace Models
