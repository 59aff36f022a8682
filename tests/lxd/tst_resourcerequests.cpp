#include "JobWaiter.h"
#include "RecordedTransport.h"
#include "lxd/CertificateManager.h"
#include "lxd/Client.h"
#include "lxd/ClusterMemberManager.h"
#include "lxd/Connection.h"
#include "lxd/NetworkManager.h"
#include "lxd/OperationManager.h"
#include "lxd/ProfileManager.h"
#include "lxd/ProjectManager.h"
#include "lxd/ServerManager.h"
#include "lxd/StoragePoolManager.h"
#include "lxd/WarningManager.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using Lxd::Client;
using Lxd::Error;

// What the testbed cannot show (a lease on an address-less bridge, a volume's usage on a `dir` pool, a
// warning deleted for good) and how requests are scoped, against recorded replies: the objects are the
// examples of LXD 5.0's REST API documentation (doc/rest-api.yaml).
class TestResourceRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void networkLeasesAndState();
    void storagePoolResources();
    void volumeStateAndSnapshotExpiry();
    void warningRemove();
    void metricsAreRawText();
    void serverWideManagersDropTheProject();
    void projectScopedManagersKeepIt();
    void operationListWithoutRecursion();
    void certificateFieldAndFingerprint();

private:
    QByteArray lastTarget() const { return m_transport->requests().constLast().target; }

    RecordedTransport *m_transport = nullptr;
    Client m_client;
};

void TestResourceRequests::init()
{
    auto transport = std::make_unique<RecordedTransport>();
    m_transport = transport.get();
    auto connection = std::make_shared<Lxd::Connection>(std::move(transport));
    connection->setOperationWait(Lxd::Connection::OperationWait::Polling);
    m_client = Client(connection);
}

void TestResourceRequests::cleanup()
{
    m_client = Client();
    m_transport = nullptr;
}

void TestResourceRequests::networkLeasesAndState()
{
    m_transport->addReply("GET", "/1.0/networks/lxdbr0/leases",
                          RecordedTransport::sync(QJsonArray {
                              QJsonObject {{QStringLiteral("address"), QStringLiteral("10.0.0.98")},
                                           {QStringLiteral("hostname"), QStringLiteral("c1")},
                                           {QStringLiteral("hwaddr"), QStringLiteral("00:16:3e:2c:89:d9")},
                                           {QStringLiteral("location"), QStringLiteral("lxd01")},
                                           {QStringLiteral("type"), QStringLiteral("dynamic")}}}));
    QList<Lxd::NetworkLease> leases;
    QVERIFY(waitAndRead(Lxd::NetworkManager(m_client).leases(QStringLiteral("lxdbr0")),
                        [&](Lxd::ListJob<Lxd::NetworkLease> *job) {
                            QVERIFY2(job->succeeded(), qPrintable(job->error().userMessage()));
                            leases = job->objects();
                        }));
    QCOMPARE(leases.size(), 1);
    QCOMPARE(leases.constFirst().hostname(), QStringLiteral("c1"));
    QCOMPARE(leases.constFirst().address(), QStringLiteral("10.0.0.98"));
    QCOMPARE(leases.constFirst().hwaddr(), QStringLiteral("00:16:3e:2c:89:d9"));
    QCOMPARE(leases.constFirst().type(), QStringLiteral("dynamic"));
    QCOMPARE(leases.constFirst().location(), QStringLiteral("lxd01"));

    const QJsonObject state {
        {QStringLiteral("addresses"),
         QJsonArray {QJsonObject {{QStringLiteral("address"), QStringLiteral("10.0.0.1")},
                                  {QStringLiteral("family"), QStringLiteral("inet")},
                                  {QStringLiteral("netmask"), QStringLiteral("24")},
                                  {QStringLiteral("scope"), QStringLiteral("global")}}}},
        {QStringLiteral("counters"),
         QJsonObject {{QStringLiteral("bytes_received"), 250542118},
                      {QStringLiteral("bytes_sent"), 17524040140.0},
                      {QStringLiteral("packets_received"), 1182515},
                      {QStringLiteral("packets_sent"), 1567934}}},
        {QStringLiteral("hwaddr"), QStringLiteral("00:16:3e:5a:83:57")},
        {QStringLiteral("mtu"), 1500},
        {QStringLiteral("state"), QStringLiteral("up")},
        {QStringLiteral("type"), QStringLiteral("broadcast")},
        {QStringLiteral("bridge"), QJsonObject {{QStringLiteral("id"), QStringLiteral("8000.0a0f7c6edbd9")}}},
        {QStringLiteral("bond"), QJsonValue()},
    };
    m_transport->addReply("GET", "/1.0/networks/lxdbr0/state", RecordedTransport::sync(state));
    Lxd::NetworkState got;
    QVERIFY(waitAndRead(Lxd::NetworkManager(m_client).state(QStringLiteral("lxdbr0")),
                        [&](Lxd::ObjectJob<Lxd::NetworkState> *job) { got = job->object(); }));
    QCOMPARE(got.addresses().size(), 1);
    QCOMPARE(got.addresses().constFirst().address, QStringLiteral("10.0.0.1"));
    QCOMPARE(got.addresses().constFirst().netmask, QStringLiteral("24"));
    QCOMPARE(got.bytesSent(), Q_INT64_C(17524040140));
    QCOMPARE(got.packetsReceived(), Q_INT64_C(1182515));
    QCOMPARE(got.mtu(), 1500);
    QCOMPARE(got.bridge().value(QLatin1String("id")).toString(), QStringLiteral("8000.0a0f7c6edbd9"));
    QVERIFY(got.bond().isEmpty());
}

void TestResourceRequests::storagePoolResources()
{
    const QJsonObject resources {
        {QStringLiteral("inodes"),
         QJsonObject {{QStringLiteral("total"), 30709993797.0}, {QStringLiteral("used"), 23937695}}},
        {QStringLiteral("space"),
         QJsonObject {{QStringLiteral("total"), 420100937728.0}, {QStringLiteral("used"), 343537419776.0}}},
    };
    m_transport->addReply("GET", "/1.0/storage-pools/local/resources", RecordedTransport::sync(resources));
    Lxd::StoragePoolResources got;
    QVERIFY(waitAndRead(Lxd::StoragePoolManager(m_client).resources(QStringLiteral("local")),
                        [&](Lxd::ObjectJob<Lxd::StoragePoolResources> *job) { got = job->object(); }));
    QCOMPARE(got.inodesTotal(), Q_INT64_C(30709993797));
    QCOMPARE(got.inodesUsed(), Q_INT64_C(23937695));
    QCOMPARE(got.spaceTotal(), Q_INT64_C(420100937728));
    QCOMPARE(got.spaceUsed(), Q_INT64_C(343537419776));
}

void TestResourceRequests::volumeStateAndSnapshotExpiry()
{
    const Lxd::StorageVolumeManager volumes(m_client, QStringLiteral("my pool"));
    const QJsonObject state {
        {QStringLiteral("usage"),
         QJsonObject {{QStringLiteral("used"), 1693552640}, {QStringLiteral("total"), -1}}}};
    m_transport->addReply("GET", "/1.0/storage-pools/my%20pool/volumes/custom/foo/state",
                          RecordedTransport::sync(state));
    QJsonObject got;
    QVERIFY(waitAndRead(volumes.state(QStringLiteral("foo")),
                        [&](Lxd::ApiJob *job) { got = job->metadata().toObject(); }));
    QCOMPARE(got, state);

    // A snapshot with an expiry sends it as RFC 3339 in UTC.
    m_transport->addReply("POST", "/1.0/storage-pools/my%20pool/volumes/custom/foo/snapshots",
                          RecordedTransport::sync(QJsonObject()));
    const QDateTime expiry(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC);
    Error error;
    QVERIFY(JobWaiter::wait(volumes.createSnapshot(QStringLiteral("foo"), QStringLiteral("snap0"), expiry),
                            &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    const QJsonObject body = QJsonDocument::fromJson(m_transport->requests().constLast().body).object();
    QCOMPARE(body.value(QLatin1String("name")).toString(), QStringLiteral("snap0"));
    QCOMPARE(QDateTime::fromString(body.value(QLatin1String("expires_at")).toString(), Qt::ISODateWithMs),
             expiry);

    // A snapshot read back with LXD's zero time never expires.
    Lxd::StorageVolumeSnapshot never(
        QJsonObject {{QStringLiteral("name"), QStringLiteral("foo/snap0")},
                     {QStringLiteral("expires_at"), QStringLiteral("0001-01-01T00:00:00Z")}},
        {});
    QCOMPARE(never.name(), QStringLiteral("snap0"));
    QVERIFY(!never.expiresAt().isValid());
    never.setExpiresAt(expiry);
    QCOMPARE(never.expiresAt(), expiry);
}

void TestResourceRequests::warningRemove()
{
    const QString uuid = QStringLiteral("e9e9da0d-2538-4351-8047-46d4a8ae4dbb");
    m_transport->addReply("DELETE", "/1.0/warnings/" + uuid.toUtf8(), RecordedTransport::sync(QJsonObject()));
    Error error;
    QVERIFY(JobWaiter::wait(Lxd::WarningManager(m_client).remove(uuid), &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(m_transport->requests().constLast().method, QByteArrayLiteral("DELETE"));
    QCOMPARE(lastTarget(), QByteArrayLiteral("/1.0/warnings/") + uuid.toUtf8());
}

void TestResourceRequests::metricsAreRawText()
{
    RecordedTransport::Canned text;
    text.body = "# HELP lxd_cpu_seconds_total The total number of CPU time used in seconds.\n"
                "# TYPE lxd_cpu_seconds_total counter\n"
                "lxd_cpu_seconds_total{cpu=\"0\",mode=\"system\",name=\"c1\",project=\"default\",type="
                "\"container\"} 0.5\n";
    text.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain; version=0.0.4")});
    m_transport->addReply("GET", "/1.0/metrics", text);
    QByteArray got;
    Error error;
    QVERIFY(waitAndRead(Lxd::ServerManager(m_client.useProject(QStringLiteral("p1"))).metrics(),
                        [&](Lxd::ApiJob *job) {
                            error = job->error();
                            got = job->rawBody();
                        }));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(got, text.body);
    QCOMPARE(lastTarget(), QByteArrayLiteral("/1.0/metrics?project=p1"));
}

void TestResourceRequests::serverWideManagersDropTheProject()
{
    const Client scoped = m_client.useProject(QStringLiteral("p1"));
    JobWaiter::wait(Lxd::ProjectManager(scoped).all());
    QCOMPARE(lastTarget(), QByteArrayLiteral("/1.0/projects?recursion=1"));
    JobWaiter::wait(Lxd::CertificateManager(scoped).all());
    QCOMPARE(lastTarget(), QByteArrayLiteral("/1.0/certificates?recursion=1"));
    JobWaiter::wait(Lxd::ClusterMemberManager(scoped).all());
    QCOMPARE(lastTarget(), QByteArrayLiteral("/1.0/cluster/members?recursion=1"));
}

void TestResourceRequests::projectScopedManagersKeepIt()
{
    const Client scoped = m_client.useProject(QStringLiteral("p 1"));
    JobWaiter::wait(Lxd::ProfileManager(scoped).all());
    QCOMPARE(lastTarget(), QByteArrayLiteral("/1.0/profiles?recursion=1&project=p%201"));
    JobWaiter::wait(Lxd::NetworkManager(scoped).get(QStringLiteral("br0")));
    QCOMPARE(lastTarget(), QByteArrayLiteral("/1.0/networks/br0?project=p%201"));
    JobWaiter::wait(Lxd::StoragePoolManager(scoped).volumes(QStringLiteral("default")).all());
    QCOMPARE(lastTarget(), QByteArrayLiteral("/1.0/storage-pools/default/volumes?recursion=1&project=p%201"));
    JobWaiter::wait(Lxd::OperationManager(scoped).wait(QStringLiteral("abc"), 5));
    QCOMPARE(lastTarget(), QByteArrayLiteral("/1.0/operations/abc/wait?timeout=5&project=p%201"));
    JobWaiter::wait(Lxd::WarningManager(scoped).all());
    QCOMPARE(lastTarget(), QByteArrayLiteral("/1.0/warnings?recursion=1&project=p%201"));
}

void TestResourceRequests::operationListWithoutRecursion()
{
    // What GET /1.0/operations gives without recursion: URLs grouped by status.
    m_transport->addReply(
        "GET", "/1.0/operations",
        RecordedTransport::sync(QJsonObject {
            {QStringLiteral("running"),
             QJsonArray {QStringLiteral("/1.0/operations/b8d84888-1dc2-44fd-b386-7f679e171ba5")}},
            {QStringLiteral("success"),
             QJsonArray {QStringLiteral("/1.0/operations/6916c8a6-9b7d-4abd-90b3-aedfec7ec7da")}},
        }));
    QList<Lxd::Operation> all;
    QList<Lxd::Operation> running;
    QVERIFY(waitAndRead(Lxd::OperationManager(m_client).all(), [&](Lxd::OperationListJob *job) {
        all = job->objects();
        running = job->objects(QStringLiteral("Running"));
    }));
    QCOMPARE(all.size(), 2);
    QCOMPARE(running.size(), 1);
    QCOMPARE(running.constFirst().id(), QStringLiteral("b8d84888-1dc2-44fd-b386-7f679e171ba5"));
    QCOMPARE(running.constFirst().detail(), Lxd::Resource::Detail::Summary);
}

void TestResourceRequests::certificateFieldAndFingerprint()
{
    const QByteArray pem = "-----BEGIN CERTIFICATE-----\r\nQUJD\nREVG\n-----END CERTIFICATE-----\n";
    QCOMPARE(Lxd::CertificateManager::certificateField(pem), QStringLiteral("QUJDREVG"));
    QCOMPARE(Lxd::CertificateManager::fingerprintOf("not a certificate"), QString());
}

QTEST_GUILESS_MAIN(TestResourceRequests)
#include "tst_resourcerequests.moc"
