#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

// A private D-Bus session bus for the secrets tests, and on it (when asked) a real Secret Service:
// gnome-keyring-daemon with a login keyring unlocked by an empty password, its files in a temporary folder.
// The user's own session bus and keyring are never touched.
//
// The bus must outlive every D-Bus connection of the test process (libsecret's GDBus connection raises
// SIGTERM when its bus goes away), so the test runs as a child of `dbus-run-session`: see
// BERTH_SECRETS_TEST_MAIN. The bus has no service activation: a Secret Service exists only when the test
// starts one.
class SecretServiceSession
{
public:
    SecretServiceSession();
    ~SecretServiceSession();
    SecretServiceSession(const SecretServiceSession &) = delete;
    SecretServiceSession &operator=(const SecretServiceSession &) = delete;

    // Run first thing in main(). Returns -1 to go on with the test (already on a private bus, or told to
    // run with no session bus at all by BERTH_TEST_NO_SESSION_BUS=1), else the exit status of the child.
    static int runOnPrivateBus(int argc, char **argv);
    static bool hasNoSessionBus();

    // Starts gnome-keyring-daemon on the private bus and waits until its login keyring is the default
    // collection. False with the reason otherwise.
    bool startKeyring(QString *why);
    void stopKeyring();

    // `secret-tool lookup` of what QtKeychain stored for (service, key): the bytes, or empty.
    static QByteArray lookup(const QString &service, const QString &key);

private:
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<QProcess> m_keyring;
};

// main() for a test of the secrets layer: the test runs on a private session bus (see above).
#define BERTH_SECRETS_TEST_MAIN(TestObject)                                                                  \
    int main(int argc, char **argv)                                                                          \
    {                                                                                                        \
        if (const int status = SecretServiceSession::runOnPrivateBus(argc, argv); status >= 0)               \
            return status;                                                                                   \
        QCoreApplication app(argc, argv);                                                                    \
        TestObject test;                                                                                     \
        QTEST_SET_MAIN_SOURCE_PATH                                                                           \
        return QTest::qExec(&test, argc, argv);                                                              \
    }
