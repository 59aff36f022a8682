#include "EventLoopProbe.h"

#include <cstdio>
#include <time.h>

namespace {

constexpr qint64 IntervalNs = 1000000;
constexpr qint64 LoggedNs = 10000000;

qint64 nsOf(clockid_t clock)
{
    timespec now {};
    if (clock_gettime(clock, &now) != 0)
        return 0;
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

} // namespace

EventLoopProbe::EventLoopProbe(QObject *parent)
    : QObject(parent)
    , m_log(qEnvironmentVariableIntValue("BERTH_BENCH_PROBE_LOG") == 1)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    connect(&m_timer, &QTimer::timeout, this, &EventLoopProbe::tick);
}

void EventLoopProbe::start()
{
    m_clock.start();
    m_lastNs = 0;
    m_lastCpuNs = nsOf(CLOCK_THREAD_CPUTIME_ID);
    m_timer.start();
}

void EventLoopProbe::reset()
{
    m_lastNs = m_clock.nsecsElapsed();
    m_lastCpuNs = nsOf(CLOCK_THREAD_CPUTIME_ID);
    m_maxLateNs = 0;
    m_maxBusyCpuNs = 0;
    m_ticks = 0;
}

void EventLoopProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 cpu = nsOf(CLOCK_THREAD_CPUTIME_ID);
    const qint64 late = now - m_lastNs - IntervalNs;
    m_maxLateNs = qMax(m_maxLateNs, late);
    m_maxBusyCpuNs = qMax(m_maxBusyCpuNs, cpu - m_lastCpuNs);
    if (m_log && late > LoggedNs) {
        const qint64 monotonic = nsOf(CLOCK_MONOTONIC);
        std::fprintf(stderr, "probe: blocked %.1f ms (CPU %.1f ms) from %.6f to %.6f\n", late / 1e6,
                     (cpu - m_lastCpuNs) / 1e6, (monotonic - (now - m_lastNs)) / 1e9, monotonic / 1e9);
    }
    m_lastNs = now;
    m_lastCpuNs = cpu;
    ++m_ticks;
}
