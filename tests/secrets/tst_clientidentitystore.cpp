// ClientIdentityStore with a real Secret Service (gnome-keyring on a private session bus): the certificate in
// the configuration folder, the key in the keychain and nowhere else.
#include "JobWaiter.h"
#include "SecretServiceSession.h"
#include "SecretsTestSupport.h"
#include "secrets/ClientCertificateGenerator.h"
#include "secrets/ClientIdentityJob.h"
#include "secrets/ClientIdentityStore.h"
#include "secrets/KeyStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using Secrets::ClientCertificateGenerator;
using Secrets::ClientIdentityJob;
using Secrets::ClientIdentityStore;
using Secrets::KeyStore;
using Secrets::KeyStoreJob;
using SecretsTestSupport::filesBelow;
using SecretsTestSupport::wait;

namespace {

struct IdentityOutcome
{
    bool finished = false;
    Lxd::Error error;
    bool generated = false;
    QByteArray fingerprint;
    QByteArray certificatePem;
    Lxd::TlsIdentity identity;
    KeyStoreJob::Location keyLocation = KeyStoreJob::Location::None;
};

IdentityOutcome waitIdentity(ClientIdentityJob *job)
{
    IdentityOutcome outcome;
    outcome.finished = waitAndRead(job, [&outcome](ClientIdentityJob *done) {
        outcome.error = done->error();
        outcome.generated = done->wasGenerated();
        outcome.fingerprint = done->fingerprint();
        outcome.certificatePem = done->certificatePem();
        outcome.identity = done->identity();
        outcome.keyLocation = done->keyLocation();
    });
    return outcome;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class ClientIdentityStoreTest final : public QObject
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
        m_keys = std::make_unique<KeyStore>(m_config->path());
        m_keys->setService(QStringLiteral("berth-test-") + QUuid::createUuid().toString(QUuid::Id128));
        m_identities = std::make_unique<ClientIdentityStore>(m_keys.get(), m_config->path());
    }
    void cleanup()
    {
        m_identities.reset();
        m_keys.reset();
        m_config.reset();
    }
    void cleanupTestCase() { m_session.stopKeyring(); }

    void generatedOnFirstNeedThenReused()
    {
        QVERIFY(!QFileInfo::exists(m_identities->certificatePath()));
        const auto first = waitIdentity(m_identities->load());
        QVERIFY(first.finished);
        QVERIFY2(!first.error, qPrintable(first.error.detail()));
        QVERIFY(first.generated);
        QVERIFY(first.identity.hasClientCertificate());
        QCOMPARE(first.keyLocation, KeyStoreJob::Location::Keychain);
        QCOMPARE(Lxd::TlsIdentity::fingerprint(first.identity.clientCertificate()), first.fingerprint);

        // The certificate in the configuration folder, and only it.
        QCOMPARE(filesBelow(m_config->path()), QStringList {m_identities->certificatePath()});
        QCOMPARE(readFile(m_identities->certificatePath()), first.certificatePem);
        // The key in gnome-keyring, and it is the certificate's key.
        const QByteArray keyPem
            = SecretServiceSession::lookup(m_keys->service(), ClientIdentityStore::keyName());
        QVERIFY(keyPem.contains("PRIVATE KEY"));
        QCOMPARE(QSslKey(keyPem, QSsl::Ec).toPem(), first.identity.clientKey().toPem());
        QVERIFY(!readFile(m_identities->certificatePath()).contains("PRIVATE KEY"));

        const auto second = waitIdentity(m_identities->load());
        QVERIFY2(!second.error, qPrintable(second.error.detail()));
        QVERIFY(!second.generated);
        QCOMPARE(second.fingerprint, first.fingerprint);
        QCOMPARE(second.identity.clientKey().toPem(), first.identity.clientKey().toPem());
    }

    void lostKeyMeansANewIdentity()
    {
        const auto first = waitIdentity(m_identities->load());
        QVERIFY2(!first.error, qPrintable(first.error.detail()));
        QVERIFY(!wait(m_keys->remove(ClientIdentityStore::keyName())).error);

        const auto remade = waitIdentity(m_identities->load());
        QVERIFY2(!remade.error, qPrintable(remade.error.detail()));
        QVERIFY(remade.generated);
        QVERIFY(remade.fingerprint != first.fingerprint);
        QCOMPARE(readFile(m_identities->certificatePath()), remade.certificatePem);
    }

    void keyOfAnotherCertificateIsRefused()
    {
        QVERIFY(!waitIdentity(m_identities->load()).error);
        const auto other = ClientCertificateGenerator::generate();
        QVERIFY(other.isValid());
        QVERIFY(!wait(m_keys->store(ClientIdentityStore::keyName(), other.privateKeyPem)).error);

        const auto loaded = waitIdentity(m_identities->load());
        QVERIFY(loaded.error);
        QCOMPARE(loaded.error.kind(), Lxd::Error::Kind::Parse);
        QVERIFY2(loaded.error.detail().contains(QLatin1String("does not belong")),
                 qPrintable(loaded.error.detail()));
        QVERIFY(!loaded.identity.hasClientCertificate());
        QVERIFY(!loaded.error.detail().contains(QString::fromLatin1(other.privateKeyPem.mid(40, 20))));
    }

    void namedIdentities()
    {
        const auto pair = ClientCertificateGenerator::generate();
        QVERIFY(pair.isValid());
        const auto saved = waitIdentity(
            m_identities->save(QStringLiteral("lxc"), pair.certificatePem, pair.privateKeyPem));
        QVERIFY2(!saved.error, qPrintable(saved.error.detail()));
        QCOMPARE(filesBelow(m_config->path()),
                 QStringList {m_identities->certificatePath(QStringLiteral("lxc"))});
        QCOMPARE(SecretServiceSession::lookup(m_keys->service(),
                                              ClientIdentityStore::keyName(QStringLiteral("lxc"))),
                 pair.privateKeyPem);

        const auto loaded = waitIdentity(m_identities->load(QStringLiteral("lxc")));
        QVERIFY2(!loaded.error, qPrintable(loaded.error.detail()));
        QVERIFY(!loaded.generated);
        QCOMPARE(loaded.certificatePem, pair.certificatePem);
        QVERIFY(loaded.identity.hasClientCertificate());

        // A named identity is never made up.
        const auto missing = waitIdentity(m_identities->load(QStringLiteral("incus")));
        QVERIFY(missing.error);
        QVERIFY(!missing.generated);

        // A certificate with somebody else's key, or a name that is a path, saves nothing.
        const auto other = ClientCertificateGenerator::generate();
        const auto mismatched = waitIdentity(
            m_identities->save(QStringLiteral("mixed"), pair.certificatePem, other.privateKeyPem));
        QVERIFY(mismatched.error);
        const auto badName = waitIdentity(
            m_identities->save(QStringLiteral("../x"), pair.certificatePem, pair.privateKeyPem));
        QVERIFY(badName.error);
        QCOMPARE(filesBelow(m_config->path()),
                 QStringList {m_identities->certificatePath(QStringLiteral("lxc"))});
        QCOMPARE(SecretServiceSession::lookup(m_keys->service(),
                                              ClientIdentityStore::keyName(QStringLiteral("mixed"))),
                 QByteArray());
    }

private:
    SecretServiceSession m_session;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<KeyStore> m_keys;
    std::unique_ptr<ClientIdentityStore> m_identities;
};

BERTH_SECRETS_TEST_MAIN(ClientIdentityStoreTest)

#include "tst_clientidentitystore.moc"
