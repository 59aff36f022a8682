#include "EventLog.h"

#include "Remote.h"
#include "RemoteRegistry.h"

#include <QDateTime>
#include <QIODevice>

#include <algorithm>

namespace Models {

namespace {

const QStringList AllEventTypes {QStringLiteral("lifecycle"), QStringLiteral("operation"),
                                 QStringLiteral("logging")};

// Repeated texts are few (remotes, projects, actions, levels); a flood of distinct ones is not kept.
constexpr int MaximumInternedStrings = 4096;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

EventLog::EventLog(QObject *parent)
    : QObject(parent)
{
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &EventLog::flush);
}

EventLog::~EventLog()
{
    for (const Source &source : std::as_const(m_sources)) {
        source.stream->disconnect(this);
        delete source.stream;
    }
}

void EventLog::watch(RemoteRegistry *registry)
{
    if (m_registry)
        m_registry->disconnect(this);
    m_registry = registry;
    if (!registry)
        return;
    for (Remote *remote : registry->remotes())
        addSource(remote->name(), remote->client());
    connect(registry, &RemoteRegistry::remoteAdded, this, [this](int index) {
        if (Remote *remote = m_registry->at(index))
            addSource(remote->name(), remote->client());
    });
    connect(registry, &RemoteRegistry::remoteAboutToBeRemoved, this, [this](int index) {
        if (Remote *remote = m_registry->at(index))
            removeSource(remote->name());
    });
}

bool EventLog::addSource(const QString &remote, const Lxd::Client &client)
{
    if (!client.isValid() || remote.isEmpty() || sources().contains(remote))
        return false;
    Source source;
    source.remote = remote;
    source.client = client;
    // A stream of its own: the connection's shared one carries no logging events.
    source.stream = new Lxd::EventStream(client.connection()->transport(), AllEventTypes);
    Lxd::EventStream *stream = source.stream;
    connect(stream, &Lxd::EventStream::eventReceived, this,
            [this, remote](const Lxd::Event &event) { receive(remote, event); });
    connect(stream, &Lxd::EventStream::disconnected, this,
            [this, remote](const Lxd::Error &error) { onStreamDropped(remote, error); });
    connect(stream, &Lxd::EventStream::connected, this, [this, remote] { onStreamConnected(remote); });
    connect(stream, &Lxd::EventStream::stateChanged, this,
            [this, remote] { Q_EMIT sourceStateChanged(remote); });
    connect(stream, &Lxd::EventStream::malformedEvent, this, [this](const QString &why) {
        ++m_malformed;
        m_lastMalformed = why;
        scheduleFlush();
    });
    m_sources.append(source);
    Q_EMIT sourcesChanged();
    stream->start();
    return true;
}

void EventLog::removeSource(const QString &remote)
{
    for (int index = 0; index < m_sources.size(); ++index) {
        if (m_sources.at(index).remote != remote)
            continue;
        const Source source = m_sources.takeAt(index);
        source.stream->disconnect(this);
        delete source.stream; // before its client, which may hold the last reference to the transport
        Q_EMIT sourcesChanged();
        return;
    }
}

QStringList EventLog::sources() const
{
    QStringList names;
    names.reserve(m_sources.size());
    for (const Source &source : m_sources)
        names.append(source.remote);
    return names;
}

EventLog::SourceStatus EventLog::sourceStatus(const QString &remote) const
{
    SourceStatus status;
    status.remote = remote;
    if (const Lxd::EventStream *events = stream(remote)) {
        status.state = events->state();
        status.lastError = events->lastError();
        status.reconnectDelayMs = events->reconnectDelayMs();
    }
    return status;
}

QString EventLog::sourceStatusText(const QString &remote) const
{
    const SourceStatus status = sourceStatus(remote);
    switch (status.state) {
    case Lxd::EventStream::State::Stopped:
        return tr("Stopped");
    case Lxd::EventStream::State::Connecting:
        return tr("Connecting…");
    case Lxd::EventStream::State::Connected:
        return tr("Connected");
    case Lxd::EventStream::State::Reconnecting:
        return status.lastError ? tr("Reconnecting: %1").arg(status.lastError.userMessage())
                                : tr("Reconnecting…");
    }
    return {};
}

Lxd::EventStream *EventLog::stream(const QString &remote) const
{
    for (const Source &source : m_sources) {
        if (source.remote == remote)
            return source.stream;
    }
    return nullptr;
}

void EventLog::append(const QString &remote, const Lxd::Event &event)
{
    receive(remote, event);
}

void EventLog::receive(const QString &remote, const Lxd::Event &event)
{
    EventRecord record = EventRecord::fromEvent(remote, event, nowMs());
    record.remote = intern(record.remote);
    record.location = intern(record.location);
    record.project = intern(record.project);
    record.type = intern(record.type);
    record.actionOrLevel = intern(record.actionOrLevel);
    record.requestor = intern(record.requestor);
    record.targetCollection = intern(record.targetCollection);
    if (!record.project.isEmpty()) {
        const auto at = std::lower_bound(m_projects.begin(), m_projects.end(), record.project);
        if (at == m_projects.end() || *at != record.project) {
            m_projects.insert(at, record.project);
            Q_EMIT projectSeen(record.project);
        }
    }
    ++m_received;
    enqueue(std::move(record));
}

QStringList EventLog::projects() const
{
    return m_projects;
}

QString EventLog::intern(const QString &text)
{
    if (text.isEmpty())
        return {};
    const auto found = m_strings.constFind(text);
    if (found != m_strings.constEnd())
        return found.value();
    if (m_strings.size() >= MaximumInternedStrings)
        m_strings.clear();
    m_strings.insert(text, text);
    return text;
}

void EventLog::enqueue(EventRecord &&record)
{
    m_pending.push_back(std::move(record));
    // Only the newest `capacity` can ever be shown: older waiting ones are dropped right away.
    if (int(m_pending.size()) > m_capacity) {
        m_pending.pop_front();
        ++m_dropped;
    }
    scheduleFlush();
}

void EventLog::scheduleFlush()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start(m_batchIntervalMs);
}

void EventLog::flush()
{
    m_flushTimer.stop();
    if (m_paused || m_pending.empty()) {
        Q_EMIT countersChanged();
        return;
    }
    const int batch = int(qMin<size_t>(m_pending.size(), MaximumBatch));
    const int overflow = size() + batch - m_capacity;
    if (overflow > 0) {
        Q_EMIT oldestAboutToBeRemoved(overflow);
        m_records.erase(m_records.begin(), m_records.begin() + overflow);
        m_dropped += overflow;
        Q_EMIT oldestRemoved(overflow);
    }
    const int first = size();
    Q_EMIT recordsAboutToBeAppended(first, first + batch - 1);
    std::move(m_pending.begin(), m_pending.begin() + batch, std::back_inserter(m_records));
    m_pending.erase(m_pending.begin(), m_pending.begin() + batch);
    Q_EMIT recordsAppended();
    // A long backlog (after a pause) joins in steps, so that the event loop keeps turning.
    if (!m_pending.empty())
        m_flushTimer.start(0);
    Q_EMIT countersChanged();
}

void EventLog::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (!paused)
        flush();
    else
        Q_EMIT countersChanged();
}

void EventLog::setCapacity(int capacity)
{
    capacity = qMax(capacity, int(MinimumCapacity));
    if (capacity == m_capacity)
        return;
    m_capacity = capacity;
    const int excess = size() - capacity;
    if (excess > 0) {
        Q_EMIT oldestAboutToBeRemoved(excess);
        m_records.erase(m_records.begin(), m_records.begin() + excess);
        m_dropped += excess;
        Q_EMIT oldestRemoved(excess);
    }
    const int waitingExcess = int(m_pending.size()) - capacity;
    if (waitingExcess > 0) {
        m_pending.erase(m_pending.begin(), m_pending.begin() + waitingExcess);
        m_dropped += waitingExcess;
    }
    m_records.shrink_to_fit();
    Q_EMIT countersChanged();
}

void EventLog::clear()
{
    Q_EMIT aboutToBeCleared();
    m_records.clear();
    m_records.shrink_to_fit();
    m_pending.clear();
    m_received = 0;
    m_dropped = 0;
    m_malformed = 0;
    m_lastMalformed.clear();
    Q_EMIT cleared();
    Q_EMIT countersChanged();
}

void EventLog::onStreamDropped(const QString &remote, const Lxd::Error &error)
{
    for (Source &source : m_sources) {
        if (source.remote == remote && source.downSinceMs == 0)
            source.downSinceMs = nowMs();
    }
    EventRecord record = EventRecord::streamLost(remote, error ? error.userMessage() : QString(), nowMs());
    record.remote = intern(record.remote);
    enqueue(std::move(record));
}

void EventLog::onStreamConnected(const QString &remote)
{
    for (Source &source : m_sources) {
        if (source.remote != remote || source.downSinceMs == 0)
            continue;
        EventRecord record = EventRecord::streamRestored(remote, source.downSinceMs, nowMs());
        record.remote = intern(record.remote);
        source.downSinceMs = 0;
        enqueue(std::move(record));
    }
}

qint64 EventLog::writeJsonLines(QIODevice *device, const QList<int> &rows, QString *error) const
{
    if (!device || !device->isWritable()) {
        if (error)
            *error = tr("The file is not open for writing.");
        return -1;
    }
    qint64 written = 0;
    const auto writeRecord = [&](const EventRecord &record) {
        if (!record.isEvent())
            return true;
        if (device->write(record.json) != record.json.size() || !device->putChar('\n')) {
            if (error)
                *error = device->errorString();
            return false;
        }
        ++written;
        return true;
    };
    if (rows.isEmpty()) {
        for (const EventRecord &record : m_records) {
            if (!writeRecord(record))
                return -1;
        }
        return written;
    }
    for (const int row : rows) {
        if (row < 0 || row >= size())
            continue;
        if (!writeRecord(at(row)))
            return -1;
    }
    return written;
}

} // namespace Models
