#include "LxcCommand.h"

#include <QProcess>
#include <QProcessEnvironment>

LxcResult LxcCommand::run(const QStringList &arguments, Testbed::Daemon daemon, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QString dir = Testbed::lxdDir(daemon);
    if (!dir.isEmpty())
        environment.insert(QStringLiteral("LXD_DIR"), dir);
    process.setProcessEnvironment(environment);
    // `lxc init`/`launch` read a YAML config from stdin when it is not a terminal: give it nothing.
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(QStringLiteral("lxc"), arguments);
    LxcResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.errorOutput = QStringLiteral("lxc %1 timed out").arg(arguments.join(QLatin1Char(' ')));
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = QString::fromUtf8(process.readAllStandardOutput());
    result.errorOutput = QString::fromUtf8(process.readAllStandardError());
    return result;
}
