#include "InstanceMemberMoveJob.h"

#include "InstanceManager.h"

#include <QJsonObject>

namespace Lxd {

InstanceMemberMoveJob::InstanceMemberMoveJob(Client client, QString name, QString member, QObject *parent)
    : Job(parent)
    , m_client(std::move(client))
    , m_name(std::move(name))
    , m_member(std::move(member))
{ }

InstanceMemberMoveJob::~InstanceMemberMoveJob() = default;

void InstanceMemberMoveJob::start()
{
    if (m_name.isEmpty() || m_member.isEmpty()) {
        finishWith(
            Error(Error::Kind::Api, QStringLiteral("an instance and a cluster member are needed"), 400));
        return;
    }
    setStage(Stage::Checking);
    auto *get = InstanceManager(m_client).get(m_name);
    m_current = get;
    connect(get, &Job::finished, this, [this, get] {
        m_current = nullptr;
        if (isFinished())
            return;
        if (get->error()) {
            fail(QStringLiteral("reading"), get->error());
            return;
        }
        const Instance instance = get->object();
        m_sourceMember = instance.location();
        m_wasRunning = instance.isRunning();
        if (m_sourceMember == m_member) {
            finishWith(
                Error(Error::Kind::Api, QStringLiteral("%1 is on %2 already").arg(m_name, m_member), 400));
            return;
        }
        if (instance.status() == QLatin1String("Frozen")) {
            finishWith(Error(Error::Kind::Api,
                             QStringLiteral("%1 is frozen: unfreeze or stop it before moving it").arg(m_name),
                             400));
            return;
        }
        if (!m_wasRunning) {
            move();
            return;
        }
        setStage(Stage::Stopping);
        follow(InstanceManager(m_client).stop(m_name, false, StopTimeoutSeconds),
               &InstanceMemberMoveJob::move);
    });
}

void InstanceMemberMoveJob::move()
{
    setStage(Stage::Moving);
    const QJsonObject body {{QStringLiteral("name"), m_name}, {QStringLiteral("migration"), true}};
    follow(m_client.useTarget(m_member).operation(QByteArrayLiteral("POST"), InstanceManager::path(m_name),
                                                  body),
           m_wasRunning ? &InstanceMemberMoveJob::startAgain : nullptr);
}

void InstanceMemberMoveJob::startAgain()
{
    setStage(Stage::Starting);
    follow(InstanceManager(m_client).start(m_name), nullptr);
}

void InstanceMemberMoveJob::follow(Job *job, void (InstanceMemberMoveJob::*next)())
{
    m_current = job;
    const Stage stage = m_stage;
    connect(job, &Job::finished, this, [this, job, next, stage] {
        m_current = nullptr;
        if (isFinished())
            return;
        if (job->error()) {
            fail(stage == Stage::Stopping     ? QStringLiteral("stopping")
                     : stage == Stage::Moving ? QStringLiteral("moving")
                                              : QStringLiteral("starting again"),
                 job->error());
            return;
        }
        if (next) {
            (this->*next)();
            return;
        }
        setStage(Stage::Done);
        finishWith();
    });
}

void InstanceMemberMoveJob::fail(const QString &what, const Error &error)
{
    // The server's own words stay the message; the stage says where it happened.
    Error failed(error.kind(), QStringLiteral("%1 %2: %3").arg(what, m_name, error.detail()),
                 error.httpStatus(), error.lxdCode());
    finishWith(failed);
}

void InstanceMemberMoveJob::setStage(Stage stage)
{
    if (m_stage == stage && stage != Stage::Checking)
        return;
    m_stage = stage;
    Q_EMIT stageChanged(stage);
}

void InstanceMemberMoveJob::stopWork()
{
    if (m_current)
        m_current->abandon();
    m_current = nullptr;
}

} // namespace Lxd
