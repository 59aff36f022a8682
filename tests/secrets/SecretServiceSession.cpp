#include "SecretServiceSession.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QThread>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>
#include <vector>

namespace {

// A session bus with no activatable services (no <servicedir>): nothing starts behind the test's back.
QByteArray busConfiguration(const QString &socketDirectory)
{
    return QByteArrayLiteral(
               "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
               " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
               "<busconfig>\n"
               "  <type>session</type>\n"
               "  <listen>unix:dir=")
        + socketDirectory.toUtf8()
        + QByteArrayLiteral("</listen>\n"
                            "  <auth>EXTERNAL</auth>\n"
                            "  <policy context=\"default\">\n"
                            "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                            "    <allow eavesdrop=\"true\"/>\n"
                            "    <allow own=\"*\"/>\n"
                            "  </policy>\n"
                            "</busconfig>\n");
}

} // namespace

SecretServiceSession::SecretServiceSession() = default;

SecretServiceSession::~SecretServiceSession()
{
    stopKeyring();
}

bool SecretServiceSession::hasNoSessionBus()
{
    return qEnvironmentVariableIntValue("BERTH_TEST_NO_SESSION_BUS") == 1;
}

int SecretServiceSession::runOnPrivateBus(int argc, char **argv)
{
    if (hasNoSessionBus()) {
        // No bus at all: an address where nothing listens, and no X display to autolaunch one from.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/berth-test-no-bus");
        qunsetenv("DISPLAY");
        return -1;
    }
    if (qEnvironmentVariableIntValue("BERTH_TEST_PRIVATE_BUS") == 1) {
        // dbus-run-session read its configuration before it started us.
        const QByteArray configuration = qgetenv("BERTH_TEST_BUS_CONFIG");
        if (!configuration.isEmpty())
            ::unlink(configuration.constData());
        return -1;
    }

    // Plain C from here: no QCoreApplication exists yet, and exec replaces this process.
    char path[] = "/tmp/berth-test-bus-XXXXXX.conf";
    const int fd = ::mkstemps(path, 5);
    if (fd < 0) {
        std::fprintf(stderr, "cannot write a D-Bus configuration: %s\n", std::strerror(errno));
        return 1;
    }
    const QByteArray configuration = busConfiguration(QStringLiteral("/tmp"));
    if (::write(fd, configuration.constData(), size_t(configuration.size())) != configuration.size()) {
        std::fprintf(stderr, "cannot write %s\n", path);
        ::close(fd);
        ::unlink(path);
        return 1;
    }
    ::close(fd);
    ::setenv("BERTH_TEST_PRIVATE_BUS", "1", 1);
    ::setenv("BERTH_TEST_BUS_CONFIG", path, 1);
    ::unsetenv("DISPLAY");
    std::vector<char *> arguments;
    QByteArray configArgument = QByteArrayLiteral("--config-file=") + path;
    arguments.push_back(const_cast<char *>("dbus-run-session"));
    arguments.push_back(configArgument.data());
    arguments.push_back(const_cast<char *>("--"));
    for (int i = 0; i < argc; ++i)
        arguments.push_back(argv[i]);
    arguments.push_back(nullptr);
    ::execvp("dbus-run-session", arguments.data());
    std::fprintf(stderr, "cannot run dbus-run-session (Debian package dbus-bin): %s\n", std::strerror(errno));
    ::unlink(path);
    return 1;
}

bool SecretServiceSession::startKeyring(QString *why)
{
    if (qEnvironmentVariableIntValue("BERTH_TEST_PRIVATE_BUS") != 1) {
        *why = QStringLiteral("not on the private test bus");
        return false;
    }
    m_home = std::make_unique<QTemporaryDir>();
    const QDir home(m_home->path());
    for (const char *folder : {"data", "config", "cache", "runtime"})
        home.mkpath(QString::fromLatin1(folder));
    QFile::setPermissions(home.filePath(QStringLiteral("runtime")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("runtime")));
    m_keyring = std::make_unique<QProcess>();
    m_keyring->setProcessEnvironment(environment);
    m_keyring->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_keyring->setStandardOutputFile(QProcess::nullDevice());
    m_keyring->start(
        QStringLiteral("gnome-keyring-daemon"),
        {QStringLiteral("--foreground"), QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
    if (!m_keyring->waitForStarted(10000)) {
        *why = QStringLiteral("cannot start gnome-keyring-daemon (Debian package gnome-keyring): %1")
                   .arg(m_keyring->errorString());
        m_keyring.reset();
        return false;
    }
    // --unlock reads the login keyring's password, here empty, and creates that keyring.
    m_keyring->write("\n");
    m_keyring->closeWriteChannel();

    // Ready when the Secret Service answers and its default collection is the login keyring.
    QDBusConnection bus = QDBusConnection::sessionBus();
    const QDeadlineTimer deadline(20000);
    QString lastError = QStringLiteral("no answer");
    while (!deadline.hasExpired()) {
        if (m_keyring->state() == QProcess::NotRunning) {
            *why = QStringLiteral("gnome-keyring-daemon exited with status %1").arg(m_keyring->exitCode());
            return false;
        }
        QDBusMessage call = QDBusMessage::createMethodCall(
            QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
            QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("ReadAlias"));
        call << QStringLiteral("default");
        const QDBusReply<QDBusObjectPath> reply = bus.call(call, QDBus::Block, 2000);
        if (reply.isValid() && reply.value().path() != QLatin1String("/"))
            return true;
        lastError = reply.isValid() ? QStringLiteral("no default collection yet") : reply.error().message();
        QCoreApplication::processEvents();
        QThread::msleep(50);
    }
    *why = QStringLiteral("gnome-keyring-daemon did not get ready: %1").arg(lastError);
    return false;
}

void SecretServiceSession::stopKeyring()
{
    if (!m_keyring)
        return;
    if (m_keyring->state() != QProcess::NotRunning) {
        m_keyring->terminate();
        if (!m_keyring->waitForFinished(5000)) {
            m_keyring->kill();
            m_keyring->waitForFinished(5000);
        }
    }
    m_keyring.reset();
    m_home.reset();
}

QByteArray SecretServiceSession::lookup(const QString &service, const QString &key)
{
    // QtKeychain's libsecret schema: attributes user (the key), server (the service) and type.
    for (const QString &type : {QStringLiteral("base64"), QStringLiteral("plaintext")}) {
        QProcess process;
        process.start(QStringLiteral("secret-tool"),
                      {QStringLiteral("lookup"), QStringLiteral("user"), key, QStringLiteral("server"),
                       service, QStringLiteral("type"), type});
        if (!process.waitForFinished(20000) || process.exitCode() != 0)
            continue;
        const QByteArray output = process.readAllStandardOutput();
        if (output.isEmpty())
            continue;
        return type == QLatin1String("base64") ? QByteArray::fromBase64(output) : output;
    }
    return {};
}
