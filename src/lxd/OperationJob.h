#pragma once

#include "Event.h"
#include "HttpRequest.h"
#include "Job.h"
#include "Response.h"

#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QTimer>

namespace Lxd {

class ApiJob;
class Connection;

// A request that LXD answers with 202 and a background operation, followed to its end. The events
// listener is opened before the request is sent, so not even a fast operation's end is missed; when
// events are unavailable (or drop) it falls back to /1.0/operations/<id>/wait.
// Some endpoints answer synchronously instead; the job then simply succeeds with that reply.
class OperationJob : public Job
{
    Q_OBJECT

public:
    // `project` is added to the operation's own URLs (wait, cancel) when not empty.
    OperationJob(Connection *connection, HttpRequest request, QString project, QObject *parent = nullptr);
    ~OperationJob() override;

    void start();

    // The reply to the request itself (sync, or async with the operation created).
    const Response &response() const { return m_response; }
    QString id() const { return m_id; }
    // The operation as last seen: id, class, status, status_code, metadata, err, may_cancel, resources…
    QJsonObject operation() const { return m_operation; }
    QJsonObject operationMetadata() const;
    // The last progress text LXD reported ("rootfs: 45% (10.3MB/s)"), if any.
    QString progressText() const { return m_progressText; }
    // Asks the daemon to cancel the operation (DELETE /1.0/operations/<id>) and goes on following it:
    // the job then ends Cancelled when the daemon confirms. The returned job tells whether the daemon
    // accepted (it refuses operations that cannot be cancelled). Unlike cancel(), which stops waiting
    // at once, this waits for the daemon's word. Null when the operation is not known yet.
    ApiJob *requestCancel();

    // True when the end was learnt by asking /wait rather than from events (tests check both paths).
    bool usedPollingFallback() const { return m_usedPolling; }

    // How long to wait for the event stream before sending the request anyway.
    static constexpr int EventStreamWaitMs = 3000;
    // Each /wait request asks the daemon to hold the reply this long.
    static constexpr int PollTimeoutSeconds = 30;

Q_SIGNALS:
    void operationCreated(const QString &id);
    void operationUpdated(const QJsonObject &operation);

protected:
    void stopWork() override;

private:
    void sendRequest();
    void onRequestFinished(ApiJob *job);
    void onEvent(const Event &event);
    void onEventsDropped();
    void applyOperation(const QJsonObject &operation);
    void poll();
    void onPollFinished(ApiJob *job);
    QByteArray operationTarget(const QByteArray &suffix) const;

    QPointer<Connection> m_connection;
    HttpRequest m_request;
    QString m_project;
    bool m_useEvents = true;
    bool m_requestSent = false;
    bool m_usedPolling = false;
    QTimer m_eventStreamWait;
    QPointer<ApiJob> m_requestJob;
    QPointer<ApiJob> m_pollJob;
    Response m_response;
    QString m_id;
    QJsonObject m_operation;
    QString m_progressText;
    QList<QJsonObject> m_earlyEvents; // operation events seen before our id was known
};

} // namespace Lxd
