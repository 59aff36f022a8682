// KeyStore against a real Secret Service: gnome-keyring-daemon on a private session bus.
#include "SecretServiceSession.h"
#include "SecretsTestSupport.h"
#include "secrets/KeyStore.h"
#include "secrets/KeyStoreJob.h"
#include "secrets/SecretFileStore.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using Secrets::KeyStore;
using Secrets::KeyStoreJob;
using Secrets::SecretFileStore;
using SecretsTestSupport::filesBelow;
using SecretsTestSupport::wait;

class KeyStoreTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString why;
        QVERIFY2(m_session.startKeyring(&why), qPrintable(why));
    }
    void init()
    {
        m_config = std::make_unique<QTemporaryDir>();
        QVERIFY(m_config->isValid());
        m_store = std::make_unique<KeyStore>(m_config->path());
        // Each test its own service, so that no test sees another's secrets.
        m_store->setService(QStringLiteral("berth-test-") + QUuid::createUuid().toString(QUuid::Id128));
    }
    void cleanup()
    {
        m_store.reset();
        m_config.reset();
    }
    void cleanupTestCase() { m_session.stopKeyring(); }

    void storeReadRemove()
    {
        const QString key = QStringLiteral("client.key");
        const QByteArray secret = QByteArrayLiteral("-----BEGIN EC PRIVATE KEY-----\nnot really a key\n");

        const auto stored = wait(m_store->store(key, secret));
        QVERIFY(stored.finished);
        QVERIFY2(!stored.error, qPrintable(stored.error.detail()));
        QCOMPARE(stored.location, KeyStoreJob::Location::Keychain);
        // In gnome-keyring itself, as another Secret Service client sees it; and nowhere on disk.
        QCOMPARE(SecretServiceSession::lookup(m_store->service(), key), secret);
        QCOMPARE(filesBelow(m_config->path()), QStringList());

        const auto read = wait(m_store->read(key));
        QVERIFY2(!read.error, qPrintable(read.error.detail()));
        QCOMPARE(read.secret, secret);
        QCOMPARE(read.location, KeyStoreJob::Location::Keychain);

        const auto removed = wait(m_store->remove(key));
        QVERIFY2(!removed.error, qPrintable(removed.error.detail()));
        QCOMPARE(SecretServiceSession::lookup(m_store->service(), key), QByteArray());

        const auto gone = wait(m_store->read(key));
        QVERIFY(gone.error);
        QCOMPARE(gone.failure, KeyStoreJob::Failure::NotFound);
        QVERIFY(gone.secret.isEmpty());

        // Removing what is not there is fine.
        const auto again = wait(m_store->remove(key));
        QVERIFY2(!again.error, qPrintable(again.error.detail()));
    }

    void binarySecretsAndOverwrite()
    {
        const QString key = QStringLiteral("token/remote a");
        QByteArray binary;
        for (int i = 0; i < 256; ++i)
            binary.append(char(i));
        QVERIFY(!wait(m_store->store(key, binary)).error);
        QCOMPARE(wait(m_store->read(key)).secret, binary);

        const QByteArray replacement = QByteArrayLiteral("second value");
        QVERIFY(!wait(m_store->store(key, replacement)).error);
        QCOMPARE(wait(m_store->read(key)).secret, replacement);
        QVERIFY(!wait(m_store->remove(key)).error);
    }

    // A secret kept in the file while there was no keychain is still found, and moves to the keychain
    // when it is stored again.
    void fileCopyIsFoundAndThenReplaced()
    {
        const QString key = QStringLiteral("client.key");
        const SecretFileStore files(m_store->fallbackDirectory());
        QVERIFY(!files.write(key, QByteArrayLiteral("from the file")));

        const auto read = wait(m_store->read(key));
        QVERIFY2(!read.error, qPrintable(read.error.detail()));
        QCOMPARE(read.location, KeyStoreJob::Location::File);
        QCOMPARE(read.secret, QByteArrayLiteral("from the file"));

        const auto stored = wait(m_store->store(key, QByteArrayLiteral("in the keychain")));
        QVERIFY2(!stored.error, qPrintable(stored.error.detail()));
        QCOMPARE(stored.location, KeyStoreJob::Location::Keychain);
        QVERIFY(!files.contains(key));
        QCOMPARE(wait(m_store->read(key)).secret, QByteArrayLiteral("in the keychain"));

        // And remove() clears both places.
        QVERIFY(!files.write(key, QByteArrayLiteral("stale")));
        QVERIFY(!wait(m_store->remove(key)).error);
        QVERIFY(!files.contains(key));
        QCOMPARE(wait(m_store->read(key)).failure, KeyStoreJob::Failure::NotFound);
    }

    void jobsFinishOnceFromTheEventLoop()
    {
        KeyStoreJob *job = m_store->store(QStringLiteral("k"), QByteArrayLiteral("v"));
        QSignalSpy finished(job, &Lxd::Job::finished);
        // Not from inside store(): a caller can still connect.
        QCOMPARE(finished.count(), 0);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.count(), 1);
        QTest::qWait(50);
        QCOMPARE(finished.count(), 1);
    }

    void emptyKeyIsRefused()
    {
        const auto outcome = wait(m_store->store(QString(), QByteArrayLiteral("v")));
        QVERIFY(outcome.error);
        QCOMPARE(outcome.failure, KeyStoreJob::Failure::Other);
    }

    void cancelAndAbandon()
    {
        KeyStoreJob *cancelled = m_store->store(QStringLiteral("c"), QByteArrayLiteral("v"));
        Lxd::Error error;
        bool done = false;
        connect(cancelled, &Lxd::Job::finished, this, [&](Lxd::Job *job) {
            error = job->error();
            done = true;
        });
        cancelled->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY(error.isCancelled());

        // Abandoned while QtKeychain is busy: nothing is reported and nothing crashes when it answers.
        KeyStoreJob *abandoned = m_store->read(QStringLiteral("c"));
        bool reported = false;
        connect(abandoned, &Lxd::Job::finished, this, [&reported] { reported = true; });
        QTest::qWait(20);
        abandoned->abandon();
        const auto later = wait(m_store->store(QStringLiteral("after"), QByteArrayLiteral("v")));
        QVERIFY2(!later.error, qPrintable(later.error.detail()));
        QTest::qWait(200);
        QVERIFY(!reported);
        QVERIFY(!wait(m_store->remove(QStringLiteral("after"))).error);
        QVERIFY(!wait(m_store->remove(QStringLiteral("c"))).error);
    }

private:
    SecretServiceSession m_session;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<KeyStore> m_store;
};

BERTH_SECRETS_TEST_MAIN(KeyStoreTest)

#include "tst_keystore.moc"
