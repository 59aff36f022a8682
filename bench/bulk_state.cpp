// bulk_state: a state change of a multi-selection, as the app's Stop/Start actions make it
// (InstanceManager::changeStateMany: LXD 5.0's bulk request covers whole projects only, so one request
// per instance, all in flight together), timed from the click to the job's end and to the instance
// model showing every selected row in its new status. One JSON object on standard output.

#include "BenchReport.h"
#include "CountingTransport.h"
#include "EventLoopProbe.h"
#include "LaunchClock.h"
#include "lxd/InstanceManager.h"
#include "models/InstanceTableModel.h"
#include "models/ResourceCache.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Stops or starts a multi-selection of instances."));
    parser.addHelpOption();
    const QCommandLineOption socketOption(QStringLiteral("socket"),
                                          QStringLiteral("The daemon's unix socket."), QStringLiteral("path"),
                                          QStringLiteral("/var/lib/lxd/unix.socket"));
    const QCommandLineOption projectOption(QStringLiteral("project"), QStringLiteral("The project to load."),
                                           QStringLiteral("name"), QStringLiteral("default"));
    const QCommandLineOption namesOption(
        QStringLiteral("names"), QStringLiteral("The selection, comma-separated."), QStringLiteral("names"));
    const QCommandLineOption actionOption(QStringLiteral("action"), QStringLiteral("stop or start."),
                                          QStringLiteral("action"), QStringLiteral("stop"));
    const QCommandLineOption forceOption(QStringLiteral("force"),
                                         QStringLiteral("Kill rather than shut down."));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           QStringLiteral("Give up after this long."),
                                           QStringLiteral("seconds"), QStringLiteral("180"));
    parser.addOptions({socketOption, projectOption, namesOption, actionOption, forceOption, timeoutOption});
    parser.process(app);
    const QString project = parser.value(projectOption);
    const QStringList names = parser.value(namesOption).split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QString action = parser.value(actionOption);
    if (names.isEmpty() || (action != QLatin1String("stop") && action != QLatin1String("start"))) {
        std::fprintf(stderr, "bulk_state: --names and --action stop|start are required\n");
        return 2;
    }
    const QString wanted
        = action == QLatin1String("stop") ? QStringLiteral("Stopped") : QStringLiteral("Running");

    BenchReport report;
    report.set(QStringLiteral("action"), action);
    report.set(QStringLiteral("instances"), int(names.size()));
    QTimer::singleShot(parser.value(timeoutOption).toInt() * 1000, &app,
                       [&report] { report.fail(QStringLiteral("timed out")); });
    EventLoopProbe probe;
    probe.start();
    CountingTransport *transport = nullptr;
    const Lxd::Client client
        = CountingTransport::overUnixSocket(parser.value(socketOption), &transport).useProject(project);
    Models::ResourceCache cache(client, Models::ResourceKind::instances());
    Models::InstanceTableModel model(&cache);

    QElapsedTimer clock;
    bool clicked = false;
    int requestsBefore = 0;
    const auto maybeFinish = [&] {
        if (!report.contains(QStringLiteral("job_ms")) || !report.contains(QStringLiteral("model_ms")))
            return;
        report.set(QStringLiteral("requests"), transport->total() - requestsBefore);
        report.set(QStringLiteral("max_blocked_ms"), probe.maxBlockedMs());
        report.set(QStringLiteral("max_blocked_cpu_ms"), probe.maxBusyCpuMs());
        report.finish();
    };
    const auto checkModel = [&] {
        if (!clicked || report.contains(QStringLiteral("model_ms")))
            return;
        for (const QString &name : names) {
            const int row = cache.indexOf(project, name);
            if (row < 0 || cache.at(row).object.value(QLatin1String("status")).toString() != wanted)
                return;
        }
        report.set(QStringLiteral("model_ms"), clock.nsecsElapsed() / 1e6);
        maybeFinish();
    };
    const auto click = [&] {
        for (const QString &name : names) {
            const int row = cache.indexOf(project, name);
            if (row < 0) {
                report.fail(QStringLiteral("no instance %1 in project %2").arg(name, project));
                return;
            }
            if (cache.at(row).object.value(QLatin1String("status")).toString() == wanted) {
                report.fail(QStringLiteral("%1 is %2 already").arg(name, wanted));
                return;
            }
        }
        requestsBefore = transport->total();
        probe.reset();
        clicked = true;
        clock.start();
        Lxd::BulkStateChangeJob *job
            = Lxd::InstanceManager(client).changeStateMany(names, action, -1, parser.isSet(forceOption));
        QObject::connect(job, &Lxd::Job::finished, &app, [&](Lxd::Job *done) {
            if (done->error()) {
                report.fail(done->error().detail());
                return;
            }
            report.set(QStringLiteral("job_ms"), clock.nsecsElapsed() / 1e6);
            maybeFinish();
        });
    };
    // The user clicks once the list is complete (state fetched for the running rows).
    bool listed = false;
    const auto maybeClick = [&] {
        if (clicked || !listed)
            return;
        for (int row = 0; row < cache.count(); ++row) {
            const QString status = cache.at(row).object.value(QLatin1String("status")).toString();
            if (status == QLatin1String("Running") && cache.at(row).state.isEmpty())
                return;
        }
        click();
    };
    QObject::connect(&cache, &Models::ResourceStore::listed, &app, [&] {
        listed = true;
        maybeClick();
    });
    QObject::connect(&model, &QAbstractItemModel::dataChanged, &app, [&] {
        maybeClick();
        checkModel();
    });
    cache.load();
    return app.exec();
}
