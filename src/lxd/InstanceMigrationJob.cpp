#include "InstanceMigrationJob.h"

#include "InstanceManager.h"

#include <QJsonArray>

namespace Lxd {

InstanceMigrationJob::InstanceMigrationJob(Client source, QString name, Client target, Options options,
                                           QObject *parent)
    : Job(parent)
    , m_source(std::move(source))
    , m_name(std::move(name))
    , m_target(std::move(target))
    , m_options(std::move(options))
{ }

InstanceMigrationJob::~InstanceMigrationJob()
{
    stopWork();
    // This job may hold the last reference to its parent connection: leave the parent first, so that
    // the connection, when it goes with our client below, does not delete this job a second time.
    setParent(nullptr);
}

void InstanceMigrationJob::track(Job *job)
{
    m_children.append(job);
}

void InstanceMigrationJob::setStage(Stage stage)
{
    m_stage = stage;
    Q_EMIT stageChanged(stage);
}

void InstanceMigrationJob::fail(const Error &error)
{
    // Abandoning the source operation also asks its daemon to cancel it.
    stopWork();
    finishWith(error);
}

void InstanceMigrationJob::start()
{
    if (!m_source.isValid() || !m_target.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    setStage(Stage::SourceInfo);
    ApiJob *job = m_source.getServer();
    track(job);
    connect(job, &Job::finished, this, [this](Job *finished) {
        if (finished->error()) {
            fail(finished->error());
            return;
        }
        const QJsonObject environment = static_cast<ApiJob *>(finished)
                                            ->metadata()
                                            .toObject()
                                            .value(QLatin1String("environment"))
                                            .toObject();
        m_certificate = environment.value(QLatin1String("certificate")).toString();
        m_addresses = m_options.sourceAddresses;
        if (m_addresses.isEmpty()) {
            const QJsonArray addresses = environment.value(QLatin1String("addresses")).toArray();
            for (const QJsonValue &address : addresses)
                m_addresses.append(address.toString());
        }
        if (m_addresses.isEmpty()) {
            fail(Error(Error::Kind::Api,
                       QStringLiteral("the source server does not listen on the network "
                                      "(core.https_address is not set), so the target cannot reach it")));
            return;
        }
        getSourceInstance();
    });
}

void InstanceMigrationJob::getSourceInstance()
{
    setStage(Stage::SourceInstance);
    auto *job = InstanceManager(m_source).get(m_name);
    track(job);
    connect(job, &Job::finished, this, [this](Job *finished) {
        if (finished->error()) {
            fail(finished->error());
            return;
        }
        m_instance = static_cast<ObjectJob<Instance> *>(finished)->object();
        startSourceOperation();
    });
}

void InstanceMigrationJob::startSourceOperation()
{
    setStage(Stage::SourceOperation);
    // `live` must always be sent: the daemon takes a missing one as true.
    QJsonObject body {{QStringLiteral("migration"), true},
                      {QStringLiteral("live"), m_options.live},
                      {QStringLiteral("instance_only"), m_options.instanceOnly},
                      {QStringLiteral("container_only"), m_options.instanceOnly}};
    if (m_options.allowInconsistent)
        body.insert(QStringLiteral("allow_inconsistent"), true);
    OperationJob *job = m_source.operation(QByteArrayLiteral("POST"), InstanceManager::path(m_name), body);
    m_sourceOperation = job;
    track(job);
    connect(job, &OperationJob::operationCreated, this, [this, job](const QString &id) {
        m_sourceOperationId = id;
        // The async envelope's metadata is the operation; its own metadata holds the websocket secrets.
        const QJsonObject secrets
            = job->response().metadata.toObject().value(QLatin1String("metadata")).toObject();
        for (auto it = secrets.begin(); it != secrets.end(); ++it)
            m_secrets.insert(it.key(), it.value().toString());
        createOnTarget();
    });
    connect(job, &Job::finished, this, [this](Job *finished) {
        m_sourceDone = true;
        m_sourceError = finished->error();
        if (m_sourceError && m_stage == Stage::SourceOperation) {
            fail(m_sourceError);
            return;
        }
        maybeFinishTransfer();
    });
}

void InstanceMigrationJob::createOnTarget()
{
    setStage(Stage::Transfer);
    ++m_addressIndex;
    m_address = m_addresses.value(m_addressIndex);
    const QString operationUrl = QStringLiteral("https://%1/1.0/operations/%2")
                                     .arg(m_address, Client::pathSegment(m_sourceOperationId));
    const bool live = m_options.live && m_instance.isRunning();
    m_targetRequest
        = InstancesPost::fromInstance(m_instance, targetName(), m_options.move)
              .setMigrationSource(operationUrl, m_secrets, m_certificate, live, m_options.instanceOnly);
    if (m_options.allowInconsistent)
        m_targetRequest.setAllowInconsistent(true);
    if (!m_options.targetMember.isEmpty())
        m_targetRequest.setTarget(m_options.targetMember);

    OperationJob *job = InstanceManager(m_target).create(m_targetRequest);
    track(job);
    connect(job, &Job::progress, this, [this, job](qint64 done, qint64 total) {
        m_progressText = job->progressText();
        Q_EMIT progress(done, total);
    });
    connect(job, &Job::finished, this, &InstanceMigrationJob::onTargetFinished);
}

void InstanceMigrationJob::onTargetFinished(Job *job)
{
    if (!job->error()) {
        m_targetDone = true;
        maybeFinishTransfer();
        return;
    }
    m_targetErrors.append(job->error());
    // Another address of the source may work, as long as the source still waits for us.
    if (m_addressIndex + 1 < m_addresses.size() && !m_sourceDone) {
        createOnTarget();
        return;
    }
    Error error = job->error();
    if (m_targetErrors.size() > 1) {
        QStringList lines;
        for (int i = 0; i < m_targetErrors.size(); ++i)
            lines.append(QStringLiteral("%1: %2").arg(m_addresses.value(i), m_targetErrors.at(i).detail()));
        error = Error(error.kind(), lines.join(QLatin1Char('\n')), error.httpStatus(), error.lxdCode());
    }
    fail(error);
}

void InstanceMigrationJob::maybeFinishTransfer()
{
    // Both ends must have finished: the target's success says the copy is there; the source's that
    // it let go of the instance cleanly.
    if (!m_targetDone || !m_sourceDone || isFinished())
        return;
    if (m_sourceError) {
        fail(m_sourceError);
        return;
    }
    if (m_options.move) {
        removeSource();
        return;
    }
    setStage(Stage::Done);
    finishWith();
}

void InstanceMigrationJob::removeSource()
{
    setStage(Stage::RemoveSource);
    auto *current = InstanceManager(m_source).get(m_name);
    track(current);
    connect(current, &Job::finished, this, [this](Job *finished) {
        if (finished->error()) {
            fail(finished->error());
            return;
        }
        const InstanceManager manager(m_source);
        const auto remove = [this, manager] {
            OperationJob *deletion = manager.remove(m_name);
            track(deletion);
            connect(deletion, &Job::finished, this, [this](Job *deleted) {
                if (deleted->error()) {
                    fail(deleted->error());
                    return;
                }
                setStage(Stage::Done);
                finishWith();
            });
        };
        // A stateless move of a running instance leaves the original running: stop it, as `lxc move`
        // does, since a running instance cannot be deleted.
        if (static_cast<ObjectJob<Instance> *>(finished)->object().isStopped()) {
            remove();
            return;
        }
        OperationJob *stop = manager.stop(m_name, true);
        track(stop);
        connect(stop, &Job::finished, this, [this, remove](Job *stopped) {
            if (stopped->error())
                fail(stopped->error());
            else
                remove();
        });
    });
}

void InstanceMigrationJob::stopWork()
{
    const QList<QPointer<Job>> children = std::exchange(m_children, {});
    for (const QPointer<Job> &child : children) {
        if (child && !child->isFinished())
            child->abandon();
    }
}

} // namespace Lxd
