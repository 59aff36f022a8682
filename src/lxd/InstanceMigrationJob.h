#pragma once

#include "Client.h"
#include "Instance.h"
#include "InstancesPost.h"
#include "Job.h"

#include <QPointer>

namespace Lxd {

// Copies or moves an instance from one client's server to another's, in pull mode, as `lxc copy`
// and `lxc move` do between remotes:
//  1. the source's certificate and network addresses (GET /1.0 on the source);
//  2. POST /1.0/instances/<name> {migration: true} on the source: an operation with websocket secrets;
//  3. POST /1.0/instances on the target with source.type "migration", mode "pull", the source
//     operation's URL (https://<address>/1.0/operations/<id>), its secrets and certificate; the
//     target daemon connects to the source daemon itself;
//  4. for a move, once both operations succeeded: the source instance is deleted (stopped first if
//     it still runs).
// The source must listen on the network (core.https_address), even when Berth reaches it by its unix
// socket. A running instance is copied as it is (its file system, not its memory) unless `live`,
// which needs CRIU on both servers.
class InstanceMigrationJob final : public Job
{
    Q_OBJECT

public:
    struct Options
    {
        QString targetName; // empty: the same name
        bool move = false; // delete the source afterwards (and keep volatile keys)
        bool live = false; // transfer the running state too (CRIU)
        bool instanceOnly = false; // leave the snapshots behind
        bool allowInconsistent = false; // copy even if files change meanwhile
        // Where the target reaches the source ("127.0.0.1:8443"); empty: the source's own
        // environment.addresses, tried in turn.
        QStringList sourceAddresses;
        // Cluster member of the target to create the instance on.
        QString targetMember;
    };

    enum class Stage { SourceInfo, SourceInstance, SourceOperation, Transfer, RemoveSource, Done };
    Q_ENUM(Stage)

    InstanceMigrationJob(Client source, QString name, Client target, Options options,
                         QObject *parent = nullptr);
    ~InstanceMigrationJob() override;

    // Starts the work. Called once by whoever made the job, after connecting to it.
    void start();

    QString sourceName() const { return m_name; }
    QString targetName() const { return m_options.targetName.isEmpty() ? m_name : m_options.targetName; }
    Stage stage() const { return m_stage; }
    // The source operation's id and the create request sent to the target (pylxd's migration data).
    QString sourceOperationId() const { return m_sourceOperationId; }
    InstancesPost targetRequest() const { return m_targetRequest; }
    // The address that worked (or was tried last).
    QString sourceAddress() const { return m_address; }
    // The target operation's last progress text ("fs: 45% (10MB/s)").
    QString progressText() const { return m_progressText; }

Q_SIGNALS:
    void stageChanged(Lxd::InstanceMigrationJob::Stage stage);

protected:
    void stopWork() override;

private:
    void setStage(Stage stage);
    void getSourceInstance();
    void startSourceOperation();
    void createOnTarget();
    void onTargetFinished(Job *job);
    void maybeFinishTransfer();
    void removeSource();
    void fail(const Error &error);
    void track(Job *job);

    Client m_source;
    QString m_name;
    Client m_target;
    Options m_options;
    Stage m_stage = Stage::SourceInfo;
    QString m_certificate;
    QStringList m_addresses;
    int m_addressIndex = -1;
    QString m_address;
    Instance m_instance;
    QPointer<OperationJob> m_sourceOperation;
    bool m_sourceDone = false;
    Error m_sourceError;
    bool m_targetDone = false;
    QString m_sourceOperationId;
    QMap<QString, QString> m_secrets;
    InstancesPost m_targetRequest;
    QString m_progressText;
    QList<Error> m_targetErrors;
    QList<QPointer<Job>> m_children;
};

} // namespace Lxd
