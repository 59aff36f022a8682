#include "BenchReport.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>

#include <algorithm>
#include <cstdio>

void BenchReport::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_values.insert(QStringLiteral("peak_rss_kib"), peakRssKiB());
    std::fprintf(stdout, "%s\n", QJsonDocument(m_values).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    QCoreApplication::exit(code);
}

void BenchReport::fail(const QString &why)
{
    m_values.insert(QStringLiteral("error"), why);
    finish(1);
}

qint64 BenchReport::peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

double BenchReport::median(QList<double> samples)
{
    if (samples.isEmpty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const qsizetype middle = samples.size() / 2;
    return samples.size() % 2 ? samples.at(middle) : (samples.at(middle - 1) + samples.at(middle)) / 2;
}
