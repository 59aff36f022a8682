#pragma once

#include "ResourceKind.h"
#include "ResourceStore.h"

namespace Models {

// The live state of one kind of lifecycle object (instances, snapshots, images, profiles, networks,
// pools, volumes, certificates, warnings, cluster members, projects) on one remote: a lifecycle event
// refetches just the object it names; a rename keeps the row. Instances also carry their state (usage,
// addresses), which LXD sends no events for: it is fetched for running instances after a listing, and
// polled, if the user wants, for the visible running rows only.
class ResourceCache final : public ResourceStore
{
    Q_OBJECT

public:
    // A client scoped to a project (Client::useProject) caches that project alone; an unscoped one
    // caches every project where the kind can be listed across projects (ResourceKind::allProjects).
    ResourceCache(Lxd::Client client, ResourceKind kind, QObject *parent = nullptr);
    ~ResourceCache() override;

    const ResourceKind &kind() const { return m_kind; }

    // Fetches one row again (after an error, or on the user's request).
    void refresh(int row);

    // Instances only: fetch /state for these rows (running ones), a few requests at a time.
    void refreshState(const QList<int> &rows);
    // Instances only: fetch state for every running instance after each listing (default on). When off,
    // state is fetched for running rows as they become visible.
    void setFetchStateAfterLoad(bool on) { m_fetchStateAfterLoad = on; }
    // Instances only: refetch the state of the visible running rows every `ms` (0, the default: never).
    void setStatePollInterval(int ms);
    int statePollInterval() const { return m_pollInterval; }

protected:
    QString listPath() const override;
    QList<QJsonObject> objectsOfListing(const QJsonValue &metadata) const override;
    QString keyOf(const QJsonObject &object) const override { return m_kind.keyOf(object); }
    void applyEvent(const Lxd::Event &event) override;
    void listingApplied() override;
    void rowsBecameVisible(const QList<int> &rows) override;

private:
    void fetchOne(const QString &project, const QString &key);
    void onOneFinished(const QString &project, const QString &key, Lxd::ApiJob *job);
    void fetchNextState();
    void pollVisibleState();
    bool hasLiveState(const Entry &entry) const;

    ResourceKind m_kind;
    bool m_fetchStateAfterLoad = true;
    QList<Id> m_stateQueue;
    QSet<Id> m_stateInFlight;
    QTimer m_pollTimer;
    int m_pollInterval = 0;
    QHash<Id, quint64> m_fetchGeneration;
};

} // namespace Models
