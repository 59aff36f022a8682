#include "InstanceManager.h"

#include <QIODevice>
#include <QJsonArray>

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

ListJob<Instance> *InstanceManager::names() const
{
    return m_client.request<ListJob<Instance>>(QByteArrayLiteral("GET"), QStringLiteral("/instances"));
}

ObjectJob<Instance> *InstanceManager::get(const QString &name) const
{
    return m_client.request<ObjectJob<Instance>>(QByteArrayLiteral("GET"), path(name));
}

ExistsJob *InstanceManager::exists(const QString &name) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), path(name));
}

OperationJob *InstanceManager::create(const InstancesPost &instancesPost) const
{
    const Client client
        = instancesPost.target().isEmpty() ? m_client : m_client.useTarget(instancesPost.target());
    return client.operation(QByteArrayLiteral("POST"), QStringLiteral("/instances"), instancesPost.toJson());
}

OperationJob *InstanceManager::create(const QJsonObject &instancesPost) const
{
    return m_client.operation(QByteArrayLiteral("POST"), QStringLiteral("/instances"), instancesPost);
}

OperationJob *InstanceManager::copy(const Instance &source, const QString &newName, bool instanceOnly) const
{
    return create(InstancesPost::copyOf(newName, source, instanceOnly));
}

OperationJob *InstanceManager::save(const Instance &instance) const
{
    return put(instance.name(), instance.writable(), instance.etag());
}

OperationJob *InstanceManager::put(const QString &name, const QJsonObject &instancePut,
                                   const QByteArray &etag) const
{
    HttpRequest request
        = Client::jsonRequest(QByteArrayLiteral("PUT"), m_client.apiTarget(path(name)), instancePut);
    if (!etag.isEmpty())
        request.setHeader(QByteArrayLiteral("If-Match"), etag);
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

namespace {

QJsonObject statePut(const QString &action, int timeoutSeconds, bool force, bool stateful)
{
    return QJsonObject {{QStringLiteral("action"), action},
                        {QStringLiteral("timeout"), timeoutSeconds},
                        {QStringLiteral("force"), force},
                        {QStringLiteral("stateful"), stateful}};
}

} // namespace

OperationJob *InstanceManager::changeState(const QString &name, const QString &action, int timeoutSeconds,
                                           bool force, bool stateful) const
{
    return changeState(name, statePut(action, timeoutSeconds, force, stateful));
}

OperationJob *InstanceManager::changeState(const QString &name, const QJsonObject &statePut) const
{
    return m_client.operation(QByteArrayLiteral("PUT"), path(name) + QStringLiteral("/state"), statePut);
}

BulkStateChangeJob *InstanceManager::changeStateAll(const QString &action, int timeoutSeconds, bool force,
                                                    bool stateful) const
{
    auto *job = new BulkStateChangeJob(m_client, statePut(action, timeoutSeconds, force, stateful),
                                       BulkStateChangeJob::Scope::Project, {}, m_client.connection());
    job->start();
    return job;
}

BulkStateChangeJob *InstanceManager::changeStateMany(const QStringList &names, const QString &action,
                                                     int timeoutSeconds, bool force, bool stateful) const
{
    auto *job = new BulkStateChangeJob(m_client, statePut(action, timeoutSeconds, force, stateful),
                                       BulkStateChangeJob::Scope::Named, names, m_client.connection());
    job->start();
    return job;
}

ObjectJob<InstanceState> *InstanceManager::state(const QString &name) const
{
    return m_client.request<ObjectJob<InstanceState>>(QByteArrayLiteral("GET"),
                                                      path(name) + QStringLiteral("/state"));
}

ApiJob *InstanceManager::logs(const QString &name) const
{
    return m_client.api(QByteArrayLiteral("GET"), path(name) + QStringLiteral("/logs"));
}

QStringList InstanceManager::logFileNames(const ApiJob *logsJob)
{
    QStringList names;
    const QJsonArray urls = logsJob->metadata().toArray();
    for (const QJsonValue &url : urls)
        names.append(Resource::nameFromUrl(url.toString()));
    return names;
}

ApiJob *InstanceManager::logFile(const QString &name, const QString &file, QIODevice *sink) const
{
    HttpRequest request;
    request.target = m_client.apiTarget(path(name) + QStringLiteral("/logs/") + Client::pathSegment(file));
    request.responseSink = sink;
    return m_client.send(request, ApiJob::ReplyBody::Raw);
}

ApiJob *InstanceManager::deleteLogFile(const QString &name, const QString &file) const
{
    return m_client.api(QByteArrayLiteral("DELETE"),
                        path(name) + QStringLiteral("/logs/") + Client::pathSegment(file));
}

OperationJob *InstanceManager::publish(const QString &name, bool isPublic,
                                       const QJsonObject &imagesPost) const
{
    QJsonObject body = imagesPost;
    const bool snapshot = name.contains(QLatin1Char('/'));
    body.insert(QStringLiteral("public"), isPublic);
    body.insert(QStringLiteral("source"),
                QJsonObject {{QStringLiteral("type"),
                              snapshot ? QStringLiteral("snapshot") : QStringLiteral("instance")},
                             {QStringLiteral("name"), name}});
    return m_client.operation(QByteArrayLiteral("POST"), QStringLiteral("/images"), body);
}

QString InstanceManager::publishedFingerprint(const OperationJob *publishJob)
{
    return publishJob->operationMetadata().value(QLatin1String("fingerprint")).toString();
}

OperationJob *InstanceManager::restoreSnapshot(const QString &name, const QString &snapshot,
                                               bool stateful) const
{
    return m_client.operation(
        QByteArrayLiteral("PUT"), path(name),
        QJsonObject {{QStringLiteral("restore"), snapshot}, {QStringLiteral("stateful"), stateful}});
}

OperationJob *InstanceManager::createFromBackup(QIODevice *backup, const QString &name,
                                                const QString &pool) const
{
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.target = m_client.apiTarget(QStringLiteral("/instances"));
    request.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/octet-stream"));
    if (!name.isEmpty())
        request.setHeader(QByteArrayLiteral("X-LXD-name"), name.toUtf8());
    if (!pool.isEmpty())
        request.setHeader(QByteArrayLiteral("X-LXD-pool"), pool.toUtf8());
    request.bodySource = backup;
    // A file's size is known: send a Content-Length, not a chunked body.
    if (backup && !backup->isSequential())
        request.bodySourceSize = backup->size() - backup->pos();
    return m_client.operation(request);
}

InstanceMigrationJob *InstanceManager::transfer(const QString &name, const Client &target,
                                                const InstanceMigrationJob::Options &options) const
{
    auto *job = new InstanceMigrationJob(m_client, name, target, options, m_client.connection());
    job->start();
    return job;
}

InstanceMigrationJob *InstanceManager::copyTo(const QString &name, const Client &target,
                                              const QString &targetName, bool instanceOnly, bool live) const
{
    InstanceMigrationJob::Options options;
    options.targetName = targetName;
    options.instanceOnly = instanceOnly;
    options.live = live;
    return transfer(name, target, options);
}

InstanceMigrationJob *InstanceManager::migrateTo(const QString &name, const Client &target,
                                                 const QString &targetName, bool live) const
{
    InstanceMigrationJob::Options options;
    options.targetName = targetName;
    options.move = true;
    options.live = live;
    return transfer(name, target, options);
}

} // namespace Lxd
