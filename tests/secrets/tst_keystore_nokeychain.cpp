// KeyStore and ClientIdentityStore where no keychain service answers: on a private session bus without a
// Secret Service, and (run with BERTH_TEST_NO_SESSION_BUS=1) with no session bus at all. Nothing may be
// written unless the caller allows the file, and then only a file that only the user can read.
#include "JobWaiter.h"
#include "SecretServiceSession.h"
#include "SecretsTestSupport.h"
#include "secrets/ClientIdentityJob.h"
#include "secrets/ClientIdentityStore.h"
#include "secrets/KeyStore.h"
#include "secrets/KeyStoreJob.h"
#include "secrets/SecretFileStore.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusVariant>
#include <QDBusVirtualObject>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using Secrets::ClientIdentityJob;
using Secrets::ClientIdentityStore;
using Secrets::KeyStore;
using Secrets::KeyStoreJob;
using Secrets::SecretFileStore;
using SecretsTestSupport::filesBelow;
using SecretsTestSupport::modeOf;
using SecretsTestSupport::wait;

namespace {

struct IdentityOutcome
{
    bool finished = false;
    Lxd::Error error;
    bool noKeychain = false;
    bool generated = false;
    QByteArray fingerprint;
    KeyStoreJob::Location keyLocation = KeyStoreJob::Location::None;
    bool hasClientCertificate = false;
};

IdentityOutcome waitIdentity(ClientIdentityJob *job)
{
    IdentityOutcome outcome;
    outcome.finished = waitAndRead(job, [&outcome](ClientIdentityJob *done) {
        outcome.error = done->error();
        outcome.noKeychain = done->isNoKeychain();
        outcome.generated = done->wasGenerated();
        outcome.fingerprint = done->fingerprint();
        outcome.keyLocation = done->keyLocation();
        outcome.hasClientCertificate = done->identity().hasClientCertificate();
    });
    return outcome;
}

// A Secret Service that answers the question whether it is there, and then never anything else: a keychain
// stuck behind a prompt nobody answers.
class StuckSecretService final : public QDBusVirtualObject
{
public:
    QString introspect(const QString &) const override { return {}; }
    bool handleMessage(const QDBusMessage &message, const QDBusConnection &connection) override
    {
        if (message.interface() == QLatin1String("org.freedesktop.DBus.Properties")
            && message.member() == QLatin1String("Get")) {
            const QList<QDBusObjectPath> collections;
            connection.send(
                message.createReply(QVariant::fromValue(QDBusVariant(QVariant::fromValue(collections)))));
            return true;
        }
        message.setDelayedReply(true);
        return true;
    }
};

} // namespace

class NoKeychainTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_config = std::make_unique<QTemporaryDir>();
        QVERIFY(m_config->isValid());
        m_store = std::make_unique<KeyStore>(m_config->path());
    }
    void cleanup()
    {
        m_store.reset();
        m_config.reset();
    }

    void storeWithoutConsentWritesNothing()
    {
        const QByteArray secret = QByteArrayLiteral("the private key");
        const auto outcome = wait(m_store->store(QStringLiteral("client.key"), secret));
        QVERIFY(outcome.finished);
        QVERIFY(outcome.error);
        QCOMPARE(outcome.failure, KeyStoreJob::Failure::NoKeychain);
        QVERIFY2(outcome.error.detail().contains(QLatin1String("no keychain service answers")),
                 qPrintable(outcome.error.detail()));
        QVERIFY(outcome.userMessage.contains(QLatin1String("No keychain service")));
        QVERIFY(!outcome.error.detail().contains(QString::fromLatin1(secret)));
        QCOMPARE(filesBelow(m_config->path()), QStringList());
        QVERIFY(!QFileInfo::exists(m_store->fallbackDirectory()));
    }

    void storeWithConsentUsesAPrivateFile()
    {
        const QString key = QStringLiteral("client.key");
        const QByteArray secret("the private key\n\0with a zero", 29);
        const auto stored = wait(m_store->store(key, secret, KeyStore::FileFallback::Allow));
        QVERIFY2(!stored.error, qPrintable(stored.error.detail()));
        QCOMPARE(stored.location, KeyStoreJob::Location::File);

        const QString path = SecretFileStore(m_store->fallbackDirectory()).filePath(key);
        QCOMPARE(filesBelow(m_config->path()), QStringList {path});
        QCOMPARE(modeOf(path), 0600);
        QCOMPARE(modeOf(m_store->fallbackDirectory()), 0700);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), secret);

        // Read back without a keychain: from the file.
        const auto read = wait(m_store->read(key));
        QVERIFY2(!read.error, qPrintable(read.error.detail()));
        QCOMPARE(read.location, KeyStoreJob::Location::File);
        QCOMPARE(read.secret, secret);

        // Removing still reports that the keychain could not be asked, but the file is gone.
        const auto removed = wait(m_store->remove(key));
        QCOMPARE(removed.failure, KeyStoreJob::Failure::NoKeychain);
        QVERIFY(!QFileInfo::exists(path));
    }

    void readingWhatIsNowhereSaysNoKeychain()
    {
        const auto read = wait(m_store->read(QStringLiteral("missing")));
        QVERIFY(read.error);
        QCOMPARE(read.failure, KeyStoreJob::Failure::NoKeychain);
        QVERIFY(read.secret.isEmpty());
    }

    // Keys that look like paths stay inside the folder.
    void keysCannotEscapeTheFolder()
    {
        const SecretFileStore files(m_store->fallbackDirectory());
        for (const QString &key :
             {QStringLiteral("../escape"), QStringLiteral(".."), QStringLiteral("a/b")}) {
            QCOMPARE(QFileInfo(files.filePath(key)).absolutePath(),
                     QDir(m_store->fallbackDirectory()).absolutePath());
            QVERIFY(!wait(m_store->store(key, QByteArrayLiteral("x"), KeyStore::FileFallback::Allow)).error);
        }
        QCOMPARE(filesBelow(m_config->path()).size(), 3);
        for (const QString &file : filesBelow(m_config->path()))
            QVERIFY2(file.startsWith(m_store->fallbackDirectory() + QLatin1Char('/')), qPrintable(file));
    }

    void clientIdentityAsksBeforeUsingAFile()
    {
        ClientIdentityStore identities(m_store.get(), m_config->path());

        const auto refused = waitIdentity(identities.load());
        QVERIFY(refused.finished);
        QVERIFY(refused.error);
        QVERIFY(refused.noKeychain);
        QVERIFY(!refused.hasClientCertificate);
        // Neither the certificate nor the key: a certificate alone would be an identity without its key.
        QCOMPARE(filesBelow(m_config->path()), QStringList());

        const auto allowed = waitIdentity(identities.load(QString(), KeyStore::FileFallback::Allow));
        QVERIFY2(!allowed.error, qPrintable(allowed.error.detail()));
        QVERIFY(allowed.generated);
        QVERIFY(allowed.hasClientCertificate);
        QCOMPARE(allowed.keyLocation, KeyStoreJob::Location::File);
        const QString keyFile
            = SecretFileStore(m_store->fallbackDirectory()).filePath(ClientIdentityStore::keyName());
        QCOMPARE(filesBelow(m_config->path()), (QStringList {identities.certificatePath(), keyFile}));
        QCOMPARE(modeOf(keyFile), 0600);

        // Later loads find the key in the file, even without being allowed again: it is already there.
        const auto again = waitIdentity(identities.load());
        QVERIFY2(!again.error, qPrintable(again.error.detail()));
        QVERIFY(!again.generated);
        QCOMPARE(again.fingerprint, allowed.fingerprint);
    }

    // Last: it leaves QtKeychain's queue waiting on the stuck call.
    void stuckKeychainTimesOut()
    {
        if (SecretServiceSession::hasNoSessionBus())
            QSKIP("needs a session bus to put the stuck service on");
        qDBusRegisterMetaType<QList<QDBusObjectPath>>();
        QDBusConnection bus = QDBusConnection::sessionBus();
        StuckSecretService service;
        QVERIFY(bus.registerVirtualObject(QStringLiteral("/org/freedesktop/secrets"), &service,
                                          QDBusConnection::SubPath));
        QVERIFY(bus.registerService(QStringLiteral("org.freedesktop.secrets")));
        m_store->setKeychainTimeout(1000);

        const auto stored = wait(
            m_store->store(QStringLiteral("k"), QByteArrayLiteral("v"), KeyStore::FileFallback::Allow));
        QVERIFY(stored.finished);
        QVERIFY(stored.error);
        QCOMPARE(stored.failure, KeyStoreJob::Failure::Other);
        QVERIFY2(stored.error.detail().contains(QLatin1String("did not answer")),
                 qPrintable(stored.error.detail()));
        // A keychain exists, so the file was not used even though it was allowed.
        QCOMPARE(filesBelow(m_config->path()), QStringList());

        bus.unregisterService(QStringLiteral("org.freedesktop.secrets"));
        bus.unregisterObject(QStringLiteral("/org/freedesktop/secrets"), QDBusConnection::UnregisterTree);
    }

private:
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<KeyStore> m_store;
};

BERTH_SECRETS_TEST_MAIN(NoKeychainTest)

#include "tst_keystore_nokeychain.moc"
