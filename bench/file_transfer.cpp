// file_transfer: one upload or download through Berth's transfer queue (the engine behind the Files
// tab), against a local LXD over its unix socket, timed, with the growth of the process's resident
// memory while it ran. One JSON object on stdout. bench/run-file-bench runs it beside `lxc file
// push/pull` (and `-r`), interleaved.
//
// usage: file_transfer --socket S --instance I (--upload LOCAL --to REMOTE_FOLDER | --download REMOTE --to
// LOCAL_FOLDER)

#include "lxd/Client.h"
#include "transfers/Transfer.h"
#include "transfers/TransferQueue.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

namespace {

qint64 statusKiB(const char *key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void print(const QJsonObject &object)
{
    std::fputs(QJsonDocument(object).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputs("\n", stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("socket"), QStringLiteral("LXD's unix socket"), QStringLiteral("path"),
                      QStringLiteral("/var/lib/lxd/unix.socket")});
    parser.addOption({QStringLiteral("instance"), QStringLiteral("Instance"), QStringLiteral("name")});
    parser.addOption(
        {QStringLiteral("upload"), QStringLiteral("Local file or folder to upload"), QStringLiteral("path")});
    parser.addOption({QStringLiteral("download"), QStringLiteral("Path in the instance to download"),
                      QStringLiteral("path")});
    parser.addOption({QStringLiteral("to"), QStringLiteral("Destination folder"), QStringLiteral("path")});
    parser.process(app);
    const bool upload = parser.isSet(QStringLiteral("upload"));
    if (!parser.isSet(QStringLiteral("instance")) || upload == parser.isSet(QStringLiteral("download"))
        || !parser.isSet(QStringLiteral("to"))) {
        print({{QStringLiteral("error"),
                QStringLiteral("give --instance, --to and one of --upload, --download")}});
        return 2;
    }

    Transfers::InstanceLocation location;
    location.files = Lxd::FileManager(Lxd::Client::overUnixSocket(parser.value(QStringLiteral("socket"))),
                                      parser.value(QStringLiteral("instance")));
    location.remote = QStringLiteral("local");
    Transfers::TransferQueue queue;
    queue.setDefaultConflictPolicy(Transfers::ConflictChoice::Overwrite);

    // The peak is measured from here: the kernel's high-water mark, reset, and samples besides.
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    const bool resetPeak = clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
    clearRefs.close();
    const qint64 baseline = statusKiB("VmRSS:");
    qint64 peak = baseline;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&peak] { peak = qMax(peak, statusKiB("VmRSS:")); });
    sampler.start(5);

    QElapsedTimer clock;
    clock.start();
    Transfers::Transfer *transfer = upload
        ? queue.upload({parser.value(QStringLiteral("upload"))}, location, parser.value(QStringLiteral("to")))
        : queue.download(location, QStringList {parser.value(QStringLiteral("download"))},
                         parser.value(QStringLiteral("to")));
    QObject::connect(transfer, &Transfers::Transfer::finished, &app, &QCoreApplication::quit);
    app.exec();
    const qint64 elapsedMs = clock.elapsed();
    peak = qMax(peak, statusKiB("VmRSS:"));
    if (resetPeak)
        peak = qMax(peak, statusKiB("VmHWM:"));

    if (transfer->state() != Transfers::Transfer::State::Completed || !transfer->issues().isEmpty()) {
        print({{QStringLiteral("error"),
                transfer->stateText() + QLatin1Char(' ') + transfer->issues().join(QLatin1Char(';'))}});
        return 1;
    }
    print({{QStringLiteral("seconds"), double(elapsedMs) / 1000.0},
           {QStringLiteral("bytes"), transfer->bytesDone()},
           {QStringLiteral("baseline_rss_kib"), baseline},
           {QStringLiteral("peak_rss_growth_kib"), peak - baseline},
           {QStringLiteral("peak_reset"), resetPeak}});
    return 0;
}
