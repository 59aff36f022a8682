#include "Preferences.h"

#include <QCoreApplication>
#include <QSettings>

namespace {
const QString UsagePollKey = QStringLiteral("Preferences/usagePollSeconds");
const QString EventLogCapacityKey = QStringLiteral("Preferences/eventLogCapacity");
const QString ScrollbackKey = QStringLiteral("Preferences/scrollbackLines");
const QString NotifyKey = QStringLiteral("Preferences/notifyLongOperations");
} // namespace

Preferences::Preferences(QObject *parent)
    : QObject(parent)
{ }

Preferences *Preferences::instance()
{
    // Parented to the application so it goes before QCoreApplication does.
    static Preferences *preferences = new Preferences(QCoreApplication::instance());
    return preferences;
}

int Preferences::readBounded(const QString &key, int fallback, int minimum, int maximum) const
{
    bool ok = false;
    const int value = QSettings().value(key, fallback).toInt(&ok);
    return ok ? qBound(minimum, value, maximum) : fallback;
}

void Preferences::write(const QString &key, const QVariant &value)
{
    QSettings settings;
    if (settings.value(key) == value)
        return;
    settings.setValue(key, value);
    Q_EMIT changed();
}

int Preferences::usagePollSeconds() const
{
    bool ok = false;
    const int value = QSettings().value(UsagePollKey, DefaultUsagePollSeconds).toInt(&ok);
    if (!ok)
        return DefaultUsagePollSeconds;
    return value <= 0 ? 0 : qBound(MinimumUsagePollSeconds, value, MaximumUsagePollSeconds);
}

void Preferences::setUsagePollSeconds(int seconds)
{
    write(UsagePollKey, seconds <= 0 ? 0 : qBound(MinimumUsagePollSeconds, seconds, MaximumUsagePollSeconds));
}

int Preferences::eventLogCapacity() const
{
    return readBounded(EventLogCapacityKey, DefaultEventLogCapacity, MinimumEventLogCapacity,
                       MaximumEventLogCapacity);
}

void Preferences::setEventLogCapacity(int events)
{
    write(EventLogCapacityKey, qBound(MinimumEventLogCapacity, events, MaximumEventLogCapacity));
}

int Preferences::scrollbackLines() const
{
    return readBounded(ScrollbackKey, DefaultScrollbackLines, MinimumScrollbackLines, MaximumScrollbackLines);
}

void Preferences::setScrollbackLines(int lines)
{
    write(ScrollbackKey, qBound(MinimumScrollbackLines, lines, MaximumScrollbackLines));
}

bool Preferences::notifyLongOperations() const
{
    return QSettings().value(NotifyKey, true).toBool();
}

void Preferences::setNotifyLongOperations(bool notify)
{
    write(NotifyKey, notify);
}
