#include "Testbed.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocalSocket>

namespace {

QHash<QString, QString> readEnvFile()
{
    QHash<QString, QString> values;
    QString path = qEnvironmentVariable("BERTH_TESTBED_ENV");
    if (path.isEmpty())
        path = QStringLiteral("/var/lib/berth-testbed/testbed.env");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return values;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0)
            continue;
        QString value = line.mid(equals + 1);
        if (value.size() >= 2 && value.startsWith(QLatin1Char('\'')) && value.endsWith(QLatin1Char('\'')))
            value = value.mid(1, value.size() - 2);
        values.insert(line.left(equals), value);
    }
    return values;
}

QString daemonKey(Testbed::Daemon daemon, const char *suffix)
{
    const char *prefix = "BERTH_TESTBED_LOCAL_";
    switch (daemon) {
    case Testbed::Daemon::Local:
        break;
    case Testbed::Daemon::Second:
        prefix = "BERTH_TESTBED_SECOND_";
        break;
    case Testbed::Daemon::Cluster:
        prefix = "BERTH_TESTBED_CLUSTER_";
        break;
    case Testbed::Daemon::Cluster2:
        prefix = "BERTH_TESTBED_CLUSTER2_";
        break;
    }
    return QString::fromLatin1(prefix) + QString::fromLatin1(suffix);
}

} // namespace

QString Testbed::value(const QString &key)
{
    const QString fromEnvironment = qEnvironmentVariable(qPrintable(key));
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    static const QHash<QString, QString> fromFile = readEnvFile();
    return fromFile.value(key);
}

QString Testbed::socketPath(Daemon daemon)
{
    return value(daemonKey(daemon, "SOCKET"));
}
QString Testbed::lxdDir(Daemon daemon)
{
    return value(daemonKey(daemon, "DIR"));
}
QString Testbed::httpsAddress(Daemon daemon)
{
    return value(daemonKey(daemon, "HTTPS"));
}
QString Testbed::clusterMemberName(Daemon daemon)
{
    if (daemon != Daemon::Cluster && daemon != Daemon::Cluster2)
        return {};
    return value(daemonKey(daemon, "MEMBER"));
}
QString Testbed::trustPassword()
{
    return value(QStringLiteral("BERTH_TESTBED_TRUST_PASSWORD"));
}
QString Testbed::imageAlias()
{
    return value(QStringLiteral("BERTH_TESTBED_IMAGE"));
}

QString Testbed::unavailableReason(Daemon daemon)
{
    const QString socket = socketPath(daemon);
    if (socket.isEmpty())
        return QStringLiteral("no testbed.env was found, or it has no %1 (an older testbed?)")
            .arg(daemonKey(daemon, "SOCKET"));
    if (!QFileInfo::exists(socket))
        return QStringLiteral("%1 does not exist").arg(socket);
    QLocalSocket probe;
    probe.connectToServer(socket);
    if (!probe.waitForConnected(2000))
        return QStringLiteral("%1 does not accept connections: %2").arg(socket, probe.errorString());
    return {};
}

bool Testbed::mustBePresent()
{
    return !qEnvironmentVariableIsEmpty("CI") || !qEnvironmentVariableIsEmpty("BERTH_REQUIRE_TESTBED");
}
