#include "JobWaiter.h"

bool JobWaiter::wait(Lxd::Job *job, Lxd::Error *error, int timeoutMs)
{
    return waitAndRead(
        job,
        [error](Lxd::Job *finished) {
            if (error)
                *error = finished->error();
        },
        timeoutMs);
}
