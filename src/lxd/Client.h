#pragma once

#include "ApiJob.h"
#include "Connection.h"
#include "OperationJob.h"

#include <QJsonValue>
#include <QString>

#include <memory>

namespace Lxd {

class AuthenticateJob;
class EventStream;
class TlsIdentity;

// A handle on one remote, scoped to a project and (in a cluster) a target member. Copies are cheap
// and share the connection; useProject() and useTarget() return scoped copies, as LXD's Go client does.
// Jobs made by a client belong to its connection: they end silently if the connection goes away.
class Client
{
public:
    Client() = default;
    explicit Client(std::shared_ptr<Connection> connection);

    // Over the unix socket at `socketPath` (see SocketDiscovery for where it usually is).
    static Client overUnixSocket(const QString &socketPath);
    // Over HTTPS, "https://host:8443", with a client certificate and the pinned server certificate.
    static Client overHttps(const QUrl &url, const TlsIdentity &identity);

    bool isValid() const { return m_connection != nullptr; }
    Connection *connection() const { return m_connection.get(); }
    QString endpoint() const;

    Client useProject(const QString &project) const;
    Client useTarget(const QString &member) const;
    QString project() const { return m_project; }
    QString target() const { return m_target; }

    // A request to any API path relative to /1.0 ("/instances", "/instances/c1/state", or "" for the
    // server itself), with project and target added. The counterpart of pylxd's `client.api`.
    ApiJob *api(const QByteArray &method, const QString &path, const QJsonValue &body = {},
                ApiJob::ReplyBody replyBody = ApiJob::ReplyBody::Envelope) const;
    // The same for a request that may start a background operation: the job ends with the operation.
    OperationJob *operation(const QByteArray &method, const QString &path, const QJsonValue &body = {}) const;
    // Full control over the request (headers, streamed bodies); `request.target` as given.
    ApiJob *send(const HttpRequest &request, ApiJob::ReplyBody replyBody = ApiJob::ReplyBody::Envelope) const;

    // Like api() and send(), for the typed jobs of ResourceJobs.h (ObjectJob<Instance>, ListJob<…>).
    template<class JobType>
    JobType *request(const QByteArray &method, const QString &path, const QJsonValue &body = {}) const
    {
        return start(new JobType(m_connection->transport(), jsonRequest(method, apiTarget(path), body),
                                 ApiJob::ReplyBody::Envelope, m_connection.get()));
    }
    template<class JobType>
    JobType *request(const HttpRequest &request) const
    {
        return start(
            new JobType(m_connection->transport(), request, ApiJob::ReplyBody::Envelope, m_connection.get()));
    }
    // An operation whose request needs more than a JSON body (If-Match, streamed bodies).
    OperationJob *operation(const HttpRequest &request) const;

    // A request with a JSON body (compact), or none when `body` is null or undefined.
    static HttpRequest jsonRequest(const QByteArray &method, QByteArray target, const QJsonValue &body = {});

    // GET /1.0; on success the connection's server description (extensions, trust) is refreshed.
    ApiJob *getServer() const;
    // From the last getServer(): whether the server knows us, and which API extensions it has.
    bool isTrusted() const;
    bool hasExtension(const QString &name) const;
    QStringList apiExtensions() const;

    // Adds this client's TLS certificate to the server's trust store (HTTPS remotes only), with a trust
    // token (LXD >= 5.0, Incus) or a trust password (LXD < 6.1), then checks that the server trusts us.
    AuthenticateJob *authenticateWithToken(const QString &token) const;
    AuthenticateJob *authenticateWithPassword(const QString &password) const;

    // The connection's shared stream of lifecycle and operation events for all projects.
    EventStream *events() const;

    // "/instances/c1" -> "/1.0/instances/c1?project=p&target=m", percent-encoded.
    QByteArray apiTarget(const QString &path) const;
    // Percent-encodes one path segment (a name chosen by a user).
    static QString pathSegment(const QString &name);

private:
    template<class JobType>
    static JobType *start(JobType *job)
    {
        job->start();
        return job;
    }

    std::shared_ptr<Connection> m_connection;
    QString m_project;
    QString m_target;
};

} // namespace Lxd
