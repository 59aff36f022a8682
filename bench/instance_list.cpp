// instance_list: the time from launch to the first instance list a view could paint, and to the complete
// list with the state (addresses, memory) of every running instance, with the requests that took, the
// peak memory and the longest event-loop block. Two ways, as an application would use Berth:
//
//   --mode library   InstanceManager::all() (recursion=1), then the state of each running instance,
//                    all requested at once over the transport's pool of kept-alive connections
//   --mode model     a ResourceCache and InstanceTableModel: events first, one listing, then state
//
// One JSON object on standard output (see BenchReport). bench/run runs it beside curl, lxc and pylxd.

#include "BenchReport.h"
#include "CountingTransport.h"
#include "EventLoopProbe.h"
#include "LaunchClock.h"
#include "lxd/InstanceManager.h"
#include "models/InstanceTableModel.h"
#include "models/ResourceCache.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

namespace {

bool hasLiveState(const QString &status)
{
    return status == QLatin1String("Running") || status == QLatin1String("Frozen");
}

} // namespace

int main(int argc, char **argv)
{
    const LaunchClock launch;
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lists a project's instances with Berth."));
    parser.addHelpOption();
    const QCommandLineOption socketOption(QStringLiteral("socket"),
                                          QStringLiteral("The daemon's unix socket."), QStringLiteral("path"),
                                          QStringLiteral("/var/lib/lxd/unix.socket"));
    const QCommandLineOption projectOption(QStringLiteral("project"), QStringLiteral("The project to list."),
                                           QStringLiteral("name"), QStringLiteral("default"));
    const QCommandLineOption modeOption(QStringLiteral("mode"), QStringLiteral("library or model."),
                                        QStringLiteral("mode"), QStringLiteral("model"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           QStringLiteral("Give up after this long."),
                                           QStringLiteral("seconds"), QStringLiteral("120"));
    parser.addOptions({socketOption, projectOption, modeOption, timeoutOption});
    parser.process(app);
    const QString mode = parser.value(modeOption);
    if (mode != QLatin1String("library") && mode != QLatin1String("model")) {
        std::fprintf(stderr, "instance_list: --mode is library or model\n");
        return 2;
    }

    BenchReport report;
    report.set(QStringLiteral("mode"), mode);
    QTimer::singleShot(parser.value(timeoutOption).toInt() * 1000, &app,
                       [&report] { report.fail(QStringLiteral("timed out")); });
    EventLoopProbe probe;
    probe.start();
    const double startMs = launch.msSinceLaunch();
    report.set(QStringLiteral("startup_ms"), startMs);

    CountingTransport *transport = nullptr;
    const Lxd::Client client = CountingTransport::overUnixSocket(parser.value(socketOption), &transport)
                                   .useProject(parser.value(projectOption));

    const auto complete = [&](int instances, int running) {
        report.set(QStringLiteral("complete_ms"), launch.msSinceLaunch());
        report.set(QStringLiteral("instances"), instances);
        report.set(QStringLiteral("running"), running);
        report.set(QStringLiteral("requests"), transport->total());
        report.set(QStringLiteral("web_sockets"), transport->webSockets());
        report.set(QStringLiteral("max_blocked_ms"), probe.maxBlockedMs());
        report.set(QStringLiteral("max_blocked_cpu_ms"), probe.maxBusyCpuMs());
        report.finish();
    };

    // Library: one listing, then every running instance's state at once (the pool carries them).
    const Lxd::InstanceManager instances(client);
    QHash<QString, Lxd::InstanceState> states;
    int pendingStates = 0;
    int listed = 0;

    // Models: the cache and the table model the app's view shows.
    std::unique_ptr<Models::ResourceCache> cache;
    std::unique_ptr<Models::InstanceTableModel> model;
    const auto checkModelComplete = [&] {
        if (report.contains(QStringLiteral("complete_ms")) || !report.contains(QStringLiteral("first_ms")))
            return;
        int running = 0;
        for (int row = 0; row < cache->count(); ++row) {
            const Models::ResourceStore::Entry &entry = cache->at(row);
            if (!hasLiveState(entry.object.value(QLatin1String("status")).toString()))
                continue;
            if (entry.state.isEmpty())
                return;
            ++running;
        }
        complete(model->rowCount(), running);
    };

    if (mode == QLatin1String("library")) {
        auto *list = instances.all();
        QObject::connect(list, &Lxd::Job::finished, &app, [&](Lxd::Job *job) {
            if (job->error()) {
                report.fail(job->error().detail());
                return;
            }
            const QList<Lxd::Instance> objects = static_cast<Lxd::ListJob<Lxd::Instance> *>(job)->objects();
            listed = int(objects.size());
            report.set(QStringLiteral("first_ms"), launch.msSinceLaunch());
            for (const Lxd::Instance &instance : objects) {
                if (!hasLiveState(instance.status()))
                    continue;
                ++pendingStates;
                const QString name = instance.name();
                auto *stateJob = instances.state(name);
                QObject::connect(stateJob, &Lxd::Job::finished, &app, [&, name](Lxd::Job *done) {
                    if (done->error()) {
                        report.fail(name + QStringLiteral(": ") + done->error().detail());
                        return;
                    }
                    states.insert(name, static_cast<Lxd::ObjectJob<Lxd::InstanceState> *>(done)->object());
                    if (--pendingStates == 0)
                        complete(listed, int(states.size()));
                });
            }
            if (pendingStates == 0)
                complete(listed, 0);
        });
    } else {
        cache = std::make_unique<Models::ResourceCache>(client, Models::ResourceKind::instances());
        model = std::make_unique<Models::InstanceTableModel>(cache.get());
        QObject::connect(cache.get(), &Models::ResourceStore::listed, &app, [&] {
            if (!report.contains(QStringLiteral("first_ms"))) {
                report.set(QStringLiteral("first_ms"), launch.msSinceLaunch());
                report.set(QStringLiteral("first_rows"), model->rowCount());
            }
            checkModelComplete();
        });
        QObject::connect(model.get(), &QAbstractItemModel::dataChanged, &app, checkModelComplete);
        QObject::connect(cache.get(), &Models::ResourceStore::stateChanged, &app,
                         [&](Models::ResourceStore::State state) {
                             if (state == Models::ResourceStore::State::Failed)
                                 report.fail(cache->lastError().detail());
                         });
        cache->load();
    }
    return app.exec();
}
