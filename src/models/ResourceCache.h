#pragma once

#include "ResourceKind.h"
#include "lxd/Client.h"
#include "lxd/Event.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace Models {

// The live state of one kind of object on one remote: one bulk load (a single request with recursion,
// however many objects there are), then kept current by the remote's event stream: a lifecycle event
// refetches just the object it names. After the stream drops and returns, everything is reloaded and
// only the differences are announced, so views keep their selection. Models observe it; it does the I/O.
class ResourceCache final : public QObject
{
    Q_OBJECT

public:
    enum class State { Empty, Loading, Ready, Failed };
    Q_ENUM(State)

    struct Entry
    {
        QString project; // empty for kinds that are not per project
        QString key; // name, or fingerprint for images
        QJsonObject object; // as GET returns it
        QJsonObject state; // instances: GET …/state, for running ones (empty otherwise)
        bool loading = false; // a fetch of this row is under way
        Lxd::Error error; // the last fetch of this row failed
    };

    // A client scoped to a project (Client::useProject) caches that project alone; an unscoped one
    // caches every project at once.
    ResourceCache(Lxd::Client client, ResourceKind kind, QObject *parent = nullptr);
    ~ResourceCache() override;

    const ResourceKind &kind() const { return m_kind; }
    Lxd::Client client() const { return m_client; }
    State state() const { return m_state; }
    Lxd::Error lastError() const { return m_lastError; }

    // Starts the bulk load (again) and follows events from then on.
    void load();

    int count() const { return int(m_entries.size()); }
    const Entry &at(int row) const { return m_entries.at(row); }
    int indexOf(const QString &project, const QString &key) const;

    // Instances only: fetch /state for these rows (running ones), a few requests at a time.
    void refreshState(const QList<int> &rows);
    // Instances only: fetch state for every running instance after each load (default on).
    void setFetchStateAfterLoad(bool on) { m_fetchStateAfterLoad = on; }

    // Counters for tests and benchmarks: every request, and the bulk listings among them.
    int requestsMade() const { return m_requestsMade; }
    int listingsMade() const { return m_listingsMade; }

Q_SIGNALS:
    void stateChanged(Models::ResourceCache::State state);
    void rowAboutToBeInserted(int row);
    void rowInserted(int row);
    void rowChanged(int row);
    void rowAboutToBeRemoved(int row);
    void rowRemoved(int row);

private:
    void requestList();
    void onListFinished(Lxd::ApiJob *job);
    void onEvent(const Lxd::Event &event);
    void fetchOne(const QString &project, const QString &key);
    void onOneFinished(const QString &project, const QString &key, Lxd::ApiJob *job);
    void appendRow(Entry entry);
    void removeRow(int row);
    void fetchNextState();
    QString keyOf(const QJsonObject &object) const;
    QString projectOf(const QJsonObject &object) const;
    Lxd::Client scoped(const QString &project) const;
    bool isSingleProject() const { return m_kind.projectScoped && !m_client.project().isEmpty(); }
    void setState(State state);

    Lxd::Client m_client;
    ResourceKind m_kind;
    State m_state = State::Empty;
    Lxd::Error m_lastError;
    QList<Entry> m_entries;
    bool m_loadRequested = false;
    bool m_listInFlight = false;
    QList<Lxd::Event> m_eventsDuringList; // replayed once the listing is in, so none is lost
    QTimer m_streamWait;
    bool m_fetchStateAfterLoad = true;
    QList<std::pair<QString, QString>> m_stateQueue;
    int m_stateInFlight = 0;
    int m_requestsMade = 0;
    int m_listingsMade = 0;
    quint64 m_loadGeneration = 0;
    QHash<std::pair<QString, QString>, quint64> m_fetchGeneration;
};

} // namespace Models
