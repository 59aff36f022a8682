#include "ServerManager.h"

#include "IfMatch.h"

namespace Lxd {

ServerManager::ServerManager(Client client)
    : m_client(std::move(client))
{ }

ObjectJob<Server> *ServerManager::get() const
{
    auto *job = m_client.request<ObjectJob<Server>>(QByteArrayLiteral("GET"), QString());
    Connection *connection = m_client.connection();
    QObject::connect(job, &Job::finished, connection, [connection](Job *finished) {
        if (finished->succeeded())
            connection->setServer(static_cast<ApiJob *>(finished)->metadata().toObject());
    });
    return job;
}

ApiJob *ServerManager::save(const Server &server) const
{
    return m_client.send(
        ifMatchRequest(m_client, QByteArrayLiteral("PUT"), QString(), server.writable(), server.etag()));
}

ApiJob *ServerManager::patchConfig(const QMap<QString, QString> &changes, const QByteArray &etag) const
{
    QJsonObject config;
    for (auto it = changes.begin(); it != changes.end(); ++it)
        config.insert(it.key(), it.value());
    return patch(QJsonObject {{QStringLiteral("config"), config}}, etag);
}

ApiJob *ServerManager::patch(const QJsonObject &changes, const QByteArray &etag) const
{
    return m_client.send(ifMatchRequest(m_client, QByteArrayLiteral("PATCH"), QString(), changes, etag));
}

ApiJob *ServerManager::resources() const
{
    return m_client.api(QByteArrayLiteral("GET"), QStringLiteral("/resources"));
}

ApiJob *ServerManager::metrics() const
{
    return m_client.api(QByteArrayLiteral("GET"), QStringLiteral("/metrics"), {}, ApiJob::ReplyBody::Raw);
}

} // namespace Lxd
