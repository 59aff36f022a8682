#pragma once

#include "Client.h"
#include "Project.h"
#include "ResourceJobs.h"

namespace Lxd {

// The projects of one server. To work inside one, use `client.useProject(name)` with any other manager.
class ProjectManager
{
public:
    explicit ProjectManager(Client client);

    ListJob<Project> *all() const;
    ObjectJob<Project> *get(const QString &name) const;
    ExistsJob *exists(const QString &name) const;

    // POST /1.0/projects with a ProjectsPost body (see Project::post()).
    ApiJob *create(const QJsonObject &projectsPost) const;
    ApiJob *create(const QString &name, const QMap<QString, QString> &config = {},
                   const QString &description = {}) const;
    // PUT of writable() with If-Match (a change made elsewhere meanwhile is a conflict).
    ApiJob *save(const Project &project) const;
    ApiJob *patch(const QString &name, const QJsonObject &changes, const QByteArray &etag = {}) const;
    // LXD renames a project in a background operation, and only an empty one.
    OperationJob *rename(const QString &name, const QString &newName) const;
    // Only an empty project (nothing but its default profile) can be deleted.
    ApiJob *remove(const QString &name) const;
    // GET /1.0/projects/<name>/state: usage against each limit.
    ApiJob *state(const QString &name) const;

    const Client &client() const { return m_client; }
    static QString path(const QString &name);

private:
    Client m_client;
};

} // namespace Lxd
