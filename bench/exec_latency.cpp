// exec_latency: how long Berth takes to run `true` in an instance (ExecJob: the exec request, its
// streams, the end of the operation), call after call on one connection as an application would, with
// the requests each call makes and the longest event-loop block. The first call, which also opens the
// event stream, is reported apart. One JSON object on standard output (see BenchReport).

#include "BenchReport.h"
#include "CountingTransport.h"
#include "EventLoopProbe.h"
#include "LaunchClock.h"
#include "lxd/ExecJob.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTimer>

#include <functional>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Runs `true` in an instance again and again."));
    parser.addHelpOption();
    const QCommandLineOption socketOption(QStringLiteral("socket"),
                                          QStringLiteral("The daemon's unix socket."), QStringLiteral("path"),
                                          QStringLiteral("/var/lib/lxd/unix.socket"));
    const QCommandLineOption projectOption(QStringLiteral("project"),
                                           QStringLiteral("The instance's project."), QStringLiteral("name"),
                                           QStringLiteral("default"));
    const QCommandLineOption instanceOption(QStringLiteral("instance"), QStringLiteral("A running instance."),
                                            QStringLiteral("name"));
    const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("Calls after the first."),
                                         QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           QStringLiteral("Give up after this long."),
                                           QStringLiteral("seconds"), QStringLiteral("120"));
    const QCommandLineOption discardOption(
        QStringLiteral("discard-output"),
        QStringLiteral("Run with no streams attached (ExecRequest::setDiscardOutput), as raw curl does."));
    parser.addOptions(
        {socketOption, projectOption, instanceOption, countOption, timeoutOption, discardOption});
    parser.process(app);
    const QString instance = parser.value(instanceOption);
    const int count = qMax(1, parser.value(countOption).toInt());
    const bool discardOutput = parser.isSet(discardOption);
    if (instance.isEmpty()) {
        std::fprintf(stderr, "exec_latency: --instance is required\n");
        return 2;
    }

    BenchReport report;
    QTimer::singleShot(parser.value(timeoutOption).toInt() * 1000, &app,
                       [&report] { report.fail(QStringLiteral("timed out")); });
    EventLoopProbe probe;
    probe.start();
    CountingTransport *transport = nullptr;
    const Lxd::Client client = CountingTransport::overUnixSocket(parser.value(socketOption), &transport)
                                   .useProject(parser.value(projectOption));

    QList<double> samples;
    QJsonArray samplesJson;
    int call = 0;
    int requestsBefore = 0;
    int webSocketsBefore = 0;
    QElapsedTimer clock;
    std::function<void()> runOne = [&] {
        clock.start();
        Lxd::ExecRequest request({QStringLiteral("true")});
        request.setDiscardOutput(discardOutput);
        Lxd::ExecJob *job = Lxd::ExecJob::execute(client, instance, request);
        QObject::connect(job, &Lxd::Job::finished, &app, [&](Lxd::Job *done) {
            const double ms = clock.nsecsElapsed() / 1e6;
            if (done->error()) {
                report.fail(done->error().detail());
                return;
            }
            if (static_cast<Lxd::ExecJob *>(done)->exitCode() != 0) {
                report.fail(QStringLiteral("`true` exited with %1")
                                .arg(static_cast<Lxd::ExecJob *>(done)->exitCode()));
                return;
            }
            if (call++ == 0) {
                report.set(QStringLiteral("first_call_ms"), ms);
                report.set(QStringLiteral("first_call_requests"), transport->total());
                requestsBefore = transport->total();
                webSocketsBefore = transport->webSockets();
                probe.reset(); // the measured calls alone
            } else {
                samples.append(ms);
                samplesJson.append(ms);
            }
            if (call <= count) {
                QTimer::singleShot(0, &app, runOne);
                return;
            }
            report.set(QStringLiteral("calls"), count);
            report.set(QStringLiteral("median_ms"), BenchReport::median(samples));
            report.set(QStringLiteral("samples_ms"), samplesJson);
            report.set(QStringLiteral("requests_per_call"),
                       double(transport->total() - requestsBefore) / count);
            report.set(QStringLiteral("web_sockets_per_call"),
                       double(transport->webSockets() - webSocketsBefore) / count);
            report.set(QStringLiteral("max_blocked_ms"), probe.maxBlockedMs());
            report.finish();
        });
    };
    runOne();
    return app.exec();
}
