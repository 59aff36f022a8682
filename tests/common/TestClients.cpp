#include "TestClients.h"

#include "JobWaiter.h"
#include "LxcCommand.h"
#include "Testbed.h"
#include "lxd/AuthenticateJob.h"
#include "lxd/ServerCertificateProbe.h"
#include "secrets/ClientCertificateGenerator.h"

#include <QProcess>
#include <QUrl>
#include <QUuid>

QStringList TestClients::transportNames()
{
    return {QStringLiteral("unix"), QStringLiteral("https-password"), QStringLiteral("https-token")};
}

Lxd::Client TestClients::untrustedHttpsClient(const QString &address, QByteArray *fingerprint, QString *why)
{
    const QUrl url(QStringLiteral("https://") + address);
    auto *probe = new Lxd::ServerCertificateProbe(url);
    QByteArray serverFingerprint;
    Lxd::Error probeError;
    if (!waitAndRead(probe,
                     [&](Lxd::ServerCertificateProbe *done) {
                         probeError = done->error();
                         serverFingerprint = done->fingerprint();
                     })
        || probeError) {
        *why = QStringLiteral("could not fetch the certificate of %1: %2")
                   .arg(address, probeError.userMessage());
        return {};
    }
    const Secrets::ClientCertificateGenerator::Result generated
        = Secrets::ClientCertificateGenerator::generate();
    if (!generated.isValid()) {
        *why = QStringLiteral("could not make a client certificate: %1").arg(generated.error);
        return {};
    }
    Lxd::TlsIdentity identity = generated.identity();
    identity.setPinnedFingerprint(serverFingerprint);
    if (fingerprint)
        *fingerprint = Lxd::TlsIdentity::fingerprint(identity.clientCertificate());
    return Lxd::Client::overHttps(url, identity);
}

QString TestClients::createTrustToken(const QString &name, QString *why)
{
    const LxcResult result = LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"),
                                              QStringLiteral("add"), QStringLiteral("--name"), name});
    const QStringList lines = result.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (!result.ok() || lines.isEmpty()) {
        *why = QStringLiteral("lxc config trust add failed: %1").arg(result.errorOutput);
        return {};
    }
    return lines.constLast().trimmed();
}

bool TestClients::setUp(QString *why)
{
    m_clients.insert(QStringLiteral("unix"), Lxd::Client::overUnixSocket(Testbed::socketPath()));

    for (const QString &transport : {QStringLiteral("https-password"), QStringLiteral("https-token")}) {
        QByteArray fingerprint;
        const Lxd::Client client = untrustedHttpsClient(Testbed::httpsAddress(), &fingerprint, why);
        if (!client.isValid())
            return false;
        Lxd::AuthenticateJob *job = nullptr;
        if (transport == QLatin1String("https-password")) {
            job = client.authenticateWithPassword(Testbed::trustPassword());
        } else {
            const QString token = createTrustToken(
                QStringLiteral("berth-test-") + QUuid::createUuid().toString(QUuid::Id128).left(8), why);
            if (token.isEmpty())
                return false;
            job = client.authenticateWithToken(token);
        }
        Lxd::Error error;
        if (!JobWaiter::wait(job, &error) || error) {
            *why = QStringLiteral("%1: authentication failed: %2").arg(transport, error.userMessage());
            return false;
        }
        m_addedFingerprints.append(fingerprint);
        m_clients.insert(transport, client);
    }
    return true;
}

void TestClients::tearDown()
{
    for (const QByteArray &fingerprint : std::as_const(m_addedFingerprints))
        LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("remove"),
                         QString::fromLatin1(fingerprint.left(12))});
    m_addedFingerprints.clear();
    m_clients.clear();
}

bool TestClients::restartLocalDaemon()
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.start(QStringLiteral(BERTH_SOURCE_DIR "/scripts/testbed"),
                  {QStringLiteral("restart"), QStringLiteral("local")});
    return process.waitForFinished(180000) && process.exitStatus() == QProcess::NormalExit
        && process.exitCode() == 0;
}
