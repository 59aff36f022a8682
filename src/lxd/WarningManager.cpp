#include "WarningManager.h"

#include "IfMatch.h"

namespace Lxd {

WarningManager::WarningManager(Client client)
    : m_client(std::move(client))
{ }

QString WarningManager::path(const QString &uuid)
{
    return QStringLiteral("/warnings/") + Client::pathSegment(uuid);
}

ListJob<Warning> *WarningManager::all() const
{
    return m_client.request<ListJob<Warning>>(QByteArrayLiteral("GET"),
                                              QStringLiteral("/warnings?recursion=1"));
}

ObjectJob<Warning> *WarningManager::get(const QString &uuid) const
{
    return m_client.request<ObjectJob<Warning>>(QByteArrayLiteral("GET"), path(uuid));
}

ExistsJob *WarningManager::exists(const QString &uuid) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), path(uuid));
}

ApiJob *WarningManager::setStatus(const QString &uuid, const QString &status) const
{
    return m_client.api(QByteArrayLiteral("PATCH"), path(uuid),
                        QJsonObject {{QStringLiteral("status"), status}});
}

ApiJob *WarningManager::save(const Warning &warning) const
{
    return m_client.send(ifMatchRequest(m_client, QByteArrayLiteral("PUT"), path(warning.uuid()),
                                        warning.writable(), warning.etag()));
}

ApiJob *WarningManager::remove(const QString &uuid) const
{
    return m_client.api(QByteArrayLiteral("DELETE"), path(uuid));
}

} // namespace Lxd
