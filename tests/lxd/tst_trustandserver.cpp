#include "LxcCommand.h"
#include "ResourceTestSupport.h"
#include "TestClients.h"
#include "Testbed.h"
#include "lxd/AuthenticateJob.h"
#include "lxd/CertificateManager.h"
#include "lxd/OperationManager.h"
#include "lxd/ServerManager.h"
#include "lxd/StorageVolumeManager.h"
#include "lxd/WarningManager.h"
#include "secrets/ClientCertificateGenerator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>

using Lxd::Certificate;
using Lxd::CertificateAddToken;
using Lxd::CertificateManager;
using Lxd::Client;
using Lxd::Error;
using Lxd::Operation;
using Lxd::OperationManager;
using Lxd::Server;
using Lxd::ServerManager;
using Lxd::Warning;
using Lxd::WarningManager;

// The trust store (certificates from PEM, trust tokens), operations, warnings, the server's config,
// /1.0/resources and /1.0/metrics against the real local daemon, over the unix socket and HTTPS.
class TestTrustAndServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void certificateFromPem_data() { addTransports(); }
    void certificateFromPem();
    void trustTokenIsUsableByANewClient();
    void trustTokenRevoked_data() { addTransports(); }
    void trustTokenRevoked();
    void lxcTrustTokenDecodes();
    void operationsListGetWaitCancel_data() { addTransports(); }
    void operationsListGetWaitCancel();
    void finishedTaskOperationIsListed();
    void warningsList_data() { addTransports(); }
    void warningsList();
    void warningAcknowledgeAndReset();
    void serverConfigPatchAndReset_data() { addTransports(); }
    void serverConfigPatchAndReset();
    void serverSaveDetectsConflictAndKeepsHiddenValues();
    void metricsText_data() { addTransports(); }
    void metricsText();
    void hostResources_data() { addTransports(); }
    void hostResources();

private:
    void addTransports();
    Client client() const;
    Client unixClient() const { return m_clients.client(QStringLiteral("unix")); }
    void onCleanup(const QStringList &lxcArguments) { m_cleanup.prepend(lxcArguments); }
    QString serverFingerprint();
    QStringList pendingTokenNames() const;
    bool trustListHas(const QString &fingerprint) const;

    TestClients m_clients;
    QList<QStringList> m_cleanup;
    QString m_runningInstance; // launched once, for the metrics of a running instance
};

void TestTrustAndServer::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    QString why;
    QVERIFY2(m_clients.setUp(&why), qPrintable(why));
}

void TestTrustAndServer::cleanupTestCase()
{
    for (const QStringList &arguments : std::as_const(m_cleanup))
        LxcCommand::run(arguments);
    m_clients.tearDown();
}

void TestTrustAndServer::addTransports()
{
    QTest::addColumn<QString>("transport");
    QTest::newRow("unix") << QStringLiteral("unix");
    QTest::newRow("https-token") << QStringLiteral("https-token");
}

Client TestTrustAndServer::client() const
{
    const QString tag = QString::fromLatin1(QTest::currentDataTag());
    return m_clients.client(tag.isEmpty() ? QStringLiteral("unix") : tag);
}

QString TestTrustAndServer::serverFingerprint()
{
    Server server;
    runJob(ServerManager(unixClient()).get(), [&](Lxd::ObjectJob<Server> *job) { server = job->object(); });
    return server.environment().value(QLatin1String("certificate_fingerprint")).toString();
}

QStringList TestTrustAndServer::pendingTokenNames() const
{
    const LxcResult result = LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"),
                                              QStringLiteral("list-tokens"), QStringLiteral("--format=csv")});
    QStringList names;
    const QStringList lines = result.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines)
        names.append(line.section(QLatin1Char(','), 0, 0));
    return names;
}

bool TestTrustAndServer::trustListHas(const QString &fingerprint) const
{
    const LxcResult result = LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"),
                                              QStringLiteral("list"), QStringLiteral("--format=csv")});
    return result.output.contains(fingerprint.left(12));
}

void TestTrustAndServer::certificateFromPem()
{
    const CertificateManager certificates(client());
    const Secrets::ClientCertificateGenerator::Result generated
        = Secrets::ClientCertificateGenerator::generate();
    QVERIFY2(generated.isValid(), qPrintable(generated.error));
    const QString fingerprint = CertificateManager::fingerprintOf(generated.certificatePem);
    QCOMPARE(fingerprint.size(), 64);
    const QString name = uniqueName(QStringLiteral("berth-pem-"));
    onCleanup({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("remove"), fingerprint});

    BERTH_VERIFY_OK(runJob(certificates.add(generated.certificatePem, name)));
    QVERIFY2(trustListHas(fingerprint), "lxc lists the new certificate");

    QList<Certificate> listed;
    BERTH_VERIFY_OK(
        runJob(certificates.all(), [&](Lxd::ListJob<Certificate> *job) { listed = job->objects(); }));
    bool found = false;
    for (const Certificate &certificate : std::as_const(listed))
        found = found || (certificate.fingerprint() == fingerprint && certificate.name() == name);
    QVERIFY2(found, "the listing has it, under the fingerprint Berth computed");

    Certificate certificate;
    BERTH_VERIFY_OK(runJob(certificates.get(fingerprint),
                           [&](Lxd::ObjectJob<Certificate> *job) { certificate = job->object(); }));
    QCOMPARE(certificate.name(), name);
    QCOMPARE(certificate.type(), QStringLiteral("client"));
    QVERIFY(!certificate.restricted());
    QCOMPARE(CertificateManager::fingerprintOf(certificate.certificate().toLatin1()), fingerprint);

    bool exists = false;
    BERTH_VERIFY_OK(runExists(certificates.exists(fingerprint), &exists));
    QVERIFY(exists);

    certificate.setRestricted(true);
    certificate.setProjects({QStringLiteral("default")});
    certificate.setName(name + QStringLiteral("-r"));
    BERTH_VERIFY_OK(runJob(certificates.save(certificate)));
    BERTH_VERIFY_OK(runJob(certificates.get(fingerprint),
                           [&](Lxd::ObjectJob<Certificate> *job) { certificate = job->object(); }));
    QVERIFY(certificate.restricted());
    QCOMPARE(certificate.projects(), QStringList {QStringLiteral("default")});
    QCOMPARE(certificate.name(), name + QStringLiteral("-r"));

    BERTH_VERIFY_OK(runJob(certificates.remove(fingerprint)));
    QVERIFY(!trustListHas(fingerprint));
    BERTH_VERIFY_OK(runExists(certificates.exists(fingerprint), &exists));
    QVERIFY(!exists);
}

void TestTrustAndServer::trustTokenIsUsableByANewClient()
{
    const CertificateManager certificates(unixClient());
    const QString name = uniqueName(QStringLiteral("berth-token-"));

    CertificateAddToken token;
    QString operationId;
    BERTH_VERIFY_OK(runJob(certificates.requestToken(name), [&](Lxd::TokenJob<CertificateAddToken> *job) {
        token = job->token();
        operationId = job->operationId();
    }));
    onCleanup({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("revoke-token"), name});
    QVERIFY(token.isValid());
    QCOMPARE(token.clientName(), name);
    QCOMPARE(token.operationId(), operationId);
    QCOMPARE(token.fingerprint(), serverFingerprint());
    QVERIFY2(token.addresses().contains(Testbed::httpsAddress()), qPrintable(token.addresses().join(u',')));
    QVERIFY2(pendingTokenNames().contains(name), "lxc sees the pending token");

    // The text form round-trips.
    const CertificateAddToken decoded = CertificateAddToken::decode(token.encode());
    QCOMPARE(decoded.clientName(), name);
    QCOMPARE(decoded.secret(), token.secret());
    QCOMPARE(decoded.fingerprint(), token.fingerprint());
    QCOMPARE(decoded.addresses(), token.addresses());

    // A new client presents it and is trusted.
    QString why;
    QByteArray newFingerprint;
    const Client newcomer = TestClients::untrustedHttpsClient(Testbed::httpsAddress(), &newFingerprint, &why);
    QVERIFY2(newcomer.isValid(), qPrintable(why));
    onCleanup({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("remove"),
               QString::fromLatin1(newFingerprint.left(12))});
    BERTH_VERIFY_OK(runJob(newcomer.authenticateWithToken(token.encode())));
    QVERIFY(newcomer.isTrusted());
    QVERIFY2(!pendingTokenNames().contains(name), "a token is used once");
    Certificate added;
    BERTH_VERIFY_OK(runJob(certificates.get(QString::fromLatin1(newFingerprint)),
                           [&](Lxd::ObjectJob<Certificate> *job) { added = job->object(); }));
    QCOMPARE(added.name(), name);
    BERTH_VERIFY_OK(runJob(certificates.remove(QString::fromLatin1(newFingerprint))));
}

void TestTrustAndServer::trustTokenRevoked()
{
    const CertificateManager certificates(client());
    const QString name = uniqueName(QStringLiteral("berth-revoke-"));
    CertificateAddToken token;
    QString operationId;
    BERTH_VERIFY_OK(runJob(certificates.requestToken(name), [&](Lxd::TokenJob<CertificateAddToken> *job) {
        token = job->token();
        operationId = job->operationId();
    }));
    onCleanup({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("revoke-token"), name});

    QList<CertificateAddToken> pending;
    BERTH_VERIFY_OK(runJob(certificates.tokens(),
                           [&](Lxd::OperationListJob *job) { pending = job->certificateTokens(); }));
    bool listed = false;
    for (const CertificateAddToken &entry : std::as_const(pending))
        listed = listed || (entry.secret() == token.secret() && entry.operationId() == operationId);
    QVERIFY2(listed, "the pending tokens include it, with its operation");

    BERTH_VERIFY_OK(runJob(certificates.revokeToken(operationId)));
    QVERIFY2(!pendingTokenNames().contains(name), "lxc no longer sees it");
    BERTH_VERIFY_OK(runJob(certificates.tokens(),
                           [&](Lxd::OperationListJob *job) { pending = job->certificateTokens(); }));
    for (const CertificateAddToken &entry : std::as_const(pending))
        QVERIFY(entry.secret() != token.secret());
}

void TestTrustAndServer::lxcTrustTokenDecodes()
{
    const QString name = uniqueName(QStringLiteral("berth-lxctoken-"));
    QString why;
    const QString text = TestClients::createTrustToken(name, &why);
    QVERIFY2(!text.isEmpty(), qPrintable(why));
    onCleanup({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("revoke-token"), name});

    const CertificateAddToken token = CertificateAddToken::decode(text);
    QVERIFY(token.isValid());
    QCOMPARE(token.clientName(), name);
    QCOMPARE(token.fingerprint(), serverFingerprint());
    QVERIFY(token.addresses().contains(Testbed::httpsAddress()));
    QVERIFY(!CertificateAddToken::decode(QStringLiteral("certainly not a token")).isValid());

    // Berth finds lxc's token among the pending ones and revokes it.
    QList<CertificateAddToken> pending;
    BERTH_VERIFY_OK(runJob(CertificateManager(unixClient()).tokens(),
                           [&](Lxd::OperationListJob *job) { pending = job->certificateTokens(); }));
    QString operationId;
    for (const CertificateAddToken &entry : std::as_const(pending)) {
        if (entry.secret() == token.secret())
            operationId = entry.operationId();
    }
    QVERIFY(!operationId.isEmpty());
    BERTH_VERIFY_OK(runJob(CertificateManager(unixClient()).revokeToken(operationId)));
    QVERIFY(!pendingTokenNames().contains(name));
}

void TestTrustAndServer::operationsListGetWaitCancel()
{
    // A trust token is an operation that stays running: something to list, wait on and cancel.
    const QString name = uniqueName(QStringLiteral("berth-op-"));
    QString id;
    BERTH_VERIFY_OK(runJob(CertificateManager(client()).requestToken(name),
                           [&](Lxd::TokenJob<CertificateAddToken> *job) { id = job->operationId(); }));
    onCleanup({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("revoke-token"), name});
    const OperationManager operations(client());

    QList<Operation> all;
    QList<Operation> running;
    QList<Operation> succeeded;
    BERTH_VERIFY_OK(runJob(operations.all(), [&](Lxd::OperationListJob *job) {
        all = job->objects();
        running = job->objects(QStringLiteral("Running"));
        succeeded = job->objects(QStringLiteral("success"));
    }));
    const auto hasId = [&](const QList<Operation> &list) {
        return std::any_of(list.begin(), list.end(),
                           [&](const Operation &operation) { return operation.id() == id; });
    };
    QVERIFY(hasId(all));
    QVERIFY(hasId(running));
    QVERIFY(!hasId(succeeded));

    Operation operation;
    BERTH_VERIFY_OK(
        runJob(operations.get(id), [&](Lxd::ObjectJob<Operation> *job) { operation = job->object(); }));
    QCOMPARE(operation.id(), id);
    QCOMPARE(operation.operationClass(), QStringLiteral("token"));
    QVERIFY(operation.isToken());
    QCOMPARE(operation.status(), QStringLiteral("Running"));
    QCOMPARE(operation.statusCode(), 103);
    QVERIFY(!operation.isFinal());
    QVERIFY(operation.createdAt().isValid());
    QCOMPARE(operation.metadata()
                 .value(QLatin1String("request"))
                 .toObject()
                 .value(QLatin1String("name"))
                 .toString(),
             name);
    bool exists = false;
    BERTH_VERIFY_OK(runExists(operations.exists(id), &exists));
    QVERIFY(exists);

    // The daemon holds a wait for at most the timeout asked, then answers with the operation as it is.
    QElapsedTimer timer;
    timer.start();
    BERTH_VERIFY_OK(
        runJob(operations.wait(id, 1), [&](Lxd::ObjectJob<Operation> *job) { operation = job->object(); }));
    QVERIFY2(timer.elapsed() >= 900, "the daemon held the request for the timeout");
    QCOMPARE(operation.status(), QStringLiteral("Running"));

    // A wait in progress ends when the operation does.
    bool waitEnded = false;
    Error waitError;
    Lxd::ObjectJob<Operation> *waiting = operations.wait(id, 30);
    connect(waiting, &Lxd::Job::finished, this, [&](Lxd::Job *job) {
        waitEnded = true;
        waitError = job->error();
        operation = static_cast<Lxd::ObjectJob<Operation> *>(job)->object();
    });
    BERTH_VERIFY_OK(runJob(operations.cancel(id)));
    QTRY_VERIFY_WITH_TIMEOUT(waitEnded, 30000);
    BERTH_VERIFY_OK(waitError);
    QCOMPARE(operation.status(), QStringLiteral("Cancelled"));
    QVERIFY(operation.isFinal());
    QVERIFY2(!pendingTokenNames().contains(name), "cancelling a token operation revokes the token");
}

void TestTrustAndServer::finishedTaskOperationIsListed()
{
    // A snapshot of a custom volume runs as a task operation; the daemon remembers it for a few seconds.
    const Lxd::StorageVolumeManager volumes(unixClient(), QStringLiteral("default"));
    const QString volume = uniqueName(QStringLiteral("berth-opvol-"));
    onCleanup({QStringLiteral("storage"), QStringLiteral("volume"), QStringLiteral("delete"),
               QStringLiteral("default"), volume});
    BERTH_VERIFY_OK(runJob(volumes.create(volume)));
    QString id;
    BERTH_VERIFY_OK(runJob(volumes.createSnapshot(volume, QStringLiteral("s0")),
                           [&](Lxd::OperationJob *job) { id = job->id(); }));
    QVERIFY2(!id.isEmpty(), "the snapshot ran as an operation");

    Operation operation;
    BERTH_VERIFY_OK(runJob(OperationManager(unixClient()).get(id),
                           [&](Lxd::ObjectJob<Operation> *job) { operation = job->object(); }));
    QCOMPARE(operation.operationClass(), QStringLiteral("task"));
    QCOMPARE(operation.status(), QStringLiteral("Success"));
    QVERIFY(operation.isFinal());
    QVERIFY(operation.err().isEmpty());
    const QStringList affected = operation.resources().value(QStringLiteral("storage_volumes"));
    QVERIFY2(!affected.isEmpty() && affected.constFirst().contains(volume),
             qPrintable(QString::fromUtf8(QJsonDocument(operation.json()).toJson())));

    QList<Operation> succeeded;
    BERTH_VERIFY_OK(runJob(OperationManager(unixClient()).all(), [&](Lxd::OperationListJob *job) {
        succeeded = job->objects(QStringLiteral("Success"));
    }));
    QVERIFY(
        std::any_of(succeeded.begin(), succeeded.end(), [&](const Operation &op) { return op.id() == id; }));
    BERTH_VERIFY_OK(runJob(volumes.remove(volume)));
}

void TestTrustAndServer::warningsList()
{
    QList<Warning> warnings;
    BERTH_VERIFY_OK(runJob(WarningManager(client()).all(),
                           [&](Lxd::ListJob<Warning> *job) { warnings = job->objects(); }));
    // The same set lxc sees.
    const LxcResult query = LxcCommand::run({QStringLiteral("query"), QStringLiteral("/1.0/warnings")});
    QVERIFY2(query.ok(), qPrintable(query.errorOutput));
    const QJsonArray urls = QJsonDocument::fromJson(query.output.toUtf8()).array();
    QCOMPARE(warnings.size(), urls.size());
    for (const Warning &warning : std::as_const(warnings)) {
        QVERIFY(warning.isFull());
        QVERIFY(!warning.uuid().isEmpty());
        QVERIFY(!warning.type().isEmpty());
        QVERIFY(warning.count() >= 1);
        QVERIFY(warning.lastSeenAt().isValid());
        QVERIFY(urls.contains(QStringLiteral("/1.0/warnings/") + warning.uuid()));
    }
}

void TestTrustAndServer::warningAcknowledgeAndReset()
{
    const WarningManager warningManager(unixClient());
    QList<Warning> warnings;
    BERTH_VERIFY_OK(
        runJob(warningManager.all(), [&](Lxd::ListJob<Warning> *job) { warnings = job->objects(); }));
    QString uuid;
    for (const Warning &warning : std::as_const(warnings)) {
        if (warning.status() == QLatin1String("new"))
            uuid = warning.uuid();
    }
    if (uuid.isEmpty())
        QSKIP("the daemon has no new warning to acknowledge");
    const QString statusNew = QStringLiteral("{\"status\":\"new\"}");
    onCleanup({QStringLiteral("query"), QStringLiteral("-X"), QStringLiteral("PATCH"), QStringLiteral("-d"),
               statusNew, QStringLiteral("/1.0/warnings/") + uuid});
    const auto statusViaLxc = [&] {
        const LxcResult result
            = LxcCommand::run({QStringLiteral("query"), QStringLiteral("/1.0/warnings/") + uuid});
        return QJsonDocument::fromJson(result.output.toUtf8())
            .object()
            .value(QLatin1String("status"))
            .toString();
    };

    BERTH_VERIFY_OK(runJob(warningManager.acknowledge(uuid)));
    QCOMPARE(statusViaLxc(), QStringLiteral("acknowledged"));
    Warning warning;
    BERTH_VERIFY_OK(
        runJob(warningManager.get(uuid), [&](Lxd::ObjectJob<Warning> *job) { warning = job->object(); }));
    QVERIFY(warning.isAcknowledged());

    warning.setStatus(QStringLiteral("new"));
    BERTH_VERIFY_OK(runJob(warningManager.save(warning)));
    QCOMPARE(statusViaLxc(), QStringLiteral("new"));

    bool exists = true;
    BERTH_VERIFY_OK(runExists(warningManager.exists(uuid), &exists));
    QVERIFY(exists);
    BERTH_VERIFY_OK(
        runExists(warningManager.exists(QUuid::createUuid().toString(QUuid::WithoutBraces)), &exists));
    QVERIFY(!exists);
    // Deleting a real warning would lose the daemon's notice: only a missing one is tried here.
    const Error missing = runJob(warningManager.remove(QUuid::createUuid().toString(QUuid::WithoutBraces)));
    QVERIFY2(missing.isNotFound(), qPrintable(describe(missing)));
}

void TestTrustAndServer::serverConfigPatchAndReset()
{
    const ServerManager serverManager(client());
    const QString value = uniqueName(QStringLiteral("value-"));
    onCleanup({QStringLiteral("config"), QStringLiteral("unset"), QStringLiteral("user.berth-test")});

    Server server;
    BERTH_VERIFY_OK(
        runJob(serverManager.get(), [&](Lxd::ObjectJob<Server> *job) { server = job->object(); }));
    QVERIFY(!server.etag().isEmpty());
    QCOMPARE(server.apiVersion(), QStringLiteral("1.0"));
    QCOMPARE(server.auth(), QStringLiteral("trusted"));
    QVERIFY(server.apiExtensions().contains(QStringLiteral("metrics")));
    QVERIFY(server.serverVersion().startsWith(QLatin1String("5.")));
    QVERIFY(client().hasExtension(QStringLiteral("metrics")));
    QCOMPARE(server.configValue(QStringLiteral("core.https_address")), Testbed::httpsAddress());

    BERTH_VERIFY_OK(
        runJob(serverManager.patchConfig({{QStringLiteral("user.berth-test"), value}}, server.etag())));
    QCOMPARE(
        LxcCommand::run({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("user.berth-test")})
            .output.trimmed(),
        value);
    BERTH_VERIFY_OK(
        runJob(serverManager.get(), [&](Lxd::ObjectJob<Server> *job) { server = job->object(); }));
    QCOMPARE(server.configValue(QStringLiteral("user.berth-test")), value);
    QCOMPARE(server.configValue(QStringLiteral("core.https_address")), Testbed::httpsAddress());

    BERTH_VERIFY_OK(runJob(serverManager.patchConfig({{QStringLiteral("user.berth-test"), QString()}})));
    QCOMPARE(
        LxcCommand::run({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("user.berth-test")})
            .output.trimmed(),
        QString());
    BERTH_VERIFY_OK(
        runJob(serverManager.get(), [&](Lxd::ObjectJob<Server> *job) { server = job->object(); }));
    QVERIFY(!server.config().contains(QLatin1String("user.berth-test")));
}

void TestTrustAndServer::serverSaveDetectsConflictAndKeepsHiddenValues()
{
    const ServerManager serverManager(unixClient());
    onCleanup({QStringLiteral("config"), QStringLiteral("unset"), QStringLiteral("user.berth-test")});
    onCleanup({QStringLiteral("config"), QStringLiteral("unset"), QStringLiteral("user.berth-other")});

    Server server;
    BERTH_VERIFY_OK(
        runJob(serverManager.get(), [&](Lxd::ObjectJob<Server> *job) { server = job->object(); }));
    // The trust password is set and shown only as `true`.
    QVERIFY(server.config().value(QLatin1String("core.trust_password")).isBool());

    const LxcResult set = LxcCommand::run({QStringLiteral("config"), QStringLiteral("set"),
                                           QStringLiteral("user.berth-other"), QStringLiteral("theirs")});
    QVERIFY2(set.ok(), qPrintable(set.errorOutput));
    server.setConfigValue(QStringLiteral("user.berth-test"), QStringLiteral("mine"));
    const Error conflict = runJob(serverManager.save(server));
    QVERIFY2(conflict.isConflict(), qPrintable(describe(conflict)));
    QCOMPARE(
        LxcCommand::run({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("user.berth-test")})
            .output.trimmed(),
        QString());

    BERTH_VERIFY_OK(
        runJob(serverManager.get(), [&](Lxd::ObjectJob<Server> *job) { server = job->object(); }));
    server.setConfigValue(QStringLiteral("user.berth-test"), QStringLiteral("mine"));
    BERTH_VERIFY_OK(runJob(serverManager.save(server)));
    QCOMPARE(
        LxcCommand::run({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("user.berth-test")})
            .output.trimmed(),
        QStringLiteral("mine"));
    QCOMPARE(
        LxcCommand::run({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("user.berth-other")})
            .output.trimmed(),
        QStringLiteral("theirs"));

    // The full PUT sent the hidden password back as `true` ("unchanged"): it still works.
    QString why;
    QByteArray fingerprint;
    const Client newcomer = TestClients::untrustedHttpsClient(Testbed::httpsAddress(), &fingerprint, &why);
    QVERIFY2(newcomer.isValid(), qPrintable(why));
    onCleanup({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("remove"),
               QString::fromLatin1(fingerprint.left(12))});
    BERTH_VERIFY_OK(runJob(newcomer.authenticateWithPassword(Testbed::trustPassword())));
    QVERIFY(newcomer.isTrusted());
    BERTH_VERIFY_OK(runJob(CertificateManager(unixClient()).remove(QString::fromLatin1(fingerprint))));

    BERTH_VERIFY_OK(runJob(serverManager.patchConfig(
        {{QStringLiteral("user.berth-test"), QString()}, {QStringLiteral("user.berth-other"), QString()}})));
}

void TestTrustAndServer::metricsText()
{
    // LXD 5.0.2 reports metrics of running instances only: with none, the body is just "# EOF".
    QString &running = m_runningInstance;
    if (running.isEmpty()) {
        running = uniqueName(QStringLiteral("metrics"));
        const LxcResult launched = LxcCommand::run({QStringLiteral("launch"), Testbed::imageAlias(), running},
                                                   Testbed::Daemon::Local, 120000);
        QVERIFY2(launched.exitCode == 0, qPrintable(launched.errorOutput));
        onCleanup({QStringLiteral("delete"), QStringLiteral("--force"), running});
    }
    QByteArray text;
    BERTH_VERIFY_OK(
        runJob(ServerManager(client()).metrics(), [&](Lxd::ApiJob *job) { text = job->rawBody(); }));
    QVERIFY2(text.contains("# TYPE lxd_"), text.left(200).constData());
    QVERIFY2(text.contains("\nlxd_"), text.left(200).constData());
    QVERIFY2(text.contains(QStringLiteral("name=\"%1\"").arg(running).toUtf8()), text.left(400).constData());
}

void TestTrustAndServer::hostResources()
{
    QJsonObject resources;
    BERTH_VERIFY_OK(runJob(ServerManager(client()).resources(),
                           [&](Lxd::ApiJob *job) { resources = job->metadata().toObject(); }));
    QVERIFY(resources.value(QLatin1String("cpu")).toObject().value(QLatin1String("total")).toInt() >= 1);
    QVERIFY(resources.value(QLatin1String("memory")).toObject().value(QLatin1String("total")).toDouble() > 0);
    QVERIFY(resources.contains(QLatin1String("storage")));
}

QTEST_GUILESS_MAIN(TestTrustAndServer)
#include "tst_trustandserver.moc"
