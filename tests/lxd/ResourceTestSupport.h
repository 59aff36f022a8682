#pragma once

#include "JobWaiter.h"
#include "lxd/Error.h"
#include "lxd/ResourceJobs.h"

#include <QString>
#include <QUuid>

// Shared by the resource suites: wait for a job, keep its error, read its result in one go.

// Waits for `job`; on success calls `reader(job)` while the job is alive. Returns the job's error, or a
// Network error when it did not finish in time.
template<class JobType, class Reader>
Lxd::Error runJob(JobType *job, Reader reader, int timeoutMs = 60000)
{
    Lxd::Error error(Lxd::Error::Kind::Network, QStringLiteral("the job did not finish in time"));
    waitAndRead(
        job,
        [&](JobType *done) {
            error = done->error();
            if (!error)
                reader(done);
        },
        timeoutMs);
    return error;
}

template<class JobType>
Lxd::Error runJob(JobType *job, int timeoutMs = 60000)
{
    return runJob(
        job, [](JobType *) {}, timeoutMs);
}

// Waits for an ExistsJob: `*exists` is the answer; the error is one other than the 404 that means "no".
inline Lxd::Error runExists(Lxd::ExistsJob *job, bool *exists)
{
    Lxd::Error error(Lxd::Error::Kind::Network, QStringLiteral("the job did not finish in time"));
    waitAndRead(job, [&](Lxd::ExistsJob *done) {
        error = done->realError();
        *exists = done->exists();
    });
    return error;
}

inline QString describe(const Lxd::Error &error)
{
    return error.userMessage() + QStringLiteral(" [") + Lxd::Error::kindName(error.kind())
        + QStringLiteral(", HTTP ") + QString::number(error.httpStatus()) + QLatin1Char(']');
}

// A name no earlier run can have left behind; `prefix` + 8 hex digits.
inline QString uniqueName(const QString &prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128).left(8);
}

// Fails the test with the server's words when `expr` (an Lxd::Error) is an error.
#define BERTH_VERIFY_OK(expr)                                                                                \
    do {                                                                                                     \
        const Lxd::Error berthError_ = (expr);                                                               \
        QVERIFY2(!berthError_, qPrintable(describe(berthError_)));                                           \
    } while (false)
