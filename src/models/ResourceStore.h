#pragma once

#include "lxd/Client.h"
#include "lxd/Event.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace Models {

// Rows of LXD objects of one collection on one remote, kept current without reloading: one bulk listing
// (a single request, however many objects), then the event stream. After the stream drops and returns,
// the collection is listed again and only the differences are announced, so views keep their selection.
// Subclasses say where the collection is and how events change it (ResourceCache for lifecycle objects,
// OperationCache for operations). Models observe a store; the store does the I/O.
class ResourceStore : public QObject
{
    Q_OBJECT

public:
    enum class State { Empty, Loading, Ready, Failed };
    Q_ENUM(State)

    struct Entry
    {
        QString project; // empty for objects that are not per project
        QString key; // name, fingerprint, "type/name"… (ResourceKind::keyFields)
        QJsonObject object; // as GET returns it
        QJsonObject state; // instances: GET …/state, for running ones (empty otherwise)
        bool loading = false; // a fetch of this row is under way
        Lxd::Error error; // the last fetch of this row failed
    };

    ~ResourceStore() override;

    Lxd::Client client() const { return m_client; }
    State state() const { return m_state; }
    Lxd::Error lastError() const { return m_lastError; }
    // The one project this store follows ("default" for an unscoped client and a kind LXD 5.0 cannot
    // list across projects); empty when it follows all projects, or the objects are server-wide.
    QString scopeProject() const;

    // Starts the bulk listing (again) once the event stream is up, and follows events from then on.
    void load();

    int count() const { return int(m_entries.size()); }
    const Entry &at(int row) const { return m_entries.at(row); }
    int indexOf(const QString &project, const QString &key) const;

    // The rows a view shows, in this store's row numbers. Only kinds with something to poll use it.
    void setVisibleRows(int first, int last);
    void setVisibleRows(const QList<int> &rows);
    bool isVisible(int row) const;

    // Counters for tests and benchmarks: every request, and the bulk listings among them.
    int requestsMade() const { return m_requestsMade; }
    int listingsMade() const { return m_listingsMade; }

Q_SIGNALS:
    void stateChanged(Models::ResourceStore::State state);
    // A listing was applied (the first load, or a reload after the stream came back).
    void listed();
    // Rows first..last are about to be appended, or were: one pair for a whole listing's new rows.
    void rowsAboutToBeInserted(int first, int last);
    void rowsInserted(int first, int last);
    // After rowsInserted, once for each new row, for observers that look at rows one by one.
    void rowInserted(int row);
    void rowChanged(int row);
    void rowAboutToBeRemoved(int row);
    void rowRemoved(int row);

protected:
    using Id = std::pair<QString, QString>; // project, key

    ResourceStore(Lxd::Client client, bool projectScoped, bool allProjects, QObject *parent);

    // "/instances?recursion=1"; the store adds all-projects and the project.
    virtual QString listPath() const = 0;
    // The objects of a listing's metadata (an array, unless the collection groups them).
    virtual QList<QJsonObject> objectsOfListing(const QJsonValue &metadata) const;
    virtual QString keyOf(const QJsonObject &object) const = 0;
    // An event from the stream, once the first listing is in (events during a listing wait for it).
    virtual void applyEvent(const Lxd::Event &event) = 0;
    virtual void listingApplied() { }
    virtual void rowsBecameVisible(const QList<int> &rows) { Q_UNUSED(rows) }

    bool isProjectScoped() const { return m_projectScoped; }
    // A client for requests about objects of `project`.
    Lxd::Client scoped(const QString &project) const;
    // GET `path` for objects of `project`, counted.
    Lxd::ApiJob *get(const QString &project, const QString &path);
    QString projectOf(const QJsonObject &object) const;
    // The project an event is about ("default" when the event names none; empty when server-wide).
    QString projectOf(const Lxd::Event &event) const;
    // Whether objects of `project` (as projectOf() gives it) belong in this store.
    bool follows(const QString &project) const;

    Entry &entryAt(int row) { return m_entries[row]; }
    int appendEntry(Entry entry);
    // Appends many rows with one insert signal, so views and proxies take them in one go.
    void appendEntries(QList<Entry> entries);
    void removeEntry(int row);
    // Changes the key of a row in place (a rename keeps the row, and so the selection).
    void rekeyEntry(int row, const QString &key);
    void announceChanged(int row) { Q_EMIT rowChanged(row); }
    // Lists again and applies the difference; coalesced while a listing is under way.
    void relist();

private:
    void requestList();
    void onListFinished(Lxd::ApiJob *job);
    void onStreamEvent(const Lxd::Event &event);
    void setState(State state);

    Lxd::Client m_client;
    bool m_projectScoped;
    bool m_allProjects;
    State m_state = State::Empty;
    Lxd::Error m_lastError;
    QList<Entry> m_entries;
    QHash<Id, int> m_rows;
    QSet<Id> m_visible;
    bool m_loadRequested = false;
    bool m_listInFlight = false;
    bool m_relistPending = false;
    bool m_replaying = false;
    QList<Lxd::Event> m_eventsDuringList; // replayed once the listing is in, so none is lost
    QTimer m_streamWait;
    int m_requestsMade = 0;
    int m_listingsMade = 0;
    quint64 m_listGeneration = 0;
};

} // namespace Models
