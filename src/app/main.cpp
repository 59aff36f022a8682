#include "MainWindow.h"
#include "Theme.h"
#include "models/RemoteRegistry.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Berth"));
    QApplication::setOrganizationName(QStringLiteral("Berth"));
    QApplication::setApplicationVersion(QStringLiteral(BERTH_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("berth"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "A desktop manager for LXD and Incus."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption socketOption(
        QStringLiteral("socket"),
        QApplication::translate(
            "main", "Also connect to the daemon listening on the unix socket PATH, as remote NAME."),
        QStringLiteral("NAME=PATH"));
    parser.addOption(socketOption);
    parser.process(application);

    Theme::initialize();
    Theme::apply(Theme::fromKey(QSettings().value(QStringLiteral("View/theme")).toString()));

    Models::RemoteRegistry registry;
    registry.addLocalRemotes();
    const QStringList sockets = parser.values(socketOption);
    for (const QString &socket : sockets) {
        const QString name = socket.section(QLatin1Char('='), 0, 0);
        const QString path = socket.section(QLatin1Char('='), 1);
        if (!name.isEmpty() && !path.isEmpty())
            registry.add(name, Lxd::Client::overUnixSocket(path));
    }

    MainWindow window(&registry);
    window.show();
    return application.exec();
}
