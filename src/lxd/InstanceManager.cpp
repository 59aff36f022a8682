#include "InstanceManager.h"

namespace Lxd {

InstanceManager::InstanceManager(Client client)
    : m_client(std::move(client))
{ }

QString InstanceManager::path(const QString &name)
{
    return QStringLiteral("/instances/") + Client::pathSegment(name);
}

ListJob<Instance> *InstanceManager::all(bool withState) const
{
    return m_client.request<ListJob<Instance>>(QByteArrayLiteral("GET"),
                                               withState ? QStringLiteral("/instances?recursion=2")
                                                         : QStringLiteral("/instances?recursion=1"));
}

ListJob<Instance> *InstanceManager::allProjects(bool withState) const
{
    return m_client.useProject({}).request<ListJob<Instance>>(
        QByteArrayLiteral("GET"),
        withState ? QStringLiteral("/instances?recursion=2&all-projects=true")
                  : QStringLiteral("/instances?recursion=1&all-projects=true"));
}

ObjectJob<Instance> *InstanceManager::get(const QString &name) const
{
    return m_client.request<ObjectJob<Instance>>(QByteArrayLiteral("GET"), path(name));
}

ExistsJob *InstanceManager::exists(const QString &name) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), path(name));
}

OperationJob *InstanceManager::create(const QJsonObject &instancesPost) const
{
    return m_client.operation(QByteArrayLiteral("POST"), QStringLiteral("/instances"), instancesPost);
}

OperationJob *InstanceManager::save(const Instance &instance) const
{
    HttpRequest request = Client::jsonRequest(QByteArrayLiteral("PUT"),
                                              m_client.apiTarget(path(instance.name())), instance.writable());
    if (!instance.etag().isEmpty())
        request.setHeader(QByteArrayLiteral("If-Match"), instance.etag());
    return m_client.operation(request);
}

OperationJob *InstanceManager::patch(const QString &name, const QJsonObject &changes,
                                     const QByteArray &etag) const
{
    HttpRequest request
        = Client::jsonRequest(QByteArrayLiteral("PATCH"), m_client.apiTarget(path(name)), changes);
    if (!etag.isEmpty())
        request.setHeader(QByteArrayLiteral("If-Match"), etag);
    return m_client.operation(request);
}

OperationJob *InstanceManager::rename(const QString &name, const QString &newName) const
{
    return m_client.operation(QByteArrayLiteral("POST"), path(name),
                              QJsonObject {{QStringLiteral("name"), newName}});
}

OperationJob *InstanceManager::remove(const QString &name) const
{
    return m_client.operation(QByteArrayLiteral("DELETE"), path(name));
}

OperationJob *InstanceManager::changeState(const QString &name, const QString &action, int timeoutSeconds,
                                           bool force, bool stateful) const
{
    const QJsonObject body {{QStringLiteral("action"), action},
                            {QStringLiteral("timeout"), timeoutSeconds},
                            {QStringLiteral("force"), force},
                            {QStringLiteral("stateful"), stateful}};
    return m_client.operation(QByteArrayLiteral("PUT"), path(name) + QStringLiteral("/state"), body);
}

ApiJob *InstanceManager::state(const QString &name) const
{
    return m_client.api(QByteArrayLiteral("GET"), path(name) + QStringLiteral("/state"));
}

} // namespace Lxd
