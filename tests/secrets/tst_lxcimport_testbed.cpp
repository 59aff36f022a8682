// Importing a remote that `lxc remote add` made, and connecting with it: against the testbed's second daemon.
// `lxc` runs with LXD_CONF in a temporary folder, so the real user's configuration is never touched.
#include "JobWaiter.h"
#include "LxcCommand.h"
#include "Testbed.h"
#include "lxd/Client.h"
#include "lxd/TlsIdentity.h"
#include "secrets/LxcConfigImporter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using Secrets::LxcConfigImporter;
using Secrets::RemoteConfig;

namespace {

const QString remoteName = QStringLiteral("berth-import-test");

QByteArray hashOf(const QString &directory)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QStringList names = QDir(directory).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    for (const QString &name : names) {
        QFile file(QDir(directory).filePath(name));
        if (file.open(QIODevice::ReadOnly)) {
            hash.addData(name.toUtf8());
            hash.addData(file.readAll());
        }
    }
    return hash.result();
}

// GET /1.0 with `client`: whether the server says it trusts us. False when the request fails.
bool trustedBy(const Lxd::Client &client, QString *why)
{
    Lxd::Error error;
    if (!JobWaiter::wait(client.getServer(), &error)) {
        *why = QStringLiteral("GET /1.0 timed out");
        return false;
    }
    if (error) {
        *why = error.userMessage();
        return false;
    }
    return client.isTrusted();
}

} // namespace

class LxcImportTestbedTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        BERTH_REQUIRE_TESTBED();
        const QString reason = Testbed::unavailableReason(Testbed::Daemon::Second);
        QVERIFY2(reason.isEmpty(), qPrintable(reason));
        QVERIFY(m_lxcConf.isValid());
    }

    void cleanupTestCase()
    {
        // Also when a test failed half-way: the second daemon must not keep trusting a throw-away
        // certificate.
        if (!m_fingerprint.isEmpty())
            removeTrust();
    }

    void importAndConnect()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LXD_CONF"), m_lxcConf.path());
        // No local daemon: lxc's first run in a new LXD_CONF otherwise inspects the local daemon (to print
        // hints), and waits as long as that busy daemon takes. This remote is about the second daemon only.
        environment.insert(QStringLiteral("LXD_DIR"),
                           QDir(m_lxcConf.path()).filePath(QStringLiteral("no-local-daemon")));
        environment.remove(QStringLiteral("LXD_SOCKET"));
        QElapsedTimer clock;
        clock.start();
        QProcess lxc;
        lxc.setProcessEnvironment(environment);
        lxc.setStandardInputFile(QProcess::nullDevice());
        lxc.start(QStringLiteral("lxc"),
                  {QStringLiteral("remote"), QStringLiteral("add"), remoteName,
                   Testbed::httpsAddress(Testbed::Daemon::Second), QStringLiteral("--accept-certificate"),
                   QStringLiteral("--password"), Testbed::trustPassword()});
        QVERIFY2(lxc.waitForFinished(60000), "lxc remote add did not finish within 60 s");
        QVERIFY2(lxc.exitStatus() == QProcess::NormalExit && lxc.exitCode() == 0,
                 qPrintable(QString::fromUtf8(lxc.readAllStandardError())));
        qInfo("lxc remote add took %lld ms", clock.elapsed());
        const QSslCertificate lxcCertificate
            = QSslCertificate::fromPath(QDir(m_lxcConf.path()).filePath(QStringLiteral("client.crt")))
                  .value(0);
        QVERIFY(!lxcCertificate.isNull());
        m_fingerprint = Lxd::TlsIdentity::fingerprint(lxcCertificate);

        const QByteArray before = hashOf(m_lxcConf.path());
        const QByteArray serverCertsBefore
            = hashOf(QDir(m_lxcConf.path()).filePath(QStringLiteral("servercerts")));
        const auto result = LxcConfigImporter::importFrom(
            LxcConfigImporter::sourceAt(m_lxcConf.path(), LxcConfigImporter::Tool::Lxc));
        QVERIFY2(!result.error, qPrintable(result.error.detail()));
        QCOMPARE(hashOf(m_lxcConf.path()), before);
        QCOMPARE(hashOf(QDir(m_lxcConf.path()).filePath(QStringLiteral("servercerts"))), serverCertsBefore);

        const RemoteConfig *imported = nullptr;
        for (const RemoteConfig &remote : result.remotes) {
            if (remote.name == remoteName)
                imported = &remote;
        }
        QVERIFY2(imported, "the remote lxc added was not imported");
        QCOMPARE(imported->url,
                 QUrl(QStringLiteral("https://") + Testbed::httpsAddress(Testbed::Daemon::Second)));
        QCOMPARE(imported->clientIdentity, QStringLiteral("lxc"));
        // The pin is the second daemon's own certificate.
        const QSslCertificate serverCertificate
            = QSslCertificate::fromPath(
                  QDir(Testbed::lxdDir(Testbed::Daemon::Second)).filePath(QStringLiteral("server.crt")))
                  .value(0);
        QVERIFY(!serverCertificate.isNull());
        QCOMPARE(imported->pinnedFingerprint, Lxd::TlsIdentity::fingerprint(serverCertificate));
        // lxc's default image servers come along as image sources.
        QVERIFY(!result.imageSources().isEmpty());
        QVERIFY(result.hasClientCertificate());

        const Lxd::TlsIdentity identity = Lxd::TlsIdentity::fromPem(
            result.clientCertificatePem, result.clientKeyPem, imported->pinnedFingerprint);
        QVERIFY(identity.hasClientCertificate());
        QVERIFY(identity.hasPin());
        QString why;
        QVERIFY2(trustedBy(Lxd::Client::overHttps(imported->url, identity), &why), qPrintable(why));

        // Clean up, and prove it: the same identity is a stranger afterwards.
        removeTrust();
        QVERIFY2(!trustedBy(Lxd::Client::overHttps(imported->url, identity), &why) && why.isEmpty(),
                 qPrintable(QStringLiteral("still trusted after removal, or: ") + why));
    }

private:
    void removeTrust()
    {
        const LxcResult removed
            = LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("remove"),
                               QString::fromLatin1(m_fingerprint)},
                              Testbed::Daemon::Second);
        QVERIFY2(removed.ok(), qPrintable(removed.errorOutput));
        m_fingerprint.clear();
    }

    QTemporaryDir m_lxcConf;
    QByteArray m_fingerprint;
};

QTEST_GUILESS_MAIN(LxcImportTestbedTest)

#include "tst_lxcimport_testbed.moc"
