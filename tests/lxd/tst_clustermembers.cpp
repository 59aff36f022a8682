#include "JobWaiter.h"
#include "RecordedTransport.h"
#include "lxd/Client.h"
#include "lxd/ClusterMemberManager.h"
#include "lxd/Connection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using Lxd::Client;
using Lxd::ClusterMember;
using Lxd::ClusterMemberJoinToken;
using Lxd::ClusterMemberManager;
using Lxd::Error;
using Lxd::HttpRequest;

// Cluster members against recorded replies: the testbed has no cluster. The objects are the examples of
// LXD 5.0's REST API documentation (doc/rest-api.yaml: ClusterMember, Cluster, ClusterMemberJoinToken);
// the operations have the shape lxd/operations renders. Each test checks what Berth sends (method,
// target, body, If-Match) and what it makes of the answer.
class TestClusterMembers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void clusterDescription();
    void listIsOneRequestWithRecursion();
    void getKeepsFieldsAndETag();
    void existsIsFalseOnNotFound();
    void saveSendsWritablePartWithIfMatch();
    void saveConflictIsReported();
    void evacuateFollowsTheOperation();
    void failedRestoreGivesTheOperationsError();
    void renameAndForcedRemove();
    void stateIsReturnedRaw();
    void joinTokenFromTheOperation();
    void joinTokenDecodesLxdsForm();
    void namesArePercentEncoded();

private:
    static QJsonObject member(const QString &name);
    static QJsonObject operation(const QString &id, int statusCode, const QString &status,
                                 const QJsonObject &metadata = {}, const QString &err = {});
    static QJsonObject bodyOf(const HttpRequest &request);

    RecordedTransport *m_transport = nullptr;
    Client m_client;
};

QJsonObject TestClusterMembers::member(const QString &name)
{
    // doc/rest-api.yaml, definitions.ClusterMember examples.
    return QJsonObject {
        {QStringLiteral("architecture"), QStringLiteral("x86_64")},
        {QStringLiteral("config"),
         QJsonObject {{QStringLiteral("scheduler.instance"), QStringLiteral("all")}}},
        {QStringLiteral("database"), true},
        {QStringLiteral("description"), QStringLiteral("AMD Epyc 32c/64t")},
        {QStringLiteral("failure_domain"), QStringLiteral("rack1")},
        {QStringLiteral("groups"), QJsonArray {QStringLiteral("group1"), QStringLiteral("group2")}},
        {QStringLiteral("message"), QStringLiteral("fully operational")},
        {QStringLiteral("roles"), QJsonArray {QStringLiteral("database")}},
        {QStringLiteral("server_name"), name},
        {QStringLiteral("status"), QStringLiteral("Online")},
        {QStringLiteral("url"), QStringLiteral("https://10.0.0.1:8443")},
    };
}

QJsonObject TestClusterMembers::operation(const QString &id, int statusCode, const QString &status,
                                          const QJsonObject &metadata, const QString &err)
{
    return QJsonObject {
        {QStringLiteral("id"), id},
        {QStringLiteral("class"),
         statusCode == 103 && metadata.contains(QLatin1String("secret")) ? QStringLiteral("token")
                                                                         : QStringLiteral("task")},
        {QStringLiteral("description"), QStringLiteral("Evacuating cluster member")},
        {QStringLiteral("created_at"), QStringLiteral("2021-03-23T17:38:37.753398689-04:00")},
        {QStringLiteral("updated_at"), QStringLiteral("2021-03-23T17:38:37.753398689-04:00")},
        {QStringLiteral("status"), status},
        {QStringLiteral("status_code"), statusCode},
        {QStringLiteral("resources"), QJsonObject()},
        {QStringLiteral("metadata"), metadata},
        {QStringLiteral("may_cancel"), false},
        {QStringLiteral("err"), err},
        {QStringLiteral("location"), QStringLiteral("lxd01")},
    };
}

QJsonObject TestClusterMembers::bodyOf(const HttpRequest &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

void TestClusterMembers::init()
{
    auto transport = std::make_unique<RecordedTransport>();
    m_transport = transport.get();
    auto connection = std::make_shared<Lxd::Connection>(std::move(transport));
    // No events websocket here: operations are followed through /wait.
    connection->setOperationWait(Lxd::Connection::OperationWait::Polling);
    m_client = Client(connection);
}

void TestClusterMembers::cleanup()
{
    m_client = Client();
    m_transport = nullptr;
}

void TestClusterMembers::clusterDescription()
{
    m_transport->addReply(
        "GET", "/1.0/cluster",
        RecordedTransport::sync(QJsonObject {{QStringLiteral("server_name"), QStringLiteral("lxd01")},
                                             {QStringLiteral("enabled"), true},
                                             {QStringLiteral("member_config"), QJsonArray()}}));
    // A project-scoped client still asks server-wide.
    const ClusterMemberManager members(m_client.useProject(QStringLiteral("p1")));
    Lxd::Cluster cluster;
    QVERIFY(waitAndRead(members.cluster(), [&](Lxd::ObjectJob<Lxd::Cluster> *job) {
        QVERIFY2(job->succeeded(), qPrintable(job->error().userMessage()));
        cluster = job->object();
    }));
    QVERIFY(cluster.enabled());
    QCOMPARE(cluster.serverName(), QStringLiteral("lxd01"));
    QCOMPARE(m_transport->requests().constLast().target, QByteArrayLiteral("/1.0/cluster"));
}

void TestClusterMembers::listIsOneRequestWithRecursion()
{
    m_transport->addReply("GET", "/1.0/cluster/members",
                          RecordedTransport::sync(
                              QJsonArray {member(QStringLiteral("lxd01")), member(QStringLiteral("lxd02"))}));
    QList<ClusterMember> listed;
    QVERIFY(waitAndRead(ClusterMemberManager(m_client).all(), [&](Lxd::ListJob<ClusterMember> *job) {
        QVERIFY2(job->succeeded(), qPrintable(job->error().userMessage()));
        listed = job->objects();
    }));
    QCOMPARE(m_transport->requests().size(), 1);
    QCOMPARE(m_transport->requests().constFirst().target,
             QByteArrayLiteral("/1.0/cluster/members?recursion=1"));
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed.at(1).serverName(), QStringLiteral("lxd02"));
    QVERIFY(listed.at(0).isFull());
    QCOMPARE(listed.at(0).status(), QStringLiteral("Online"));
}

void TestClusterMembers::getKeepsFieldsAndETag()
{
    m_transport->addReply("GET", "/1.0/cluster/members/lxd01",
                          RecordedTransport::sync(member(QStringLiteral("lxd01")), "\"etag-1\""));
    ClusterMember got;
    QVERIFY(waitAndRead(ClusterMemberManager(m_client).get(QStringLiteral("lxd01")),
                        [&](Lxd::ObjectJob<ClusterMember> *job) {
                            QVERIFY2(job->succeeded(), qPrintable(job->error().userMessage()));
                            got = job->object();
                        }));
    QCOMPARE(got.serverName(), QStringLiteral("lxd01"));
    QCOMPARE(got.url(), QStringLiteral("https://10.0.0.1:8443"));
    QVERIFY(got.database());
    QCOMPARE(got.architecture(), QStringLiteral("x86_64"));
    QCOMPARE(got.failureDomain(), QStringLiteral("rack1"));
    QCOMPARE(got.roles(), QStringList {QStringLiteral("database")});
    QCOMPARE(got.groups(), (QStringList {QStringLiteral("group1"), QStringLiteral("group2")}));
    QCOMPARE(got.config().value(QStringLiteral("scheduler.instance")), QStringLiteral("all"));
    QCOMPARE(got.message(), QStringLiteral("fully operational"));
    QCOMPARE(got.etag(), QByteArrayLiteral("\"etag-1\""));
    QVERIFY(!got.isDirty());
}

void TestClusterMembers::existsIsFalseOnNotFound()
{
    m_transport->addReply("GET", "/1.0/cluster/members/lxd01",
                          RecordedTransport::sync(member(QStringLiteral("lxd01"))));
    bool lxd01 = false;
    bool lxd09 = true;
    Error realError;
    const ClusterMemberManager members(m_client);
    QVERIFY(waitAndRead(members.exists(QStringLiteral("lxd01")),
                        [&](Lxd::ExistsJob *job) { lxd01 = job->exists(); }));
    QVERIFY(waitAndRead(members.exists(QStringLiteral("lxd09")), [&](Lxd::ExistsJob *job) {
        lxd09 = job->exists();
        realError = job->realError();
    }));
    QVERIFY(lxd01);
    QVERIFY(!lxd09);
    QVERIFY(!realError);
}

void TestClusterMembers::saveSendsWritablePartWithIfMatch()
{
    ClusterMember edited(member(QStringLiteral("lxd01")), "\"etag-1\"");
    edited.setDescription(QStringLiteral("rack 2 now"));
    edited.setFailureDomain(QStringLiteral("rack2"));
    QVERIFY(edited.isDirty());
    m_transport->addReply("PUT", "/1.0/cluster/members/lxd01", RecordedTransport::sync(QJsonObject()));
    Error error;
    QVERIFY(JobWaiter::wait(ClusterMemberManager(m_client).save(edited), &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    const HttpRequest put = m_transport->requests().constLast();
    QCOMPARE(put.method, QByteArrayLiteral("PUT"));
    QCOMPARE(put.header("If-Match"), QByteArrayLiteral("\"etag-1\""));
    const QJsonObject body = bodyOf(put);
    QCOMPARE(body, edited.writable());
    QCOMPARE(body.value(QLatin1String("failure_domain")).toString(), QStringLiteral("rack2"));
    // Only ClusterMemberPut's fields: nothing read-only.
    QVERIFY(!body.contains(QLatin1String("status")));
    QVERIFY(!body.contains(QLatin1String("url")));
    QVERIFY(!body.contains(QLatin1String("server_name")));
}

void TestClusterMembers::saveConflictIsReported()
{
    ClusterMember edited(member(QStringLiteral("lxd01")), "\"stale\"");
    edited.setDescription(QStringLiteral("changed"));
    m_transport->addReply("PUT", "/1.0/cluster/members/lxd01",
                          RecordedTransport::error(412, QStringLiteral("ETag doesn't match")));
    Error error;
    QVERIFY(JobWaiter::wait(ClusterMemberManager(m_client).save(edited), &error));
    QVERIFY(error.isConflict());
    QCOMPARE(error.kind(), Error::Kind::Api);
}

void TestClusterMembers::evacuateFollowsTheOperation()
{
    const QString id = QStringLiteral("6916c8a6-9b7d-4abd-90b3-aedfec7ec7da");
    m_transport->addReply("POST", "/1.0/cluster/members/lxd02/state",
                          RecordedTransport::async(operation(id, 103, QStringLiteral("Running"))));
    m_transport->addReply("GET", "/1.0/operations/" + id.toUtf8() + "/wait",
                          RecordedTransport::sync(operation(id, 200, QStringLiteral("Success"))));
    bool polled = false;
    QVERIFY(
        waitAndRead(ClusterMemberManager(m_client).evacuate(QStringLiteral("lxd02"), QStringLiteral("stop")),
                    [&](Lxd::OperationJob *job) {
                        QVERIFY2(job->succeeded(), qPrintable(job->error().userMessage()));
                        QCOMPARE(job->id(), id);
                        polled = job->usedPollingFallback();
                    }));
    QVERIFY(polled);
    const QList<HttpRequest> posts = m_transport->requests("POST", "/1.0/cluster/members/lxd02/state");
    QCOMPARE(posts.size(), 1);
    QCOMPARE(bodyOf(posts.constFirst()),
             (QJsonObject {{QStringLiteral("action"), QStringLiteral("evacuate")},
                           {QStringLiteral("mode"), QStringLiteral("stop")}}));
    QCOMPARE(m_transport->requests("GET", "/1.0/operations/" + id.toUtf8() + "/wait").size(), 1);
}

void TestClusterMembers::failedRestoreGivesTheOperationsError()
{
    const QString id = QStringLiteral("0b7a1d61-2a2b-4c5d-9e0f-1a2b3c4d5e6f");
    m_transport->addReply("POST", "/1.0/cluster/members/lxd02/state",
                          RecordedTransport::async(operation(id, 103, QStringLiteral("Running"))));
    m_transport->addReply(
        "GET", "/1.0/operations/" + id.toUtf8() + "/wait",
        RecordedTransport::sync(operation(id, 400, QStringLiteral("Failure"), {},
                                          QStringLiteral("Failed to start instance \"c1\""))));
    Error error;
    QVERIFY(JobWaiter::wait(ClusterMemberManager(m_client).restore(QStringLiteral("lxd02")), &error));
    QCOMPARE(error.kind(), Error::Kind::Operation);
    QVERIFY2(error.serverMessage().contains(QLatin1String("Failed to start instance")),
             qPrintable(error.serverMessage()));
    const HttpRequest post = m_transport->requests("POST", "/1.0/cluster/members/lxd02/state").constFirst();
    QCOMPARE(bodyOf(post), (QJsonObject {{QStringLiteral("action"), QStringLiteral("restore")}}));
}

void TestClusterMembers::renameAndForcedRemove()
{
    m_transport->addReply("POST", "/1.0/cluster/members/lxd02", RecordedTransport::sync(QJsonObject()));
    m_transport->addReply("DELETE", "/1.0/cluster/members/lxd03", RecordedTransport::sync(QJsonObject()));
    const ClusterMemberManager members(m_client);
    Error error;
    QVERIFY(JobWaiter::wait(members.rename(QStringLiteral("lxd02"), QStringLiteral("lxd03")), &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(bodyOf(m_transport->requests().constLast()),
             (QJsonObject {{QStringLiteral("server_name"), QStringLiteral("lxd03")}}));
    QVERIFY(JobWaiter::wait(members.remove(QStringLiteral("lxd03"), true), &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(m_transport->requests().constLast().method, QByteArrayLiteral("DELETE"));
    QCOMPARE(m_transport->requests().constLast().target,
             QByteArrayLiteral("/1.0/cluster/members/lxd03?force=1"));
    QVERIFY(JobWaiter::wait(members.remove(QStringLiteral("lxd03")), &error));
    QCOMPARE(m_transport->requests().constLast().target, QByteArrayLiteral("/1.0/cluster/members/lxd03"));
}

void TestClusterMembers::stateIsReturnedRaw()
{
    // doc/rest-api.yaml, ClusterMemberState / ClusterMemberSysInfo examples.
    const QJsonObject state {
        {QStringLiteral("sysinfo"),
         QJsonObject {{QStringLiteral("uptime"), 1234},
                      {QStringLiteral("processes"), 100},
                      {QStringLiteral("total_ram"), 8589934592.0}}},
        {QStringLiteral("storage_pools"), QJsonObject {{QStringLiteral("local"), QJsonObject()}}},
    };
    m_transport->addReply("GET", "/1.0/cluster/members/lxd01/state", RecordedTransport::sync(state));
    QJsonObject got;
    QVERIFY(waitAndRead(ClusterMemberManager(m_client).state(QStringLiteral("lxd01")), [&](Lxd::ApiJob *job) {
        QVERIFY2(job->succeeded(), qPrintable(job->error().userMessage()));
        got = job->metadata().toObject();
    }));
    QCOMPARE(got, state);
}

void TestClusterMembers::joinTokenFromTheOperation()
{
    // The token operation of POST /1.0/cluster/members (lxd/api_cluster.go clusterNodesPost), with the
    // values of the ClusterMemberJoinToken example of doc/rest-api.yaml.
    const QString id = QStringLiteral("f4a6b0a2-5c1d-4e8e-8a3c-7f1b2d3e4c5a");
    const QJsonObject metadata {
        {QStringLiteral("serverName"), QStringLiteral("lxd02")},
        {QStringLiteral("secret"),
         QStringLiteral("2b2284d44db32675923fe0d2020477e0e9be11801ff70c435e032b97028c35cd")},
        {QStringLiteral("fingerprint"),
         QStringLiteral("57bb0ff4340b5bb28517e062023101adf788c37846dc8b619eb2c3cb4ef29436")},
        {QStringLiteral("addresses"), QJsonArray {QStringLiteral("10.98.30.229:8443")}},
        {QStringLiteral("expiresAt"), QStringLiteral("2021-03-23T17:38:37.753398689-04:00")},
    };
    m_transport->addReply("POST", "/1.0/cluster/members",
                          RecordedTransport::async(operation(id, 103, QStringLiteral("Running"), metadata)));
    ClusterMemberJoinToken token;
    QString operationId;
    QVERIFY(waitAndRead(ClusterMemberManager(m_client).requestJoinToken(QStringLiteral("lxd02")),
                        [&](Lxd::TokenJob<ClusterMemberJoinToken> *job) {
                            QVERIFY2(job->succeeded(), qPrintable(job->error().userMessage()));
                            token = job->token();
                            operationId = job->operationId();
                        }));
    QCOMPARE(bodyOf(m_transport->requests().constLast()),
             (QJsonObject {{QStringLiteral("server_name"), QStringLiteral("lxd02")}}));
    // The job ends with the reply: a token operation stays pending, nobody waits for it.
    QCOMPARE(m_transport->requests().size(), 1);
    QVERIFY(token.isValid());
    QCOMPARE(operationId, id);
    QCOMPARE(token.operationId(), id);
    QCOMPARE(token.serverName(), QStringLiteral("lxd02"));
    QCOMPARE(token.addresses(), QStringList {QStringLiteral("10.98.30.229:8443")});
    QCOMPARE(token.fingerprint(), metadata.value(QLatin1String("fingerprint")).toString());
    QCOMPARE(token.expiresAt().toUTC(), QDateTime(QDate(2021, 3, 23), QTime(21, 38, 37, 753), Qt::UTC));

    const ClusterMemberJoinToken decoded = ClusterMemberJoinToken::decode(token.encode());
    QVERIFY(decoded.isValid());
    QCOMPARE(decoded.serverName(), token.serverName());
    QCOMPARE(decoded.secret(), token.secret());
    QCOMPARE(decoded.fingerprint(), token.fingerprint());
    QCOMPARE(decoded.addresses(), token.addresses());
    QCOMPARE(decoded.expiresAt(), token.expiresAt());
}

void TestClusterMembers::joinTokenDecodesLxdsForm()
{
    // What `lxc cluster add` prints: base64 of the JSON Go's encoding/json writes for the doc's example.
    const QByteArray json
        = R"({"server_name":"lxd02","fingerprint":"57bb0ff4340b5bb28517e062023101adf788c37846dc8b619eb2c3cb4ef29436","addresses":["10.98.30.229:8443"],"secret":"2b2284d44db32675923fe0d2020477e0e9be11801ff70c435e032b97028c35cd","expires_at":"2021-03-23T17:38:37.753398689-04:00"})";
    const ClusterMemberJoinToken token = ClusterMemberJoinToken::decode(QString::fromLatin1(json.toBase64()));
    QVERIFY(token.isValid());
    QCOMPARE(token.serverName(), QStringLiteral("lxd02"));
    QCOMPARE(token.secret(),
             QStringLiteral("2b2284d44db32675923fe0d2020477e0e9be11801ff70c435e032b97028c35cd"));
    QVERIFY(token.expiresAt().isValid());

    QVERIFY(!ClusterMemberJoinToken::decode(QStringLiteral("not a token!")).isValid());
    QVERIFY(
        !ClusterMemberJoinToken::decode(QString::fromLatin1(QByteArrayLiteral("{}").toBase64())).isValid());
}

void TestClusterMembers::namesArePercentEncoded()
{
    Error error;
    QVERIFY(JobWaiter::wait(ClusterMemberManager(m_client).get(QStringLiteral("a b/c")), &error));
    QVERIFY(error.isNotFound());
    QCOMPARE(m_transport->requests().constLast().target, QByteArrayLiteral("/1.0/cluster/members/a%20b%2Fc"));
}

QTEST_GUILESS_MAIN(TestClusterMembers)
#include "tst_clustermembers.moc"
