#pragma once

#include "Client.h"
#include "Job.h"

#include <QMap>
#include <QPointer>

namespace Lxd {

// One state change ("start", "stop", "restart", "freeze", "unfreeze") for many instances at once.
// For a whole project it is one PUT /1.0/instances where the server has `instance_bulk_state_change`;
// for a list of names, or on servers without it, one request per instance, all in flight together.
// Either way the job finishes once, after every instance is done; failures are kept per instance.
class BulkStateChangeJob final : public Job
{
    Q_OBJECT

public:
    enum class Scope { Project, Named };

    // `statePut` is LXD's InstanceStatePut: action, timeout, force, stateful.
    BulkStateChangeJob(Client client, QJsonObject statePut, Scope scope, QStringList names = {},
                       QObject *parent = nullptr);
    ~BulkStateChangeJob() override;

    // Starts the work. Called once by whoever made the job, after connecting to it.
    void start();

    QString action() const { return m_statePut.value(QLatin1String("action")).toString(); }
    // The instances the change was applied to (for a project: those it applies to, e.g. only running
    // ones for "stop", as the daemon itself chooses them).
    QStringList instances() const { return m_instances; }
    // The instances that failed, with why. The job's own error() sums them up.
    QMap<QString, Error> failures() const { return m_failures; }
    // True when the daemon did it in one request (PUT /1.0/instances).
    bool usedBulkRequest() const { return m_usedBulkRequest; }

    // The name of the extension that allows one request per project.
    static QString bulkExtension() { return QStringLiteral("instance_bulk_state_change"); }
    // Whether `action` applies to an instance in `status` (the daemon's own choice for a bulk change).
    static bool appliesTo(const QString &action, const QString &status);

protected:
    void stopWork() override;

private:
    void chooseMethod();
    void putProject();
    void listProject();
    void changeEach();
    void onEachFinished(const QString &name, Job *job);
    void finishWithFailures();
    void track(Job *job);

    Client m_client;
    QJsonObject m_statePut;
    Scope m_scope;
    QStringList m_instances;
    QMap<QString, Error> m_failures;
    int m_pending = 0;
    bool m_usedBulkRequest = false;
    QList<QPointer<Job>> m_children;
};

} // namespace Lxd
