#pragma once

#include "ResourceKind.h"
#include "lxd/Client.h"

#include <QHash>
#include <QObject>

namespace Models {

class OperationCache;
class ResourceCache;
class ResourceStore;

// One server Berth talks to, by the name the user knows it by ("local"), with its client. It says how
// the connection stands (from GET /1.0 and the event stream), knows its projects, and holds the live
// caches of its objects so that every view of the same remote, project and kind shares one.
class Remote final : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Connecting, // not yet known
        Connected, // the server answered and the event stream is live
        Reconnecting, // the server went away; the event stream retries by itself
        Failed, // the server answered, but not in a way Berth can use (untrusted, TLS, API error)
    };
    Q_ENUM(State)

    Remote(QString name, Lxd::Client client, QObject *parent = nullptr);
    ~Remote() override;

    QString name() const { return m_name; }
    Lxd::Client client() const { return m_client; }
    QString endpoint() const { return m_client.endpoint(); }

    // Asks the server who it is and follows its events; projects are listed once it answers.
    void start();
    // Asks again (F5): server description and projects; the caches reload too.
    void refresh();

    State state() const { return m_state; }
    // Why the remote is reconnecting or failed.
    Lxd::Error lastError() const { return m_lastError; }
    // "Connected", "Reconnecting: could not reach the server: …" — for status bars and tool tips.
    QString stateText() const;

    // From GET /1.0: "LXD 5.0.2", and whether the server is a cluster member.
    QString serverDescription() const;
    bool isClustered() const;

    // The server's projects, kept live by project-* events.
    ResourceCache *projects() const { return m_projects; }

    // The shared live cache of one kind of object in one project (ignored for kinds that are not per
    // project), made and loaded on first use.
    ResourceCache *cache(const ResourceKind &kind, const QString &project);
    // The cache if it was made already, else null.
    ResourceCache *existingCache(const ResourceKind &kind, const QString &project) const;
    // Every cache of one kind made so far, whatever its project.
    QList<ResourceCache *> caches(const ResourceKind &kind) const;
    // The shared live list of a project's background operations, made and loaded on first use.
    OperationCache *operations(const QString &project);

Q_SIGNALS:
    void stateChanged(Models::Remote::State state);
    // GET /1.0 answered again (server version, clustering, extensions may have changed).
    void serverInfoChanged();

private:
    void fetchServer();
    void updateState();
    static QString cacheKey(const ResourceKind &kind, const QString &project);

    QString m_name;
    Lxd::Client m_client;
    State m_state = State::Connecting;
    Lxd::Error m_lastError;
    Lxd::Error m_serverError; // the last GET /1.0 failed with it
    bool m_serverKnown = false;
    bool m_started = false;
    ResourceCache *m_projects = nullptr;
    QHash<QString, ResourceCache *> m_caches;
    QHash<QString, OperationCache *> m_operations;
};

} // namespace Models
