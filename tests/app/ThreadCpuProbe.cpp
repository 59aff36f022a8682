#include "ThreadCpuProbe.h"

#include <time.h>

ThreadCpuProbe::ThreadCpuProbe(QObject *parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    connect(&m_timer, &QTimer::timeout, this, &ThreadCpuProbe::tick);
}

void ThreadCpuProbe::start()
{
    m_lastNs = threadCpuNs();
    m_timer.start();
}

void ThreadCpuProbe::reset()
{
    m_lastNs = threadCpuNs();
    m_maxBusyNs = 0;
}

qint64 ThreadCpuProbe::threadCpuNs()
{
    timespec now {};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) != 0)
        return 0;
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

void ThreadCpuProbe::tick()
{
    const qint64 now = threadCpuNs();
    m_maxBusyNs = qMax(m_maxBusyNs, now - m_lastNs);
    m_lastNs = now;
}
