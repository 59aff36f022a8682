#pragma once

#include <QJsonObject>

// What one run of a bench program measured: one JSON object, printed as the last line of its standard
// output for bench/run to read. Peak memory (VmHWM) is added when it is printed.
class BenchReport final
{
public:
    void set(const QString &key, const QJsonValue &value) { m_values.insert(key, value); }
    bool contains(const QString &key) const { return m_values.contains(key); }
    // Prints the report and leaves the event loop with `code` (1 and an "error" when something failed).
    void finish(int code = 0);
    void fail(const QString &why);

    // The process's peak resident memory so far, from /proc/self/status.
    static qint64 peakRssKiB();
    // The median of some samples (0 for none).
    static double median(QList<double> samples);

private:
    QJsonObject m_values;
    bool m_finished = false;
};
