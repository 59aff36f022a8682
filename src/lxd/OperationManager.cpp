#include "OperationManager.h"

namespace Lxd {

OperationManager::OperationManager(Client client)
    : m_client(std::move(client))
{ }

QString OperationManager::path(const QString &id)
{
    return QStringLiteral("/operations/") + Client::pathSegment(id);
}

OperationListJob *OperationManager::all() const
{
    return m_client.request<OperationListJob>(QByteArrayLiteral("GET"),
                                              QStringLiteral("/operations?recursion=1"));
}

ObjectJob<Operation> *OperationManager::get(const QString &id) const
{
    return m_client.request<ObjectJob<Operation>>(QByteArrayLiteral("GET"), path(id));
}

ExistsJob *OperationManager::exists(const QString &id) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), path(id));
}

ObjectJob<Operation> *OperationManager::wait(const QString &id, int timeoutSeconds) const
{
    return m_client.request<ObjectJob<Operation>>(
        QByteArrayLiteral("GET"), path(id) + QStringLiteral("/wait?timeout=%1").arg(timeoutSeconds));
}

ApiJob *OperationManager::cancel(const QString &id) const
{
    return m_client.api(QByteArrayLiteral("DELETE"), path(id));
}

} // namespace Lxd
