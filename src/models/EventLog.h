#pragma once

#include "EventRecord.h"
#include "lxd/Client.h"
#include "lxd/Error.h"
#include "lxd/EventStream.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>

class QIODevice;

namespace Models {

class RemoteRegistry;

// What the daemons say, as it happens: one event stream per remote (lifecycle, operation and
// logging, all projects), kept in a bounded ring of records, oldest first. Events arriving close
// together are added in one batch, and when the ring is full the oldest go in one step, so a burst
// of thousands of events costs the views a few signals. While paused, events keep arriving and wait
// (counted, and bounded by the ring size too) until resumed. When a stream drops, a record says so,
// and another when it is back: the gap is visible where it happened.
class EventLog final : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultCapacity = 100000;
    static constexpr int MinimumCapacity = 100;
    static constexpr int DefaultBatchIntervalMs = 25;
    // At most this many records join the views in one step; the rest follow from the event loop.
    static constexpr int MaximumBatch = 1000;

    struct SourceStatus
    {
        QString remote;
        Lxd::EventStream::State state = Lxd::EventStream::State::Stopped;
        Lxd::Error lastError; // why it dropped, while reconnecting
        int reconnectDelayMs = 0;
    };

    explicit EventLog(QObject *parent = nullptr);
    ~EventLog() override;

    // Follows every remote of `registry`, those added later too, until they are removed.
    void watch(RemoteRegistry *registry);
    // Starts a stream of its own to `client`'s server (lifecycle, operation and logging events of all
    // projects), named `remote` in the records. False when the name is taken or the client invalid.
    bool addSource(const QString &remote, const Lxd::Client &client);
    void removeSource(const QString &remote);
    QStringList sources() const;
    SourceStatus sourceStatus(const QString &remote) const;
    // "Connected", "Reconnecting in 2 s: could not reach …".
    QString sourceStatusText(const QString &remote) const;
    // The stream of one source (tests: how long it waits before reconnecting).
    Lxd::EventStream *stream(const QString &remote) const;

    // Adds an event as if `remote`'s stream had delivered it.
    void append(const QString &remote, const Lxd::Event &event);

    // The ring, oldest first.
    int size() const { return int(m_records.size()); }
    const EventRecord &at(int row) const { return m_records[size_t(row)]; }
    int capacity() const { return m_capacity; }
    // Drops the oldest records at once if the ring holds more. At least MinimumCapacity.
    void setCapacity(int capacity);

    // Events received since the start (or the last clear()), stream notes excluded.
    qint64 receivedCount() const { return m_received; }
    // Records that left the ring (or the paused queue) because it was full.
    qint64 droppedCount() const { return m_dropped; }
    // Messages that were not events, and why the last one was not.
    int malformedCount() const { return m_malformed; }
    QString lastMalformedReason() const { return m_lastMalformed; }
    // Projects seen in events so far, sorted.
    QStringList projects() const;

    bool isPaused() const { return m_paused; }
    // Paused: the ring stays as it is and new records wait; resumed: they are added.
    void setPaused(bool paused);
    // Records waiting (paused, or until the next batch).
    int pendingCount() const { return int(m_pending.size()); }

    // Empties the ring and the waiting records, and zeroes the counters.
    void clear();
    // Adds the waiting records now instead of at the end of the batch interval (tests).
    void flush();
    void setBatchInterval(int ms) { m_batchIntervalMs = ms; }

    // Writes the events of `rows` (all of them when empty; stream notes are skipped) as JSON Lines,
    // one event per line as the daemon sent it. Returns how many were written, or -1 (and `error`).
    qint64 writeJsonLines(QIODevice *device, const QList<int> &rows = {}, QString *error = nullptr) const;

Q_SIGNALS:
    void recordsAboutToBeAppended(int first, int last);
    void recordsAppended();
    void oldestAboutToBeRemoved(int count);
    void oldestRemoved(int count);
    void aboutToBeCleared();
    void cleared();
    // Received, dropped, waiting or malformed counts changed (once per batch at most).
    void countersChanged();
    void sourcesChanged();
    void sourceStateChanged(const QString &remote);
    void projectSeen(const QString &project);

private:
    struct Source
    {
        QString remote;
        Lxd::Client client; // keeps the connection (and its transport) alive as long as the stream
        Lxd::EventStream *stream = nullptr;
        qint64 downSinceMs = 0; // when the stream dropped, while it is down
    };

    void receive(const QString &remote, const Lxd::Event &event);
    void enqueue(EventRecord &&record);
    void scheduleFlush();
    void onStreamDropped(const QString &remote, const Lxd::Error &error);
    void onStreamConnected(const QString &remote);
    // One copy of each repeated text (remote, type, project, action), shared by every record.
    QString intern(const QString &text);

    std::deque<EventRecord> m_records;
    std::deque<EventRecord> m_pending;
    int m_capacity = DefaultCapacity;
    qint64 m_received = 0;
    qint64 m_dropped = 0;
    int m_malformed = 0;
    QString m_lastMalformed;
    bool m_paused = false;
    int m_batchIntervalMs = DefaultBatchIntervalMs;
    QTimer m_flushTimer;
    QList<Source> m_sources;
    QHash<QString, QString> m_strings;
    QStringList m_projects; // sorted
    QPointer<RemoteRegistry> m_registry;
};

} // namespace Models
