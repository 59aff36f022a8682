#include "LxcCommand.h"
#include "ModelChangeRecorder.h"
#include "Testbed.h"
#include "models/ImageTableModel.h"
#include "models/OperationCache.h"
#include "models/OperationTableModel.h"
#include "models/ProfileTableModel.h"
#include "models/ResourceCache.h"
#include "models/SnapshotTableModel.h"
#include "models/StorageVolumeTableModel.h"

#include <QAbstractItemModelTester>
#include <QTest>
#include <QUuid>

using Models::ResourceCache;
using Models::ResourceKind;
using Models::ResourceTableModel;

namespace {

constexpr int Timeout = 5000; // events arrive in milliseconds; this is for a loaded CI machine

} // namespace

// The per-project kinds against the real daemon, in a project of this suite's own (with its own images
// and profiles) so other work on the daemon does not disturb the counts: changes made with `lxc`,
// outside Berth, reach each model as the smallest row changes, through events, without relisting.
class TestProjectModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void profiles();
    void images();
    void snapshots();
    void storageVolumes();
    void operations();

private:
    LxcResult lxc(QStringList arguments) const
    {
        arguments << QStringLiteral("--project") << m_project;
        const LxcResult result = LxcCommand::run(arguments);
        if (!result.ok())
            qWarning("lxc %s: %s", qPrintable(arguments.join(QLatin1Char(' '))),
                     qPrintable(result.errorOutput));
        return result;
    }
    // Lines of `lxc … --format csv` in this project.
    QStringList csv(const QStringList &arguments, int column = 0) const;
    // A cache of `kind` in this project, loaded.
    ResourceCache *loadedCache(const ResourceKind &kind);
    QString name(const QString &what) const { return QStringLiteral("berth-%1-%2").arg(what, m_suffix); }

    Lxd::Client m_client;
    QString m_project;
    QString m_suffix;
    QString m_fingerprint; // of the busybox image copied into the project
};

QStringList TestProjectModels::csv(const QStringList &arguments, int column) const
{
    const LxcResult result
        = lxc(QStringList(arguments) << QStringLiteral("--format") << QStringLiteral("csv"));
    QStringList values;
    const QStringList lines = result.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines)
        values.append(line.section(QLatin1Char(','), column, column));
    return values;
}

ResourceCache *TestProjectModels::loadedCache(const ResourceKind &kind)
{
    auto *cache = new ResourceCache(m_client, kind, this);
    cache->load();
    return cache;
}

void TestProjectModels::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    m_suffix = QUuid::createUuid().toString(QUuid::Id128).left(8);
    m_project = QStringLiteral("berth-models-") + m_suffix;
    QVERIFY(LxcCommand::run({QStringLiteral("project"), QStringLiteral("create"), m_project,
                             QStringLiteral("-c"), QStringLiteral("features.images=true"),
                             QStringLiteral("-c"), QStringLiteral("features.profiles=true")})
                .ok());
    QVERIFY(lxc({QStringLiteral("profile"), QStringLiteral("device"), QStringLiteral("add"),
                 QStringLiteral("default"), QStringLiteral("root"), QStringLiteral("disk"),
                 QStringLiteral("path=/"), QStringLiteral("pool=default")})
                .ok());
    const LxcResult copy = LxcCommand::run(
        {QStringLiteral("image"), QStringLiteral("copy"), Testbed::imageAlias(), QStringLiteral("local:"),
         QStringLiteral("--target-project"), m_project, QStringLiteral("--alias"), Testbed::imageAlias()});
    QVERIFY2(copy.ok(), qPrintable(copy.errorOutput));
    const QStringList fingerprints
        = csv({QStringLiteral("image"), QStringLiteral("list"), QStringLiteral("-cF")});
    QCOMPARE(fingerprints.size(), 1);
    m_fingerprint = fingerprints.constFirst();
    m_client = Lxd::Client::overUnixSocket(Testbed::socketPath()).useProject(m_project);
}

void TestProjectModels::cleanupTestCase()
{
    if (m_project.isEmpty())
        return;
    const QStringList instances = csv({QStringLiteral("list"), QStringLiteral("-cn")});
    for (const QString &instance : instances)
        lxc({QStringLiteral("delete"), QStringLiteral("--force"), instance});
    const QStringList images = csv({QStringLiteral("image"), QStringLiteral("list"), QStringLiteral("-cF")});
    for (const QString &image : images)
        lxc({QStringLiteral("image"), QStringLiteral("delete"), image});
    const QStringList volumes
        = csv({QStringLiteral("storage"), QStringLiteral("volume"), QStringLiteral("list"),
               QStringLiteral("default"), QStringLiteral("-cn"), QStringLiteral("type=custom")});
    for (const QString &volume : volumes)
        lxc({QStringLiteral("storage"), QStringLiteral("volume"), QStringLiteral("delete"),
             QStringLiteral("default"), volume});
    const QStringList profiles = csv({QStringLiteral("profile"), QStringLiteral("list")});
    for (const QString &profile : profiles) {
        if (profile != QLatin1String("default"))
            lxc({QStringLiteral("profile"), QStringLiteral("delete"), profile});
    }
    const LxcResult deleted
        = LxcCommand::run({QStringLiteral("project"), QStringLiteral("delete"), m_project});
    if (!deleted.ok())
        qWarning("project %s left behind: %s", qPrintable(m_project), qPrintable(deleted.errorOutput));
}

void TestProjectModels::profiles()
{
    ResourceCache *cache = loadedCache(ResourceKind::profiles());
    Models::ProfileTableModel model(cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(cache->state(), ResourceCache::State::Ready, 15000);
    QCOMPARE(model.rowCount(), csv({QStringLiteral("profile"), QStringLiteral("list")}).size());
    QCOMPARE(model.index(0, Models::ProfileTableModel::Name).data().toString(), QStringLiteral("default"));
    ModelChangeRecorder changes(&model);

    const QString profile = name(QStringLiteral("profile"));
    QVERIFY(lxc({QStringLiteral("profile"), QStringLiteral("create"), profile}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(changes.inserted, QStringList {profile}, Timeout);
    const int row = model.rowOf(m_project, profile);
    QCOMPARE(model.index(row, Models::ProfileTableModel::Project).data().toString(), m_project);

    QVERIFY(lxc({QStringLiteral("profile"), QStringLiteral("set"), profile, QStringLiteral("user.berth=1")})
                .ok());
    // Profiles have no status column: the change shows in the object (and the row is repainted).
    QTRY_COMPARE_WITH_TIMEOUT(model.index(row, 0)
                                  .data(ResourceTableModel::ObjectRole)
                                  .toJsonObject()
                                  .value(QLatin1String("config"))
                                  .toObject()
                                  .value(QLatin1String("user.berth"))
                                  .toString(),
                              QStringLiteral("1"), Timeout);

    // Rename: the row stays where it is, with its new name.
    const QString renamed = profile + QStringLiteral("-renamed");
    QVERIFY(lxc({QStringLiteral("profile"), QStringLiteral("rename"), profile, renamed}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(model.index(row, Models::ProfileTableModel::Name).data().toString(), renamed,
                              Timeout);
    QCOMPARE(model.rowOf(m_project, profile), -1);

    QVERIFY(lxc({QStringLiteral("profile"), QStringLiteral("delete"), renamed}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(changes.removed, QStringList {renamed}, Timeout);
    QCOMPARE(changes.inserted.size(), 1);
    QVERIFY(changes.changed.contains(profile));
    QCOMPARE(changes.count(changes.changed, QStringLiteral("default")), 0);
    QVERIFY(changes.nothingReset());
    QCOMPARE(cache->listingsMade(), 1);
}

void TestProjectModels::images()
{
    ResourceCache *cache = loadedCache(ResourceKind::images());
    Models::ImageTableModel model(cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(cache->state(), ResourceCache::State::Ready, 15000);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data(ResourceTableModel::KeyRole).toString(), m_fingerprint);
    QCOMPARE(model.index(0, Models::ImageTableModel::Fingerprint).data().toString(), m_fingerprint.left(12));
    QCOMPARE(model.index(0, Models::ImageTableModel::Aliases).data().toString(), Testbed::imageAlias());
    ModelChangeRecorder changes(&model);

    // An alias names no image in its event: the images are listed again, and only that row changes.
    const QString alias = name(QStringLiteral("alias"));
    QVERIFY(lxc({QStringLiteral("image"), QStringLiteral("alias"), QStringLiteral("create"), alias,
                 m_fingerprint})
                .ok());
    QTRY_VERIFY_WITH_TIMEOUT(
        model.index(0, Models::ImageTableModel::Aliases).data().toString().contains(alias), Timeout);
    QVERIFY(lxc({QStringLiteral("image"), QStringLiteral("alias"), QStringLiteral("delete"), alias}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(model.index(0, Models::ImageTableModel::Aliases).data().toString(),
                              Testbed::imageAlias(), Timeout);
    QVERIFY(changes.inserted.isEmpty());

    // Publish an instance: a new image; delete it: gone.
    const QString instance = name(QStringLiteral("publish"));
    QVERIFY(lxc({QStringLiteral("init"), Testbed::imageAlias(), instance}).ok());
    const QString published = name(QStringLiteral("published"));
    QVERIFY(lxc({QStringLiteral("publish"), instance, QStringLiteral("--alias"), published}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(changes.inserted.size(), 1, Timeout);
    const int row = model.rowOf(m_project, changes.inserted.constFirst());
    QTRY_COMPARE_WITH_TIMEOUT(model.index(row, Models::ImageTableModel::Aliases).data().toString(), published,
                              Timeout);
    QVERIFY(lxc({QStringLiteral("image"), QStringLiteral("delete"), published}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(changes.removed, changes.inserted, Timeout);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(changes.nothingReset());
    lxc({QStringLiteral("delete"), instance});
}

void TestProjectModels::snapshots()
{
    const QString instance = name(QStringLiteral("snap"));
    const QString other = name(QStringLiteral("other"));
    QVERIFY(lxc({QStringLiteral("init"), Testbed::imageAlias(), instance}).ok());
    QVERIFY(lxc({QStringLiteral("init"), Testbed::imageAlias(), other}).ok());
    QVERIFY(lxc({QStringLiteral("snapshot"), instance, QStringLiteral("before")}).ok());

    ResourceCache *cache = loadedCache(ResourceKind::snapshots(instance));
    Models::SnapshotTableModel model(cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(cache->state(), ResourceCache::State::Ready, 15000);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, Models::SnapshotTableModel::Name).data().toString(), QStringLiteral("before"));
    QVERIFY(!model.index(0, Models::SnapshotTableModel::Created).data().toString().isEmpty());
    ModelChangeRecorder changes(&model);

    // Another instance's snapshot is not one of these.
    QVERIFY(lxc({QStringLiteral("snapshot"), other, QStringLiteral("elsewhere")}).ok());
    QVERIFY(lxc({QStringLiteral("snapshot"), instance, QStringLiteral("snap0")}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(changes.inserted, QStringList {QStringLiteral("snap0")}, Timeout);
    const int row = model.rowOf(m_project, QStringLiteral("snap0"));

    QVERIFY(lxc({QStringLiteral("rename"), instance + QStringLiteral("/snap0"),
                 instance + QStringLiteral("/snap1")})
                .ok());
    QTRY_COMPARE_WITH_TIMEOUT(model.index(row, Models::SnapshotTableModel::Name).data().toString(),
                              QStringLiteral("snap1"), Timeout);
    QVERIFY(lxc({QStringLiteral("delete"), instance + QStringLiteral("/snap1")}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(changes.removed, QStringList {QStringLiteral("snap1")}, Timeout);
    QCOMPARE(changes.inserted.size(), 1);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(changes.nothingReset());
    QCOMPARE(cache->listingsMade(), 1);
    lxc({QStringLiteral("delete"), instance});
    lxc({QStringLiteral("delete"), other});
}

void TestProjectModels::storageVolumes()
{
    ResourceCache *cache = loadedCache(ResourceKind::storageVolumes(QStringLiteral("default")));
    Models::StorageVolumeTableModel model(cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(cache->state(), ResourceCache::State::Ready, 15000);
    // The image copied into the project has no volume on a `dir` pool; instances of earlier tests are gone.
    const QStringList listed
        = csv({QStringLiteral("storage"), QStringLiteral("volume"), QStringLiteral("list"),
               QStringLiteral("default"), QStringLiteral("-cn")});
    QCOMPARE(model.rowCount(), int(listed.size()));
    ModelChangeRecorder changes(&model);

    // A custom volume: created, changed, renamed (the same row), deleted. LXD 5.0 names it
    // "<project>_<name>" in its events; the model does not.
    const QString volume = name(QStringLiteral("vol"));
    QVERIFY(lxc({QStringLiteral("storage"), QStringLiteral("volume"), QStringLiteral("create"),
                 QStringLiteral("default"), volume})
                .ok());
    const QString key = QStringLiteral("custom/") + volume;
    QTRY_COMPARE_WITH_TIMEOUT(changes.inserted, QStringList {key}, Timeout);
    const int row = model.rowOf(m_project, key);
    QCOMPARE(model.index(row, Models::StorageVolumeTableModel::Name).data().toString(), volume);
    QCOMPARE(model.index(row, Models::StorageVolumeTableModel::Type).data().toString(),
             QStringLiteral("custom"));

    QVERIFY(lxc({QStringLiteral("storage"), QStringLiteral("volume"), QStringLiteral("set"),
                 QStringLiteral("default"), volume, QStringLiteral("user.berth=1")})
                .ok());
    QTRY_VERIFY_WITH_TIMEOUT(changes.changed.contains(key), Timeout);
    // A snapshot of it is not a row of this table.
    QVERIFY(lxc({QStringLiteral("storage"), QStringLiteral("volume"), QStringLiteral("snapshot"),
                 QStringLiteral("default"), volume, QStringLiteral("snap0")})
                .ok());
    const QString renamed = volume + QStringLiteral("-2");
    QVERIFY(lxc({QStringLiteral("storage"), QStringLiteral("volume"), QStringLiteral("rename"),
                 QStringLiteral("default"), volume, renamed})
                .ok());
    QTRY_COMPARE_WITH_TIMEOUT(model.index(row, Models::StorageVolumeTableModel::Name).data().toString(),
                              renamed, Timeout);
    QCOMPARE(model.index(row, 0).data(ResourceTableModel::KeyRole).toString(),
             QStringLiteral("custom/") + renamed);

    // An instance's root volume comes and goes with the instance (no volume event: a relisting).
    const QString instance = name(QStringLiteral("vols"));
    QVERIFY(lxc({QStringLiteral("init"), Testbed::imageAlias(), instance}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(changes.inserted, QStringList({key, QStringLiteral("container/") + instance}),
                              Timeout);
    QVERIFY(lxc({QStringLiteral("delete"), instance}).ok());
    QVERIFY(lxc({QStringLiteral("storage"), QStringLiteral("volume"), QStringLiteral("delete"),
                 QStringLiteral("default"), renamed})
                .ok());
    QTRY_COMPARE_WITH_TIMEOUT(changes.removed.size(), 2, Timeout);
    QCOMPARE(QSet<QString>(changes.removed.cbegin(), changes.removed.cend()),
             QSet<QString>({QStringLiteral("container/") + instance, QStringLiteral("custom/") + renamed}));
    QCOMPARE(model.rowCount(), int(listed.size()));
    QVERIFY(changes.nothingReset());
}

void TestProjectModels::operations()
{
    const QString instance = name(QStringLiteral("ops"));
    QVERIFY(lxc({QStringLiteral("init"), Testbed::imageAlias(), instance}).ok());
    auto *cache = new Models::OperationCache(m_client, this);
    cache->setFinishedRetention(3000);
    Models::OperationTableModel model(cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    cache->load();
    QTRY_COMPARE_WITH_TIMEOUT(cache->state(), Models::OperationCache::State::Ready, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 0, 10000); // the init's operation, if listed, expires
    ModelChangeRecorder changes(&model);

    // A snapshot runs as an operation: it appears, succeeds, and leaves like the daemon forgets it.
    QVERIFY(lxc({QStringLiteral("snapshot"), instance, QStringLiteral("snap0")}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(changes.inserted.size(), 1, Timeout);
    const QString id = changes.inserted.constFirst();
    const int row = model.rowOf(m_project, id);
    QCOMPARE(model.index(row, Models::OperationTableModel::Description).data().toString(),
             QStringLiteral("Snapshotting instance"));
    QTRY_COMPARE_WITH_TIMEOUT(model.index(row, Models::OperationTableModel::Status).data().toString(),
                              QStringLiteral("Success"), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(changes.removed, QStringList {id}, 10000);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(changes.nothingReset());
    QCOMPARE(cache->listingsMade(), 1);
    lxc({QStringLiteral("delete"), instance});
}

QTEST_GUILESS_MAIN(TestProjectModels)
#include "tst_projectmodels.moc"
