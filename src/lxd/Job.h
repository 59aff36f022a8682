#pragma once

#include "Error.h"

#include <QObject>

namespace Lxd {

// One unit of asynchronous work (a request, an operation, a transfer). A job:
// - finishes exactly once, emitting finished(this), always from the event loop, never from inside
//   the call that created it, so a caller can always connect first;
// - never blocks;
// - deletes itself after finished() has been delivered (read its result in the slot);
// - can be cancelled (it finishes with a Cancelled error) or abandoned (it stops and finishes silently).
// Callers connect with a context object so that a job outliving its caller calls nobody.
class Job : public QObject
{
    Q_OBJECT

public:
    explicit Job(QObject *parent = nullptr);
    ~Job() override;

    bool isFinished() const { return m_finished; }
    Error error() const { return m_error; }
    bool succeeded() const { return m_finished && !m_error; }

    // Stops the work and finishes with Error::Kind::Cancelled.
    void cancel();
    // Stops the work; finished() is not emitted and the job deletes itself.
    void abandon();

Q_SIGNALS:
    void finished(Lxd::Job *job);
    // Progress where the work knows it: bytes, or percent with total 100; total -1 when unknown.
    void progress(qint64 done, qint64 total);

protected:
    // Records the outcome and emits finished() once, from the event loop. Later calls are ignored.
    void finishWith(const Error &error = {});
    // Stops whatever is in flight; called once by cancel() and abandon(). Must not call finishWith().
    virtual void stopWork() { }
    // For start(): calls begin() once, from the event loop, so that options set and connections made
    // after start() still count; not at all when the job has finished (been cancelled) by then.
    void beginLater();
    virtual void begin() { }

private:
    void emitFinished();

    bool m_finished = false;
    bool m_abandoned = false;
    bool m_begun = false;
    Error m_error;
};

} // namespace Lxd
