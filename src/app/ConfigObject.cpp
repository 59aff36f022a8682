#include "ConfigObject.h"

#include "lxd/IfMatch.h"
#include "lxd/InstanceManager.h"
#include "lxd/NetworkManager.h"
#include "lxd/ProfileManager.h"
#include "lxd/ProjectManager.h"
#include "lxd/StoragePoolManager.h"
#include "models/Remote.h"

#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ConfigObject", text);
}

using Field = ConfigObject::Field;
using Type = ConfigObject::Field::Type;

Field description()
{
    return {QStringLiteral("description"), true,      Type::Text,
            tr("&Description:"),           QString(), tr("A note for people; LXD does not use it")};
}

Field text(const char *key, const QString &label, const QString &placeholder, const QString &toolTip)
{
    return {QString::fromLatin1(key), false, Type::Text, label, placeholder, toolTip};
}

Field boolean(const char *key, const QString &label, const QString &toolTip)
{
    return {QString::fromLatin1(key), false, Type::Boolean, label, QString(), toolTip};
}

} // namespace

ConfigObject::ConfigObject(Kind kind, Models::Remote *remote, const QString &project, const QString &name)
    : m_kind(kind)
    , m_remote(remote)
    , m_project(project)
    , m_name(name)
{ }

ConfigObject ConfigObject::instance(Models::Remote *remote, const QString &project, const QString &name)
{
    return ConfigObject(Kind::Instance, remote, project, name);
}

ConfigObject ConfigObject::profile(Models::Remote *remote, const QString &project, const QString &name)
{
    return ConfigObject(Kind::Profile, remote, project, name);
}

ConfigObject ConfigObject::network(Models::Remote *remote, const QString &project, const QString &name)
{
    return ConfigObject(Kind::Network, remote, project, name);
}

ConfigObject ConfigObject::storagePool(Models::Remote *remote, const QString &name)
{
    return ConfigObject(Kind::StoragePool, remote, QString(), name);
}

ConfigObject ConfigObject::storageVolume(Models::Remote *remote, const QString &project, const QString &pool,
                                         const QString &name, const QString &type)
{
    ConfigObject object(Kind::StorageVolume, remote, project, name);
    object.m_pool = pool;
    object.m_volumeType = type.isEmpty() ? QStringLiteral("custom") : type;
    return object;
}

ConfigObject ConfigObject::project(Models::Remote *remote, const QString &name)
{
    return ConfigObject(Kind::Project, remote, QString(), name);
}

Models::Remote *ConfigObject::remote() const
{
    return m_remote;
}

bool ConfigObject::isValid() const
{
    return m_remote && !m_name.isEmpty() && (m_kind != Kind::StorageVolume || !m_pool.isEmpty());
}

Lxd::Client ConfigObject::client() const
{
    if (!m_remote)
        return {};
    const Lxd::Client client = m_remote->client();
    // Pools and projects are server-wide.
    if (m_kind == Kind::StoragePool || m_kind == Kind::Project || m_project.isEmpty())
        return client;
    return client.useProject(m_project);
}

QString ConfigObject::apiPath() const
{
    switch (m_kind) {
    case Kind::Instance:
        return Lxd::InstanceManager::path(m_name);
    case Kind::Profile:
        return Lxd::ProfileManager::path(m_name);
    case Kind::Network:
        return Lxd::NetworkManager::path(m_name);
    case Kind::StoragePool:
        return Lxd::StoragePoolManager::path(m_name);
    case Kind::StorageVolume:
        return Lxd::StorageVolumeManager(client(), m_pool).path(m_name, m_volumeType);
    case Kind::Project:
        return Lxd::ProjectManager::path(m_name);
    }
    return {};
}

Lxd::ApiJob *ConfigObject::fetch() const
{
    const Lxd::Client scoped = client();
    switch (m_kind) {
    case Kind::Instance:
        return Lxd::InstanceManager(scoped).get(m_name);
    case Kind::Profile:
        return Lxd::ProfileManager(scoped).get(m_name);
    case Kind::Network:
        return Lxd::NetworkManager(scoped).get(m_name);
    case Kind::StoragePool:
        return Lxd::StoragePoolManager(scoped).get(m_name);
    case Kind::StorageVolume:
        return Lxd::StorageVolumeManager(scoped, m_pool).get(m_name, m_volumeType);
    case Kind::Project:
        return Lxd::ProjectManager(scoped).get(m_name);
    }
    return nullptr;
}

Lxd::Job *ConfigObject::put(const QJsonObject &writable, const QByteArray &etag) const
{
    const Lxd::Client scoped = client();
    if (m_kind == Kind::Instance)
        return Lxd::InstanceManager(scoped).put(m_name, writable, etag);
    return scoped.send(Lxd::ifMatchRequest(scoped, QByteArrayLiteral("PUT"), apiPath(), writable, etag));
}

QString ConfigObject::displayName() const
{
    switch (m_kind) {
    case Kind::Instance:
        return tr("instance “%1”").arg(m_name);
    case Kind::Profile:
        return tr("profile “%1”").arg(m_name);
    case Kind::Network:
        return tr("network “%1”").arg(m_name);
    case Kind::StoragePool:
        return tr("storage pool “%1”").arg(m_name);
    case Kind::StorageVolume:
        return tr("volume “%1” of pool “%2”").arg(m_name, m_pool);
    case Kind::Project:
        return tr("project “%1”").arg(m_name);
    }
    return m_name;
}

QString ConfigObject::kindTitle() const
{
    switch (m_kind) {
    case Kind::Instance:
        return tr("Instance");
    case Kind::Profile:
        return tr("Profile");
    case Kind::Network:
        return tr("Network");
    case Kind::StoragePool:
        return tr("Storage Pool");
    case Kind::StorageVolume:
        return tr("Storage Volume");
    case Kind::Project:
        return tr("Project");
    }
    return {};
}

QString ConfigObject::identity() const
{
    return QStringList {m_remote ? m_remote->name() : QString(),
                        m_project,
                        QString::number(int(m_kind)),
                        m_pool,
                        m_volumeType,
                        m_name}
        .join(QLatin1Char('\n'));
}

QStringList ConfigObject::writableKeys() const
{
    switch (m_kind) {
    case Kind::Instance:
        return {QStringLiteral("architecture"), QStringLiteral("config"),   QStringLiteral("devices"),
                QStringLiteral("ephemeral"),    QStringLiteral("profiles"), QStringLiteral("stateful"),
                QStringLiteral("description")};
    case Kind::Profile:
        return {QStringLiteral("config"), QStringLiteral("description"), QStringLiteral("devices")};
    case Kind::Network:
    case Kind::StoragePool:
    case Kind::StorageVolume:
    case Kind::Project:
        return {QStringLiteral("config"), QStringLiteral("description")};
    }
    return {};
}

QJsonObject ConfigObject::writablePart(const QJsonObject &object) const
{
    QJsonObject writable;
    const QStringList keys = writableKeys();
    for (const QString &key : keys) {
        if (object.contains(key))
            writable.insert(key, object.value(key));
    }
    // PUT replaces: a map the server left out (null) is sent as empty rather than as null.
    if (!writable.value(QLatin1String("config")).isObject())
        writable.insert(QStringLiteral("config"), QJsonObject());
    if (keys.contains(QLatin1String("devices")) && !writable.value(QLatin1String("devices")).isObject())
        writable.insert(QStringLiteral("devices"), QJsonObject());
    return writable;
}

QList<ConfigObject::Field> ConfigObject::commonFields() const
{
    switch (m_kind) {
    case Kind::Instance:
        return {description(),
                {QStringLiteral("profiles"), true, Type::List, tr("&Profiles:"), QStringLiteral("default"),
                 tr("Profiles applied in this order, separated by commas")},
                text("limits.cpu", tr("&CPU limit:"), QStringLiteral("2"),
                     tr("How many CPUs (\"2\") or which ones (\"0-3\")")),
                text("limits.memory", tr("&Memory limit:"), QStringLiteral("512MiB"),
                     tr("At most this much memory (\"512MiB\", \"2GiB\", \"50%\")")),
                boolean("boot.autostart", tr("&Start at boot:"), tr("Start it whenever LXD starts")),
                boolean("security.nesting", tr("&Nesting:"), tr("Allow containers inside this one")),
                boolean("security.privileged", tr("P&rivileged:"),
                        tr("Run as root of the host (containers only; unsafe)"))};
    case Kind::Profile:
        return {
            description(),
            text("limits.cpu", tr("&CPU limit:"), QStringLiteral("2"),
                 tr("How many CPUs (\"2\") or which ones (\"0-3\")")),
            text("limits.memory", tr("&Memory limit:"), QStringLiteral("512MiB"),
                 tr("At most this much memory (\"512MiB\", \"2GiB\", \"50%\")")),
            boolean("boot.autostart", tr("&Start at boot:"), tr("Start its instances whenever LXD starts")),
            boolean("security.nesting", tr("&Nesting:"), tr("Allow containers inside its containers")),
            boolean("security.privileged", tr("P&rivileged:"),
                    tr("Run its containers as root of the host (unsafe)"))};
    case Kind::Network:
        return {description(),
                text("ipv4.address", tr("IPv4 &address:"), QStringLiteral("none"),
                     tr("The bridge's address and subnet (\"10.0.3.1/24\"), \"auto\" or \"none\"")),
                boolean("ipv4.nat", tr("IPv4 &NAT:"), tr("Masquerade traffic leaving the bridge")),
                text("ipv6.address", tr("IPv&6 address:"), QStringLiteral("none"),
                     tr("The bridge's IPv6 address and subnet, \"auto\" or \"none\"")),
                boolean("ipv6.nat", tr("IPv6 N&AT:"), tr("Masquerade IPv6 traffic leaving the bridge")),
                text("dns.domain", tr("DNS &domain:"), QStringLiteral("lxd"),
                     tr("The domain of the bridge's DNS server")),
                text("bridge.mtu", tr("&MTU:"), QStringLiteral("1500"), tr("Bridge MTU"))};
    case Kind::StoragePool:
        return {description(),
                text("volume.size", tr("Default volume &size:"), QStringLiteral("10GiB"),
                     tr("Size of new volumes unless they say otherwise")),
                text("rsync.bwlimit", tr("&Rsync bandwidth limit:"), QStringLiteral("50MiB"),
                     tr("Upper limit on the bandwidth of transfers by rsync"))};
    case Kind::StorageVolume:
        return {
            description(),
            text("size", tr("&Size:"), QStringLiteral("10GiB"), tr("Size quota of the volume")),
            text("snapshots.schedule", tr("Snapshot s&chedule:"), QStringLiteral("@daily"),
                 tr("Cron expression or @hourly, @daily, …")),
            text("snapshots.expiry", tr("Snapshots &expire after:"), QStringLiteral("2w"),
                 tr("How long snapshots are kept (\"3d\", \"2w\")")),
            boolean("security.shifted", tr("&Shifted:"), tr("Share the volume between isolated instances"))};
    case Kind::Project:
        return {
            description(),
            boolean("features.images", tr("Own &images:"), tr("Keep images apart from the default project")),
            boolean("features.profiles", tr("Own &profiles:"),
                    tr("Keep profiles apart from the default project")),
            boolean("features.storage.volumes", tr("Own &volumes:"),
                    tr("Keep storage volumes apart from the default project")),
            text("limits.instances", tr("Instances &limit:"), QStringLiteral("10"),
                 tr("At most this many instances")),
            text("limits.cpu", tr("&CPU limit:"), QStringLiteral("8"), tr("At most this many CPUs in all")),
            text("limits.memory", tr("&Memory limit:"), QStringLiteral("8GiB"),
                 tr("At most this much memory in all"))};
    }
    return {};
}
