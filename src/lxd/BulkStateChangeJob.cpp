#include "BulkStateChangeJob.h"

#include "InstanceManager.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace Lxd {

BulkStateChangeJob::BulkStateChangeJob(Client client, QJsonObject statePut, Scope scope, QStringList names,
                                       QObject *parent)
    : Job(parent)
    , m_client(std::move(client))
    , m_statePut(std::move(statePut))
    , m_scope(scope)
    , m_instances(std::move(names))
{ }

BulkStateChangeJob::~BulkStateChangeJob()
{
    stopWork();
    // This job may hold the last reference to its parent connection: leave the parent first, so that
    // the connection, when it goes with our client below, does not delete this job a second time.
    setParent(nullptr);
}

bool BulkStateChangeJob::appliesTo(const QString &action, const QString &status)
{
    const bool running = status == QLatin1String("Running");
    const bool frozen = status == QLatin1String("Frozen");
    if (action == QLatin1String("start"))
        return !running && !frozen;
    if (action == QLatin1String("stop"))
        return running || frozen;
    if (action == QLatin1String("restart") || action == QLatin1String("freeze"))
        return running;
    if (action == QLatin1String("unfreeze"))
        return frozen;
    return true;
}

void BulkStateChangeJob::track(Job *job)
{
    m_children.append(job);
}

void BulkStateChangeJob::start()
{
    if (!m_client.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    if (m_scope == Scope::Named) {
        changeEach();
        return;
    }
    if (m_client.connection()->hasServerInfo()) {
        chooseMethod();
        return;
    }
    // The extensions are needed to choose; learn them first.
    ApiJob *server = m_client.getServer();
    track(server);
    connect(server, &Job::finished, this, [this](Job *job) {
        if (job->error())
            finishWith(job->error());
        else
            chooseMethod();
    });
}

void BulkStateChangeJob::chooseMethod()
{
    if (m_client.hasExtension(bulkExtension()))
        putProject();
    else
        listProject();
}

void BulkStateChangeJob::putProject()
{
    m_usedBulkRequest = true;
    OperationJob *job = m_client.operation(QByteArrayLiteral("PUT"), QStringLiteral("/instances"),
                                           QJsonObject {{QStringLiteral("state"), m_statePut}});
    track(job);
    connect(job, &Job::progress, this, &Job::progress);
    connect(job, &Job::finished, this, [this](Job *finished) {
        auto *operation = static_cast<OperationJob *>(finished);
        const QJsonArray resources = operation->operation()
                                         .value(QLatin1String("resources"))
                                         .toObject()
                                         .value(QLatin1String("instances"))
                                         .toArray();
        for (const QJsonValue &url : resources)
            m_instances.append(Resource::nameFromUrl(url.toString()));
        if (!operation->error()) {
            finishWith();
            return;
        }
        // The daemon sums up failures as " - Instance: <name>: <error>" lines; keep them per instance.
        static const QRegularExpression line(QStringLiteral("^ - Instance: ([^:]+): (.*)$"),
                                             QRegularExpression::MultilineOption);
        QRegularExpressionMatchIterator it = line.globalMatch(operation->error().detail());
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            m_failures.insert(match.captured(1), Error(operation->error().kind(), match.captured(2)));
        }
        finishWith(operation->error());
    });
}

void BulkStateChangeJob::listProject()
{
    auto *job = InstanceManager(m_client).all();
    track(job);
    connect(job, &Job::finished, this, [this](Job *finished) {
        if (finished->error()) {
            finishWith(finished->error());
            return;
        }
        const QList<Instance> instances = static_cast<ListJob<Instance> *>(finished)->objects();
        const QString wanted = action();
        for (const Instance &instance : instances) {
            if (appliesTo(wanted, instance.status()))
                m_instances.append(instance.name());
        }
        changeEach();
    });
}

void BulkStateChangeJob::changeEach()
{
    if (m_instances.isEmpty()) {
        finishWith();
        return;
    }
    const InstanceManager manager(m_client);
    m_pending = m_instances.size();
    for (const QString &name : std::as_const(m_instances)) {
        OperationJob *job = manager.changeState(name, m_statePut);
        track(job);
        connect(job, &Job::finished, this, [this, name](Job *finished) { onEachFinished(name, finished); });
    }
}

void BulkStateChangeJob::onEachFinished(const QString &name, Job *job)
{
    if (job->error())
        m_failures.insert(name, job->error());
    if (--m_pending == 0)
        finishWithFailures();
    else
        Q_EMIT progress(m_instances.size() - m_pending, m_instances.size());
}

void BulkStateChangeJob::finishWithFailures()
{
    Q_EMIT progress(m_instances.size(), m_instances.size());
    if (m_failures.isEmpty()) {
        finishWith();
        return;
    }
    QStringList lines;
    for (auto it = m_failures.begin(); it != m_failures.end(); ++it)
        lines.append(QStringLiteral("%1: %2").arg(it.key(), it.value().detail()));
    const Error &first = m_failures.first();
    finishWith(Error(first.kind(), lines.join(QLatin1Char('\n')), first.httpStatus(), first.lxdCode()));
}

void BulkStateChangeJob::stopWork()
{
    const QList<QPointer<Job>> children = std::exchange(m_children, {});
    for (const QPointer<Job> &child : children) {
        if (child && !child->isFinished())
            child->abandon();
    }
}

} // namespace Lxd
