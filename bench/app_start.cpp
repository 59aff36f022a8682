// app_start: Berth's cold start to a populated window. The application as src/app/main.cpp builds it
// (theme, remote registry, main window), with settings that reopen a project's instances as the last
// session left them, timed from launch to the first paint of the instance table with every row, and to
// the first paint after every running row has its state. Run it under the offscreen platform or Xvfb.
// One JSON object on standard output (see BenchReport).

#include "BenchReport.h"
#include "CountingTransport.h"
#include "EventLoopProbe.h"
#include "LaunchClock.h"
#include "MainWindow.h"
#include "PaintSignal.h"
#include "ResourceListWidget.h"
#include "Theme.h"
#include "models/Remote.h"
#include "models/RemoteRegistry.h"
#include "models/ResourceCache.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPointer>
#include <QSettings>
#include <QTableView>
#include <QTimer>

int main(int argc, char **argv)
{
    const LaunchClock launch;
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Berth"));
    QApplication::setOrganizationName(QStringLiteral("Berth"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Starts Berth on a project's instances."));
    parser.addHelpOption();
    const QCommandLineOption socketOption(QStringLiteral("socket"),
                                          QStringLiteral("The daemon's unix socket."), QStringLiteral("path"),
                                          QStringLiteral("/var/lib/lxd/unix.socket"));
    const QCommandLineOption projectOption(QStringLiteral("project"), QStringLiteral("The project to show."),
                                           QStringLiteral("name"), QStringLiteral("default"));
    const QCommandLineOption configOption(QStringLiteral("config"),
                                          QStringLiteral("A folder for Berth's settings (never the user's)."),
                                          QStringLiteral("dir"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           QStringLiteral("Give up after this long."),
                                           QStringLiteral("seconds"), QStringLiteral("120"));
    parser.addOptions({socketOption, projectOption, configOption, timeoutOption});
    parser.process(application);
    const QString project = parser.value(projectOption);
    if (!parser.isSet(configOption)) {
        std::fprintf(stderr, "app_start: --config DIR is required (the user's settings stay untouched)\n");
        return 2;
    }
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, parser.value(configOption));
    {
        // Where the last session was: this project's instances on the local remote.
        QSettings settings;
        settings.beginGroup(QStringLiteral("Session"));
        settings.setValue(QStringLiteral("remote"), QStringLiteral("local"));
        settings.setValue(QStringLiteral("project"), project);
        settings.setValue(QStringLiteral("section"), QStringLiteral("Instances"));
        settings.endGroup();
    }

    BenchReport report;
    EventLoopProbe probe;
    probe.start();

    Theme::initialize();
    Theme::apply(Theme::fromKey(QSettings().value(QStringLiteral("View/theme")).toString()));
    Models::RemoteRegistry registry;
    CountingTransport *transport = nullptr;
    registry.add(QStringLiteral("local"),
                 CountingTransport::overUnixSocket(parser.value(socketOption), &transport));
    MainWindow window(&registry);
    window.resize(1280, 800);
    window.show();
    report.set(QStringLiteral("window_shown_ms"), launch.msSinceLaunch());

    const auto instanceCache = [&]() -> Models::ResourceCache * {
        Models::Remote *remote = registry.find(QStringLiteral("local"));
        if (!remote || window.currentProject() != project
            || window.currentSection() != MainWindow::Section::Instances)
            return nullptr;
        return remote->existingCache(Models::ResourceKind::instances(), project);
    };
    // Whether a running row still lacks its state: worked out again only after the cache changed, so
    // that the bench's own checks (every paint, every 5 ms) do not weigh on the thread it measures.
    QPointer<Models::ResourceCache> watchedCache;
    bool stateMissing = true;
    bool stateMissingKnown = false;
    const auto runningWithoutState = [&](Models::ResourceCache *cache) {
        if (cache != watchedCache) {
            watchedCache = cache;
            stateMissingKnown = false;
            const auto forget = [&] {
                stateMissingKnown = false;
            };
            QObject::connect(cache, &Models::ResourceStore::rowChanged, &application, forget);
            QObject::connect(cache, &Models::ResourceStore::rowsInserted, &application, forget);
            QObject::connect(cache, &Models::ResourceStore::rowRemoved, &application, forget);
        }
        if (!stateMissingKnown) {
            stateMissingKnown = true;
            stateMissing = false;
            for (int row = 0; row < cache->count() && !stateMissing; ++row) {
                const QString status = cache->at(row).object.value(QLatin1String("status")).toString();
                stateMissing = status == QLatin1String("Running") && cache->at(row).state.isEmpty();
            }
        }
        return stateMissing;
    };
    // What the paint about to happen shows: nothing yet, every row, or every row with its state.
    const auto shown = [&]() -> int {
        Models::ResourceCache *cache = instanceCache();
        QTableView *view = window.resourceList()->tableView();
        if (!cache || cache->state() != Models::ResourceStore::State::Ready || !view->isVisible()
            || !view->model() || view->model()->rowCount() != cache->count() || cache->count() == 0)
            return 0;
        return runningWithoutState(cache) ? 1 : 2;
    };
    QTimer::singleShot(parser.value(timeoutOption).toInt() * 1000, &application, [&] {
        // Say where the window got to.
        Models::ResourceCache *cache = instanceCache();
        const QAbstractItemModel *shownModel = window.resourceList()->tableView()->model();
        report.fail(
            QStringLiteral("timed out: showing %1/%2 (section %3), cache %4 with %5 rows, view %6 rows")
                .arg(window.currentRemote(), window.currentProject())
                .arg(int(window.currentSection()))
                .arg(cache ? int(cache->state()) : -1)
                .arg(cache ? cache->count() : -1)
                .arg(shownModel ? shownModel->rowCount() : -1));
    });
    // The last state may land on a row out of sight, which repaints nothing: ask for the paint then.
    QTimer completeCheck;
    // The settings above should reopen the project; where the window does not get there by itself
    // (the tree chose another node first), go there as the user would, once the tree has the project.
    bool placed = false;
    QObject::connect(&completeCheck, &QTimer::timeout, &application, [&] {
        if (!placed && window.currentProject() != project) {
            if (window.showSection(QStringLiteral("local"), project, MainWindow::Section::Instances))
                report.set(QStringLiteral("place_restored"), false);
        }
        placed = placed || window.currentProject() == project;
        if (!report.contains(QStringLiteral("complete_ms")) && shown() == 2)
            window.resourceList()->tableView()->viewport()->update();
    });
    completeCheck.start(5);
    PaintSignal paints;
    window.resourceList()->tableView()->viewport()->installEventFilter(&paints);
    QObject::connect(&paints, &PaintSignal::paintRequested, &application, [&] {
        const int what = shown();
        if (what == 0)
            return;
        // The paint runs after this filter: note the time once it is done and flushed.
        QTimer::singleShot(0, &application, [&, what] {
            if (!report.contains(QStringLiteral("first_ms"))) {
                report.set(QStringLiteral("first_ms"), launch.msSinceLaunch());
                report.set(QStringLiteral("instances"), instanceCache()->count());
            }
            if (what < 2)
                return;
            int running = 0;
            Models::ResourceCache *cache = instanceCache();
            for (int row = 0; row < cache->count(); ++row)
                running += cache->at(row).state.isEmpty() ? 0 : 1;
            report.set(QStringLiteral("complete_ms"), launch.msSinceLaunch());
            report.set(QStringLiteral("running"), running);
            report.set(QStringLiteral("requests"), transport->total());
            report.set(QStringLiteral("web_sockets"), transport->webSockets());
            report.set(QStringLiteral("max_blocked_ms"), probe.maxBlockedMs());
            report.set(QStringLiteral("max_blocked_cpu_ms"), probe.maxBusyCpuMs());
            report.finish();
        });
    });
    return application.exec();
}
