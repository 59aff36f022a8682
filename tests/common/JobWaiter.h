#pragma once

#include "lxd/Job.h"

#include <QPointer>

// Tests only: blocks in a local event loop until a job finishes. Library and app code never wait.
class JobWaiter
{
public:
    // Returns false on timeout (the job is then abandoned). The job's error is copied into `error`.
    static bool wait(Lxd::Job *job, Lxd::Error *error = nullptr, int timeoutMs = 60000);
};

// Waits for `job`, then evaluates `onFinished(job)` inside the finished signal, while the job is
// still alive, to read its result. Returns false on timeout.
template<class JobType, class Reader>
bool waitAndRead(JobType *job, Reader onFinished, int timeoutMs = 60000);

#include <QEventLoop>
#include <QTimer>

template<class JobType, class Reader>
bool waitAndRead(JobType *job, Reader onFinished, int timeoutMs)
{
    QEventLoop loop;
    bool done = false;
    QObject::connect(job, &Lxd::Job::finished, &loop, [&](Lxd::Job *) {
        onFinished(job);
        done = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!job->isFinished() || !done)
        loop.exec();
    if (!done)
        job->abandon();
    return done;
}
