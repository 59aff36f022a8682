#pragma once

#include <QtGlobal>

// Milliseconds since this process was launched, so that Berth's figures include its own start-up as
// the peers' (whole processes) do. bench_spawn puts its wall-clock time just before fork() into
// BERTH_BENCH_T0_NS; without it the clock starts when the LaunchClock is made.
class LaunchClock final
{
public:
    LaunchClock();

    double msSinceLaunch() const;
    // CLOCK_REALTIME in nanoseconds: comparable with the daemon's event timestamps on the same host.
    static qint64 realtimeNs();

private:
    qint64 m_launchNs;
};
