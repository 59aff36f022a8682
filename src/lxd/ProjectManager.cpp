#include "ProjectManager.h"

#include "IfMatch.h"

namespace Lxd {

// Projects are server-wide: a project-scoped client must not add ?project= to their own URLs.
ProjectManager::ProjectManager(Client client)
    : m_client(client.useProject({}))
{ }

QString ProjectManager::path(const QString &name)
{
    return QStringLiteral("/projects/") + Client::pathSegment(name);
}

ListJob<Project> *ProjectManager::all() const
{
    return m_client.request<ListJob<Project>>(QByteArrayLiteral("GET"),
                                              QStringLiteral("/projects?recursion=1"));
}

ObjectJob<Project> *ProjectManager::get(const QString &name) const
{
    return m_client.request<ObjectJob<Project>>(QByteArrayLiteral("GET"), path(name));
}

ExistsJob *ProjectManager::exists(const QString &name) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), path(name));
}

ApiJob *ProjectManager::create(const QJsonObject &projectsPost) const
{
    return m_client.api(QByteArrayLiteral("POST"), QStringLiteral("/projects"), projectsPost);
}

ApiJob *ProjectManager::create(const QString &name, const QMap<QString, QString> &config,
                               const QString &description) const
{
    return create(Project::post(name, config, description));
}

ApiJob *ProjectManager::save(const Project &project) const
{
    return m_client.send(ifMatchRequest(m_client, QByteArrayLiteral("PUT"), path(project.name()),
                                        project.writable(), project.etag()));
}

ApiJob *ProjectManager::patch(const QString &name, const QJsonObject &changes, const QByteArray &etag) const
{
    return m_client.send(ifMatchRequest(m_client, QByteArrayLiteral("PATCH"), path(name), changes, etag));
}

OperationJob *ProjectManager::rename(const QString &name, const QString &newName) const
{
    return m_client.operation(QByteArrayLiteral("POST"), path(name),
                              QJsonObject {{QStringLiteral("name"), newName}});
}

ApiJob *ProjectManager::remove(const QString &name) const
{
    return m_client.api(QByteArrayLiteral("DELETE"), path(name));
}

ApiJob *ProjectManager::state(const QString &name) const
{
    return m_client.api(QByteArrayLiteral("GET"), path(name) + QStringLiteral("/state"));
}

} // namespace Lxd
