#include "LaunchClock.h"

#include <QString>

#include <ctime>

LaunchClock::LaunchClock()
{
    bool ok = false;
    const qint64 fromSpawn = qEnvironmentVariable("BERTH_BENCH_T0_NS").toLongLong(&ok);
    m_launchNs = ok && fromSpawn > 0 ? fromSpawn : realtimeNs();
}

double LaunchClock::msSinceLaunch() const
{
    return double(realtimeNs() - m_launchNs) / 1e6;
}

qint64 LaunchClock::realtimeNs()
{
    timespec now {};
    clock_gettime(CLOCK_REALTIME, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}
