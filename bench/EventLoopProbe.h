#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

// Measures how long the event loop it runs in was blocked: a 1 ms timer notes how late each tick is.
// The worst lateness is the longest stretch during which nothing else (a repaint, a keystroke) could run.
class EventLoopProbe final : public QObject
{
    Q_OBJECT

public:
    explicit EventLoopProbe(QObject *parent = nullptr);

    void start();
    // Forgets what was measured so far.
    void reset();
    double maxBlockedMs() const { return m_maxLateNs / 1e6; }
    int ticks() const { return m_ticks; }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_maxLateNs = 0;
    int m_ticks = 0;
};
