#include "JobWaiter.h"
#include "LxcCommand.h"
#include "TestClients.h"
#include "Testbed.h"
#include "lxd/Client.h"
#include "lxd/InstanceManager.h"

#include <QBuffer>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>
#include <QUuid>

using Lxd::BulkStateChangeJob;
using Lxd::Client;
using Lxd::Error;
using Lxd::Instance;
using Lxd::InstanceManager;
using Lxd::InstanceMigrationJob;
using Lxd::InstancesPost;
using Lxd::InstanceState;
using Lxd::OperationJob;
using Daemon = Testbed::Daemon;

// Waits for a job and fails the test with the job's error, if any.
#define RUN_JOB(job)                                                                                         \
    do {                                                                                                     \
        Lxd::Error runError_;                                                                                \
        QVERIFY2(JobWaiter::wait((job), &runError_), "the job did not finish in time");                      \
        QVERIFY2(!runError_, qPrintable(runError_.userMessage()));                                           \
    } while (false)

// Runs lxc and fails the test when it fails.
#define LXC(...)                                                                                             \
    do {                                                                                                     \
        const LxcResult lxcResult_ = LxcCommand::run(__VA_ARGS__);                                           \
        QVERIFY2(lxcResult_.ok(), qPrintable(lxcResult_.errorOutput));                                       \
    } while (false)

// Instances against the real daemons: lifecycle, save/conflict/rollback, state, bulk changes, logs,
// publish, copies and migration to the second daemon, backups. Each step is checked from outside
// Berth with `lxc`.
class TestInstances : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    // No daemon needed: the request bodies and the typed state.
    void instancesPostBodies_data();
    void instancesPostBodies();
    void fromInstanceDropsVolatileKeys();
    void stateFromRecordedReply();

    void lifecycle_data() { addTransports(); }
    void lifecycle();
    void getMissingInstance();
    void createVariants();
    void createFromImageOfAnotherServer();
    void saveWithEtagDetectsConflict();
    void rollbackAndDirty();
    void stateOfRunningContainer();
    void bulkChangeOfNamedInstances();
    void bulkChangeOfWholeProject();
    void compositeJobsOutliveTheirClient();
    void logs_data() { addTransports(); }
    void logs();
    void publishAsImage();
    void copyOnTheSameServer();
    void migrateStoppedToSecondDaemon();
    void copyToSecondDaemon();
    void copyRunningToSecondDaemon();
    void moveRunningToSecondDaemon();
    void backupExportAndImport_data() { addTransports(); }
    void backupExportAndImport();

private:
    void addTransports();
    QString uniqueName(const QString &what);
    QString launch(const QString &what, bool start);

    TestClients m_clients;
    Client m_second;
    QStringList m_created;
    QStringList m_createdSecond;
    QStringList m_images;
    QStringList m_projects;
};

namespace {

// The status column of `lxc list` for one instance ("RUNNING", "STOPPED", "FROZEN"), or empty.
QString lxcStatus(const QString &name, Daemon daemon = Daemon::Local, const QString &project = {})
{
    QStringList arguments {QStringLiteral("list"), QStringLiteral("--format=csv"), QStringLiteral("-cns")};
    if (!project.isEmpty())
        arguments << QStringLiteral("--project") << project;
    const LxcResult result = LxcCommand::run(arguments, daemon);
    const QStringList lines = result.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QStringList fields = line.split(QLatin1Char(','));
        if (fields.size() >= 2 && fields.at(0) == name)
            return fields.at(1);
    }
    return {};
}

QString lxcConfig(const QString &name, const QString &key)
{
    return LxcCommand::run({QStringLiteral("config"), QStringLiteral("get"), name, key}).output.trimmed();
}

bool existsNow(const InstanceManager &manager, const QString &name)
{
    bool exists = false;
    Error error;
    waitAndRead(manager.exists(name), [&](Lxd::ExistsJob *done) {
        exists = done->exists();
        error = done->realError();
    });
    return exists && !error;
}

QString imageFingerprint(const Client &client, const QString &alias)
{
    QString fingerprint;
    waitAndRead(client.api(QByteArrayLiteral("GET"), QStringLiteral("/images/aliases/") + alias),
                [&](Lxd::ApiJob *done) {
                    fingerprint = done->metadata().toObject().value(QLatin1String("target")).toString();
                });
    return fingerprint;
}

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

void TestInstances::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    QString why;
    QVERIFY2(m_clients.setUp(&why), qPrintable(why));
    m_second = Client::overUnixSocket(Testbed::socketPath(Daemon::Second));
}

void TestInstances::cleanupTestCase()
{
    for (const QString &name : std::as_const(m_created))
        LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), name});
    for (const QString &name : std::as_const(m_createdSecond))
        LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), name}, Daemon::Second);
    for (const QString &fingerprint : std::as_const(m_images))
        LxcCommand::run({QStringLiteral("image"), QStringLiteral("delete"), fingerprint});
    for (const QString &project : std::as_const(m_projects)) {
        const LxcResult list = LxcCommand::run({QStringLiteral("list"), QStringLiteral("--project"), project,
                                                QStringLiteral("--format=csv"), QStringLiteral("-cn")});
        const QStringList names = list.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString &name : names)
            LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), QStringLiteral("--project"),
                             project, name});
        LxcCommand::run({QStringLiteral("project"), QStringLiteral("delete"), project});
    }
    m_clients.tearDown();
}

void TestInstances::addTransports()
{
    QTest::addColumn<QString>("transport");
    // The unix socket and one HTTPS client: the same assertions over both paths.
    QTest::newRow("unix") << QStringLiteral("unix");
    QTest::newRow("https-token") << QStringLiteral("https-token");
}

QString TestInstances::uniqueName(const QString &what)
{
    const QString name
        = QStringLiteral("berth-h8-%1-%2").arg(what, QUuid::createUuid().toString(QUuid::Id128).left(8));
    m_created.append(name);
    return name;
}

QString TestInstances::launch(const QString &what, bool start)
{
    const QString name = uniqueName(what);
    const LxcResult result = LxcCommand::run(
        {start ? QStringLiteral("launch") : QStringLiteral("init"), Testbed::imageAlias(), name});
    return result.ok() ? name : QString();
}

// --- Request bodies and parsing, no daemon ------------------------------------------------------------

void TestInstances::instancesPostBodies_data()
{
    QTest::addColumn<QJsonObject>("built");
    QTest::addColumn<QJsonObject>("expected");

    QTest::newRow("image alias, with options")
        << InstancesPost::fromImageAlias(QStringLiteral("c1"), QStringLiteral("busybox"))
               .setProfiles({QStringLiteral("default"), QStringLiteral("extra")})
               .setConfigValue(QStringLiteral("limits.cpu"), QStringLiteral("1"))
               .setDevice(QStringLiteral("data"),
                          {{QStringLiteral("type"), QStringLiteral("disk")},
                           {QStringLiteral("path"), QStringLiteral("/data")},
                           {QStringLiteral("source"), QStringLiteral("/srv")}})
               .setEphemeral(true)
               .setDescription(QStringLiteral("web"))
               .toJson()
        << parse(R"({"name":"c1","profiles":["default","extra"],"config":{"limits.cpu":"1"},
                     "devices":{"data":{"type":"disk","path":"/data","source":"/srv"}},
                     "ephemeral":true,"description":"web",
                     "source":{"type":"image","alias":"busybox"}})");
    QTest::newRow("virtual machine by fingerprint")
        << InstancesPost::fromImageFingerprint(QStringLiteral("vm1"), QStringLiteral("abc123"))
               .setVirtualMachine()
               .setInstanceType(QStringLiteral("c2-m4"))
               .toJson()
        << parse(R"({"name":"vm1","type":"virtual-machine","instance_type":"c2-m4",
                     "source":{"type":"image","fingerprint":"abc123"}})");
    QTest::newRow("image of another server")
        << InstancesPost::fromImageAlias(QStringLiteral("c2"), QStringLiteral("debian/12"))
               .setImageServer(QStringLiteral("https://images.example"), QStringLiteral("simplestreams"))
               .toJson()
        << parse(R"({"name":"c2","source":{"type":"image","alias":"debian/12",
                     "server":"https://images.example","protocol":"simplestreams"}})");
    QTest::newRow("private image of an LXD server")
        << InstancesPost::fromImageFingerprint(QStringLiteral("c3"), QStringLiteral("f00"))
               .setImageServer(QStringLiteral("https://10.0.0.1:8443"), QStringLiteral("lxd"),
                               QStringLiteral("PEM"), QStringLiteral("s3cret"))
               .toJson()
        << parse(
               R"({"name":"c3","source":{"type":"image","fingerprint":"f00","server":"https://10.0.0.1:8443",
                     "protocol":"lxd","certificate":"PEM","secret":"s3cret"}})");
    QTest::newRow("image properties")
        << InstancesPost::fromImageProperties(QStringLiteral("c4"),
                                              {{QStringLiteral("os"), QStringLiteral("busybox")}})
               .toJson()
        << parse(R"({"name":"c4","source":{"type":"image","properties":{"os":"busybox"}}})");
    QTest::newRow("empty") << InstancesPost::empty(QStringLiteral("e1")).toJson()
                           << parse(R"({"name":"e1","source":{"type":"none"}})");
    QTest::newRow("copy, instance only")
        << InstancesPost::copyOf(QStringLiteral("c5"), QStringLiteral("c1"), true, QStringLiteral("other"))
               .toJson()
        << parse(R"({"name":"c5","source":{"type":"copy","source":"c1","instance_only":true,
                     "container_only":true,"project":"other"}})");
    QTest::newRow("copy of a snapshot")
        << InstancesPost::copyOfSnapshot(QStringLiteral("c6"), QStringLiteral("c1"), QStringLiteral("snap0"))
               .toJson()
        << parse(R"({"name":"c6","source":{"type":"copy","source":"c1/snap0"}})");
    QTest::newRow("migration, pull") << InstancesPost::migration(
                                            QStringLiteral("m1"),
                                            QStringLiteral("https://127.0.0.1:8443/1.0/operations/x"),
                                            {{QStringLiteral("control"), QStringLiteral("a")},
                                             {QStringLiteral("fs"), QStringLiteral("b")}},
                                            QStringLiteral("PEM"))
                                            .toJson()
                                     << parse(R"({"name":"m1","source":{"type":"migration","mode":"pull",
                     "operation":"https://127.0.0.1:8443/1.0/operations/x",
                     "secrets":{"control":"a","fs":"b"},"certificate":"PEM","live":false}})");
}

void TestInstances::instancesPostBodies()
{
    QFETCH(QJsonObject, built);
    QFETCH(QJsonObject, expected);
    QCOMPARE(built, expected);
}

void TestInstances::fromInstanceDropsVolatileKeys()
{
    const Instance instance(parse(R"({"name":"c1","type":"container","architecture":"x86_64",
        "config":{"user.a":"1","volatile.base_image":"abc","volatile.eth0.hwaddr":"00:16:3e:00:00:01",
                  "volatile.last_state.power":"RUNNING"},
        "devices":{},"profiles":["default"],"ephemeral":false,"description":"d"})"),
                            QByteArrayLiteral("etag"));
    const QJsonObject copy = InstancesPost::fromInstance(instance, QStringLiteral("c2")).toJson();
    QCOMPARE(copy.value(QLatin1String("name")).toString(), QStringLiteral("c2"));
    const QJsonObject config = copy.value(QLatin1String("config")).toObject();
    QCOMPARE(config.value(QLatin1String("user.a")).toString(), QStringLiteral("1"));
    QCOMPARE(config.value(QLatin1String("volatile.base_image")).toString(), QStringLiteral("abc"));
    QVERIFY(!config.contains(QLatin1String("volatile.eth0.hwaddr")));
    QVERIFY(!config.contains(QLatin1String("volatile.last_state.power")));
    QCOMPARE(copy.value(QLatin1String("source")).toObject().value(QLatin1String("base-image")).toString(),
             QStringLiteral("abc"));

    // A copy on the same server names the source's profiles (LXD 5.0 needs them); a summary object
    // knows none, and then none are sent.
    QCOMPARE(InstancesPost::copyOf(QStringLiteral("c3"), instance).toJson().value(QLatin1String("profiles")),
             QJsonValue(QJsonArray {QStringLiteral("default")}));
    const Instance summary(QJsonObject {{QStringLiteral("name"), QStringLiteral("c1")}}, {},
                           Lxd::Resource::Detail::Summary);
    QVERIFY(
        !InstancesPost::copyOf(QStringLiteral("c3"), summary).toJson().contains(QLatin1String("profiles")));

    // A move keeps the volatile keys (the same MAC address), but never the power state.
    const QJsonObject move = InstancesPost::fromInstance(instance, {}, true).toJson();
    const QJsonObject moved = move.value(QLatin1String("config")).toObject();
    QCOMPARE(move.value(QLatin1String("name")).toString(), QStringLiteral("c1"));
    QVERIFY(moved.contains(QLatin1String("volatile.eth0.hwaddr")));
    QVERIFY(!moved.contains(QLatin1String("volatile.last_state.power")));
}

void TestInstances::stateFromRecordedReply()
{
    // A virtual machine's state as LXD 5.0 reports it (VMs cannot run on the testbed): disk usage,
    // swap, a global address.
    const InstanceState state(parse(R"({"cpu":{"usage":5000000000},"disk":{"root":{"usage":1073741824}},
        "memory":{"usage":268435456,"usage_peak":0,"swap_usage":4096,"swap_usage_peak":8192},
        "network":{"enp5s0":{"addresses":[{"family":"inet","address":"10.1.2.3","netmask":"24","scope":"global"},
                                          {"family":"inet6","address":"fe80::1","netmask":"64","scope":"link"}],
                             "counters":{"bytes_received":9007199254740993,"bytes_sent":2,"packets_received":3,
                                         "packets_sent":4,"errors_received":0,"errors_sent":0,
                                         "packets_dropped_outbound":5,"packets_dropped_inbound":6},
                             "hwaddr":"00:16:3e:aa:bb:cc","host_name":"tap1","mtu":1500,"state":"up","type":"broadcast"},
                   "lo":{"addresses":[{"family":"inet","address":"127.0.0.1","netmask":"8","scope":"local"}],
                         "counters":{},"hwaddr":"","host_name":"","mtu":65536,"state":"up","type":"loopback"}},
        "pid":4242,"processes":-1,"status":"Running","status_code":103})"),
                              {});
    QCOMPARE(state.status(), QStringLiteral("Running"));
    QCOMPARE(state.statusCode(), 103);
    QCOMPARE(state.pid(), qint64(4242));
    QCOMPARE(state.processes(), qint64(-1));
    QCOMPARE(state.cpu().usage, qint64(5000000000));
    QCOMPARE(state.disk().value(QStringLiteral("root")).usage, qint64(1073741824));
    QCOMPARE(state.memory().usage, qint64(268435456));
    QCOMPARE(state.memory().swapUsagePeak, qint64(8192));
    const InstanceState::Network nic = state.network().value(QStringLiteral("enp5s0"));
    QCOMPARE(nic.addresses.size(), 2);
    QCOMPARE(nic.addresses.at(0).address, QStringLiteral("10.1.2.3"));
    QCOMPARE(nic.addresses.at(0).netmask, QStringLiteral("24"));
    QCOMPARE(nic.counters.packetsDroppedInbound, qint64(6));
    QCOMPARE(nic.hostName, QStringLiteral("tap1"));
    QCOMPARE(nic.mtu, 1500);
    QCOMPARE(state.addresses(), QStringList({QStringLiteral("10.1.2.3"), QStringLiteral("fe80::1")}));
    QCOMPARE(state.addresses(QStringLiteral("inet")), QStringList {QStringLiteral("10.1.2.3")});
}

// --- Against the daemons ------------------------------------------------------------------------------

void TestInstances::lifecycle()
{
    QFETCH(QString, transport);
    const InstanceManager manager(m_clients.client(transport));
    const QString name = uniqueName(QStringLiteral("life"));

    QVERIFY(!existsNow(manager, name));
    RUN_JOB(manager.create(InstancesPost::fromImageAlias(name, Testbed::imageAlias())));
    QVERIFY(existsNow(manager, name));
    QCOMPARE(lxcStatus(name), QStringLiteral("STOPPED"));

    RUN_JOB(manager.start(name));
    QCOMPARE(lxcStatus(name), QStringLiteral("RUNNING"));
    RUN_JOB(manager.freeze(name));
    QCOMPARE(lxcStatus(name), QStringLiteral("FROZEN"));
    RUN_JOB(manager.unfreeze(name));
    QCOMPARE(lxcStatus(name), QStringLiteral("RUNNING"));
    RUN_JOB(manager.restart(name, true));
    QCOMPARE(lxcStatus(name), QStringLiteral("RUNNING"));
    RUN_JOB(manager.stop(name, true));
    QCOMPARE(lxcStatus(name), QStringLiteral("STOPPED"));

    const QString renamed = uniqueName(QStringLiteral("renamed"));
    RUN_JOB(manager.rename(name, renamed));
    QCOMPARE(lxcStatus(name), QString());
    QCOMPARE(lxcStatus(renamed), QStringLiteral("STOPPED"));
    QVERIFY(!existsNow(manager, name));

    Instance instance;
    QVERIFY(waitAndRead(manager.get(renamed), [&](Lxd::ObjectJob<Instance> *done) {
        QVERIFY2(done->succeeded(), qPrintable(done->error().userMessage()));
        instance = done->object();
    }));
    QCOMPARE(instance.name(), renamed);
    QCOMPARE(instance.type(), QStringLiteral("container"));
    QCOMPARE(instance.status(), QStringLiteral("Stopped"));
    QCOMPARE(instance.profiles(), QStringList {QStringLiteral("default")});
    QCOMPARE(instance.project(), QStringLiteral("default"));
    QVERIFY(instance.createdAt().isValid());
    QVERIFY(!instance.etag().isEmpty());

    RUN_JOB(manager.remove(renamed));
    QCOMPARE(lxcStatus(renamed), QString());
    QVERIFY(!LxcCommand::run({QStringLiteral("info"), renamed}).ok());
    QVERIFY(!existsNow(manager, renamed));
}

void TestInstances::getMissingInstance()
{
    const InstanceManager manager(m_clients.client(QStringLiteral("unix")));
    Error error;
    QVERIFY(JobWaiter::wait(manager.get(QStringLiteral("berth-h8-no-such-instance")), &error));
    QVERIFY(error.isNotFound());
    Error existsError;
    bool exists = true;
    QVERIFY(
        waitAndRead(manager.exists(QStringLiteral("berth-h8-no-such-instance")), [&](Lxd::ExistsJob *done) {
            exists = done->exists();
            existsError = done->realError();
        }));
    QVERIFY(!exists);
    QVERIFY2(!existsError, "a 404 is the answer 'no', not an error");
    QVERIFY(JobWaiter::wait(manager.start(QStringLiteral("berth-h8-no-such-instance")), &error));
    QVERIFY(error.isNotFound());
}

void TestInstances::createVariants()
{
    const Client client = m_clients.client(QStringLiteral("unix"));
    const InstanceManager manager(client);

    // By fingerprint, with description, config, devices and profiles.
    const QString fingerprint = imageFingerprint(client, Testbed::imageAlias());
    QCOMPARE(fingerprint.size(), 64);
    const QString full = uniqueName(QStringLiteral("fp"));
    RUN_JOB(manager.create(InstancesPost::fromImageFingerprint(full, fingerprint)
                               .setDescription(QStringLiteral("made by Berth"))
                               .setProfiles({QStringLiteral("default")})
                               .setConfigValue(QStringLiteral("user.berth"), QStringLiteral("yes"))
                               .setDevice(QStringLiteral("tmpfs"),
                                          {{QStringLiteral("type"), QStringLiteral("disk")},
                                           {QStringLiteral("source"), QStringLiteral("/tmp")},
                                           {QStringLiteral("path"), QStringLiteral("/mnt")}})));
    QCOMPARE(lxcConfig(full, QStringLiteral("user.berth")), QStringLiteral("yes"));
    QCOMPARE(lxcConfig(full, QStringLiteral("volatile.base_image")), fingerprint);
    const LxcResult devices
        = LxcCommand::run({QStringLiteral("config"), QStringLiteral("device"), QStringLiteral("get"), full,
                           QStringLiteral("tmpfs"), QStringLiteral("path")});
    QCOMPARE(devices.output.trimmed(), QStringLiteral("/mnt"));
    const LxcResult shown = LxcCommand::run({QStringLiteral("config"), QStringLiteral("show"), full});
    QVERIFY2(shown.output.contains(QLatin1String("description: made by Berth")), qPrintable(shown.output));

    // Empty: no root file system, no image.
    const QString empty = uniqueName(QStringLiteral("empty"));
    RUN_JOB(manager.create(InstancesPost::empty(empty)));
    QCOMPARE(lxcStatus(empty), QStringLiteral("STOPPED"));
    QCOMPARE(lxcConfig(empty, QStringLiteral("volatile.base_image")), QString());

    // Ephemeral: gone once stopped.
    const QString ephemeral = uniqueName(QStringLiteral("eph"));
    RUN_JOB(
        manager.create(InstancesPost::fromImageAlias(ephemeral, Testbed::imageAlias()).setEphemeral(true)));
    RUN_JOB(manager.start(ephemeral));
    QCOMPARE(lxcStatus(ephemeral), QStringLiteral("RUNNING"));
    RUN_JOB(manager.stop(ephemeral, true));
    QTRY_VERIFY_WITH_TIMEOUT(!existsNow(manager, ephemeral), 30000);
    QCOMPARE(lxcStatus(ephemeral), QString());

    // A virtual machine cannot run here (no vhost_vsock), but the request must reach the daemon with
    // its type: the daemon refuses it for a container-only image, naming the type.
    const QString vm = uniqueName(QStringLiteral("vm"));
    Error error;
    QVERIFY(JobWaiter::wait(
        manager.create(InstancesPost::fromImageAlias(vm, Testbed::imageAlias()).setVirtualMachine()),
        &error));
    QVERIFY2(error.detail().contains(QLatin1String("virtual-machine")), qPrintable(error.detail()));
    QCOMPARE(lxcStatus(vm), QString());
}

void TestInstances::createFromImageOfAnotherServer()
{
    // The second daemon serves its (private) busybox image: a secret from it lets the local daemon
    // fetch the image over HTTPS, as `lxc launch second:busybox` does.
    const QString fingerprint = imageFingerprint(m_second, Testbed::imageAlias());
    QCOMPARE(fingerprint.size(), 64);
    // The secret is an operation that runs until the secret is used; it is in the creation reply.
    OperationJob *secretJob
        = m_second.operation(QByteArrayLiteral("POST"), QStringLiteral("/images/%1/secret").arg(fingerprint));
    QSignalSpy created(secretJob, &OperationJob::operationCreated);
    QVERIFY(created.wait(20000));
    const QString secret = secretJob->response()
                               .metadata.toObject()
                               .value(QLatin1String("metadata"))
                               .toObject()
                               .value(QLatin1String("secret"))
                               .toString();
    QVERIFY(!secret.isEmpty());

    QString certificate;
    QVERIFY(waitAndRead(m_second.getServer(), [&](Lxd::ApiJob *done) {
        certificate = done->metadata()
                          .toObject()
                          .value(QLatin1String("environment"))
                          .toObject()
                          .value(QLatin1String("certificate"))
                          .toString();
    }));
    QVERIFY(certificate.startsWith(QLatin1String("-----BEGIN CERTIFICATE-----")));

    const InstanceManager manager(m_clients.client(QStringLiteral("unix")));
    const QString name = uniqueName(QStringLiteral("remote"));
    RUN_JOB(
        manager.create(InstancesPost::fromImageFingerprint(name, fingerprint)
                           .setImageServer(QStringLiteral("https://") + Testbed::httpsAddress(Daemon::Second),
                                           QStringLiteral("lxd"), certificate, secret)));
    QCOMPARE(lxcStatus(name), QStringLiteral("STOPPED"));
    QCOMPARE(lxcConfig(name, QStringLiteral("volatile.base_image")), fingerprint);
    secretJob->abandon();
}

void TestInstances::saveWithEtagDetectsConflict()
{
    const InstanceManager manager(m_clients.client(QStringLiteral("unix")));
    const QString name = launch(QStringLiteral("save"), false);
    QVERIFY(!name.isEmpty());

    Instance instance;
    QVERIFY(
        waitAndRead(manager.get(name), [&](Lxd::ObjectJob<Instance> *done) { instance = done->object(); }));
    instance.setConfigValue(QStringLiteral("user.saved"), QStringLiteral("by-berth"));
    instance.setDescription(QStringLiteral("saved"));
    QVERIFY(instance.isDirty());
    RUN_JOB(manager.save(instance));
    QCOMPARE(lxcConfig(name, QStringLiteral("user.saved")), QStringLiteral("by-berth"));

    // Fetched, then changed elsewhere, then saved: a conflict, and the other change is kept.
    QVERIFY(
        waitAndRead(manager.get(name), [&](Lxd::ObjectJob<Instance> *done) { instance = done->object(); }));
    QCOMPARE(instance.description(), QStringLiteral("saved"));
    LXC({QStringLiteral("config"), QStringLiteral("set"), name, QStringLiteral("user.x=y")});
    instance.setConfigValue(QStringLiteral("user.saved"), QStringLiteral("overwritten"));
    Error error;
    QVERIFY(JobWaiter::wait(manager.save(instance), &error));
    QVERIFY2(error.isConflict(), qPrintable(error.userMessage()));
    QCOMPARE(lxcConfig(name, QStringLiteral("user.x")), QStringLiteral("y"));
    QCOMPARE(lxcConfig(name, QStringLiteral("user.saved")), QStringLiteral("by-berth"));

    // After a fresh get the same edit goes through.
    QVERIFY(
        waitAndRead(manager.get(name), [&](Lxd::ObjectJob<Instance> *done) { instance = done->object(); }));
    instance.setConfigValue(QStringLiteral("user.saved"), QStringLiteral("second"));
    RUN_JOB(manager.save(instance));
    QCOMPARE(lxcConfig(name, QStringLiteral("user.saved")), QStringLiteral("second"));
    QCOMPARE(lxcConfig(name, QStringLiteral("user.x")), QStringLiteral("y"));

    // PATCH changes only what it names, and is guarded by the ETag too.
    RUN_JOB(manager.patch(name, QJsonObject {{QStringLiteral("description"), QStringLiteral("patched")}}));
    const LxcResult shown = LxcCommand::run({QStringLiteral("config"), QStringLiteral("show"), name});
    QVERIFY2(shown.output.contains(QLatin1String("description: patched")), qPrintable(shown.output));
    QCOMPARE(lxcConfig(name, QStringLiteral("user.x")), QStringLiteral("y"));
    QVERIFY(JobWaiter::wait(
        manager.patch(name, QJsonObject {{QStringLiteral("description"), QStringLiteral("late")}},
                      instance.etag()),
        &error));
    QVERIFY2(error.isConflict(), qPrintable(error.userMessage()));
}

void TestInstances::rollbackAndDirty()
{
    const InstanceManager manager(m_clients.client(QStringLiteral("unix")));
    const QString name = launch(QStringLiteral("dirty"), false);
    QVERIFY(!name.isEmpty());
    Instance instance;
    QVERIFY(
        waitAndRead(manager.get(name), [&](Lxd::ObjectJob<Instance> *done) { instance = done->object(); }));
    QVERIFY(!instance.isDirty());
    QVERIFY(instance.isFull());
    const QString description = instance.description();

    instance.setDescription(QStringLiteral("edited"));
    instance.setConfigValue(QStringLiteral("user.edit"), QStringLiteral("1"));
    QVERIFY(instance.isDirty());
    QCOMPARE(instance.changedKeys().size(), 2);
    QVERIFY(instance.changedKeys().contains(QStringLiteral("config")));
    QCOMPARE(instance.description(), QStringLiteral("edited"));

    instance.rollback();
    QVERIFY(!instance.isDirty());
    QCOMPARE(instance.description(), description);
    QVERIFY(!instance.config().contains(QStringLiteral("user.edit")));
    // Nothing reached the daemon.
    QCOMPARE(lxcConfig(name, QStringLiteral("user.edit")), QString());

    // A listing without recursion gives summary objects: names only.
    bool found = false;
    QVERIFY(waitAndRead(manager.names(), [&](Lxd::ListJob<Instance> *done) {
        const QList<Instance> all = done->objects();
        for (const Instance &item : all) {
            QVERIFY(!item.isFull());
            found = found || item.name() == name;
        }
    }));
    QVERIFY(found);
}

void TestInstances::stateOfRunningContainer()
{
    const InstanceManager manager(m_clients.client(QStringLiteral("unix")));
    const QString name = launch(QStringLiteral("state"), true);
    QVERIFY(!name.isEmpty());

    InstanceState state;
    QVERIFY(waitAndRead(manager.state(name), [&](Lxd::ObjectJob<InstanceState> *done) {
        QVERIFY2(done->succeeded(), qPrintable(done->error().userMessage()));
        state = done->object();
    }));
    QCOMPARE(state.status(), QStringLiteral("Running"));
    QCOMPARE(state.statusCode(), 103);
    QVERIFY(state.pid() > 1);
    const LxcResult info = LxcCommand::run({QStringLiteral("info"), name});
    QVERIFY2(info.output.contains(QStringLiteral("PID: %1").arg(state.pid())), qPrintable(info.output));
    QVERIFY2(state.processes() >= 1, qPrintable(QString::number(state.processes())));
    QVERIFY(state.memory().usage > 0);
    QVERIFY(state.memory().usagePeak >= state.memory().usage / 2);
    QVERIFY(state.cpu().usage > 0);

    const QMap<QString, InstanceState::Network> network = state.network();
    QVERIFY(network.contains(QStringLiteral("lo")));
    bool loopback = false;
    for (const InstanceState::NetworkAddress &address : network.value(QStringLiteral("lo")).addresses)
        loopback = loopback
            || (address.family == QLatin1String("inet") && address.address == QLatin1String("127.0.0.1"));
    QVERIFY(loopback);
    QVERIFY(network.contains(QStringLiteral("eth0")));
    const InstanceState::Network eth0 = network.value(QStringLiteral("eth0"));
    QCOMPARE(eth0.hwaddr, lxcConfig(name, QStringLiteral("volatile.eth0.hwaddr")));
    QCOMPARE(eth0.state, QStringLiteral("up"));
    QVERIFY(eth0.mtu > 0);
    QVERIFY(!eth0.hostName.isEmpty());
    QVERIFY(eth0.counters.bytesReceived >= 0 && eth0.counters.bytesSent >= 0);

    // The same state comes with a listing at recursion=2, in one request.
    bool listed = false;
    QVERIFY(waitAndRead(manager.all(true), [&](Lxd::ListJob<Instance> *done) {
        const QList<Instance> all = done->objects();
        for (const Instance &instance : all) {
            if (instance.name() != name)
                continue;
            listed = true;
            QVERIFY(instance.hasState());
            QCOMPARE(instance.state().status(), QStringLiteral("Running"));
            QCOMPARE(instance.state().pid(), state.pid());
        }
    }));
    QVERIFY(listed);

    RUN_JOB(manager.stop(name, true));
    QVERIFY(waitAndRead(manager.state(name),
                        [&](Lxd::ObjectJob<InstanceState> *done) { state = done->object(); }));
    QCOMPARE(state.status(), QStringLiteral("Stopped"));
    QCOMPARE(state.pid(), qint64(0));
}

void TestInstances::bulkChangeOfNamedInstances()
{
    const InstanceManager manager(m_clients.client(QStringLiteral("unix")));
    QStringList names;
    for (int i = 0; i < 3; ++i) {
        names.append(launch(QStringLiteral("bulk%1").arg(i), true));
        QVERIFY(!names.constLast().isEmpty());
    }

    BulkStateChangeJob *stop = manager.changeStateMany(names, QStringLiteral("stop"), -1, true);
    QSignalSpy progress(stop, &Lxd::Job::progress);
    QStringList acted;
    bool bulk = true;
    QVERIFY(waitAndRead(stop, [&](BulkStateChangeJob *done) {
        QVERIFY2(done->succeeded(), qPrintable(done->error().userMessage()));
        QVERIFY(done->failures().isEmpty());
        acted = done->instances();
        bulk = done->usedBulkRequest();
    }));
    QCOMPARE(acted, names);
    QVERIFY(!bulk);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.constLast().at(0).toLongLong(), qint64(3));
    for (const QString &name : std::as_const(names))
        QCOMPARE(lxcStatus(name), QStringLiteral("STOPPED"));

    // One failure does not hold the others back, and is reported for its instance.
    QStringList withMissing = names;
    withMissing.append(QStringLiteral("berth-h8-no-such-instance"));
    QMap<QString, Error> failures;
    Error error;
    QVERIFY(waitAndRead(manager.changeStateMany(withMissing, QStringLiteral("start")),
                        [&](BulkStateChangeJob *done) {
                            failures = done->failures();
                            error = done->error();
                        }));
    QVERIFY(error.isError());
    QCOMPARE(failures.keys(), QStringList {QStringLiteral("berth-h8-no-such-instance")});
    QVERIFY(failures.first().isNotFound());
    for (const QString &name : std::as_const(names))
        QCOMPARE(lxcStatus(name), QStringLiteral("RUNNING"));
    RUN_JOB(manager.changeStateMany(names, QStringLiteral("stop"), -1, true));
}

void TestInstances::bulkChangeOfWholeProject()
{
    // A project of its own, so that a project-wide change touches nothing else on the testbed.
    const QString project
        = QStringLiteral("berth-h8-%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    m_projects.append(project);
    LXC({QStringLiteral("project"), QStringLiteral("create"), project, QStringLiteral("-c"),
         QStringLiteral("features.images=false"), QStringLiteral("-c"),
         QStringLiteral("features.profiles=false")});
    QStringList names;
    for (int i = 0; i < 3; ++i) {
        // Unique across projects: the project shares the default network, where DNS names must differ.
        names.append(QStringLiteral("bulk%1-%2").arg(i).arg(project.right(8)));
        LXC({QStringLiteral("launch"), Testbed::imageAlias(), names.constLast(), QStringLiteral("--project"),
             project});
    }
    // One stopped instance: "stop" does not apply to it, and the daemon leaves it out.
    LXC({QStringLiteral("stop"), QStringLiteral("--force"), QStringLiteral("--project"), project,
         names.constLast()});

    const InstanceManager manager(m_clients.client(QStringLiteral("unix")).useProject(project));
    QStringList acted;
    bool bulk = false;
    QVERIFY(
        waitAndRead(manager.changeStateAll(QStringLiteral("stop"), -1, true), [&](BulkStateChangeJob *done) {
            QVERIFY2(done->succeeded(), qPrintable(done->error().userMessage()));
            acted = done->instances();
            bulk = done->usedBulkRequest();
        }));
    QVERIFY2(bulk, "the server has instance_bulk_state_change: one request for the project");
    acted.sort();
    QCOMPARE(acted, names.mid(0, 2));
    for (const QString &name : std::as_const(names))
        QCOMPARE(lxcStatus(name, Daemon::Local, project), QStringLiteral("STOPPED"));

    QVERIFY(waitAndRead(manager.changeStateAll(QStringLiteral("start")), [&](BulkStateChangeJob *done) {
        QVERIFY2(done->succeeded(), qPrintable(done->error().userMessage()));
        acted = done->instances();
    }));
    QCOMPARE(acted.size(), 3);
    for (const QString &name : std::as_const(names))
        QCOMPARE(lxcStatus(name, Daemon::Local, project), QStringLiteral("RUNNING"));
    // Nothing outside the project was touched.
    QCOMPARE(lxcStatus(names.constFirst()), QString());

    // A server without the extension: one request per instance that the action applies to. The
    // client is made to believe the extension is missing; the daemon is the real one.
    const Client older = Client::overUnixSocket(Testbed::socketPath()).useProject(project);
    QJsonObject server;
    QVERIFY(waitAndRead(older.getServer(), [&](Lxd::ApiJob *done) { server = done->metadata().toObject(); }));
    QJsonArray extensions = server.value(QLatin1String("api_extensions")).toArray();
    for (int i = extensions.size() - 1; i >= 0; --i) {
        if (extensions.at(i).toString() == BulkStateChangeJob::bulkExtension())
            extensions.removeAt(i);
    }
    server.insert(QStringLiteral("api_extensions"), extensions);
    older.connection()->setServer(server);
    QVERIFY(!older.hasExtension(BulkStateChangeJob::bulkExtension()));
    LXC({QStringLiteral("pause"), QStringLiteral("--project"), project, names.constFirst()});
    QVERIFY(waitAndRead(InstanceManager(older).changeStateAll(QStringLiteral("stop"), -1, true),
                        [&](BulkStateChangeJob *done) {
                            QVERIFY2(done->succeeded(), qPrintable(done->error().userMessage()));
                            acted = done->instances();
                            bulk = done->usedBulkRequest();
                        }));
    QVERIFY(!bulk);
    acted.sort();
    QCOMPARE(acted, names);
    for (const QString &name : std::as_const(names))
        QCOMPARE(lxcStatus(name, Daemon::Local, project), QStringLiteral("STOPPED"));
    QVERIFY(waitAndRead(InstanceManager(older).changeStateAll(QStringLiteral("freeze")),
                        [&](BulkStateChangeJob *done) {
                            QVERIFY2(done->succeeded(), qPrintable(done->error().userMessage()));
                            acted = done->instances();
                        }));
    QVERIFY2(acted.isEmpty(), "freeze does not apply to stopped instances");
}

void TestInstances::compositeJobsOutliveTheirClient()
{
    // A job that holds the last reference to its client's connection finishes, and then takes the
    // connection with it, exactly once.
    QPointer<Lxd::Connection> connection;
    BulkStateChangeJob *bulk = nullptr;
    InstanceMigrationJob *migration = nullptr;
    {
        const Client transient = Client::overUnixSocket(Testbed::socketPath());
        connection = transient.connection();
        bulk = InstanceManager(transient).changeStateMany({QStringLiteral("berth-h8-no-such-instance")},
                                                          QStringLiteral("start"));
        migration = InstanceManager(transient).copyTo(QStringLiteral("berth-h8-no-such-instance"), m_second);
    }
    // Both run at once: read the migration's end as it happens (a finished job deletes itself).
    Error migrationError;
    bool migrationDone = false;
    connect(migration, &Lxd::Job::finished, this, [&](Lxd::Job *done) {
        migrationError = done->error();
        migrationDone = true;
    });
    QMap<QString, Error> failures;
    QVERIFY(waitAndRead(bulk, [&](BulkStateChangeJob *done) { failures = done->failures(); }));
    QCOMPARE(failures.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(migrationDone, 30000);
    QVERIFY2(migrationError.isNotFound(), qPrintable(migrationError.userMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(connection.isNull(), 10000);
}

void TestInstances::logs()
{
    QFETCH(QString, transport);
    const Client client = m_clients.client(transport);
    const InstanceManager manager(client);
    const QString name = launch(QStringLiteral("logs"), true);
    QVERIFY(!name.isEmpty());

    // A command whose output the daemon records as a log file exec_<operation>.stdout.
    const QJsonObject exec {
        {QStringLiteral("command"), QJsonArray {QStringLiteral("echo"), QStringLiteral("berth-log")}},
        {QStringLiteral("record-output"), true},
        {QStringLiteral("wait-for-websocket"), false},
        {QStringLiteral("interactive"), false},
        {QStringLiteral("environment"), QJsonObject()}};
    QString stdoutFile;
    QVERIFY(waitAndRead(client.operation(QByteArrayLiteral("POST"),
                                         InstanceManager::path(name) + QStringLiteral("/exec"), exec),
                        [&](OperationJob *done) {
                            QVERIFY2(done->succeeded(), qPrintable(done->error().userMessage()));
                            stdoutFile = Lxd::Resource::nameFromUrl(done->operationMetadata()
                                                                        .value(QLatin1String("output"))
                                                                        .toObject()
                                                                        .value(QLatin1String("1"))
                                                                        .toString());
                        }));
    QVERIFY2(stdoutFile.startsWith(QLatin1String("exec_")), qPrintable(stdoutFile));

    QStringList files;
    QVERIFY(waitAndRead(manager.logs(name),
                        [&](Lxd::ApiJob *done) { files = InstanceManager::logFileNames(done); }));
    QVERIFY2(files.contains(QStringLiteral("lxc.log")), qPrintable(files.join(QLatin1Char(','))));
    QVERIFY2(files.contains(stdoutFile), qPrintable(files.join(QLatin1Char(','))));

    QByteArray content;
    QVERIFY(waitAndRead(manager.logFile(name, stdoutFile), [&](Lxd::ApiJob *done) {
        QVERIFY2(done->succeeded(), qPrintable(done->error().userMessage()));
        content = done->rawBody();
    }));
    QCOMPARE(content, QByteArrayLiteral("berth-log\n"));

    // Streamed into a device.
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    RUN_JOB(manager.logFile(name, QStringLiteral("lxc.log"), &sink));
    const QByteArray lxcLog
        = LxcCommand::run({QStringLiteral("info"), name, QStringLiteral("--show-log")}).output.toUtf8();
    QVERIFY(!sink.data().isEmpty());
    QVERIFY2(lxcLog.contains(sink.data().trimmed().split('\n').constFirst()), sink.data().constData());

    RUN_JOB(manager.deleteLogFile(name, stdoutFile));
    QVERIFY(waitAndRead(manager.logs(name),
                        [&](Lxd::ApiJob *done) { files = InstanceManager::logFileNames(done); }));
    QVERIFY(!files.contains(stdoutFile));
    QVERIFY(files.contains(QStringLiteral("lxc.log")));

    // The daemon keeps its own logs.
    Error error;
    QVERIFY(JobWaiter::wait(manager.deleteLogFile(name, QStringLiteral("lxc.log")), &error));
    QCOMPARE(error.httpStatus(), 400);
    RUN_JOB(manager.stop(name, true));
}

void TestInstances::publishAsImage()
{
    const InstanceManager manager(m_clients.client(QStringLiteral("unix")));
    const QString name = launch(QStringLiteral("pub"), false);
    QVERIFY(!name.isEmpty());
    const QString alias
        = QStringLiteral("berth-h8-image-%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));

    QString fingerprint;
    QVERIFY(waitAndRead(
        manager.publish(
            name, false,
            QJsonObject {
                {QStringLiteral("aliases"), QJsonArray {QJsonObject {{QStringLiteral("name"), alias}}}},
                {QStringLiteral("properties"),
                 QJsonObject {{QStringLiteral("description"), QStringLiteral("published by Berth")}}}}),
        [&](OperationJob *done) {
            QVERIFY2(done->succeeded(), qPrintable(done->error().userMessage()));
            fingerprint = InstanceManager::publishedFingerprint(done);
        }));
    QCOMPARE(fingerprint.size(), 64);
    m_images.append(fingerprint);
    const LxcResult info = LxcCommand::run({QStringLiteral("image"), QStringLiteral("info"), alias});
    QVERIFY2(info.ok(), qPrintable(info.errorOutput));
    QVERIFY2(info.output.contains(QLatin1String("Fingerprint: ") + fingerprint), qPrintable(info.output));
    QVERIFY2(info.output.contains(QLatin1String("published by Berth")), qPrintable(info.output));

    // A container made from it runs.
    const QString child = uniqueName(QStringLiteral("child"));
    LXC({QStringLiteral("launch"), alias, child});
    QCOMPARE(lxcStatus(child), QStringLiteral("RUNNING"));
    LXC({QStringLiteral("delete"), QStringLiteral("--force"), child});

    RUN_JOB(m_clients.client(QStringLiteral("unix"))
                .operation(QByteArrayLiteral("DELETE"), QStringLiteral("/images/") + fingerprint));
    QVERIFY(!LxcCommand::run({QStringLiteral("image"), QStringLiteral("info"), fingerprint}).ok());
    m_images.removeAll(fingerprint);
}

void TestInstances::copyOnTheSameServer()
{
    const InstanceManager manager(m_clients.client(QStringLiteral("unix")));
    const QString source = launch(QStringLiteral("src"), false);
    QVERIFY(!source.isEmpty());
    LXC({QStringLiteral("config"), QStringLiteral("set"), source, QStringLiteral("user.origin=source")});
    LXC({QStringLiteral("snapshot"), source, QStringLiteral("snap0")});

    Instance original;
    QVERIFY(
        waitAndRead(manager.get(source), [&](Lxd::ObjectJob<Instance> *done) { original = done->object(); }));
    const QString copy = uniqueName(QStringLiteral("copy"));
    RUN_JOB(manager.copy(original, copy));
    QCOMPARE(lxcStatus(copy), QStringLiteral("STOPPED"));
    QCOMPARE(lxcConfig(copy, QStringLiteral("user.origin")), QStringLiteral("source"));
    QVERIFY(lxcConfig(copy, QStringLiteral("volatile.eth0.hwaddr"))
            != lxcConfig(source, QStringLiteral("volatile.eth0.hwaddr")));
    QVERIFY(LxcCommand::run({QStringLiteral("info"), copy}).output.contains(QLatin1String("snap0")));

    const QString only = uniqueName(QStringLiteral("only"));
    RUN_JOB(manager.copy(original, only, true));
    QVERIFY(!LxcCommand::run({QStringLiteral("info"), only}).output.contains(QLatin1String("snap0")));

    const QString fromSnapshot = uniqueName(QStringLiteral("fromsnap"));
    Lxd::Snapshot snapshot;
    QVERIFY(waitAndRead(manager.snapshots(source).get(QStringLiteral("snap0")),
                        [&](Lxd::ObjectJob<Lxd::Snapshot> *done) { snapshot = done->object(); }));
    QCOMPARE(snapshot.profiles(), QStringList {QStringLiteral("default")});
    RUN_JOB(manager.create(InstancesPost::copyOfSnapshot(fromSnapshot, source, snapshot)));
    QCOMPARE(lxcStatus(fromSnapshot), QStringLiteral("STOPPED"));
    RUN_JOB(manager.start(fromSnapshot));
    QCOMPARE(lxcStatus(fromSnapshot), QStringLiteral("RUNNING"));
}

void TestInstances::migrateStoppedToSecondDaemon()
{
    const InstanceManager manager(m_clients.client(QStringLiteral("unix")));
    const QString name = launch(QStringLiteral("move"), false);
    QVERIFY(!name.isEmpty());
    m_createdSecond.append(name);
    LXC({QStringLiteral("config"), QStringLiteral("set"), name, QStringLiteral("user.moved=yes")});
    LXC({QStringLiteral("snapshot"), name, QStringLiteral("before-move")});
    const QString hwaddr = lxcConfig(name, QStringLiteral("volatile.eth0.hwaddr"));

    InstanceMigrationJob *job = manager.migrateTo(name, m_second);
    QSignalSpy stages(job, &InstanceMigrationJob::stageChanged);
    QString address;
    QString operation;
    QVERIFY(waitAndRead(job, [&](InstanceMigrationJob *done) {
        QVERIFY2(done->succeeded(), qPrintable(done->error().userMessage()));
        address = done->sourceAddress();
        operation = done->sourceOperationId();
        QCOMPARE(done->stage(), InstanceMigrationJob::Stage::Done);
        QCOMPARE(done->targetRequest().source().value(QLatin1String("mode")).toString(),
                 QStringLiteral("pull"));
    }));
    QCOMPARE(address, Testbed::httpsAddress(Daemon::Local));
    QVERIFY(!operation.isEmpty());
    QVERIFY(stages.count() >= 5);

    QCOMPARE(lxcStatus(name, Daemon::Second), QStringLiteral("STOPPED"));
    QCOMPARE(lxcStatus(name), QString());
    m_created.removeAll(name);
    const LxcResult info = LxcCommand::run({QStringLiteral("info"), name}, Daemon::Second);
    QVERIFY2(info.output.contains(QLatin1String("before-move")), qPrintable(info.output));
    const LxcResult config = LxcCommand::run(
        {QStringLiteral("config"), QStringLiteral("get"), name, QStringLiteral("user.moved")},
        Daemon::Second);
    QCOMPARE(config.output.trimmed(), QStringLiteral("yes"));
    // A move keeps the identity of the instance: its MAC address.
    const LxcResult mac = LxcCommand::run(
        {QStringLiteral("config"), QStringLiteral("get"), name, QStringLiteral("volatile.eth0.hwaddr")},
        Daemon::Second);
    QCOMPARE(mac.output.trimmed(), hwaddr);

    // It runs there.
    RUN_JOB(InstanceManager(m_second).start(name));
    QCOMPARE(lxcStatus(name, Daemon::Second), QStringLiteral("RUNNING"));
}

void TestInstances::copyToSecondDaemon()
{
    const Client https = m_clients.client(QStringLiteral("https-token"));
    const InstanceManager manager(https);
    const QString name = launch(QStringLiteral("cp"), false);
    QVERIFY(!name.isEmpty());
    LXC({QStringLiteral("snapshot"), name, QStringLiteral("kept-behind")});
    const QString copy = QStringLiteral("%1-copy").arg(name);
    m_createdSecond.append(copy);

    RUN_JOB(manager.copyTo(name, m_second, copy, true));
    QCOMPARE(lxcStatus(copy, Daemon::Second), QStringLiteral("STOPPED"));
    QCOMPARE(lxcStatus(name), QStringLiteral("STOPPED"));
    const LxcResult info = LxcCommand::run({QStringLiteral("info"), copy}, Daemon::Second);
    QVERIFY2(info.ok(), qPrintable(info.errorOutput));
    QVERIFY2(!info.output.contains(QLatin1String("kept-behind")), "instance only: no snapshots");

    // Copying over an existing name fails on the target, and the source is left alone.
    Error error;
    QVERIFY(JobWaiter::wait(manager.copyTo(name, m_second, copy), &error));
    QVERIFY(error.isError());
    QCOMPARE(lxcStatus(name), QStringLiteral("STOPPED"));
}

void TestInstances::copyRunningToSecondDaemon()
{
    const InstanceManager manager(m_clients.client(QStringLiteral("unix")));
    const QString name = launch(QStringLiteral("run"), true);
    QVERIFY(!name.isEmpty());
    LXC({QStringLiteral("exec"), name, QStringLiteral("--"), QStringLiteral("touch"),
         QStringLiteral("/copied")});

    // Without `live` the file system of the running instance is copied; the original keeps running.
    const QString copy = QStringLiteral("%1-copy").arg(name);
    m_createdSecond.append(copy);
    RUN_JOB(manager.copyTo(name, m_second, copy));
    QCOMPARE(lxcStatus(name), QStringLiteral("RUNNING"));
    QCOMPARE(lxcStatus(copy, Daemon::Second), QStringLiteral("STOPPED"));
    RUN_JOB(InstanceManager(m_second).start(copy));
    QVERIFY(LxcCommand::run({QStringLiteral("exec"), copy, QStringLiteral("--"), QStringLiteral("test"),
                             QStringLiteral("-e"), QStringLiteral("/copied")},
                            Daemon::Second)
                .ok());

    // A live migration needs CRIU, which the testbed does not have: the daemon says so, and the
    // running original is untouched.
    const QString live = QStringLiteral("%1-live").arg(name);
    m_createdSecond.append(live);
    Error error;
    QVERIFY(JobWaiter::wait(manager.copyTo(name, m_second, live, false, true), &error));
    if (!error)
        QSKIP("this machine has CRIU: a live copy worked");
    QVERIFY2(error.detail().contains(QLatin1String("CRIU isn't installed")), qPrintable(error.detail()));
    QCOMPARE(lxcStatus(name), QStringLiteral("RUNNING"));
}

void TestInstances::moveRunningToSecondDaemon()
{
    const InstanceManager manager(m_clients.client(QStringLiteral("unix")));
    const QString name = launch(QStringLiteral("mvrun"), true);
    QVERIFY(!name.isEmpty());
    const QString moved = QStringLiteral("%1-moved").arg(name);
    m_createdSecond.append(moved);
    // Not live: the file system is moved, the original is stopped and deleted, as `lxc move --stateless`.
    RUN_JOB(manager.migrateTo(name, m_second, moved));
    QCOMPARE(lxcStatus(name), QString());
    QCOMPARE(lxcStatus(moved, Daemon::Second), QStringLiteral("STOPPED"));
}

void TestInstances::backupExportAndImport()
{
    QFETCH(QString, transport);
    const InstanceManager manager(m_clients.client(transport));
    const QString name = launch(QStringLiteral("bak"), true);
    QVERIFY(!name.isEmpty());
    LXC({QStringLiteral("exec"), name, QStringLiteral("--"), QStringLiteral("touch"),
         QStringLiteral("/marker")});
    LXC({QStringLiteral("stop"), QStringLiteral("--force"), name});
    LXC({QStringLiteral("snapshot"), name, QStringLiteral("snap0")});

    const Lxd::InstanceBackupManager backups = manager.backups(name);
    const QDateTime expiry = QDateTime::currentDateTimeUtc().addDays(1);
    RUN_JOB(backups.create(QStringLiteral("b1"), expiry));
    QList<Lxd::InstanceBackup> list;
    QVERIFY(
        waitAndRead(backups.all(), [&](Lxd::ListJob<Lxd::InstanceBackup> *done) { list = done->objects(); }));
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().name(), QStringLiteral("b1"));
    QVERIFY(qAbs(list.first().expiresAt().secsTo(expiry)) < 5);
    QVERIFY(!list.first().instanceOnly());
    QVERIFY(list.first().createdAt().isValid());
    bool exists = false;
    QVERIFY(waitAndRead(backups.exists(QStringLiteral("b1")),
                        [&](Lxd::ExistsJob *done) { exists = done->exists(); }));
    QVERIFY(exists);

    QTemporaryFile file;
    QVERIFY(file.open());
    Lxd::ApiJob *exportJob = backups.exportTo(QStringLiteral("b1"), &file);
    QSignalSpy progress(exportJob, &Lxd::Job::progress);
    RUN_JOB(exportJob);
    file.flush();
    QVERIFY(file.size() > 1000);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.constLast().at(0).toLongLong(), file.size());
    file.seek(0);
    QCOMPARE(file.read(2), QByteArrayLiteral("\x1f\x8b")); // gzip, the default compression

    RUN_JOB(backups.rename(QStringLiteral("b1"), QStringLiteral("b2")));
    QVERIFY(waitAndRead(backups.exists(QStringLiteral("b1")),
                        [&](Lxd::ExistsJob *done) { exists = done->exists(); }));
    QVERIFY(!exists);
    RUN_JOB(backups.remove(QStringLiteral("b2")));
    QVERIFY(waitAndRead(backups.all(false),
                        [&](Lxd::ListJob<Lxd::InstanceBackup> *done) { list = done->objects(); }));
    QVERIFY(list.isEmpty());

    // Imported back under a new name, streamed from the file, with its snapshot and its files.
    const QString restored = uniqueName(QStringLiteral("restored"));
    file.seek(0);
    OperationJob *import = manager.createFromBackup(&file, restored);
    QSignalSpy uploaded(import, &Lxd::Job::progress);
    RUN_JOB(import);
    QVERIFY(!uploaded.isEmpty());
    QCOMPARE(lxcStatus(restored), QStringLiteral("STOPPED"));
    QVERIFY(LxcCommand::run({QStringLiteral("info"), restored}).output.contains(QLatin1String("snap0")));
    RUN_JOB(manager.start(restored));
    QVERIFY(LxcCommand::run({QStringLiteral("exec"), restored, QStringLiteral("--"), QStringLiteral("test"),
                             QStringLiteral("-e"), QStringLiteral("/marker")})
                .ok());
    RUN_JOB(manager.stop(restored, true));
}

QTEST_GUILESS_MAIN(TestInstances)
#include "tst_instances.moc"
