#include "EventLoopProbe.h"

namespace {

constexpr qint64 IntervalNs = 1000000;

} // namespace

EventLoopProbe::EventLoopProbe(QObject *parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    connect(&m_timer, &QTimer::timeout, this, &EventLoopProbe::tick);
}

void EventLoopProbe::start()
{
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void EventLoopProbe::reset()
{
    m_lastNs = m_clock.nsecsElapsed();
    m_maxLateNs = 0;
    m_ticks = 0;
}

void EventLoopProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    m_maxLateNs = qMax(m_maxLateNs, now - m_lastNs - IntervalNs);
    m_lastNs = now;
    ++m_ticks;
}
