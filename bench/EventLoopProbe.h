#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

// Measures how long the event loop it runs in was blocked: a 1 ms timer notes how late each tick is.
// The worst lateness is the longest stretch during which nothing else (a repaint, a keystroke) could run.
// Beside that wall-clock figure it notes the thread's CPU time over the same stretches: on a loaded
// machine the wall clock also counts the time the thread waited for a core, the CPU time only what the
// code itself cost. With BERTH_BENCH_PROBE_LOG=1 every stretch longer than 10 ms is printed on standard
// error with its CLOCK_MONOTONIC bounds (to find it in `perf record -k CLOCK_MONOTONIC` data).
class EventLoopProbe final : public QObject
{
    Q_OBJECT

public:
    explicit EventLoopProbe(QObject *parent = nullptr);

    void start();
    // Forgets what was measured so far.
    void reset();
    double maxBlockedMs() const { return m_maxLateNs / 1e6; }
    // The most CPU time the thread used between two ticks.
    double maxBusyCpuMs() const { return m_maxBusyCpuNs / 1e6; }
    int ticks() const { return m_ticks; }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_lastCpuNs = 0;
    qint64 m_maxLateNs = 0;
    qint64 m_maxBusyCpuNs = 0;
    int m_ticks = 0;
    bool m_log = false;
};
