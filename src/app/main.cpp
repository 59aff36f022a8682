#include "MainWindow.h"
#include "MessageBox.h"
#include "RemoteActions.h"
#include "SavedRemotes.h"
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
    // The remotes kept across runs (on the first start, the daemons of this computer); HTTPS ones connect
    // once their client key is read from the keychain.
    SavedRemotes saved(&registry);
    const Lxd::Error remotesError = saved.load();
    const QStringList sockets = parser.values(socketOption);
    for (const QString &socket : sockets) {
        const QString name = socket.section(QLatin1Char('='), 0, 0);
        const QString path = socket.section(QLatin1Char('='), 1);
        if (!name.isEmpty() && !path.isEmpty())
            registry.add(name, Lxd::Client::overUnixSocket(path));
    }

    MainWindow window(&registry);
    new RemoteActions(&window, &saved); // owned by the window
    window.show();
    if (remotesError)
        MessageBox::error(&window, QApplication::translate("main", "Remotes"),
                          QApplication::translate("main",
                                                  "Berth's list of remotes could not be read, so only the "
                                                  "daemons given on the command line are connected. The "
                                                  "file is left as it is."),
                          remotesError.detail());
    return application.exec();
}
