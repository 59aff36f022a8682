#include "ResourceCache.h"

#include "lxd/EventStream.h"

#include <QJsonArray>
#include <QUrl>

namespace Models {

namespace {

constexpr int MaxStateRequests = 4; // the unix transport's connection pool size

} // namespace

ResourceCache::ResourceCache(Lxd::Client client, ResourceKind kind, QObject *parent)
    : QObject(parent)
    , m_client(std::move(client))
    , m_kind(std::move(kind))
{
    Lxd::EventStream *events = m_client.events();
    connect(events, &Lxd::EventStream::eventReceived, this, &ResourceCache::onEvent);
    // The first load waits for the stream so no change slips between listing and listening; after a
    // drop, events may have been missed: list again and apply the difference.
    connect(events, &Lxd::EventStream::connected, this, [this] {
        if (m_loadRequested)
            requestList();
    });
    m_streamWait.setSingleShot(true);
    connect(&m_streamWait, &QTimer::timeout, this, &ResourceCache::requestList);
}

ResourceCache::~ResourceCache() = default;

Lxd::Client ResourceCache::scoped(const QString &project) const
{
    return m_kind.projectScoped ? m_client.useProject(project) : m_client;
}

void ResourceCache::load()
{
    m_loadRequested = true;
    if (m_entries.isEmpty())
        setState(State::Loading);
    if (m_client.events()->isConnected())
        requestList();
    else if (!m_streamWait.isActive())
        m_streamWait.start(Lxd::OperationJob::EventStreamWaitMs); // list anyway if events are slow
}

void ResourceCache::requestList()
{
    m_streamWait.stop();
    m_listInFlight = true;
    ++m_loadGeneration;
    QString path = m_kind.collection + QStringLiteral("?recursion=1");
    if (m_kind.projectScoped && !isSingleProject())
        path += QStringLiteral("&all-projects=true");
    Lxd::ApiJob *job = m_client.api(QByteArrayLiteral("GET"), path);
    ++m_requestsMade;
    ++m_listingsMade;
    const quint64 generation = m_loadGeneration;
    connect(job, &Lxd::Job::finished, this, [this, generation](Lxd::Job *done) {
        if (generation == m_loadGeneration)
            onListFinished(static_cast<Lxd::ApiJob *>(done));
    });
}

QString ResourceCache::keyOf(const QJsonObject &object) const
{
    return object.value(m_kind.key).toString();
}

QString ResourceCache::projectOf(const QJsonObject &object) const
{
    if (!m_kind.projectScoped)
        return {};
    QString project = object.value(QLatin1String("project")).toString();
    if (project.isEmpty())
        project = m_client.project();
    return project.isEmpty() ? QStringLiteral("default") : project;
}

int ResourceCache::indexOf(const QString &project, const QString &key) const
{
    const QString wantedProject
        = m_kind.projectScoped ? (project.isEmpty() ? QStringLiteral("default") : project) : QString();
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries[row].key == key && m_entries[row].project == wantedProject)
            return row;
    }
    return -1;
}

void ResourceCache::onListFinished(Lxd::ApiJob *job)
{
    m_listInFlight = false;
    const QList<Lxd::Event> pending = std::exchange(m_eventsDuringList, {});
    if (job->error()) {
        m_lastError = job->error();
        setState(m_entries.isEmpty() ? State::Failed : m_state);
        return;
    }
    m_lastError = {};
    const QJsonArray items = job->metadata().toArray();

    // Apply the difference: update what changed, remove what went, append what is new.
    QSet<std::pair<QString, QString>> seen;
    for (const QJsonValue &item : items) {
        const QJsonObject object = item.toObject();
        const QString project = projectOf(object);
        const QString key = keyOf(object);
        seen.insert({project, key});
        const int row = indexOf(project, key);
        if (row < 0) {
            appendRow(Entry {project, key, object, {}, false, {}});
        } else if (m_entries[row].object != object || m_entries[row].error) {
            m_entries[row].object = object;
            m_entries[row].error = {};
            Q_EMIT rowChanged(row);
        }
    }
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) {
        if (!seen.contains({m_entries[row].project, m_entries[row].key}))
            removeRow(row);
    }
    setState(State::Ready);
    for (const Lxd::Event &event : pending)
        onEvent(event);

    if (m_fetchStateAfterLoad && m_kind.collection == QLatin1String("/instances")) {
        QList<int> running;
        for (int row = 0; row < m_entries.size(); ++row) {
            if (m_entries[row].object.value(QLatin1String("status")).toString() == QLatin1String("Running"))
                running.append(row);
        }
        refreshState(running);
    }
}

void ResourceCache::onEvent(const Lxd::Event &event)
{
    if (!event.isLifecycle() || m_state == State::Empty)
        return;
    if (m_listInFlight) {
        m_eventsDuringList.append(event);
        return;
    }
    const QString action = event.action();
    if (!action.startsWith(m_kind.eventPrefix))
        return;
    // The source must name an object of this collection itself, not something below it
    // (an instance's snapshot or backup has its own events).
    const QString prefix = QStringLiteral("/1.0") + m_kind.collection + QLatin1Char('/');
    const QString source = event.source().section(QLatin1Char('?'), 0, 0);
    if (!source.startsWith(prefix))
        return;
    const QString encodedKey = source.mid(prefix.size());
    if (encodedKey.isEmpty() || encodedKey.contains(QLatin1Char('/')))
        return;
    const QString key = QUrl::fromPercentEncoding(encodedKey.toUtf8());
    QString project = m_kind.projectScoped ? event.project : QString();
    if (m_kind.projectScoped && project.isEmpty())
        project = QStringLiteral("default");
    if (isSingleProject() && project != m_client.project())
        return;

    const QString verb = action.mid(m_kind.eventPrefix.size());
    if (verb == QLatin1String("deleted")) {
        ++m_fetchGeneration[{project, key}]; // a fetch still under way must not bring it back
        const int row = indexOf(project, key);
        if (row >= 0)
            removeRow(row);
        return;
    }
    if (verb == QLatin1String("renamed")) {
        const QString oldName = event.metadata.value(QLatin1String("context"))
                                    .toObject()
                                    .value(QLatin1String("old_name"))
                                    .toString();
        const int row = indexOf(project, oldName);
        if (row >= 0) {
            // Keep the row (and so the selection): rename it in place, then fetch its new self.
            m_entries[row].key = key;
            m_entries[row].object.insert(m_kind.key, key);
            Q_EMIT rowChanged(row);
        }
        fetchOne(project, key);
        return;
    }
    if (verb == QLatin1String("created") || verb == QLatin1String("updated")
        || m_kind.refreshActions.contains(action))
        fetchOne(project, key);
}

void ResourceCache::fetchOne(const QString &project, const QString &key)
{
    const int row = indexOf(project, key);
    if (row >= 0 && !m_entries[row].loading) {
        m_entries[row].loading = true;
        Q_EMIT rowChanged(row);
    }
    Lxd::ApiJob *job = scoped(project).api(
        QByteArrayLiteral("GET"), m_kind.collection + QLatin1Char('/') + Lxd::Client::pathSegment(key));
    ++m_requestsMade;
    const quint64 generation = ++m_fetchGeneration[{project, key}];
    connect(job, &Lxd::Job::finished, this, [this, project, key, generation](Lxd::Job *done) {
        // Only the newest fetch of an object counts: an older reply may describe an older state.
        if (m_fetchGeneration.value({project, key}) == generation)
            onOneFinished(project, key, static_cast<Lxd::ApiJob *>(done));
    });
}

void ResourceCache::onOneFinished(const QString &project, const QString &key, Lxd::ApiJob *job)
{
    int row = indexOf(project, key);
    if (job->error()) {
        if (job->error().isNotFound()) {
            if (row >= 0)
                removeRow(row);
            return;
        }
        if (row >= 0) {
            m_entries[row].loading = false;
            m_entries[row].error = job->error();
            Q_EMIT rowChanged(row);
        }
        return;
    }
    QJsonObject object = job->metadata().toObject();
    if (m_kind.projectScoped && !object.contains(QLatin1String("project")))
        object.insert(QStringLiteral("project"), project);
    if (row < 0) {
        appendRow(Entry {project, key, object, {}, false, {}});
        row = int(m_entries.size()) - 1;
    } else {
        Entry &entry = m_entries[row];
        entry.object = object;
        entry.loading = false;
        entry.error = {};
        if (object.value(QLatin1String("status")).toString() != QLatin1String("Running"))
            entry.state = {};
        Q_EMIT rowChanged(row);
    }
    if (m_kind.collection == QLatin1String("/instances")
        && object.value(QLatin1String("status")).toString() == QLatin1String("Running"))
        refreshState({row});
}

void ResourceCache::refreshState(const QList<int> &rows)
{
    for (int row : rows) {
        if (row < 0 || row >= m_entries.size())
            continue;
        const std::pair<QString, QString> id {m_entries[row].project, m_entries[row].key};
        if (!m_stateQueue.contains(id))
            m_stateQueue.append(id);
    }
    fetchNextState();
}

void ResourceCache::fetchNextState()
{
    while (m_stateInFlight < MaxStateRequests && !m_stateQueue.isEmpty()) {
        const auto [project, key] = m_stateQueue.takeFirst();
        ++m_stateInFlight;
        ++m_requestsMade;
        Lxd::ApiJob *job = scoped(project).api(
            QByteArrayLiteral("GET"),
            m_kind.collection + QLatin1Char('/') + Lxd::Client::pathSegment(key) + QStringLiteral("/state"));
        connect(job, &Lxd::Job::finished, this, [this, project = project, key = key](Lxd::Job *done) {
            --m_stateInFlight;
            const int row = indexOf(project, key);
            if (row >= 0 && done->succeeded()) {
                m_entries[row].state = static_cast<Lxd::ApiJob *>(done)->metadata().toObject();
                Q_EMIT rowChanged(row);
            }
            fetchNextState();
        });
    }
}

void ResourceCache::appendRow(Entry entry)
{
    const int row = int(m_entries.size());
    Q_EMIT rowAboutToBeInserted(row);
    m_entries.append(std::move(entry));
    Q_EMIT rowInserted(row);
}

void ResourceCache::removeRow(int row)
{
    Q_EMIT rowAboutToBeRemoved(row);
    m_entries.removeAt(row);
    Q_EMIT rowRemoved(row);
}

void ResourceCache::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Models
