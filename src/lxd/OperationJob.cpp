#include "OperationJob.h"

#include "ApiJob.h"
#include "Connection.h"
#include "EventStream.h"

#include <QRegularExpression>
#include <QUrl>

namespace Lxd {

namespace {

// LXD's operation status codes (shared/api/status_code.go): 2xx and 4xx are final.
constexpr int StatusSuccess = 200;
constexpr int StatusCancelled = 401;
constexpr int EarlyEventLimit = 1000;

bool isFinal(int statusCode)
{
    return statusCode >= 200;
}

// The first "NN%" in any *_progress metadata value, e.g. "rootfs: 45% (10.3MB/s)".
bool findProgress(const QJsonObject &metadata, QString *text, int *percent)
{
    static const QRegularExpression percentPattern(QStringLiteral("(\\d{1,3})%"));
    for (auto it = metadata.begin(); it != metadata.end(); ++it) {
        if (!it.key().endsWith(QLatin1String("progress")) || !it.value().isString())
            continue;
        *text = it.value().toString();
        const QRegularExpressionMatch match = percentPattern.match(*text);
        *percent = match.hasMatch() ? match.captured(1).toInt() : -1;
        return true;
    }
    return false;
}

} // namespace

OperationJob::OperationJob(Connection *connection, HttpRequest request, QString project, QObject *parent)
    : Job(parent)
    , m_connection(connection)
    , m_request(std::move(request))
    , m_project(std::move(project))
{
    m_eventStreamWait.setSingleShot(true);
    connect(&m_eventStreamWait, &QTimer::timeout, this, &OperationJob::sendRequest);
}

OperationJob::~OperationJob()
{
    stopWork();
}

void OperationJob::start()
{
    if (!m_connection) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    m_useEvents = m_connection->operationWait() == Connection::OperationWait::Events;
    if (!m_useEvents) {
        sendRequest();
        return;
    }
    EventStream *events = m_connection->events();
    connect(events, &EventStream::eventReceived, this, &OperationJob::onEvent);
    connect(events, &EventStream::disconnected, this, &OperationJob::onEventsDropped);
    if (events->isConnected()) {
        sendRequest();
        return;
    }
    // Listen first, send second: wait (briefly) for the stream, then go ahead and poll if need be.
    connect(events, &EventStream::connected, this, &OperationJob::sendRequest);
    m_eventStreamWait.start(EventStreamWaitMs);
}

QJsonObject OperationJob::operationMetadata() const
{
    return m_operation.value(QLatin1String("metadata")).toObject();
}

void OperationJob::sendRequest()
{
    if (m_requestSent || isFinished() || !m_connection)
        return;
    m_requestSent = true;
    m_eventStreamWait.stop();
    if (m_useEvents)
        disconnect(m_connection->events(), &EventStream::connected, this, &OperationJob::sendRequest);

    m_requestJob = new ApiJob(m_connection->transport(), m_request, ApiJob::ReplyBody::Envelope, this);
    connect(m_requestJob, &Job::finished, this,
            [this](Job *job) { onRequestFinished(static_cast<ApiJob *>(job)); });
    connect(m_requestJob, &Job::progress, this, &Job::progress);
    m_requestJob->start();
}

void OperationJob::onRequestFinished(ApiJob *job)
{
    if (job->error()) {
        finishWith(job->error());
        return;
    }
    m_response = job->response();
    if (m_response.type == Response::Type::Sync) {
        finishWith();
        return;
    }
    m_id = m_response.operationId();
    Q_EMIT operationCreated(m_id);
    applyOperation(m_response.metadata.toObject());
    if (isFinished())
        return;

    const QList<QJsonObject> early = std::exchange(m_earlyEvents, {});
    for (const QJsonObject &operation : early) {
        if (operation.value(QLatin1String("id")).toString() == m_id)
            applyOperation(operation);
        if (isFinished())
            return;
    }
    if (!m_useEvents || !m_connection->events()->isConnected())
        poll();
}

void OperationJob::onEvent(const Event &event)
{
    if (!event.isOperation() || isFinished())
        return;
    if (m_id.isEmpty()) {
        if (m_requestSent && m_earlyEvents.size() < EarlyEventLimit)
            m_earlyEvents.append(event.metadata);
        return;
    }
    if (event.metadata.value(QLatin1String("id")).toString() == m_id)
        applyOperation(event.metadata);
}

void OperationJob::onEventsDropped()
{
    // Whatever the stream would have told us may now be lost: ask the daemon directly.
    if (!m_id.isEmpty() && !isFinished() && !m_pollJob)
        poll();
}

void OperationJob::applyOperation(const QJsonObject &operation)
{
    if (operation.isEmpty() || isFinished())
        return;
    m_operation = operation;
    Q_EMIT operationUpdated(operation);

    int percent = -1;
    if (findProgress(operationMetadata(), &m_progressText, &percent) && percent >= 0)
        Q_EMIT progress(percent, 100);

    const int statusCode = operation.value(QLatin1String("status_code")).toInt();
    if (!isFinal(statusCode))
        return;
    if (statusCode == StatusSuccess)
        finishWith();
    else if (statusCode == StatusCancelled)
        finishWith(Error(Error::Kind::Cancelled, operation.value(QLatin1String("err")).toString()));
    else
        finishWith(
            Error(Error::Kind::Operation, operation.value(QLatin1String("err")).toString(), 0, statusCode));
}

void OperationJob::poll()
{
    m_usedPolling = true;
    const QByteArray suffix = "/wait?timeout=" + QByteArray::number(PollTimeoutSeconds);
    HttpRequest request;
    request.target = operationTarget(suffix);
    m_pollJob = new ApiJob(m_connection->transport(), request, ApiJob::ReplyBody::Envelope, this);
    connect(m_pollJob, &Job::finished, this,
            [this](Job *job) { onPollFinished(static_cast<ApiJob *>(job)); });
    m_pollJob->start();
}

void OperationJob::onPollFinished(ApiJob *job)
{
    m_pollJob = nullptr;
    if (isFinished())
        return;
    if (job->error()) {
        if (job->error().isNotFound()) {
            // Finished operations are forgotten by the daemon after a few seconds.
            finishWith(
                Error(Error::Kind::Operation,
                      QStringLiteral("operation %1 ended but its result is no longer known").arg(m_id)));
        } else {
            finishWith(job->error());
        }
        return;
    }
    applyOperation(job->metadata().toObject());
    if (!isFinished())
        poll();
}

QByteArray OperationJob::operationTarget(const QByteArray &suffix) const
{
    QByteArray target = "/1.0/operations/" + QUrl::toPercentEncoding(m_id) + suffix;
    if (!m_project.isEmpty())
        target += (suffix.contains('?') ? "&project=" : "?project=") + QUrl::toPercentEncoding(m_project);
    return target;
}

ApiJob *OperationJob::requestCancel()
{
    if (m_id.isEmpty() || isFinished() || !m_connection)
        return nullptr;
    HttpRequest request;
    request.method = QByteArrayLiteral("DELETE");
    request.target = operationTarget({});
    auto *cancelJob
        = new ApiJob(m_connection->transport(), request, ApiJob::ReplyBody::Envelope, m_connection);
    cancelJob->start();
    return cancelJob;
}

void OperationJob::stopWork()
{
    m_eventStreamWait.stop();
    if (m_requestJob)
        m_requestJob->abandon();
    if (m_pollJob)
        m_pollJob->abandon();
    // Ask the daemon to cancel too; the request outlives this job, so it belongs to the connection.
    requestCancel();
}

} // namespace Lxd
