#pragma once

#include "ResourceStore.h"

namespace Models {

// The background operations of a remote (or project), from one listing of /1.0/operations, then from
// `operation` events, which carry the whole operation: a new id is inserted, a known one updated in
// place. LXD forgets a finished operation a few seconds later without telling anyone; the cache does
// the same after `finishedRetention()`. Keyed by the operation's id.
class OperationCache final : public ResourceStore
{
    Q_OBJECT

public:
    // A client scoped to a project follows that project's operations; an unscoped one the default
    // project's (LXD 5.0 cannot list operations across projects).
    explicit OperationCache(Lxd::Client client, QObject *parent = nullptr);
    ~OperationCache() override;

    // How long a finished operation stays listed (LXD keeps them 5 s); negative keeps them.
    void setFinishedRetention(int ms) { m_retentionMs = ms; }
    int finishedRetention() const { return m_retentionMs; }

    static bool isFinished(const QJsonObject &operation);

protected:
    QString listPath() const override;
    QList<QJsonObject> objectsOfListing(const QJsonValue &metadata) const override;
    QString keyOf(const QJsonObject &object) const override;
    void applyEvent(const Lxd::Event &event) override;
    void listingApplied() override;

private:
    void expireLater(const Id &id);

    int m_retentionMs = 5000;
    QSet<Id> m_expiring; // finished, leaving after the retention
    QSet<Id> m_expired; // gone; a late event or listing must not bring it back
};

} // namespace Models
