#include "InstancesPost.h"

#include "Instance.h"
#include "Snapshot.h"

#include <QJsonArray>

namespace Lxd {

namespace {

QJsonObject toObject(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

} // namespace

InstancesPost::InstancesPost(const QString &name)
{
    setName(name);
}

InstancesPost InstancesPost::withSource(const QString &name, const QString &type)
{
    InstancesPost post(name);
    post.m_source.insert(QStringLiteral("type"), type);
    return post;
}

InstancesPost InstancesPost::fromImageAlias(const QString &name, const QString &alias)
{
    return withSource(name, QStringLiteral("image")).setSourceValue(QStringLiteral("alias"), alias);
}

InstancesPost InstancesPost::fromImageFingerprint(const QString &name, const QString &fingerprint)
{
    return withSource(name, QStringLiteral("image"))
        .setSourceValue(QStringLiteral("fingerprint"), fingerprint);
}

InstancesPost InstancesPost::fromImageProperties(const QString &name,
                                                 const QMap<QString, QString> &properties)
{
    return withSource(name, QStringLiteral("image"))
        .setSourceValue(QStringLiteral("properties"), toObject(properties));
}

InstancesPost InstancesPost::empty(const QString &name)
{
    return withSource(name, QStringLiteral("none"));
}

InstancesPost InstancesPost::copyOf(const QString &name, const QString &sourceInstance, bool instanceOnly,
                                    const QString &sourceProject)
{
    InstancesPost post = withSource(name, QStringLiteral("copy"));
    post.setSourceValue(QStringLiteral("source"), sourceInstance);
    if (instanceOnly) {
        post.setSourceValue(QStringLiteral("instance_only"), true);
        // The name older daemons know.
        post.setSourceValue(QStringLiteral("container_only"), true);
    }
    if (!sourceProject.isEmpty())
        post.setSourceValue(QStringLiteral("project"), sourceProject);
    return post;
}

InstancesPost InstancesPost::copyOf(const QString &name, const Instance &source, bool instanceOnly,
                                    const QString &sourceProject)
{
    InstancesPost post = copyOf(name, source.name(), instanceOnly, sourceProject);
    // A summary object does not know its profiles: better none sent than an empty list.
    if (source.isFull())
        post.setProfiles(source.profiles());
    return post;
}

InstancesPost InstancesPost::copyOfSnapshot(const QString &name, const QString &sourceInstance,
                                            const QString &snapshot, const QString &sourceProject)
{
    return copyOf(name, sourceInstance + QLatin1Char('/') + snapshot, false, sourceProject);
}

InstancesPost InstancesPost::copyOfSnapshot(const QString &name, const QString &sourceInstance,
                                            const Snapshot &snapshot, const QString &sourceProject)
{
    return copyOfSnapshot(name, sourceInstance, snapshot.name(), sourceProject)
        .setProfiles(snapshot.profiles());
}

InstancesPost InstancesPost::migration(const QString &name, const QString &operationUrl,
                                       const QMap<QString, QString> &secrets, const QString &certificate,
                                       bool live, bool instanceOnly)
{
    return InstancesPost(name).setMigrationSource(operationUrl, secrets, certificate, live, instanceOnly);
}

InstancesPost &InstancesPost::setMigrationSource(const QString &operationUrl,
                                                 const QMap<QString, QString> &secrets,
                                                 const QString &certificate, bool live, bool instanceOnly)
{
    setSourceValue(QStringLiteral("type"), QStringLiteral("migration"));
    setSourceValue(QStringLiteral("mode"), QStringLiteral("pull"));
    setSourceValue(QStringLiteral("operation"), operationUrl);
    setSourceValue(QStringLiteral("secrets"), toObject(secrets));
    setSourceValue(QStringLiteral("certificate"), certificate);
    setSourceValue(QStringLiteral("live"), live);
    if (instanceOnly) {
        setSourceValue(QStringLiteral("instance_only"), true);
        setSourceValue(QStringLiteral("container_only"), true);
    }
    return *this;
}

InstancesPost InstancesPost::fromInstance(const Instance &instance, const QString &name, bool keepVolatile)
{
    InstancesPost post(name.isEmpty() ? instance.name() : name);
    QMap<QString, QString> config = instance.config();
    const QStringList keys = config.keys();
    for (const QString &key : keys) {
        if (!key.startsWith(QLatin1String("volatile.")))
            continue;
        // The power state would make the target start the instance on its own.
        if (key == QLatin1String("volatile.last_state.power"))
            config.remove(key);
        else if (!keepVolatile && key != QLatin1String("volatile.base_image"))
            config.remove(key);
    }
    post.setConfig(config);
    post.setDevices(instance.devices());
    post.setProfiles(instance.profiles());
    post.setEphemeral(instance.ephemeral());
    post.setDescription(instance.description());
    if (!instance.architecture().isEmpty())
        post.setArchitecture(instance.architecture());
    if (!instance.type().isEmpty())
        post.setType(instance.type());
    const QString baseImage = instance.config().value(QStringLiteral("volatile.base_image"));
    if (!baseImage.isEmpty())
        post.setSourceValue(QStringLiteral("base-image"), baseImage);
    return post;
}

InstancesPost &InstancesPost::setImageServer(const QString &server, const QString &protocol,
                                             const QString &certificate, const QString &secret)
{
    setSourceValue(QStringLiteral("server"), server);
    setSourceValue(QStringLiteral("protocol"), protocol);
    if (!certificate.isEmpty())
        setSourceValue(QStringLiteral("certificate"), certificate);
    if (!secret.isEmpty())
        setSourceValue(QStringLiteral("secret"), secret);
    return *this;
}

InstancesPost &InstancesPost::setName(const QString &name)
{
    m_body.insert(QStringLiteral("name"), name);
    return *this;
}

InstancesPost &InstancesPost::setType(const QString &type)
{
    m_body.insert(QStringLiteral("type"), type);
    return *this;
}

InstancesPost &InstancesPost::setVirtualMachine(bool vm)
{
    return setType(vm ? QStringLiteral("virtual-machine") : QStringLiteral("container"));
}

InstancesPost &InstancesPost::setDescription(const QString &description)
{
    m_body.insert(QStringLiteral("description"), description);
    return *this;
}

InstancesPost &InstancesPost::setArchitecture(const QString &architecture)
{
    m_body.insert(QStringLiteral("architecture"), architecture);
    return *this;
}

InstancesPost &InstancesPost::setProfiles(const QStringList &profiles)
{
    m_body.insert(QStringLiteral("profiles"), QJsonArray::fromStringList(profiles));
    return *this;
}

InstancesPost &InstancesPost::setConfig(const QMap<QString, QString> &config)
{
    m_body.insert(QStringLiteral("config"), toObject(config));
    return *this;
}

InstancesPost &InstancesPost::setConfigValue(const QString &key, const QString &value)
{
    QJsonObject config = m_body.value(QLatin1String("config")).toObject();
    config.insert(key, value);
    m_body.insert(QStringLiteral("config"), config);
    return *this;
}

InstancesPost &InstancesPost::setDevices(const QMap<QString, QMap<QString, QString>> &devices)
{
    QJsonObject object;
    for (auto it = devices.begin(); it != devices.end(); ++it)
        object.insert(it.key(), toObject(it.value()));
    m_body.insert(QStringLiteral("devices"), object);
    return *this;
}

InstancesPost &InstancesPost::setDevice(const QString &name, const QMap<QString, QString> &device)
{
    QJsonObject devices = m_body.value(QLatin1String("devices")).toObject();
    devices.insert(name, toObject(device));
    m_body.insert(QStringLiteral("devices"), devices);
    return *this;
}

InstancesPost &InstancesPost::setEphemeral(bool ephemeral)
{
    m_body.insert(QStringLiteral("ephemeral"), ephemeral);
    return *this;
}

InstancesPost &InstancesPost::setStateful(bool stateful)
{
    m_body.insert(QStringLiteral("stateful"), stateful);
    return *this;
}

InstancesPost &InstancesPost::setInstanceType(const QString &instanceType)
{
    m_body.insert(QStringLiteral("instance_type"), instanceType);
    return *this;
}

InstancesPost &InstancesPost::setAllowInconsistent(bool allow)
{
    return setSourceValue(QStringLiteral("allow_inconsistent"), allow);
}

InstancesPost &InstancesPost::setRefresh(bool refresh)
{
    return setSourceValue(QStringLiteral("refresh"), refresh);
}

InstancesPost &InstancesPost::setTarget(const QString &member)
{
    m_target = member;
    return *this;
}

InstancesPost &InstancesPost::setSourceValue(const QString &key, const QJsonValue &value)
{
    m_source.insert(key, value);
    return *this;
}

QJsonObject InstancesPost::toJson() const
{
    QJsonObject body = m_body;
    if (!m_source.isEmpty())
        body.insert(QStringLiteral("source"), m_source);
    return body;
}

} // namespace Lxd
