// event_latency: from the daemon's timestamp on a lifecycle event to the instance model's dataChanged
// for the row it names. A second client (another connection, as `lxc config set` from a terminal
// would be) changes one instance's configuration, one change at a time; Berth's cache learns of it from
// the event stream, fetches the instance and updates the row. Both clocks are the host's own
// (CLOCK_REALTIME), the event's timestamp taken to the nanosecond. One JSON object on standard output.

#include "BenchReport.h"
#include "CountingTransport.h"
#include "EventLoopProbe.h"
#include "LaunchClock.h"
#include "lxd/EventStream.h"
#include "models/InstanceTableModel.h"
#include "models/ResourceCache.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <utility>

namespace {

const QString BenchKey = QStringLiteral("user.berth-bench");

// "2026-12-05T08:10:11.123456789Z" (or with an offset) to nanoseconds since the epoch; -1 if malformed.
qint64 timestampNs(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)(?:\\.(\\d{1,9}))?(Z|[+-]\\d\\d:\\d\\d)$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return -1;
    const QDateTime seconds = QDateTime::fromString(match.captured(1) + match.captured(3), Qt::ISODate);
    if (!seconds.isValid())
        return -1;
    const qint64 fraction = match.captured(2).leftJustified(9, QLatin1Char('0')).toLongLong();
    return seconds.toSecsSinceEpoch() * 1000000000 + fraction;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times events from the daemon to the model."));
    parser.addHelpOption();
    const QCommandLineOption socketOption(QStringLiteral("socket"),
                                          QStringLiteral("The daemon's unix socket."), QStringLiteral("path"),
                                          QStringLiteral("/var/lib/lxd/unix.socket"));
    const QCommandLineOption projectOption(QStringLiteral("project"), QStringLiteral("The project to load."),
                                           QStringLiteral("name"), QStringLiteral("default"));
    const QCommandLineOption instanceOption(
        QStringLiteral("instance"), QStringLiteral("The instance to change."), QStringLiteral("name"));
    const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("Changes to time."),
                                         QStringLiteral("n"), QStringLiteral("30"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           QStringLiteral("Give up after this long."),
                                           QStringLiteral("seconds"), QStringLiteral("120"));
    parser.addOptions({socketOption, projectOption, instanceOption, countOption, timeoutOption});
    parser.process(app);
    const QString socket = parser.value(socketOption);
    const QString project = parser.value(projectOption);
    const QString instance = parser.value(instanceOption);
    const int count = qMax(1, parser.value(countOption).toInt());
    if (instance.isEmpty()) {
        std::fprintf(stderr, "event_latency: --instance is required\n");
        return 2;
    }

    BenchReport report;
    QTimer::singleShot(parser.value(timeoutOption).toInt() * 1000, &app,
                       [&report] { report.fail(QStringLiteral("timed out")); });
    EventLoopProbe probe;
    probe.start();
    CountingTransport *transport = nullptr;
    const Lxd::Client client = CountingTransport::overUnixSocket(socket, &transport).useProject(project);
    const Lxd::Client changer = Lxd::Client::overUnixSocket(socket).useProject(project);
    Models::ResourceCache cache(client, Models::ResourceKind::instances());
    Models::InstanceTableModel model(&cache);

    const QString source = QStringLiteral("/1.0/instances/") + instance;
    QString token; // the value of the change under way
    qint64 eventNs = -1; // its event's daemon timestamp
    qint64 arrivalNs = -1;
    int done = 0;
    int requestsBefore = 0;
    QList<double> latencies;
    QList<double> arrivals;
    QJsonArray latenciesJson;

    std::function<void()> changeOnce = [&] {
        token = QStringLiteral("%1-%2").arg(QCoreApplication::applicationPid()).arg(done);
        eventNs = -1;
        arrivalNs = -1;
        Lxd::ApiJob *job
            = changer.api(QByteArrayLiteral("PATCH"), QStringLiteral("/instances/") + instance,
                          QJsonObject {{QStringLiteral("config"), QJsonObject {{BenchKey, token}}}});
        QObject::connect(job, &Lxd::Job::finished, &app, [&](Lxd::Job *patch) {
            if (patch->error())
                report.fail(patch->error().detail());
        });
    };

    QObject::connect(client.events(), &Lxd::EventStream::eventReceived, &app, [&](const Lxd::Event &event) {
        if (token.isEmpty() || eventNs >= 0 || !event.isLifecycle()
            || event.action() != QLatin1String("instance-updated")
            || event.source().section(QLatin1Char('?'), 0, 0) != source) // "?project=" outside default
            return;
        arrivalNs = LaunchClock::realtimeNs();
        eventNs = timestampNs(event.raw.value(QLatin1String("timestamp")).toString());
        if (eventNs < 0)
            report.fail(QStringLiteral("unreadable event timestamp"));
    });
    QObject::connect(
        &model, &QAbstractItemModel::dataChanged, &app,
        [&](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            const int row = cache.indexOf(project, instance);
            if (token.isEmpty() || eventNs < 0 || row < topLeft.row() || row > bottomRight.row())
                return;
            const QJsonObject config = cache.at(row).object.value(QLatin1String("config")).toObject();
            if (config.value(BenchKey).toString() != token)
                return;
            const qint64 nowNs = LaunchClock::realtimeNs();
            latencies.append((nowNs - eventNs) / 1e6);
            latenciesJson.append((nowNs - eventNs) / 1e6);
            arrivals.append((arrivalNs - eventNs) / 1e6);
            token.clear();
            if (++done < count) {
                // Let the daemon settle between changes, so each is timed on its own.
                QTimer::singleShot(20, &app, changeOnce);
                return;
            }
            report.set(QStringLiteral("events"), count);
            report.set(QStringLiteral("median_ms"), BenchReport::median(latencies));
            report.set(QStringLiteral("max_ms"), *std::max_element(latencies.cbegin(), latencies.cend()));
            report.set(QStringLiteral("median_arrival_ms"), BenchReport::median(arrivals));
            report.set(QStringLiteral("samples_ms"), latenciesJson);
            report.set(QStringLiteral("requests_per_event"),
                       double(transport->total() - requestsBefore) / count);
            report.set(QStringLiteral("max_blocked_ms"), probe.maxBlockedMs());
            report.finish();
        });
    bool started = false;
    QObject::connect(&cache, &Models::ResourceStore::listed, &app, [&] {
        if (std::exchange(started, true))
            return;
        if (cache.indexOf(project, instance) < 0) {
            report.fail(QStringLiteral("no instance %1 in project %2").arg(instance, project));
            return;
        }
        // After the state fetches of the load have settled.
        QTimer::singleShot(500, &app, [&] {
            requestsBefore = transport->total();
            probe.reset();
            changeOnce();
        });
    });
    cache.load();
    return app.exec();
}
