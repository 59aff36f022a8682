#include "FakeLxdTransport.h"
#include "ModelChangeRecorder.h"
#include "lxd/EventStream.h"
#include "models/ImageTableModel.h"
#include "models/InstanceTableModel.h"
#include "models/ResourceCache.h"
#include "models/SnapshotTableModel.h"
#include "models/StorageVolumeTableModel.h"
#include "models/WarningTableModel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QTest>

using Models::ResourceCache;
using Models::ResourceKind;
using Models::ResourceTableModel;

namespace {

const QString Instances = QStringLiteral("/instances");
const QString Project = QStringLiteral("p");

QJsonObject instance(const QString &name, const QString &status)
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("status"), status},
            {QStringLiteral("type"), QStringLiteral("container")},
            {QStringLiteral("location"), QStringLiteral("none")},
            {QStringLiteral("created_at"), QStringLiteral("2026-11-22T07:00:00Z")}};
}

QJsonObject memoryState(double bytes)
{
    return {{QStringLiteral("status"), QStringLiteral("Running")},
            {QStringLiteral("memory"), QJsonObject {{QStringLiteral("usage"), bytes}}}};
}

QString source(const QString &path)
{
    return QStringLiteral("/1.0") + path + QStringLiteral("?project=") + Project;
}

} // namespace

// The cache and table models against a fake daemon: what the real one will not do on demand (cut the
// event stream, answer late, fail one request), and the rules that make every kind, nested ones
// included, follow its own events and nothing else.
class TestResourceCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsOnceThenFollowsEvents();
    void keysFromEventSources_data();
    void keysFromEventSources();
    void nestedCollectionFollowsItsOwnEventsOnly();
    void volumesAreKeyedByTypeAndName();
    void aliasEventsRelistImagesOnceForABurst();
    void reconnectAppliesTheDifferenceWithoutReset();
    void eventsDuringTheListingAreNotLost();
    void lateFetchDoesNotBringBackADeletedRow();
    void failedFetchMarksTheRow();
    void warningsFollowTheirEvents();
};

void TestResourceCache::listsOnceThenFollowsEvents()
{
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake).useProject(Project);
    for (const QString &name : {QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3")})
        fake->putObject(Instances, name, instance(name, QStringLiteral("Stopped")), Project);

    ResourceCache cache(client, ResourceKind::instances());
    Models::InstanceTableModel model(&cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ModelChangeRecorder changes(&model);
    cache.load();
    QTRY_COMPARE(cache.state(), ResourceCache::State::Ready);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(fake->requests().size(), 1);
    QVERIFY(fake->requests().constFirst().contains("recursion=1"));
    QVERIFY(!fake->requests().constFirst().contains("all-projects"));
    QCOMPARE(changes.inserted,
             QStringList({QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3")}));
    changes.clear();

    // Created, and running: one insert, then its state.
    fake->putObject(Instances, QStringLiteral("c4"),
                    instance(QStringLiteral("c4"), QStringLiteral("Running")), Project);
    fake->putState(Instances, QStringLiteral("c4"), memoryState(8 << 20), Project);
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-created"),
                                                source(QStringLiteral("/instances/c4")), Project));
    QTRY_COMPARE(changes.inserted, QStringList {QStringLiteral("c4")});
    const int c4 = model.rowOf(Project, QStringLiteral("c4"));
    QTRY_VERIFY(!model.index(c4, 0).data(ResourceTableModel::StateRole).toJsonObject().isEmpty());
    QVERIFY(!model.index(c4, Models::InstanceTableModel::Memory).data().toString().isEmpty());

    // Another project's event is not this cache's business; c2 starting is.
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-updated"),
                                                QStringLiteral("/1.0/instances/c1?project=q"),
                                                QStringLiteral("q")));
    changes.clear();
    fake->putObject(Instances, QStringLiteral("c2"),
                    instance(QStringLiteral("c2"), QStringLiteral("Running")), Project);
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-started"),
                                                source(QStringLiteral("/instances/c2")), Project));
    const int c2 = model.rowOf(Project, QStringLiteral("c2"));
    QTRY_COMPARE(model.index(c2, Models::InstanceTableModel::Status).data().toString(),
                 QStringLiteral("Running"));
    QCOMPARE(changes.changed.count(QStringLiteral("c2")), changes.changed.size());
    QCOMPARE(fake->requestCount("/instances/c1"), 0);

    // Deleted: one remove.
    fake->removeObject(Instances, QStringLiteral("c3"), Project);
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-deleted"),
                                                source(QStringLiteral("/instances/c3")), Project));
    QTRY_COMPARE(changes.removed, QStringList {QStringLiteral("c3")});
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(changes.nothingReset());
    QCOMPARE(cache.listingsMade(), 1);
}

void TestResourceCache::keysFromEventSources_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("project");
    QTest::addColumn<QString>("key");

    QTest::newRow("instance") << "instances"
                              << "/1.0/instances/c1"
                              << "default"
                              << "c1";
    QTest::newRow("instance in a project") << "instances"
                                           << "/1.0/instances/c1?project=p"
                                           << "p"
                                           << "c1";
    QTest::newRow("encoded name") << "instances"
                                  << "/1.0/instances/web%201"
                                  << "default"
                                  << "web 1";
    QTest::newRow("instance's snapshot is not an instance") << "instances"
                                                            << "/1.0/instances/c1/snapshots/s0"
                                                            << "default"
                                                            << "";
    QTest::newRow("instance's backup is not an instance") << "instances"
                                                          << "/1.0/instances/c1/backups/b0"
                                                          << "default"
                                                          << "";
    QTest::newRow("collection itself") << "instances"
                                       << "/1.0/instances"
                                       << "default"
                                       << "";
    QTest::newRow("snapshot") << "snapshots"
                              << "/1.0/instances/web%201/snapshots/s0?project=p"
                              << "p"
                              << "s0";
    QTest::newRow("another instance's snapshot") << "snapshots"
                                                 << "/1.0/instances/web2/snapshots/s0"
                                                 << "default"
                                                 << "";
    QTest::newRow("the instance itself") << "snapshots"
                                         << "/1.0/instances/web%201"
                                         << "default"
                                         << "";
    QTest::newRow("volume, default project") << "volumes"
                                             << "/1.0/storage-pools/default/volumes/custom/data"
                                             << "default"
                                             << "custom/data";
    QTest::newRow("volume, LXD 5.0 prefixes the project")
        << "volumes"
        << "/1.0/storage-pools/default/volumes/custom/p_data?project=p"
        << "p"
        << "custom/data";
    QTest::newRow("volume's snapshot")
        << "volumes"
        << "/1.0/storage-pools/default/volumes/custom/p_data/snapshots/s0?project=p"
        << "p"
        << "";
    QTest::newRow("volume of another pool") << "volumes"
                                            << "/1.0/storage-pools/other/volumes/custom/data"
                                            << "default"
                                            << "";
    QTest::newRow("image alias is not an image") << "images"
                                                 << "/1.0/images/aliases/busybox"
                                                 << "default"
                                                 << "";
    QTest::newRow("cluster member") << "members"
                                    << "/1.0/cluster/members/m2"
                                    << ""
                                    << "m2";
}

void TestResourceCache::keysFromEventSources()
{
    QFETCH(QString, kind);
    QFETCH(QString, source);
    QFETCH(QString, project);
    QFETCH(QString, key);
    const ResourceKind resourceKind = kind == QLatin1String("instances") ? ResourceKind::instances()
        : kind == QLatin1String("snapshots") ? ResourceKind::snapshots(QStringLiteral("web 1"))
        : kind == QLatin1String("volumes")   ? ResourceKind::storageVolumes(QStringLiteral("default"))
        : kind == QLatin1String("images")    ? ResourceKind::images()
                                             : ResourceKind::clusterMembers();
    QCOMPARE(resourceKind.keyFromSource(source, project), key);
}

void TestResourceCache::nestedCollectionFollowsItsOwnEventsOnly()
{
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake).useProject(Project);
    const QString mine = QStringLiteral("/instances/web 1/snapshots");
    const QString other = QStringLiteral("/instances/web2/snapshots");
    const auto snapshot = [](const QString &name) {
        return QJsonObject {{QStringLiteral("name"), name},
                            {QStringLiteral("created_at"), QStringLiteral("2026-11-22T07:00:00Z")},
                            {QStringLiteral("stateful"), false}};
    };
    fake->putObject(mine, QStringLiteral("s0"), snapshot(QStringLiteral("s0")), Project);
    fake->putObject(mine, QStringLiteral("s1"), snapshot(QStringLiteral("s1")), Project);
    fake->putObject(other, QStringLiteral("s0"), snapshot(QStringLiteral("s0")), Project);

    ResourceCache cache(client, ResourceKind::snapshots(QStringLiteral("web 1")));
    Models::SnapshotTableModel model(&cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ModelChangeRecorder changes(&model);
    cache.load();
    QTRY_COMPARE(cache.state(), ResourceCache::State::Ready);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(fake->requests().constFirst().startsWith("/1.0/instances/web%201/snapshots?recursion=1"));
    changes.clear();

    // Another instance's snapshot and the instance itself: nothing to do, no request.
    fake->putObject(other, QStringLiteral("s9"), snapshot(QStringLiteral("s9")), Project);
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-snapshot-created"),
                                                source(QStringLiteral("/instances/web2/snapshots/s9")),
                                                Project));
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-updated"),
                                                source(QStringLiteral("/instances/web%201")), Project));
    // Ours: insert.
    fake->putObject(mine, QStringLiteral("s2"), snapshot(QStringLiteral("s2")), Project);
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-snapshot-created"),
                                                source(QStringLiteral("/instances/web%201/snapshots/s2")),
                                                Project));
    QTRY_COMPARE(changes.inserted, QStringList {QStringLiteral("s2")});
    QCOMPARE(fake->requests().size(), 2);

    // Renamed ("old_name" is "instance/snapshot"): the same row, new name.
    const int row = model.rowOf(Project, QStringLiteral("s0"));
    fake->removeObject(mine, QStringLiteral("s0"), Project);
    fake->putObject(mine, QStringLiteral("s0-renamed"), snapshot(QStringLiteral("s0-renamed")), Project);
    fake->sendEvent(
        FakeLxdTransport::lifecycle(QStringLiteral("instance-snapshot-renamed"),
                                    source(QStringLiteral("/instances/web%201/snapshots/s0-renamed")),
                                    Project, {{QStringLiteral("old_name"), QStringLiteral("web 1/s0")}}));
    QTRY_COMPARE(model.index(row, Models::SnapshotTableModel::Name).data().toString(),
                 QStringLiteral("s0-renamed"));
    QCOMPARE(model.rowOf(Project, QStringLiteral("s0")), -1);

    // Deleted: one remove.
    fake->removeObject(mine, QStringLiteral("s1"), Project);
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-snapshot-deleted"),
                                                source(QStringLiteral("/instances/web%201/snapshots/s1")),
                                                Project));
    QTRY_COMPARE(changes.removed, QStringList {QStringLiteral("s1")});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(changes.inserted.size(), 1);
    QVERIFY(changes.nothingReset());
    QCOMPARE(cache.listingsMade(), 1);
}

void TestResourceCache::volumesAreKeyedByTypeAndName()
{
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake).useProject(Project);
    const QString volumes = QStringLiteral("/storage-pools/default/volumes");
    const auto volume = [](const QString &type, const QString &name) {
        return QJsonObject {{QStringLiteral("type"), type},
                            {QStringLiteral("name"), name},
                            {QStringLiteral("project"), Project},
                            {QStringLiteral("content_type"), QStringLiteral("filesystem")},
                            {QStringLiteral("location"), QStringLiteral("none")},
                            {QStringLiteral("used_by"), QJsonArray()}};
    };
    fake->putObject(volumes, QStringLiteral("container/c1"),
                    volume(QStringLiteral("container"), QStringLiteral("c1")), Project);
    fake->putObject(volumes, QStringLiteral("custom/data"),
                    volume(QStringLiteral("custom"), QStringLiteral("data")), Project);
    fake->putObject(volumes, QStringLiteral("custom/data/snap0"),
                    volume(QStringLiteral("custom"), QStringLiteral("data/snap0")), Project);

    ResourceCache cache(client, ResourceKind::storageVolumes(QStringLiteral("default")));
    Models::StorageVolumeTableModel model(&cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ModelChangeRecorder changes(&model);
    cache.load();
    QTRY_COMPARE(cache.state(), ResourceCache::State::Ready);
    QCOMPARE(changes.inserted, QStringList({QStringLiteral("container/c1"), QStringLiteral("custom/data")}));
    changes.clear();

    // LXD 5.0 names the volume "p_more" in the event; the row is "custom/more".
    fake->putObject(volumes, QStringLiteral("custom/more"),
                    volume(QStringLiteral("custom"), QStringLiteral("more")), Project);
    fake->sendEvent(
        FakeLxdTransport::lifecycle(QStringLiteral("storage-volume-created"),
                                    source(QStringLiteral("/storage-pools/default/volumes/custom/p_more")),
                                    Project, {{QStringLiteral("type"), QStringLiteral("custom")}}));
    QTRY_COMPARE(changes.inserted, QStringList {QStringLiteral("custom/more")});
    QCOMPARE(
        model
            .index(model.rowOf(Project, QStringLiteral("custom/more")), Models::StorageVolumeTableModel::Name)
            .data()
            .toString(),
        QStringLiteral("more"));

    // Renamed: the row stays, keyed by its new name.
    const int row = model.rowOf(Project, QStringLiteral("custom/data"));
    fake->removeObject(volumes, QStringLiteral("custom/data"), Project);
    fake->putObject(volumes, QStringLiteral("custom/data2"),
                    volume(QStringLiteral("custom"), QStringLiteral("data2")), Project);
    fake->sendEvent(
        FakeLxdTransport::lifecycle(QStringLiteral("storage-volume-renamed"),
                                    source(QStringLiteral("/storage-pools/default/volumes/custom/p_data2")),
                                    Project, {{QStringLiteral("old_name"), QStringLiteral("data")}}));
    QTRY_COMPARE(model.index(row, 0).data(ResourceTableModel::KeyRole).toString(),
                 QStringLiteral("custom/data2"));
    QTRY_VERIFY(!model.index(row, 0).data(ResourceTableModel::LoadingRole).toBool());

    // A snapshot of a volume is not a row; a new instance's volume comes with a listing (no volume event).
    fake->sendEvent(FakeLxdTransport::lifecycle(
        QStringLiteral("storage-volume-snapshot-created"),
        source(QStringLiteral("/storage-pools/default/volumes/custom/p_data2/snapshots/s1")), Project));
    fake->putObject(volumes, QStringLiteral("container/c2"),
                    volume(QStringLiteral("container"), QStringLiteral("c2")), Project);
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-created"),
                                                source(QStringLiteral("/instances/c2")), Project));
    QTRY_COMPARE(changes.inserted,
                 QStringList({QStringLiteral("custom/more"), QStringLiteral("container/c2")}));
    QCOMPARE(cache.listingsMade(), 2);
    QVERIFY(changes.removed.isEmpty());
    QVERIFY(changes.nothingReset());
}

void TestResourceCache::aliasEventsRelistImagesOnceForABurst()
{
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake);
    const auto image = [](const QStringList &aliases) {
        QJsonArray list;
        for (const QString &alias : aliases)
            list.append(
                QJsonObject {{QStringLiteral("name"), alias}, {QStringLiteral("description"), QString()}});
        return QJsonObject {{QStringLiteral("fingerprint"), QStringLiteral("799d6446104fc997e41e")},
                            {QStringLiteral("aliases"), list},
                            {QStringLiteral("type"), QStringLiteral("container")},
                            {QStringLiteral("size"), 1048576}};
    };
    fake->putObject(QStringLiteral("/images"), QStringLiteral("799d6446104fc997e41e"),
                    image({QStringLiteral("busybox")}));
    ResourceCache cache(client, ResourceKind::images());
    Models::ImageTableModel model(&cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ModelChangeRecorder changes(&model);
    cache.load();
    QTRY_COMPARE(cache.state(), ResourceCache::State::Ready);
    QCOMPARE(model.index(0, Models::ImageTableModel::Aliases).data().toString(), QStringLiteral("busybox"));
    QCOMPARE(model.index(0, Models::ImageTableModel::Fingerprint).data().toString(),
             QStringLiteral("799d6446104f"));
    changes.clear();

    // Ten aliases added at once: a listing or two, not ten.
    QStringList aliases {QStringLiteral("busybox")};
    for (int i = 0; i < 10; ++i)
        aliases.append(QStringLiteral("alias%1").arg(i));
    fake->putObject(QStringLiteral("/images"), QStringLiteral("799d6446104fc997e41e"), image(aliases));
    fake->hold();
    for (int i = 0; i < 10; ++i)
        fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("image-alias-created"),
                                                    QStringLiteral("/1.0/images/aliases/alias%1").arg(i)));
    fake->release();
    QTRY_COMPARE(model.index(0, Models::ImageTableModel::Aliases).data().toString(),
                 aliases.join(QStringLiteral(", ")));
    QTest::qWait(100); // a listing the burst still owed would be in by now
    QTRY_COMPARE(cache.state(), ResourceCache::State::Ready);
    // The first listing, one for the first alias, one for the nine that came while it was under way.
    QVERIFY2(cache.listingsMade() <= 3, qPrintable(QString::number(cache.listingsMade())));
    QCOMPARE(changes.changed, QStringList {QStringLiteral("799d6446104fc997e41e")});
    QVERIFY(changes.nothingReset());
}

void TestResourceCache::reconnectAppliesTheDifferenceWithoutReset()
{
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake).useProject(Project);
    client.events()->setReconnectDelays(20, 100);
    for (const QString &name : {QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3")})
        fake->putObject(Instances, name, instance(name, QStringLiteral("Stopped")), Project);
    ResourceCache cache(client, ResourceKind::instances());
    Models::InstanceTableModel model(&cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    cache.load();
    QTRY_COMPARE(cache.state(), ResourceCache::State::Ready);

    QItemSelectionModel selection(&model);
    selection.select(model.index(model.rowOf(Project, QStringLiteral("c3")), 0),
                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    ModelChangeRecorder changes(&model);
    QSignalSpy relisted(&cache, &ResourceCache::listed);

    // The daemon goes away; while it is gone c1 is deleted, c2 started, c4 created, and the events lost.
    fake->setRefuseEventStreams(true);
    fake->cutEventStreams();
    QTRY_VERIFY(client.events()->state() == Lxd::EventStream::State::Reconnecting);
    fake->removeObject(Instances, QStringLiteral("c1"), Project);
    fake->putObject(Instances, QStringLiteral("c2"),
                    instance(QStringLiteral("c2"), QStringLiteral("Running")), Project);
    fake->putState(Instances, QStringLiteral("c2"), memoryState(1 << 20), Project);
    fake->putObject(Instances, QStringLiteral("c4"),
                    instance(QStringLiteral("c4"), QStringLiteral("Stopped")), Project);
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-created"),
                                                source(QStringLiteral("/instances/c4")),
                                                Project)); // nobody listening
    QTest::qWait(100);
    QCOMPARE(model.rowCount(), 3);

    // It comes back: one listing, and the model moves by the difference.
    fake->setRefuseEventStreams(false);
    QTRY_COMPARE_WITH_TIMEOUT(relisted.count(), 1, 5000);
    QCOMPARE(cache.listingsMade(), 2);
    QCOMPARE(changes.removed, QStringList {QStringLiteral("c1")});
    QCOMPARE(changes.inserted, QStringList {QStringLiteral("c4")});
    QVERIFY(changes.changed.contains(QStringLiteral("c2")));
    QVERIFY(!changes.changed.contains(QStringLiteral("c3")));
    QCOMPARE(model.index(model.rowOf(Project, QStringLiteral("c2")), Models::InstanceTableModel::Status)
                 .data()
                 .toString(),
             QStringLiteral("Running"));
    QVERIFY(changes.nothingReset());
    // The selection followed its row.
    const QModelIndexList selected = selection.selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.constFirst().data(ResourceTableModel::KeyRole).toString(), QStringLiteral("c3"));
}

void TestResourceCache::eventsDuringTheListingAreNotLost()
{
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake).useProject(Project);
    fake->putObject(Instances, QStringLiteral("c1"),
                    instance(QStringLiteral("c1"), QStringLiteral("Stopped")), Project);
    ResourceCache cache(client, ResourceKind::instances());
    Models::InstanceTableModel model(&cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fake->hold();
    cache.load();
    QTRY_COMPARE(fake->requests().size(), 1); // the listing, answered as of now (c1 only)

    fake->putObject(Instances, QStringLiteral("c2"),
                    instance(QStringLiteral("c2"), QStringLiteral("Stopped")), Project);
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-created"),
                                                source(QStringLiteral("/instances/c2")), Project));
    fake->release();
    QTRY_COMPARE(cache.state(), ResourceCache::State::Ready);
    QTRY_COMPARE(model.rowCount(), 2);
    QVERIFY(model.rowOf(Project, QStringLiteral("c2")) >= 0);
}

void TestResourceCache::lateFetchDoesNotBringBackADeletedRow()
{
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake).useProject(Project);
    fake->putObject(Instances, QStringLiteral("c1"),
                    instance(QStringLiteral("c1"), QStringLiteral("Stopped")), Project);
    ResourceCache cache(client, ResourceKind::instances());
    Models::InstanceTableModel model(&cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    cache.load();
    QTRY_COMPARE(cache.state(), ResourceCache::State::Ready);

    // An update is fetched, slowly; the instance is deleted before the answer (made before) arrives.
    fake->hold();
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-updated"),
                                                source(QStringLiteral("/instances/c1")), Project));
    QTRY_COMPARE(fake->requests().size(), 2);
    QVERIFY(model.index(0, 0).data(ResourceTableModel::LoadingRole).toBool());
    fake->removeObject(Instances, QStringLiteral("c1"), Project);
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-deleted"),
                                                source(QStringLiteral("/instances/c1")), Project));
    QTRY_COMPARE(model.rowCount(), 0);
    fake->release();
    QTest::qWait(50);
    QCOMPARE(model.rowCount(), 0);
}

void TestResourceCache::failedFetchMarksTheRow()
{
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake).useProject(Project);
    fake->putObject(Instances, QStringLiteral("c1"),
                    instance(QStringLiteral("c1"), QStringLiteral("Stopped")), Project);
    ResourceCache cache(client, ResourceKind::instances());
    Models::InstanceTableModel model(&cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    cache.load();
    QTRY_COMPARE(cache.state(), ResourceCache::State::Ready);

    fake->setError(QStringLiteral("/instances/c1"), 500);
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-updated"),
                                                source(QStringLiteral("/instances/c1")), Project));
    QTRY_VERIFY(!model.index(0, 0).data(ResourceTableModel::ErrorRole).toString().isEmpty());
    QVERIFY(!model.index(0, 0).data(ResourceTableModel::LoadingRole).toBool());
    QCOMPARE(model.rowCount(), 1); // an error is not a deletion

    fake->setError(QStringLiteral("/instances/c1"), 0);
    cache.refresh(0);
    QTRY_VERIFY(model.index(0, 0).data(ResourceTableModel::ErrorRole).toString().isEmpty());
}

void TestResourceCache::warningsFollowTheirEvents()
{
    // LXD announces acknowledging, resetting and deleting a warning (not its appearance). Warnings are
    // server-wide but belong to a project: the project filter reads it from the object.
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake);
    const auto warning = [](const QString &uuid, const QString &status) {
        return QJsonObject {
            {QStringLiteral("uuid"), uuid},
            {QStringLiteral("status"), status},
            {QStringLiteral("severity"), QStringLiteral("low")},
            {QStringLiteral("type"), QStringLiteral("Couldn't find the CGroup blkio.weight")},
            {QStringLiteral("project"), QStringLiteral("p")},
            {QStringLiteral("count"), 5},
            {QStringLiteral("location"), QStringLiteral("none")},
            {QStringLiteral("last_message"), QStringLiteral("disk priority will be ignored")}};
    };
    const QString warnings = QStringLiteral("/warnings");
    fake->putObject(warnings, QStringLiteral("w1"), warning(QStringLiteral("w1"), QStringLiteral("new")));
    fake->putObject(warnings, QStringLiteral("w2"), warning(QStringLiteral("w2"), QStringLiteral("new")));
    ResourceCache cache(client, ResourceKind::warnings());
    Models::WarningTableModel model(&cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ModelChangeRecorder changes(&model);
    cache.load();
    QTRY_COMPARE(cache.state(), ResourceCache::State::Ready);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, 0).data(ResourceTableModel::ProjectRole).toString(), QStringLiteral("p"));
    QCOMPARE(model.index(0, Models::WarningTableModel::Count).data(ResourceTableModel::SortRole).toInt(), 5);
    changes.clear();

    fake->putObject(warnings, QStringLiteral("w1"),
                    warning(QStringLiteral("w1"), QStringLiteral("acknowledged")));
    fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("warning-acknowledged"),
                                                QStringLiteral("/1.0/warnings/w1")));
    QTRY_COMPARE(model.index(0, Models::WarningTableModel::Status).data().toString(),
                 QStringLiteral("acknowledged"));
    fake->removeObject(warnings, QStringLiteral("w2"));
    fake->sendEvent(
        FakeLxdTransport::lifecycle(QStringLiteral("warning-deleted"), QStringLiteral("/1.0/warnings/w2")));
    QTRY_COMPARE(changes.removed, QStringList {QStringLiteral("w2")});
    QCOMPARE(changes.changed.count(QStringLiteral("w1")), changes.changed.size());
    QVERIFY(changes.inserted.isEmpty());
    QVERIFY(changes.nothingReset());
}

QTEST_GUILESS_MAIN(TestResourceCache)
#include "tst_resourcecache.moc"
