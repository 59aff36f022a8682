#include "FakeLxdTransport.h"
#include "ModelChangeRecorder.h"
#include "models/ClusterMemberTableModel.h"
#include "models/ResourceCache.h"
#include "models/ResourceFilterProxyModel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QTest>

using Models::ClusterMemberTableModel;
using Models::ResourceCache;
using Models::ResourceTableModel;

namespace {

const QString Members = QStringLiteral("/cluster/members");

// GET /1.0/cluster/members/<name> as LXD's REST API documentation shows it.
QJsonObject member(const QString &name, const QString &address,
                   const QString &status = QStringLiteral("Online"))
{
    const QByteArray json = R"({
        "architecture": "x86_64",
        "config": {"scheduler.instance": "all"},
        "database": true,
        "description": "AMD Epyc 32c/64t",
        "failure_domain": "rack1",
        "groups": ["default"],
        "message": "Fully operational",
        "roles": ["database"],
        "server_name": "",
        "status": "",
        "url": ""
    })";
    QJsonObject object = QJsonDocument::fromJson(json).object();
    object.insert(QStringLiteral("server_name"), name);
    object.insert(QStringLiteral("url"), QStringLiteral("https://%1:8443").arg(address));
    object.insert(QStringLiteral("status"), status);
    return object;
}

} // namespace

// Cluster members, on a fake daemon: the testbed has no cluster. Canned members as LXD documents them,
// and the cluster-member-* lifecycle events LXD sends (added, updated, renamed, removed).
class TestClusterMemberModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsMemberEvents();
};

void TestClusterMemberModel::followsMemberEvents()
{
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake).useProject(QStringLiteral("p"));
    fake->putObject(Members, QStringLiteral("m1"), member(QStringLiteral("m1"), QStringLiteral("10.0.0.1")));
    fake->putObject(Members, QStringLiteral("m2"), member(QStringLiteral("m2"), QStringLiteral("10.0.0.2")));
    fake->putObject(Members, QStringLiteral("m3"), member(QStringLiteral("m3"), QStringLiteral("10.0.0.3")));

    // Members are server-wide: a project-scoped client still sees them all.
    ResourceCache cache(client, Models::ResourceKind::clusterMembers());
    ClusterMemberTableModel model(&cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ModelChangeRecorder changes(&model);
    cache.load();
    QTRY_COMPARE(cache.state(), ResourceCache::State::Ready);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(fake->requests().constFirst().startsWith("/1.0/cluster/members?recursion=1"));
    QVERIFY(!fake->requests().constFirst().contains("project="));
    QCOMPARE(model.index(1, ClusterMemberTableModel::Url).data().toString(),
             QStringLiteral("https://10.0.0.2:8443"));
    QCOMPARE(model.index(1, ClusterMemberTableModel::Roles).data().toString(), QStringLiteral("database"));
    QCOMPARE(model.index(1, 0).data(ResourceTableModel::LocationRole).toString(), QStringLiteral("m2"));
    QCOMPARE(model.index(1, 0).data(ResourceTableModel::ProjectRole).toString(), QString());
    changes.clear();

    // Added (events of server-wide objects come with the default project).
    fake->putObject(Members, QStringLiteral("m4"), member(QStringLiteral("m4"), QStringLiteral("10.0.0.4")));
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("cluster-member-added"),
                                                QStringLiteral("/1.0/cluster/members/m4")));
    QTRY_COMPARE(changes.inserted, QStringList {QStringLiteral("m4")});

    // Updated: m2 goes into evacuation.
    fake->putObject(Members, QStringLiteral("m2"),
                    member(QStringLiteral("m2"), QStringLiteral("10.0.0.2"), QStringLiteral("Evacuated")));
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("cluster-member-updated"),
                                                QStringLiteral("/1.0/cluster/members/m2")));
    QTRY_COMPARE(model.index(1, ClusterMemberTableModel::Status).data().toString(),
                 QStringLiteral("Evacuated"));
    QVERIFY(!changes.changed.isEmpty());
    QCOMPARE(changes.changed.count(QStringLiteral("m2")), changes.changed.size());

    // Renamed: the same row.
    fake->removeObject(Members, QStringLiteral("m3"));
    fake->putObject(Members, QStringLiteral("m3b"),
                    member(QStringLiteral("m3b"), QStringLiteral("10.0.0.3")));
    fake->sendEvent(FakeLxdTransport::lifecycle(
        QStringLiteral("cluster-member-renamed"), QStringLiteral("/1.0/cluster/members/m3b"),
        QStringLiteral("default"), {{QStringLiteral("old_name"), QStringLiteral("m3")}}));
    QTRY_COMPARE(model.index(2, ClusterMemberTableModel::Name).data().toString(), QStringLiteral("m3b"));

    // Removed.
    fake->removeObject(Members, QStringLiteral("m1"));
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("cluster-member-removed"),
                                                QStringLiteral("/1.0/cluster/members/m1")));
    QTRY_COMPARE(changes.removed, QStringList {QStringLiteral("m1")});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(changes.inserted.size(), 1);
    QVERIFY(changes.nothingReset());
    QCOMPARE(cache.listingsMade(), 1);

    // The location filter picks members.
    Models::ResourceFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setLocationFilter({QStringLiteral("m4"), QStringLiteral("m2")});
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setStatusFilter({QStringLiteral("online")});
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("m4"));
}

QTEST_GUILESS_MAIN(TestClusterMemberModel)
#include "tst_clustermembermodel.moc"
