// model_load: against a local LXD daemon, the time from connecting to a fully populated instance model
// (every instance listed, and the state of every running one fetched), the requests that took, the peak
// memory, and the longest time the event loop was blocked; then the same for a burst of lifecycle events
// (instance-updated, from PATCHes sent by another thread on its own connection) until the model shows
// them all. One JSON object on stdout. bench/run-model-bench runs it beside `lxc list` and pylxd.

#include "EventLoopProbe.h"
#include "lxd/Client.h"
#include "lxd/EventStream.h"
#include "models/InstanceTableModel.h"
#include "models/ResourceCache.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QTimer>

#include <cstdio>

using Models::ResourceCache;

namespace {

const QString BenchKey = QStringLiteral("user.berth-bench");

qint64 peakRssKiB()
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

bool hasLiveState(const ResourceCache::Entry &entry)
{
    const QString status = entry.object.value(QLatin1String("status")).toString();
    return status == QLatin1String("Running") || status == QLatin1String("Frozen");
}

// Sets a config key on each instance, `parallel` requests at a time, on a connection of this thread.
int patchInstances(const QString &socket, const QString &project, const QStringList &names,
                   const QString &token, int parallel)
{
    QEventLoop loop;
    const Lxd::Client client = Lxd::Client::overUnixSocket(socket).useProject(project);
    int next = 0;
    int inFlight = 0;
    int failed = 0;
    std::function<void()> pump = [&] {
        while (inFlight < parallel && next < names.size()) {
            const QJsonObject body {{QStringLiteral("config"), QJsonObject {{BenchKey, token}}}};
            Lxd::ApiJob *job = client.api(
                QByteArrayLiteral("PATCH"),
                QStringLiteral("/instances/") + Lxd::Client::pathSegment(names.at(next++)), body);
            ++inFlight;
            QObject::connect(job, &Lxd::Job::finished, &loop, [&](Lxd::Job *done) {
                --inFlight;
                if (!done->succeeded())
                    ++failed;
                if (next >= names.size() && inFlight == 0)
                    loop.quit();
                else
                    pump();
            });
        }
    };
    pump();
    if (inFlight > 0)
        loop.exec();
    return failed;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Loads an LXD project's instances into Berth's model."));
    parser.addHelpOption();
    const QCommandLineOption socketOption(QStringLiteral("socket"),
                                          QStringLiteral("The daemon's unix socket."), QStringLiteral("path"),
                                          QStringLiteral("/var/lib/lxd/unix.socket"));
    const QCommandLineOption projectOption(QStringLiteral("project"), QStringLiteral("The project to load."),
                                           QStringLiteral("name"), QStringLiteral("default"));
    const QCommandLineOption burstOption(QStringLiteral("burst"),
                                         QStringLiteral("Events in the burst after loading (0: none)."),
                                         QStringLiteral("count"), QStringLiteral("1000"));
    const QCommandLineOption parallelOption(QStringLiteral("parallel"),
                                            QStringLiteral("PATCH requests in flight during the burst."),
                                            QStringLiteral("count"), QStringLiteral("8"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           QStringLiteral("Give up after this long."),
                                           QStringLiteral("seconds"), QStringLiteral("300"));
    parser.addOptions({socketOption, projectOption, burstOption, parallelOption, timeoutOption});
    parser.process(app);
    const QString socket = parser.value(socketOption);
    const QString project = parser.value(projectOption);
    const int burst = parser.value(burstOption).toInt();
    const int parallel = qMax(1, parser.value(parallelOption).toInt());

    QJsonObject result;
    QTimer::singleShot(parser.value(timeoutOption).toInt() * 1000, &app, [&result] {
        result.insert(QStringLiteral("error"), QStringLiteral("timed out"));
        std::fprintf(stdout, "%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
        QCoreApplication::exit(2);
    });

    EventLoopProbe probe;
    probe.start();
    QElapsedTimer clock;
    clock.start();

    // Connect and load.
    const Lxd::Client client = Lxd::Client::overUnixSocket(socket).useProject(project);
    ResourceCache cache(client, Models::ResourceKind::instances());
    Models::InstanceTableModel model(&cache);
    bool loaded = false;
    QThread *worker = nullptr;
    QSet<QString> pendingBurst;
    QString token;
    qint64 burstStartNs = 0;
    qint64 firstEventNs = -1;
    int burstRequestsBefore = 0;
    int eventsSeen = 0;

    const auto finish = [&](int code) {
        result.insert(QStringLiteral("peak_rss_kib"), peakRssKiB());
        std::fprintf(stdout, "%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
        QCoreApplication::exit(code);
    };
    const auto startBurst = [&] {
        QStringList names;
        for (int row = 0; row < cache.count() && names.size() < burst; ++row)
            names.append(cache.at(row).key);
        token = QString::number(QDateTime::currentMSecsSinceEpoch());
        pendingBurst = QSet<QString>(names.cbegin(), names.cend());
        result.insert(QStringLiteral("burst_size"), int(names.size()));
        probe.reset();
        burstRequestsBefore = cache.requestsMade();
        burstStartNs = clock.nsecsElapsed();
        worker = QThread::create([socket, project, names, token = token, parallel] {
            patchInstances(socket, project, names, token, parallel);
        });
        worker->start();
    };
    const auto checkLoaded = [&] {
        if (loaded || cache.state() != ResourceCache::State::Ready)
            return;
        for (int row = 0; row < cache.count(); ++row) {
            if (hasLiveState(cache.at(row)) && cache.at(row).state.isEmpty())
                return;
        }
        loaded = true;
        int running = 0;
        for (int row = 0; row < cache.count(); ++row)
            running += hasLiveState(cache.at(row)) ? 1 : 0;
        result.insert(QStringLiteral("instances"), model.rowCount());
        result.insert(QStringLiteral("running"), running);
        result.insert(QStringLiteral("populated_ms"), clock.nsecsElapsed() / 1e6);
        result.insert(QStringLiteral("load_requests"), cache.requestsMade());
        result.insert(QStringLiteral("load_listings"), cache.listingsMade());
        result.insert(QStringLiteral("load_max_blocked_ms"), probe.maxBlockedMs());
        result.insert(QStringLiteral("load_max_blocked_cpu_ms"), probe.maxBusyCpuMs());
        result.insert(QStringLiteral("load_peak_rss_kib"), peakRssKiB());
        if (burst > 0 && cache.count() > 0)
            QTimer::singleShot(0, &app, startBurst);
        else
            finish(0);
    };
    QObject::connect(&cache, &ResourceCache::listed, &app, [&] {
        if (!result.contains(QStringLiteral("listed_ms")))
            result.insert(QStringLiteral("listed_ms"), clock.nsecsElapsed() / 1e6);
        checkLoaded();
    });
    QObject::connect(&cache, &ResourceCache::stateChanged, &app, [&](ResourceCache::State state) {
        if (state == ResourceCache::State::Failed) {
            result.insert(QStringLiteral("error"), cache.lastError().detail());
            finish(1);
        }
    });
    QObject::connect(client.events(), &Lxd::EventStream::eventReceived, &app, [&](const Lxd::Event &event) {
        if (!pendingBurst.isEmpty() && event.isLifecycle()
            && event.action() == QLatin1String("instance-updated")) {
            ++eventsSeen;
            if (firstEventNs < 0)
                firstEventNs = clock.nsecsElapsed();
        }
    });
    QObject::connect(&cache, &ResourceCache::rowChanged, &app, [&](int row) {
        if (!loaded) {
            checkLoaded();
            return;
        }
        const ResourceCache::Entry &entry = cache.at(row);
        if (pendingBurst.isEmpty() || !pendingBurst.contains(entry.key)
            || entry.object.value(QLatin1String("config")).toObject().value(BenchKey).toString() != token)
            return;
        pendingBurst.remove(entry.key);
        if (!pendingBurst.isEmpty())
            return;
        const qint64 now = clock.nsecsElapsed();
        result.insert(QStringLiteral("burst_ms"), (now - burstStartNs) / 1e6);
        result.insert(QStringLiteral("burst_from_first_event_ms"), (now - firstEventNs) / 1e6);
        result.insert(QStringLiteral("burst_events"), eventsSeen);
        result.insert(QStringLiteral("burst_requests"), cache.requestsMade() - burstRequestsBefore);
        result.insert(QStringLiteral("burst_max_blocked_ms"), probe.maxBlockedMs());
        result.insert(QStringLiteral("burst_max_blocked_cpu_ms"), probe.maxBusyCpuMs());
        result.insert(QStringLiteral("burst_listings"), cache.listingsMade() - 1);
        worker->wait(); // its last replies are in: the thread is ending
        finish(0);
    });

    cache.load();
    const int code = app.exec();
    if (worker) {
        worker->wait();
        delete worker;
    }
    return code;
}
