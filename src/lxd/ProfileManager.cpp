#include "ProfileManager.h"

#include "IfMatch.h"

namespace Lxd {

ProfileManager::ProfileManager(Client client)
    : m_client(std::move(client))
{ }

QString ProfileManager::path(const QString &name)
{
    return QStringLiteral("/profiles/") + Client::pathSegment(name);
}

ListJob<Profile> *ProfileManager::all() const
{
    return m_client.request<ListJob<Profile>>(QByteArrayLiteral("GET"),
                                              QStringLiteral("/profiles?recursion=1"));
}

ObjectJob<Profile> *ProfileManager::get(const QString &name) const
{
    return m_client.request<ObjectJob<Profile>>(QByteArrayLiteral("GET"), path(name));
}

ExistsJob *ProfileManager::exists(const QString &name) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), path(name));
}

ApiJob *ProfileManager::create(const QJsonObject &profilesPost) const
{
    return m_client.api(QByteArrayLiteral("POST"), QStringLiteral("/profiles"), profilesPost);
}

ApiJob *ProfileManager::create(const QString &name, const QMap<QString, QString> &config,
                               const QMap<QString, QMap<QString, QString>> &devices,
                               const QString &description) const
{
    return create(Profile::post(name, config, devices, description));
}

ApiJob *ProfileManager::save(const Profile &profile) const
{
    return m_client.send(ifMatchRequest(m_client, QByteArrayLiteral("PUT"), path(profile.name()),
                                        profile.writable(), profile.etag()));
}

ApiJob *ProfileManager::patch(const QString &name, const QJsonObject &changes, const QByteArray &etag) const
{
    return m_client.send(ifMatchRequest(m_client, QByteArrayLiteral("PATCH"), path(name), changes, etag));
}

ApiJob *ProfileManager::rename(const QString &name, const QString &newName) const
{
    return m_client.api(QByteArrayLiteral("POST"), path(name),
                        QJsonObject {{QStringLiteral("name"), newName}});
}

ApiJob *ProfileManager::remove(const QString &name) const
{
    return m_client.api(QByteArrayLiteral("DELETE"), path(name));
}

} // namespace Lxd
