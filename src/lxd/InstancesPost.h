#pragma once

#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace Lxd {

class Instance;
class Snapshot;

// The body of POST /1.0/instances (LXD's InstancesPost), built from one of the named sources and
// then refined with setters:
//
//     InstancesPost::fromImageAlias("web", "busybox").setProfiles({"default"}).setEphemeral(true)
//
// Fields that are never set are left out, so the daemon's defaults apply (the `default` profile,
// a container).
class InstancesPost
{
public:
    InstancesPost() = default;
    explicit InstancesPost(const QString &name);

    // From an image of the server itself (or of `setImageServer()`), by alias, fingerprint or properties.
    static InstancesPost fromImageAlias(const QString &name, const QString &alias);
    static InstancesPost fromImageFingerprint(const QString &name, const QString &fingerprint);
    static InstancesPost fromImageProperties(const QString &name, const QMap<QString, QString> &properties);
    // With no root file system at all (source.type none).
    static InstancesPost empty(const QString &name);
    // A copy of an instance of the same server (source.type copy); `instanceOnly` leaves its
    // snapshots behind; `sourceProject` when the source lives in another project.
    static InstancesPost copyOf(const QString &name, const QString &sourceInstance, bool instanceOnly = false,
                                const QString &sourceProject = {});
    // The same with the source's profiles, as `lxc copy` sends them: LXD 5.0 fails to take them from
    // the source by itself ("No root device could be found") when the body has none.
    static InstancesPost copyOf(const QString &name, const Instance &source, bool instanceOnly = false,
                                const QString &sourceProject = {});
    // A new instance from one snapshot ("source/snap"). LXD 5.0 does not take the snapshot's profiles
    // (nor so its root disk) by itself: give them with setProfiles(), or use the overload below.
    static InstancesPost copyOfSnapshot(const QString &name, const QString &sourceInstance,
                                        const QString &snapshot, const QString &sourceProject = {});
    // The same with the snapshot's profiles, as `lxc copy instance/snap new` sends them.
    static InstancesPost copyOfSnapshot(const QString &name, const QString &sourceInstance,
                                        const Snapshot &snapshot, const QString &sourceProject = {});
    // The pull side of a migration: the target connects to `operationUrl` ("https://host:8443/1.0/
    // operations/<id>") with the source operation's websocket `secrets`, trusting `certificate` (PEM).
    static InstancesPost migration(const QString &name, const QString &operationUrl,
                                   const QMap<QString, QString> &secrets, const QString &certificate,
                                   bool live = false, bool instanceOnly = false);
    // The writable part of `instance` (config, devices, profiles, …), for a copy or move to another
    // server. `keepVolatile` keeps volatile.* keys (a move); a copy drops them, except the base image,
    // so the copy gets its own MAC addresses and ids, as `lxc copy` does.
    static InstancesPost fromInstance(const Instance &instance, const QString &name = {},
                                      bool keepVolatile = false);

    // The image comes from another server: `protocol` is "lxd" or "simplestreams"; `certificate` (PEM)
    // pins an LXD server's certificate; `secret` is for a private image of an LXD server.
    // Makes this the pull side of a migration (see migration()); the rest of the body stays.
    InstancesPost &setMigrationSource(const QString &operationUrl, const QMap<QString, QString> &secrets,
                                      const QString &certificate, bool live = false,
                                      bool instanceOnly = false);
    InstancesPost &setImageServer(const QString &server,
                                  const QString &protocol = QStringLiteral("simplestreams"),
                                  const QString &certificate = {}, const QString &secret = {});

    InstancesPost &setName(const QString &name);
    // "container" (the default) or "virtual-machine".
    InstancesPost &setType(const QString &type);
    InstancesPost &setVirtualMachine(bool vm = true);
    InstancesPost &setDescription(const QString &description);
    InstancesPost &setArchitecture(const QString &architecture);
    InstancesPost &setProfiles(const QStringList &profiles);
    InstancesPost &setConfig(const QMap<QString, QString> &config);
    InstancesPost &setConfigValue(const QString &key, const QString &value);
    InstancesPost &setDevices(const QMap<QString, QMap<QString, QString>> &devices);
    InstancesPost &setDevice(const QString &name, const QMap<QString, QString> &device);
    InstancesPost &setEphemeral(bool ephemeral);
    InstancesPost &setStateful(bool stateful);
    // A cloud instance type such as "t2.micro" or "c2-m4", translated by the daemon into limits.
    InstancesPost &setInstanceType(const QString &instanceType);
    // Copies and migrations: copy even if the source changes meanwhile (LXD's allow_inconsistent).
    InstancesPost &setAllowInconsistent(bool allow);
    // Copies and migrations: only transfer what differs from an existing target (LXD's refresh).
    InstancesPost &setRefresh(bool refresh);
    // In a cluster: the member to create the instance on (sent as ?target=, not in the body).
    InstancesPost &setTarget(const QString &member);
    // Any other field of `source`, for what the named builders do not cover.
    InstancesPost &setSourceValue(const QString &key, const QJsonValue &value);

    QString name() const { return m_body.value(QLatin1String("name")).toString(); }
    QString target() const { return m_target; }
    QJsonObject source() const { return m_source; }
    // The body as sent.
    QJsonObject toJson() const;

private:
    static InstancesPost withSource(const QString &name, const QString &type);

    QJsonObject m_body;
    QJsonObject m_source;
    QString m_target;
};

} // namespace Lxd
