#pragma once

#include <QObject>

// The user's choices that other parts of Berth follow while running, kept in QSettings. One instance
// per application; parts connect to changed() instead of reading QSettings themselves, so a change in
// the preferences dialog takes effect at once without a restart.
class Preferences final : public QObject
{
    Q_OBJECT

public:
    // Bounds the dialog offers; values read from a hand-edited settings file are clamped to them.
    static constexpr int MinimumUsagePollSeconds = 1;
    static constexpr int MaximumUsagePollSeconds = 300;
    static constexpr int DefaultUsagePollSeconds = 5;
    static constexpr int MinimumEventLogCapacity = 1000;
    static constexpr int MaximumEventLogCapacity = 1000000;
    static constexpr int DefaultEventLogCapacity = 100000;
    static constexpr int MinimumScrollbackLines = 0;
    static constexpr int MaximumScrollbackLines = 1000000;
    static constexpr int DefaultScrollbackLines = 10000;

    static Preferences *instance();

    // How often CPU, memory and network usage of visible running instances is fetched (LXD sends no
    // events for it). 0 turns polling off.
    int usagePollSeconds() const;
    void setUsagePollSeconds(int seconds);

    // How many events the event monitor keeps before it drops the oldest.
    int eventLogCapacity() const;
    void setEventLogCapacity(int events);

    // Lines a terminal keeps above its screen.
    int scrollbackLines() const;
    void setScrollbackLines(int lines);

    // Whether a desktop notification says that a long operation ended while Berth was not focused.
    bool notifyLongOperations() const;
    void setNotifyLongOperations(bool notify);

Q_SIGNALS:
    void changed();

private:
    explicit Preferences(QObject *parent = nullptr);
    int readBounded(const QString &key, int fallback, int minimum, int maximum) const;
    void write(const QString &key, const QVariant &value);
};
