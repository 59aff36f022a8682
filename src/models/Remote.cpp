#include "Remote.h"

#include "OperationCache.h"
#include "ResourceCache.h"
#include "lxd/EventStream.h"

#include <QCoreApplication>

namespace Models {

Remote::Remote(QString name, Lxd::Client client, QObject *parent)
    : QObject(parent)
    , m_name(std::move(name))
    , m_client(std::move(client))
{
    m_projects = new ResourceCache(m_client, ResourceKind::projects(), this);
    connect(m_client.connection(), &Lxd::Connection::serverChanged, this, &Remote::serverInfoChanged);
}

Remote::~Remote() = default;

void Remote::start()
{
    if (m_started)
        return;
    m_started = true;
    Lxd::EventStream *events = m_client.events();
    connect(events, &Lxd::EventStream::stateChanged, this, &Remote::updateState);
    // After a drop the server may have been upgraded or reconfigured: ask again who it is.
    connect(events, &Lxd::EventStream::connected, this, [this] {
        if (m_serverKnown || m_serverError)
            fetchServer();
    });
    fetchServer();
    m_projects->load();
    updateState();
}

void Remote::refresh()
{
    if (!m_started) {
        start();
        return;
    }
    fetchServer();
    m_projects->load();
    for (ResourceCache *cache : std::as_const(m_caches))
        cache->load();
    for (OperationCache *operations : std::as_const(m_operations))
        operations->load();
}

void Remote::fetchServer()
{
    Lxd::ApiJob *job = m_client.getServer();
    connect(job, &Lxd::Job::finished, this, [this](Lxd::Job *done) {
        if (done->error()) {
            m_serverError = done->error();
        } else if (!m_client.isTrusted()) {
            m_serverError = Lxd::Error(
                Lxd::Error::Kind::Api,
                QCoreApplication::translate("Models::Remote", "the server does not trust this client"), 403);
        } else {
            m_serverError = {};
            m_serverKnown = true;
        }
        updateState();
    });
}

void Remote::updateState()
{
    if (!m_started)
        return;
    const Lxd::EventStream *events = m_client.events();
    State state = State::Connecting;
    Lxd::Error error;
    // A server that cannot be reached is retried; one that answers wrongly is not going to improve.
    if (m_serverError && m_serverError.kind() != Lxd::Error::Kind::Network) {
        state = State::Failed;
        error = m_serverError;
    } else if (events->state() == Lxd::EventStream::State::Reconnecting) {
        state = State::Reconnecting;
        error = events->lastError() ? events->lastError() : m_serverError;
    } else if (m_serverError) {
        state = State::Reconnecting;
        error = m_serverError;
    } else if (events->isConnected() && m_serverKnown) {
        state = State::Connected;
    }
    const bool changed = state != m_state || error.detail() != m_lastError.detail();
    m_state = state;
    m_lastError = error;
    if (changed)
        Q_EMIT stateChanged(m_state);
}

QString Remote::stateText() const
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("Models::Remote", text);
    };
    switch (m_state) {
    case State::Connecting:
        return tr("Connecting…");
    case State::Connected:
        return tr("Connected");
    case State::Reconnecting:
        return m_lastError ? tr("Reconnecting: %1").arg(m_lastError.userMessage()) : tr("Reconnecting…");
    case State::Failed:
        return tr("Error: %1").arg(m_lastError.userMessage());
    }
    return {};
}

QString Remote::serverDescription() const
{
    const QJsonObject environment
        = m_client.connection()->server().value(QLatin1String("environment")).toObject();
    QString server = environment.value(QLatin1String("server")).toString();
    if (server == QLatin1String("lxd"))
        server = QStringLiteral("LXD");
    else if (server == QLatin1String("incus"))
        server = QStringLiteral("Incus");
    const QString version = environment.value(QLatin1String("server_version")).toString();
    return (server + QLatin1Char(' ') + version).trimmed();
}

bool Remote::isClustered() const
{
    return m_client.connection()
        ->server()
        .value(QLatin1String("environment"))
        .toObject()
        .value(QLatin1String("server_clustered"))
        .toBool();
}

QString Remote::cacheKey(const ResourceKind &kind, const QString &project)
{
    return kind.projectScoped ? kind.collection + QLatin1Char('\n') + project : kind.collection;
}

ResourceCache *Remote::cache(const ResourceKind &kind, const QString &project)
{
    const QString key = cacheKey(kind, project);
    ResourceCache *cache = m_caches.value(key);
    if (!cache) {
        const Lxd::Client client
            = kind.projectScoped && !project.isEmpty() ? m_client.useProject(project) : m_client;
        cache = new ResourceCache(client, kind, this);
        m_caches.insert(key, cache);
        cache->load();
    }
    return cache;
}

QList<ResourceCache *> Remote::caches(const ResourceKind &kind) const
{
    QList<ResourceCache *> found;
    for (ResourceCache *cache : m_caches)
        if (cache->kind().collection == kind.collection)
            found.append(cache);
    return found;
}

ResourceCache *Remote::existingCache(const ResourceKind &kind, const QString &project) const
{
    return m_caches.value(cacheKey(kind, project));
}

OperationCache *Remote::operations(const QString &project)
{
    OperationCache *operations = m_operations.value(project);
    if (!operations) {
        operations = new OperationCache(project.isEmpty() ? m_client : m_client.useProject(project), this);
        m_operations.insert(project, operations);
        operations->load();
    }
    return operations;
}

} // namespace Models
