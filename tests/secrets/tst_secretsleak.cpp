// After a full set-up (Berth's own certificate made and trusted by the second daemon's trust password, a
// second identity trusted by the cluster's trust token, lxc's certificate imported, remotes and settings
// saved, errors logged), neither Berth's configuration folder, nor its QSettings, nor anything logged holds a
// private key, a token or a password. The keychain is gnome-keyring on a private session bus; the daemons are
// the testbed's.
#include "JobWaiter.h"
#include "LxcCommand.h"
#include "SecretServiceSession.h"
#include "SecretsTestSupport.h"
#include "Testbed.h"
#include "lxd/AuthenticateJob.h"
#include "lxd/Client.h"
#include "lxd/ServerCertificateProbe.h"
#include "secrets/ClientCertificateGenerator.h"
#include "secrets/ClientIdentityJob.h"
#include "secrets/ClientIdentityStore.h"
#include "secrets/ConfigDirectory.h"
#include "secrets/KeyStore.h"
#include "secrets/LxcConfigImporter.h"
#include "secrets/RemoteConfigStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Secrets;
using SecretsTestSupport::filesBelow;
using SecretsTestSupport::formsOf;
using SecretsTestSupport::Needle;
using SecretsTestSupport::searchForSecrets;

namespace {

QMutex logMutex;
QString capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker locker(&logMutex);
        capturedLog += message + QLatin1Char('\n');
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

struct IdentityOutcome
{
    Lxd::Error error;
    Lxd::TlsIdentity identity;
    QByteArray fingerprint;
};

IdentityOutcome waitIdentity(ClientIdentityJob *job)
{
    IdentityOutcome outcome;
    const bool done = waitAndRead(job, [&outcome](ClientIdentityJob *finished) {
        outcome.error = finished->error();
        outcome.identity = finished->identity();
        outcome.fingerprint = finished->fingerprint();
        if (finished->error())
            qWarning() << "identity job failed:" << finished->error() << finished->userMessage();
    });
    if (!done)
        outcome.error = Lxd::Error(Lxd::Error::Kind::Io, QStringLiteral("timed out"));
    return outcome;
}

QByteArray serverFingerprint(const QUrl &url)
{
    QByteArray fingerprint;
    waitAndRead(new Lxd::ServerCertificateProbe(url),
                [&fingerprint](Lxd::ServerCertificateProbe *probe) { fingerprint = probe->fingerprint(); });
    return fingerprint;
}

// Authenticates like the UI would, logging the outcome the way the app logs errors.
Lxd::Error authenticate(Lxd::AuthenticateJob *job)
{
    Lxd::Error error;
    if (!JobWaiter::wait(job, &error))
        return Lxd::Error(Lxd::Error::Kind::Network, QStringLiteral("timed out"));
    if (error)
        qWarning() << "authentication failed:" << error << error.userMessage();
    else
        qDebug() << "authenticated";
    return error;
}

} // namespace

class SecretsLeakTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_REQUIRE_TESTBED();
        for (const Testbed::Daemon daemon : {Testbed::Daemon::Second, Testbed::Daemon::Cluster}) {
            const QString reason = Testbed::unavailableReason(daemon);
            QVERIFY2(reason.isEmpty(), qPrintable(reason));
        }
        QString why;
        QVERIFY2(m_session.startKeyring(&why), qPrintable(why));
        QVERIFY(m_root.isValid());
        // Berth's folders and QSettings files, all below one temporary XDG_CONFIG_HOME.
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(configHome()));
        QCoreApplication::setOrganizationName(QStringLiteral("berth-leak-test"));
        QCoreApplication::setApplicationName(QStringLiteral("Berth"));
        previousHandler = qInstallMessageHandler(captureMessage);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(previousHandler);
        for (const auto &[daemon, fingerprint] : std::as_const(m_trusted))
            LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("remove"),
                             QString::fromLatin1(fingerprint)},
                            daemon);
        if (!m_tokenName.isEmpty())
            LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"),
                             QStringLiteral("revoke-token"), m_tokenName},
                            Testbed::Daemon::Cluster);
        m_session.stopKeyring();
    }

    void searchFindsWhatIsThere()
    {
        // The search itself must be able to fail.
        QTemporaryDir scratch;
        const QString planted = QDir(scratch.path()).filePath(QStringLiteral("planted"));
        QFile file(planted);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray pem = ClientCertificateGenerator::generate().privateKeyPem;
        file.write("prefix " + pem.split('\n').value(2) + " suffix");
        file.close();
        const QList<Needle> needles
            = formsOf(QStringLiteral("key"), pem) + formsOf(QStringLiteral("pw"), "hunter2");
        QCOMPARE(searchForSecrets({planted}, QString(), needles).size(), 1);
        QCOMPARE(searchForSecrets({}, QStringLiteral("the password is hunter2"), needles),
                 QStringList {QStringLiteral("log: pw")});
        QVERIFY(
            searchForSecrets({planted}, QStringLiteral("nothing"), formsOf(QStringLiteral("other"), "zzzzzz"))
                .isEmpty());
    }

    void fullSetUpLeavesNoSecretBehind()
    {
        QList<Needle> needles;
        const QString configDirectory = ConfigDirectory::path();
        QVERIFY2(configDirectory.startsWith(configHome()), qPrintable(configDirectory));

        KeyStore keys;
        ClientIdentityStore identities(&keys);

        // Berth's own identity, trusted by the second daemon through the trust password.
        const IdentityOutcome own = waitIdentity(identities.load());
        QVERIFY2(!own.error, qPrintable(own.error.detail()));
        const QByteArray ownKey
            = SecretServiceSession::lookup(keys.service(), ClientIdentityStore::keyName());
        QVERIFY(ownKey.contains("PRIVATE KEY"));
        needles += formsOf(QStringLiteral("Berth's private key"), ownKey);
        needles += formsOf(QStringLiteral("Berth's private key (as Qt writes it)"),
                           own.identity.clientKey().toPem());

        const QUrl second(QStringLiteral("https://") + Testbed::httpsAddress(Testbed::Daemon::Second));
        Lxd::TlsIdentity secondIdentity = own.identity;
        secondIdentity.setPinnedFingerprint(serverFingerprint(second));
        QVERIFY(secondIdentity.hasPin());
        const Lxd::Client secondClient = Lxd::Client::overHttps(second, secondIdentity);
        const QString password = Testbed::trustPassword();
        QVERIFY(!password.isEmpty());
        needles += formsOf(QStringLiteral("the trust password"), password.toUtf8());
        // A wrong password first, logged as the app logs failures.
        const QString wrongPassword = QStringLiteral("wrong-") + QUuid::createUuid().toString(QUuid::Id128);
        needles += formsOf(QStringLiteral("a wrong trust password"), wrongPassword.toUtf8());
        QVERIFY(authenticate(secondClient.authenticateWithPassword(wrongPassword)));
        const Lxd::Error byPassword = authenticate(secondClient.authenticateWithPassword(password));
        QVERIFY2(!byPassword, qPrintable(byPassword.userMessage()));
        m_trusted.append({Testbed::Daemon::Second, own.fingerprint});
        QVERIFY(secondClient.isTrusted());

        // A second identity, trusted by the cluster (through member m1) with a trust token.
        const auto pair = ClientCertificateGenerator::generate();
        QVERIFY(pair.isValid());
        needles += formsOf(QStringLiteral("the token identity's key"), pair.privateKeyPem);
        QVERIFY(
            !waitIdentity(identities.save(QStringLiteral("token"), pair.certificatePem, pair.privateKeyPem))
                 .error);
        const IdentityOutcome tokenIdentity = waitIdentity(identities.load(QStringLiteral("token")));
        QVERIFY2(!tokenIdentity.error, qPrintable(tokenIdentity.error.detail()));
        const QUrl cluster(QStringLiteral("https://") + Testbed::httpsAddress(Testbed::Daemon::Cluster));
        Lxd::TlsIdentity clusterIdentity = tokenIdentity.identity;
        clusterIdentity.setPinnedFingerprint(serverFingerprint(cluster));
        const Lxd::Client clusterClient = Lxd::Client::overHttps(cluster, clusterIdentity);
        m_tokenName = QStringLiteral("berth-leak-test-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        const LxcResult added
            = LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("add"),
                               QStringLiteral("--name"), m_tokenName},
                              Testbed::Daemon::Cluster, 60000);
        const QStringList lines = added.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(added.ok() && !lines.isEmpty(), qPrintable(added.errorOutput));
        const QString token = lines.constLast().trimmed();
        needles += formsOf(QStringLiteral("the trust token"), token.toUtf8());
        const QJsonObject decoded = QJsonDocument::fromJson(QByteArray::fromBase64(token.toUtf8())).object();
        const QString tokenSecret = decoded.value(QLatin1String("secret")).toString();
        QVERIFY2(!tokenSecret.isEmpty(), "the token does not carry a secret: has its format changed?");
        needles += formsOf(QStringLiteral("the trust token's secret"), tokenSecret.toUtf8());
        const Lxd::Error byToken = authenticate(clusterClient.authenticateWithToken(token));
        QVERIFY2(!byToken, qPrintable(byToken.userMessage()));
        m_tokenName.clear(); // used up
        m_trusted.append({Testbed::Daemon::Cluster, tokenIdentity.fingerprint});
        QVERIFY(clusterClient.isTrusted());

        // lxc's certificate, imported.
        QTemporaryDir lxcConf;
        const auto lxcPair = ClientCertificateGenerator::generate();
        needles += formsOf(QStringLiteral("lxc's private key"), lxcPair.privateKeyPem);
        for (const auto &[name, data] :
             {std::pair {QStringLiteral("client.crt"), lxcPair.certificatePem},
              std::pair {QStringLiteral("client.key"), lxcPair.privateKeyPem},
              std::pair {QStringLiteral("config.yml"),
                         QByteArrayLiteral("remotes:\n  far:\n    addr: https://192.0.2.1:8443\n")}}) {
            QFile file(QDir(lxcConf.path()).filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(data);
        }
        const auto imported = LxcConfigImporter::importFrom(
            LxcConfigImporter::sourceAt(lxcConf.path(), LxcConfigImporter::Tool::Lxc));
        QVERIFY(!imported.error);
        QVERIFY(imported.hasClientCertificate());
        qDebug() << "import warnings:" << imported.warnings;
        QVERIFY(!waitIdentity(identities.save(imported.source.identityName, imported.clientCertificatePem,
                                              imported.clientKeyPem))
                     .error);

        // The remote list, and the settings an application keeps.
        RemoteConfigStore::Contents contents;
        RemoteConfig secondRemote;
        secondRemote.name = QStringLiteral("second");
        secondRemote.url = second;
        secondRemote.pinnedFingerprint = secondIdentity.pinnedFingerprint();
        RemoteConfig clusterRemote;
        clusterRemote.name = QStringLiteral("cluster");
        clusterRemote.url = cluster;
        clusterRemote.pinnedFingerprint = clusterIdentity.pinnedFingerprint();
        clusterRemote.clientIdentity = QStringLiteral("token");
        contents.remotes = QList<RemoteConfig> {secondRemote, clusterRemote} + imported.remotes;
        contents.defaultRemote = QStringLiteral("second");
        QVERIFY(!RemoteConfigStore().save(contents));
        QSettings settings;
        settings.setValue(QStringLiteral("ui/lastRemote"), QStringLiteral("second"));
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
        QVERIFY2(settings.fileName().startsWith(configHome()), qPrintable(settings.fileName()));

        // Something to search, so that an empty search cannot pass by accident.
        const QStringList files = filesBelow(configHome());
        QVERIFY(files.contains(settings.fileName()));
        QVERIFY(files.contains(RemoteConfigStore().filePath()));
        QVERIFY(files.contains(identities.certificatePath()));
        QVERIFY(files.contains(identities.certificatePath(QStringLiteral("token"))));
        QVERIFY(files.contains(identities.certificatePath(QStringLiteral("lxc"))));

        QString log;
        {
            QMutexLocker locker(&logMutex);
            log = capturedLog;
        }
        QVERIFY(log.contains(QLatin1String("authentication failed")));
        const QStringList hits = searchForSecrets(files, log, needles);
        QVERIFY2(hits.isEmpty(),
                 qPrintable(QStringLiteral("secrets found:\n") + hits.join(QLatin1Char('\n'))));
    }

private:
    QString configHome() const { return QDir(m_root.path()).filePath(QStringLiteral("config")); }

    SecretServiceSession m_session;
    QTemporaryDir m_root;
    QList<std::pair<Testbed::Daemon, QByteArray>> m_trusted;
    QString m_tokenName; // a token not used yet, to revoke
};

BERTH_SECRETS_TEST_MAIN(SecretsLeakTest)

#include "tst_secretsleak.moc"
