#include "Client.h"

#include "AuthenticateJob.h"
#include "EventStream.h"
#include "HttpsTransport.h"
#include "UnixSocketTransport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace Lxd {

Client::Client(std::shared_ptr<Connection> connection)
    : m_connection(std::move(connection))
{ }

Client Client::overUnixSocket(const QString &socketPath)
{
    return Client(std::make_shared<Connection>(std::make_unique<UnixSocketTransport>(socketPath)));
}

Client Client::overHttps(const QUrl &url, const TlsIdentity &identity)
{
    return Client(std::make_shared<Connection>(std::make_unique<HttpsTransport>(url, identity)));
}

QString Client::endpoint() const
{
    return m_connection ? m_connection->endpoint() : QString();
}

Client Client::useProject(const QString &project) const
{
    Client scoped = *this;
    scoped.m_project = project;
    return scoped;
}

Client Client::useTarget(const QString &member) const
{
    Client scoped = *this;
    scoped.m_target = member;
    return scoped;
}

QString Client::pathSegment(const QString &name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

QByteArray Client::apiTarget(const QString &path) const
{
    // Paths are built by Berth from percent-encoded segments; only the query is added here.
    QByteArray target = QByteArrayLiteral("/1.0") + path.toUtf8();
    char separator = target.contains('?') ? '&' : '?';
    const auto addQuery = [&](const char *key, const QString &value) {
        if (value.isEmpty())
            return;
        target += separator;
        target += key;
        target += '=';
        target += QUrl::toPercentEncoding(value);
        separator = '&';
    };
    addQuery("project", m_project);
    addQuery("target", m_target);
    return target;
}

HttpRequest Client::jsonRequest(const QByteArray &method, QByteArray target, const QJsonValue &body)
{
    HttpRequest request;
    request.method = method;
    request.target = std::move(target);
    if (!body.isUndefined() && !body.isNull()) {
        request.body = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                      : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
        request.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    }
    return request;
}

ApiJob *Client::api(const QByteArray &method, const QString &path, const QJsonValue &body,
                    ApiJob::ReplyBody replyBody) const
{
    return send(jsonRequest(method, apiTarget(path), body), replyBody);
}

ApiJob *Client::send(const HttpRequest &request, ApiJob::ReplyBody replyBody) const
{
    Q_ASSERT(m_connection);
    auto *job = new ApiJob(m_connection->transport(), request, replyBody, m_connection.get());
    job->start();
    return job;
}

OperationJob *Client::operation(const QByteArray &method, const QString &path, const QJsonValue &body) const
{
    Q_ASSERT(m_connection);
    auto *job = new OperationJob(m_connection.get(), jsonRequest(method, apiTarget(path), body), m_project,
                                 m_connection.get());
    job->start();
    return job;
}

OperationJob *Client::operation(const HttpRequest &request) const
{
    Q_ASSERT(m_connection);
    auto *job = new OperationJob(m_connection.get(), request, m_project, m_connection.get());
    job->start();
    return job;
}

ApiJob *Client::getServer() const
{
    ApiJob *job = api(QByteArrayLiteral("GET"), QString());
    Connection *connection = m_connection.get();
    QObject::connect(job, &Job::finished, connection, [connection](Job *finished) {
        if (finished->succeeded())
            connection->setServer(static_cast<ApiJob *>(finished)->metadata().toObject());
    });
    return job;
}

bool Client::isTrusted() const
{
    return m_connection && m_connection->isTrusted();
}

bool Client::hasExtension(const QString &name) const
{
    return m_connection && m_connection->hasExtension(name);
}

QStringList Client::apiExtensions() const
{
    return m_connection ? m_connection->apiExtensions() : QStringList();
}

AuthenticateJob *Client::authenticateWithToken(const QString &token) const
{
    auto *job = new AuthenticateJob(m_connection.get(), AuthenticateJob::Secret::TrustToken, token,
                                    m_connection.get());
    job->start();
    return job;
}

AuthenticateJob *Client::authenticateWithPassword(const QString &password) const
{
    auto *job = new AuthenticateJob(m_connection.get(), AuthenticateJob::Secret::TrustPassword, password,
                                    m_connection.get());
    job->start();
    return job;
}

EventStream *Client::events() const
{
    return m_connection ? m_connection->events() : nullptr;
}

} // namespace Lxd
