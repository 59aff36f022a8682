#include "LxcCommand.h"

#include <QEventLoop>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

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
    // Keep this thread's event loop turning while lxc runs: Berth's own sockets in the test must go on
    // reading and writing, or LXD 5.0.2 (which reads new connections inside its accept loop) stalls lxc.
    bool finished = false;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QObject::connect(&process, &QProcess::errorOccurred, &loop, [&](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            loop.quit();
    });
    if (process.state() != QProcess::NotRunning) {
        timeout.start(timeoutMs);
        loop.exec();
    }
    if (!finished && process.state() == QProcess::NotRunning && process.error() == QProcess::FailedToStart) {
        result.errorOutput = QStringLiteral("lxc could not be started: %1").arg(process.errorString());
        return result;
    }
    if (!finished) {
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
