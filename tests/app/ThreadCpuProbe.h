#pragma once

#include <QObject>
#include <QTimer>

// Measures how long the thread it runs in worked without returning to its event loop, in CPU time of
// that thread: a 1 ms timer notes how much CPU time the thread used between two of its ticks. Unlike
// wall-clock lateness (bench/EventLoopProbe), it does not count the time the thread waited for a
// core, so it measures what the code costs, not how busy the rest of the machine was.
class ThreadCpuProbe final : public QObject
{
    Q_OBJECT

public:
    explicit ThreadCpuProbe(QObject *parent = nullptr);

    void start();
    // Forgets what was measured so far.
    void reset();
    double maxBusyMs() const { return double(m_maxBusyNs) / 1e6; }

    // CPU time the calling thread used so far, in ns.
    static qint64 threadCpuNs();

private:
    void tick();

    QTimer m_timer;
    qint64 m_lastNs = 0;
    qint64 m_maxBusyNs = 0;
};
