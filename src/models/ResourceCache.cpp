#include "ResourceCache.h"

#include <QJsonArray>

namespace Models {

namespace {

constexpr int MaxStateRequests = 4; // the unix transport's connection pool size

} // namespace

ResourceCache::ResourceCache(Lxd::Client client, ResourceKind kind, QObject *parent)
    : ResourceStore(std::move(client), kind.projectScoped, kind.allProjects, parent)
    , m_kind(std::move(kind))
{
    connect(&m_pollTimer, &QTimer::timeout, this, &ResourceCache::pollVisibleState);
}

ResourceCache::~ResourceCache() = default;

QString ResourceCache::listPath() const
{
    return m_kind.collection + QStringLiteral("?recursion=1");
}

QList<QJsonObject> ResourceCache::objectsOfListing(const QJsonValue &metadata) const
{
    QList<QJsonObject> objects = ResourceStore::objectsOfListing(metadata);
    if (m_kind.accepts)
        objects.removeIf([this](const QJsonObject &object) { return !m_kind.accepts(object); });
    return objects;
}

void ResourceCache::applyEvent(const Lxd::Event &event)
{
    if (event.isOperation()) {
        if (m_kind.relistAfterInstanceOperations && follows(projectOf(event))
            && event.metadata.value(QLatin1String("status")).toString() == QLatin1String("Success")
            && !event.metadata.value(QLatin1String("resources"))
                    .toObject()
                    .value(QLatin1String("instances"))
                    .toArray()
                    .isEmpty())
            relist();
        return;
    }
    if (!event.isLifecycle())
        return;
    const QString action = event.action();
    const QString project = projectOf(event);
    if (!follows(project))
        return;
    if (m_kind.isRelistAction(action)) {
        relist();
        return;
    }
    if (!action.startsWith(m_kind.eventPrefix))
        return;
    // The source must name an object of this collection itself, not something below it (an instance's
    // snapshot or backup has its own events) nor a sibling collection (another instance's snapshots).
    const QString key = m_kind.keyFromSource(event.source(), project);
    if (key.isEmpty())
        return;

    const QString verb = action.mid(m_kind.eventPrefix.size());
    if (verb == QLatin1String("deleted") || verb == QLatin1String("removed")) {
        ++m_fetchGeneration[{project, key}]; // a fetch still under way must not bring it back
        const int row = indexOf(project, key);
        if (row >= 0)
            removeEntry(row);
        return;
    }
    if (verb == QLatin1String("renamed")) {
        const QString oldName = event.metadata.value(QLatin1String("context"))
                                    .toObject()
                                    .value(QLatin1String("old_name"))
                                    .toString();
        const QString oldKey = m_kind.keyBeforeRename(key, oldName);
        const int row = oldKey.isEmpty() ? -1 : indexOf(project, oldKey);
        if (row >= 0 && indexOf(project, key) < 0) {
            ++m_fetchGeneration[{project, oldKey}];
            // Keep the row (and so the selection): rename it in place, then fetch its new self.
            rekeyEntry(row, key);
            entryAt(row).object.insert(m_kind.keyFields.constLast(), key.section(QLatin1Char('/'), -1));
            announceChanged(row);
        }
        fetchOne(project, key);
        return;
    }
    if (verb == QLatin1String("created") || verb == QLatin1String("added") || verb == QLatin1String("updated")
        || m_kind.refreshActions.contains(action))
        fetchOne(project, key);
}

void ResourceCache::refresh(int row)
{
    if (row >= 0 && row < count())
        fetchOne(at(row).project, at(row).key);
}

void ResourceCache::fetchOne(const QString &project, const QString &key)
{
    const int row = indexOf(project, key);
    if (row >= 0 && !at(row).loading) {
        entryAt(row).loading = true;
        announceChanged(row);
    }
    Lxd::ApiJob *job = get(project, m_kind.objectPath(key));
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
                removeEntry(row);
            return;
        }
        if (row >= 0) {
            entryAt(row).loading = false;
            entryAt(row).error = job->error();
            announceChanged(row);
        }
        return;
    }
    QJsonObject object = job->metadata().toObject();
    if (isProjectScoped() && !object.contains(QLatin1String("project")))
        object.insert(QStringLiteral("project"), project);
    if (m_kind.accepts && !m_kind.accepts(object))
        return;
    if (row < 0) {
        row = appendEntry(Entry {project, key, object, {}, false, {}});
    } else {
        Entry &entry = entryAt(row);
        const bool changed = entry.object != object || entry.loading || entry.error;
        entry.object = object;
        entry.loading = false;
        entry.error = {};
        if (!hasLiveState(entry))
            entry.state = {};
        if (changed)
            announceChanged(row);
    }
    if (hasLiveState(at(row)))
        refreshState({row});
}

void ResourceCache::listingApplied()
{
    if (!m_kind.hasState)
        return;
    QList<int> rows;
    for (int row = 0; row < count(); ++row) {
        if (hasLiveState(at(row)) && (m_fetchStateAfterLoad || isVisible(row)))
            rows.append(row);
    }
    refreshState(rows);
}

bool ResourceCache::hasLiveState(const Entry &entry) const
{
    if (!m_kind.hasState)
        return false;
    const QString status = entry.object.value(QLatin1String("status")).toString();
    return status == QLatin1String("Running") || status == QLatin1String("Frozen");
}

void ResourceCache::rowsBecameVisible(const QList<int> &rows)
{
    // Rows that were never shown may have no state yet (when it is not fetched after each listing).
    QList<int> missing;
    for (int row : rows) {
        if (hasLiveState(at(row)) && at(row).state.isEmpty())
            missing.append(row);
    }
    refreshState(missing);
}

void ResourceCache::setStatePollInterval(int ms)
{
    m_pollInterval = qMax(0, ms);
    if (m_pollInterval > 0 && m_kind.hasState)
        m_pollTimer.start(m_pollInterval);
    else
        m_pollTimer.stop();
}

void ResourceCache::pollVisibleState()
{
    QList<int> rows;
    for (int row = 0; row < count(); ++row) {
        if (isVisible(row) && hasLiveState(at(row)))
            rows.append(row);
    }
    refreshState(rows);
}

void ResourceCache::refreshState(const QList<int> &rows)
{
    if (!m_kind.hasState)
        return;
    for (int row : rows) {
        if (row < 0 || row >= count())
            continue;
        const Id id {at(row).project, at(row).key};
        // A slow daemon must not pile up requests: one per instance at a time.
        if (!m_stateQueue.contains(id) && !m_stateInFlight.contains(id))
            m_stateQueue.append(id);
    }
    fetchNextState();
}

void ResourceCache::fetchNextState()
{
    while (m_stateInFlight.size() < MaxStateRequests && !m_stateQueue.isEmpty()) {
        const Id id = m_stateQueue.takeFirst();
        m_stateInFlight.insert(id);
        Lxd::ApiJob *job = get(id.first, m_kind.objectPath(id.second) + QStringLiteral("/state"));
        connect(job, &Lxd::Job::finished, this, [this, id](Lxd::Job *done) {
            m_stateInFlight.remove(id);
            const int row = indexOf(id.first, id.second);
            if (row >= 0 && done->succeeded() && hasLiveState(at(row))) {
                const QJsonObject state = static_cast<Lxd::ApiJob *>(done)->metadata().toObject();
                if (state != at(row).state) {
                    entryAt(row).state = state;
                    announceChanged(row);
                }
            }
            fetchNextState();
        });
    }
}

} // namespace Models
