#include "ResourceStore.h"

#include "lxd/EventStream.h"

#include <QJsonArray>

namespace Models {

namespace {

const QString DefaultProject = QStringLiteral("default");

} // namespace

ResourceStore::ResourceStore(Lxd::Client client, bool projectScoped, bool allProjects, QObject *parent)
    : QObject(parent)
    , m_client(std::move(client))
    , m_projectScoped(projectScoped)
    , m_allProjects(allProjects)
{
    Lxd::EventStream *events = m_client.events();
    connect(events, &Lxd::EventStream::eventReceived, this, &ResourceStore::onStreamEvent);
    // The first load waits for the stream so no change slips between listing and listening; after a
    // drop, events may have been missed: list again and apply the difference.
    connect(events, &Lxd::EventStream::connected, this, [this] {
        if (m_loadRequested)
            requestList();
    });
    m_streamWait.setSingleShot(true);
    connect(&m_streamWait, &QTimer::timeout, this, &ResourceStore::requestList);
}

ResourceStore::~ResourceStore() = default;

QString ResourceStore::scopeProject() const
{
    if (!m_projectScoped)
        return {};
    if (!m_client.project().isEmpty())
        return m_client.project();
    return m_allProjects ? QString() : DefaultProject;
}

Lxd::Client ResourceStore::scoped(const QString &project) const
{
    // Server-wide objects are asked for without a project, whatever the client is scoped to.
    return m_client.useProject(m_projectScoped ? project : QString());
}

Lxd::ApiJob *ResourceStore::get(const QString &project, const QString &path)
{
    ++m_requestsMade;
    return scoped(project).api(QByteArrayLiteral("GET"), path);
}

void ResourceStore::load()
{
    m_loadRequested = true;
    if (m_entries.isEmpty())
        setState(State::Loading);
    if (m_client.events()->isConnected())
        requestList();
    else if (!m_streamWait.isActive())
        m_streamWait.start(Lxd::OperationJob::EventStreamWaitMs); // list anyway if events are slow
}

void ResourceStore::relist()
{
    if (m_state == State::Empty)
        return;
    if (m_listInFlight || m_replaying) {
        // A burst of such events costs one more listing, not one each.
        m_relistPending = true;
        return;
    }
    requestList();
}

void ResourceStore::requestList()
{
    m_streamWait.stop();
    m_listInFlight = true;
    m_relistPending = false;
    const quint64 generation = ++m_listGeneration;
    QString path = listPath();
    const QString project = scopeProject();
    if (m_projectScoped && project.isEmpty())
        path += QStringLiteral("&all-projects=true");
    Lxd::ApiJob *job = get(project, path);
    ++m_listingsMade;
    connect(job, &Lxd::Job::finished, this, [this, generation](Lxd::Job *done) {
        if (generation == m_listGeneration)
            onListFinished(static_cast<Lxd::ApiJob *>(done));
    });
}

QList<QJsonObject> ResourceStore::objectsOfListing(const QJsonValue &metadata) const
{
    QList<QJsonObject> objects;
    const QJsonArray items = metadata.toArray();
    objects.reserve(items.size());
    for (const QJsonValue &item : items)
        objects.append(item.toObject());
    return objects;
}

QString ResourceStore::projectOf(const QJsonObject &object) const
{
    if (!m_projectScoped)
        return {};
    QString project = object.value(QLatin1String("project")).toString();
    if (project.isEmpty())
        project = scopeProject();
    return project.isEmpty() ? DefaultProject : project;
}

QString ResourceStore::projectOf(const Lxd::Event &event) const
{
    if (!m_projectScoped)
        return {};
    return event.project.isEmpty() ? DefaultProject : event.project;
}

bool ResourceStore::follows(const QString &project) const
{
    const QString scope = scopeProject();
    return scope.isEmpty() || project == scope;
}

int ResourceStore::indexOf(const QString &project, const QString &key) const
{
    const QString wanted = m_projectScoped ? (project.isEmpty() ? DefaultProject : project) : QString();
    return m_rows.value({wanted, key}, -1);
}

void ResourceStore::onListFinished(Lxd::ApiJob *job)
{
    m_listInFlight = false;
    const QList<Lxd::Event> pending = std::exchange(m_eventsDuringList, {});
    if (job->error()) {
        m_lastError = job->error();
        setState(m_entries.isEmpty() ? State::Failed : m_state);
        return;
    }
    m_lastError = {};

    // Apply the difference: update what changed, remove what went, append what is new (in one go).
    QSet<Id> seen;
    QList<Entry> added;
    const QList<QJsonObject> objects = objectsOfListing(job->metadata());
    seen.reserve(objects.size());
    for (const QJsonObject &object : objects) {
        const QString project = projectOf(object);
        const QString key = keyOf(object);
        if (key.isEmpty())
            continue;
        const Id id {project, key};
        if (seen.contains(id))
            continue; // the daemon listed it twice: keep the first
        seen.insert(id);
        const int row = indexOf(project, key);
        if (row < 0) {
            added.append(Entry {project, key, object, {}, false, {}});
            continue;
        }
        Entry &entry = m_entries[row];
        if (entry.object != object || entry.error) {
            entry.object = object;
            entry.error = {};
            Q_EMIT rowChanged(row);
        }
    }
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) {
        if (!seen.contains({m_entries[row].project, m_entries[row].key}))
            removeEntry(row);
    }
    appendEntries(std::move(added));
    setState(State::Ready);
    m_replaying = true;
    for (const Lxd::Event &event : pending)
        applyEvent(event);
    m_replaying = false;
    listingApplied();
    Q_EMIT listed();
    if (m_relistPending)
        requestList();
}

void ResourceStore::onStreamEvent(const Lxd::Event &event)
{
    if (m_state == State::Empty)
        return;
    if (m_listInFlight) {
        m_eventsDuringList.append(event);
        return;
    }
    applyEvent(event);
}

int ResourceStore::appendEntry(Entry entry)
{
    const int row = int(m_entries.size());
    QList<Entry> one;
    one.append(std::move(entry));
    appendEntries(std::move(one));
    return row;
}

void ResourceStore::appendEntries(QList<Entry> entries)
{
    if (entries.isEmpty())
        return;
    const int first = int(m_entries.size());
    const int last = first + int(entries.size()) - 1;
    Q_EMIT rowsAboutToBeInserted(first, last);
    m_entries.reserve(last + 1);
    m_rows.reserve(last + 1);
    for (Entry &entry : entries) {
        m_rows.insert({entry.project, entry.key}, int(m_entries.size()));
        m_entries.append(std::move(entry));
    }
    Q_EMIT rowsInserted(first, last);
    for (int row = first; row <= last; ++row)
        Q_EMIT rowInserted(row);
}

void ResourceStore::removeEntry(int row)
{
    Q_EMIT rowAboutToBeRemoved(row);
    const Id id {m_entries[row].project, m_entries[row].key};
    m_rows.remove(id);
    m_visible.remove(id);
    m_entries.removeAt(row);
    for (int later = row; later < m_entries.size(); ++later)
        m_rows.insert({m_entries[later].project, m_entries[later].key}, later);
    Q_EMIT rowRemoved(row);
}

void ResourceStore::rekeyEntry(int row, const QString &key)
{
    Entry &entry = m_entries[row];
    const Id before {entry.project, entry.key};
    const Id after {entry.project, key};
    m_rows.remove(before);
    m_rows.insert(after, row);
    if (m_visible.remove(before))
        m_visible.insert(after);
    entry.key = key;
}

void ResourceStore::setVisibleRows(int first, int last)
{
    QList<int> rows;
    for (int row = qMax(first, 0); row <= last && row < m_entries.size(); ++row)
        rows.append(row);
    setVisibleRows(rows);
}

void ResourceStore::setVisibleRows(const QList<int> &rows)
{
    QSet<Id> visible;
    QList<int> appeared;
    for (int row : rows) {
        if (row < 0 || row >= m_entries.size())
            continue;
        const Id id {m_entries[row].project, m_entries[row].key};
        visible.insert(id);
        if (!m_visible.contains(id))
            appeared.append(row);
    }
    m_visible = std::move(visible);
    if (!appeared.isEmpty())
        rowsBecameVisible(appeared);
}

bool ResourceStore::isVisible(int row) const
{
    return row >= 0 && row < m_entries.size()
        && m_visible.contains({m_entries[row].project, m_entries[row].key});
}

void ResourceStore::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Models
