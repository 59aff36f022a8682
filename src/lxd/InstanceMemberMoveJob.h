#pragma once

#include "Client.h"
#include "Job.h"

#include <QPointer>

namespace Lxd {

// Moves an instance to another member of its cluster, as `lxc move c1 --target m2` does: POST
// /1.0/instances/<name>?target=<member> with {"migration": true}, one operation inside the cluster. LXD
// moves only a stopped container, so a running one is stopped first (cleanly, within the timeout) and
// started again on its new member; the job ends when it runs there.
class InstanceMemberMoveJob final : public Job
{
    Q_OBJECT

public:
    enum class Stage { Checking, Stopping, Moving, Starting, Done };
    Q_ENUM(Stage)

    // `client` is scoped to the instance's project.
    InstanceMemberMoveJob(Client client, QString name, QString member, QObject *parent = nullptr);
    ~InstanceMemberMoveJob() override;

    // Starts the work. Called once by whoever made the job, after connecting to it.
    void start();

    QString name() const { return m_name; }
    QString member() const { return m_member; }
    Stage stage() const { return m_stage; }
    // The member it was on, and whether it ran, when the job began.
    QString sourceMember() const { return m_sourceMember; }
    bool wasRunning() const { return m_wasRunning; }

    // How long a clean stop may take before the move is given up.
    static constexpr int StopTimeoutSeconds = 30;

Q_SIGNALS:
    void stageChanged(Lxd::InstanceMemberMoveJob::Stage stage);

protected:
    void stopWork() override;

private:
    void setStage(Stage stage);
    void move();
    void startAgain();
    void fail(const QString &what, const Error &error);
    void follow(Job *job, void (InstanceMemberMoveJob::*next)());

    Client m_client;
    QString m_name;
    QString m_member;
    Stage m_stage = Stage::Checking;
    QString m_sourceMember;
    bool m_wasRunning = false;
    QPointer<Job> m_current;
};

} // namespace Lxd
