#include "LxcCommand.h"
#include "ResourceTestSupport.h"
#include "Testbed.h"
#include "lxd/ClusterMemberManager.h"
#include "lxd/InstanceManager.h"
#include "lxd/OperationManager.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUuid>

using Lxd::Client;
using Lxd::ClusterMember;
using Lxd::ClusterMemberJoinToken;
using Lxd::ClusterMemberManager;
using Lxd::Error;

// Cluster members against the testbed's real two-member cluster (m1 and m2), through m1's unix socket.
// What a live cluster must not go through here (renaming or removing a member) is covered by
// tst_clustermembers against recorded replies.
class TestClusterIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void clusterDescription();
    void membersListedAndFetched();
    void memberState();
    void saveDetectsConflict();
    void evacuateAndRestore();
    void joinTokenRequestedAndRevoked();
    void lxcJoinTokenDecodes();
    void createsOnChosenMember_data();
    void createsOnChosenMember();

private:
    QString lxcQuery(const QString &path) const;
    QStringList pendingJoinTokenNames() const;
    LxcResult lxc(const QStringList &arguments) const
    {
        return LxcCommand::run(arguments, Testbed::Daemon::Cluster);
    }

    Client m_client;
    QString m_first;
    QString m_second;
    QList<QStringList> m_cleanup;
};

void TestClusterIntegration::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    const QString reason = Testbed::unavailableReason(Testbed::Daemon::Cluster);
    if (!reason.isEmpty()) {
        if (Testbed::mustBePresent())
            QFAIL(qPrintable(QStringLiteral("the testbed's cluster is required here: ") + reason));
        QSKIP(qPrintable(QStringLiteral("no cluster in the testbed: ") + reason));
    }
    m_client = Client::overUnixSocket(Testbed::socketPath(Testbed::Daemon::Cluster));
    m_first = Testbed::clusterMemberName(Testbed::Daemon::Cluster);
    m_second = Testbed::clusterMemberName(Testbed::Daemon::Cluster2);
    QVERIFY(!m_first.isEmpty() && !m_second.isEmpty());
}

void TestClusterIntegration::cleanupTestCase()
{
    for (const QStringList &arguments : std::as_const(m_cleanup))
        lxc(arguments);
}

QString TestClusterIntegration::lxcQuery(const QString &path) const
{
    return lxc({QStringLiteral("query"), path}).output;
}

QStringList TestClusterIntegration::pendingJoinTokenNames() const
{
    const LxcResult result
        = lxc({QStringLiteral("cluster"), QStringLiteral("list-tokens"), QStringLiteral("--format=csv")});
    QStringList names;
    const QStringList lines = result.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines)
        names.append(line.section(QLatin1Char(','), 0, 0));
    return names;
}

void TestClusterIntegration::clusterDescription()
{
    Lxd::Cluster cluster;
    BERTH_VERIFY_OK(runJob(ClusterMemberManager(m_client).cluster(),
                           [&](Lxd::ObjectJob<Lxd::Cluster> *job) { cluster = job->object(); }));
    QVERIFY(cluster.enabled());
    QCOMPARE(cluster.serverName(), m_first);
    QVERIFY2(!cluster.memberConfig().isEmpty(), "a joining member must give its pool's source");
}

void TestClusterIntegration::membersListedAndFetched()
{
    const ClusterMemberManager members(m_client);
    QList<ClusterMember> listed;
    BERTH_VERIFY_OK(
        runJob(members.all(), [&](Lxd::ListJob<ClusterMember> *job) { listed = job->objects(); }));
    QStringList names;
    for (const ClusterMember &member : std::as_const(listed)) {
        names.append(member.serverName());
        QCOMPARE(member.status(), QStringLiteral("Online"));
        QVERIFY(member.url().startsWith(QLatin1String("https://127.0.0.")));
    }
    names.sort();
    QCOMPARE(names, (QStringList {m_first, m_second}));

    ClusterMember second;
    BERTH_VERIFY_OK(
        runJob(members.get(m_second), [&](Lxd::ObjectJob<ClusterMember> *job) { second = job->object(); }));
    QCOMPARE(second.serverName(), m_second);
    QCOMPARE(second.url(), QStringLiteral("https://") + Testbed::httpsAddress(Testbed::Daemon::Cluster2));
    QCOMPARE(second.architecture(), QStringLiteral("x86_64"));
    QVERIFY(!second.etag().isEmpty());
    QVERIFY(!second.roles().isEmpty());

    bool exists = false;
    BERTH_VERIFY_OK(runExists(members.exists(m_second), &exists));
    QVERIFY(exists);
    BERTH_VERIFY_OK(runExists(members.exists(QStringLiteral("no-such-member")), &exists));
    QVERIFY(!exists);
}

void TestClusterIntegration::memberState()
{
    BERTH_VERIFY_OK(runJob(m_client.getServer()));
    QJsonObject state;
    const Error error = runJob(ClusterMemberManager(m_client).state(m_second),
                               [&](Lxd::ApiJob *job) { state = job->metadata().toObject(); });
    if (!m_client.hasExtension(QStringLiteral("cluster_member_state"))) {
        // LXD 5.0 has no such endpoint: the refusal is an ordinary error (the replies' parsing is
        // covered by tst_clustermembers).
        QCOMPARE(error.httpStatus(), 501);
        return;
    }
    BERTH_VERIFY_OK(error);
    const QJsonObject sysinfo = state.value(QLatin1String("sysinfo")).toObject();
    QVERIFY2(sysinfo.value(QLatin1String("total_ram")).toDouble() > 0,
             qPrintable(QString::fromUtf8(QJsonDocument(state).toJson())));
    QVERIFY(state.value(QLatin1String("storage_pools")).toObject().contains(QLatin1String("default")));
}

void TestClusterIntegration::saveDetectsConflict()
{
    const ClusterMemberManager members(m_client);
    ClusterMember member;
    BERTH_VERIFY_OK(
        runJob(members.get(m_second), [&](Lxd::ObjectJob<ClusterMember> *job) { member = job->object(); }));
    const QString original = member.description();
    // LXD 5.0 treats PATCH of a member as a PUT (a body without `groups` is refused): change it whole.
    const auto putBody = [&](const QString &description) {
        ClusterMember edited = member;
        edited.setDescription(description);
        return QString::fromUtf8(QJsonDocument(edited.writable()).toJson(QJsonDocument::Compact));
    };
    const QString memberPath = QStringLiteral("/1.0/cluster/members/") + m_second;
    m_cleanup.prepend({QStringLiteral("query"), QStringLiteral("-X"), QStringLiteral("PUT"),
                       QStringLiteral("-d"), putBody(original), memberPath});

    const LxcResult theirs = lxc({QStringLiteral("query"), QStringLiteral("-X"), QStringLiteral("PUT"),
                                  QStringLiteral("-d"), putBody(QStringLiteral("theirs")), memberPath});
    QVERIFY2(theirs.ok(), qPrintable(theirs.errorOutput));

    member.setDescription(QStringLiteral("mine"));
    const Error conflict = runJob(members.save(member));
    QVERIFY2(conflict.isConflict(), qPrintable(describe(conflict)));
    QVERIFY(lxcQuery(memberPath).contains(QLatin1String("\"theirs\"")));

    BERTH_VERIFY_OK(
        runJob(members.get(m_second), [&](Lxd::ObjectJob<ClusterMember> *job) { member = job->object(); }));
    QCOMPARE(member.description(), QStringLiteral("theirs"));
    member.setDescription(QStringLiteral("mine"));
    BERTH_VERIFY_OK(runJob(members.save(member)));
    QVERIFY(lxcQuery(memberPath).contains(QLatin1String("\"mine\"")));
    // The rest of the member (roles, groups, failure domain) went back unchanged.
    BERTH_VERIFY_OK(
        runJob(members.get(m_second), [&](Lxd::ObjectJob<ClusterMember> *job) { member = job->object(); }));
    QVERIFY(!member.groups().isEmpty());
    QVERIFY(!member.roles().isEmpty());

    member.setDescription(original);
    BERTH_VERIFY_OK(runJob(members.save(member)));
}

void TestClusterIntegration::evacuateAndRestore()
{
    const ClusterMemberManager members(m_client);
    m_cleanup.prepend(
        {QStringLiteral("cluster"), QStringLiteral("restore"), m_second, QStringLiteral("--force")});
    const auto statusOf = [&](const QString &name) {
        ClusterMember member;
        runJob(members.get(name), [&](Lxd::ObjectJob<ClusterMember> *job) { member = job->object(); });
        return member.status();
    };

    BERTH_VERIFY_OK(runJob(members.evacuate(m_second, QStringLiteral("stop")), 160000));
    QCOMPARE(statusOf(m_second), QStringLiteral("Evacuated"));
    QVERIFY(lxc({QStringLiteral("cluster"), QStringLiteral("list"), QStringLiteral("--format=csv")})
                .output.contains(QLatin1String("EVACUATED")));

    BERTH_VERIFY_OK(runJob(members.restore(m_second), 160000));
    QCOMPARE(statusOf(m_second), QStringLiteral("Online"));
}

void TestClusterIntegration::joinTokenRequestedAndRevoked()
{
    const QString name = uniqueName(QStringLiteral("berth-join-"));
    m_cleanup.prepend({QStringLiteral("cluster"), QStringLiteral("revoke-token"), name});
    ClusterMemberJoinToken token;
    QString operationId;
    BERTH_VERIFY_OK(runJob(ClusterMemberManager(m_client).requestJoinToken(name),
                           [&](Lxd::TokenJob<ClusterMemberJoinToken> *job) {
                               token = job->token();
                               operationId = job->operationId();
                           }));
    QVERIFY(token.isValid());
    QCOMPARE(token.serverName(), name);
    QCOMPARE(token.operationId(), operationId);
    QVERIFY2(token.addresses().contains(Testbed::httpsAddress(Testbed::Daemon::Cluster)),
             qPrintable(token.addresses().join(u',')));
    QCOMPARE(token.fingerprint().size(), 64);
    QVERIFY(pendingJoinTokenNames().contains(name));

    const ClusterMemberJoinToken decoded = ClusterMemberJoinToken::decode(token.encode());
    QCOMPARE(decoded.serverName(), name);
    QCOMPARE(decoded.secret(), token.secret());
    QCOMPARE(decoded.addresses(), token.addresses());

    BERTH_VERIFY_OK(runJob(Lxd::OperationManager(m_client).cancel(operationId)));
    QVERIFY(!pendingJoinTokenNames().contains(name));
}

void TestClusterIntegration::lxcJoinTokenDecodes()
{
    const QString name = uniqueName(QStringLiteral("berth-lxcjoin-"));
    m_cleanup.prepend({QStringLiteral("cluster"), QStringLiteral("revoke-token"), name});
    const LxcResult added = lxc({QStringLiteral("cluster"), QStringLiteral("add"), name});
    QVERIFY2(added.ok(), qPrintable(added.errorOutput));
    const QString text = added.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts).constLast().trimmed();

    const ClusterMemberJoinToken token = ClusterMemberJoinToken::decode(text);
    QVERIFY2(token.isValid(), qPrintable(text));
    QCOMPARE(token.serverName(), name);
    QVERIFY(token.addresses().contains(Testbed::httpsAddress(Testbed::Daemon::Cluster)));
    QVERIFY(token.expiresAt().isValid());
    const LxcResult revoked = lxc({QStringLiteral("cluster"), QStringLiteral("revoke-token"), name});
    QVERIFY2(revoked.ok(), qPrintable(revoked.errorOutput));
}

QTEST_GUILESS_MAIN(TestClusterIntegration)
#include "tst_clusterintegration.moc"

void TestClusterIntegration::createsOnChosenMember_data()
{
    QTest::addColumn<bool>("onSecond");
    QTest::newRow("this member") << false;
    QTest::newRow("the other member") << true;
}

void TestClusterIntegration::createsOnChosenMember()
{
    QFETCH(bool, onSecond);
    const QString member = onSecond ? m_second : m_first;
    const QString name
        = QStringLiteral("cluster-target-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    m_cleanup.append({QStringLiteral("delete"), QStringLiteral("--force"), name});
    QJsonObject source {{QStringLiteral("type"), QStringLiteral("image")},
                        {QStringLiteral("alias"), Testbed::imageAlias()}};
    const QJsonObject request {{QStringLiteral("name"), name}, {QStringLiteral("source"), source}};
    // The operation runs on the chosen member; its end must still reach the waiting job.
    BERTH_VERIFY_OK(runJob(Lxd::InstanceManager(m_client.useTarget(member)).create(request), 60000));
    const QJsonObject instance
        = QJsonDocument::fromJson(lxcQuery(QStringLiteral("/1.0/instances/") + name).toUtf8()).object();
    QCOMPARE(instance.value(QLatin1String("location")).toString(), member);
}
