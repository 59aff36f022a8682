#include "LxcCommand.h"
#include "Testbed.h"
#include "models/InstanceTableModel.h"
#include "models/ResourceCache.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using Models::InstanceTableModel;
using Models::ResourceCache;

// The instance model against the real daemon: changes made with `lxc`, outside Berth, reach the model
// as the smallest row changes, through events, without reloading or polling the list.
class TestInstanceModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void loadsEveryInstanceInOneRequest();
    void lxcChangesArriveAsRowChanges();

private:
    int rowNamed(const QString &name) const { return m_model->rowOf(m_project, name); }
    // `lxc` in this suite's own project, so other work on the daemon does not disturb the counts.
    LxcResult lxc(QStringList arguments) const
    {
        arguments << QStringLiteral("--project") << m_project;
        return LxcCommand::run(arguments);
    }

    ResourceCache *m_cache = nullptr;
    InstanceTableModel *m_model = nullptr;
    QStringList m_names;
    QString m_project;
};

void TestInstanceModel::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    const QString suffix = QUuid::createUuid().toString(QUuid::Id128).left(8);
    m_project = QStringLiteral("berth-model-") + suffix;
    // Images and profiles come from the default project.
    QVERIFY(LxcCommand::run({QStringLiteral("project"), QStringLiteral("create"), m_project,
                             QStringLiteral("-c"), QStringLiteral("features.images=false"),
                             QStringLiteral("-c"), QStringLiteral("features.profiles=false")})
                .ok());
    m_names = {QStringLiteral("berth-model-a-") + suffix, QStringLiteral("berth-model-b-") + suffix};
    QVERIFY(lxc({QStringLiteral("init"), Testbed::imageAlias(), m_names[0]}).ok());

    const Lxd::Client client = Lxd::Client::overUnixSocket(Testbed::socketPath()).useProject(m_project);
    m_cache = new ResourceCache(client, Models::ResourceKind::instances(), this);
    m_model = new InstanceTableModel(m_cache, this);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    m_cache->load();
    QTRY_COMPARE_WITH_TIMEOUT(m_cache->state(), ResourceCache::State::Ready, 15000);
}

void TestInstanceModel::cleanupTestCase()
{
    for (const QString &name : std::as_const(m_names))
        lxc({QStringLiteral("delete"), QStringLiteral("--force"), name});
    if (!m_project.isEmpty())
        LxcCommand::run({QStringLiteral("project"), QStringLiteral("delete"), m_project});
}

void TestInstanceModel::loadsEveryInstanceInOneRequest()
{
    const LxcResult list
        = lxc({QStringLiteral("list"), QStringLiteral("--format=csv"), QStringLiteral("-cn")});
    QVERIFY(list.ok());
    const QStringList names = list.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(m_model->rowCount(), names.size());
    QVERIFY(rowNamed(m_names[0]) >= 0);
    const QModelIndex status = m_model->index(rowNamed(m_names[0]), InstanceTableModel::Status);
    QCOMPARE(status.data().toString(), QStringLiteral("Stopped"));
    QCOMPARE(m_cache->listingsMade(), 1);
}

void TestInstanceModel::lxcChangesArriveAsRowChanges()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(m_model, &QAbstractItemModel::layoutChanged);
    const int listingsBefore = m_cache->listingsMade();
    const int rowsBefore = m_model->rowCount();
    QElapsedTimer clock;

    // lxc launch: exactly one insert, then the row shows it running.
    const QString name = m_names[1]; // a copy: m_names grows below
    QVERIFY(lxc({QStringLiteral("launch"), Testbed::imageAlias(), name}).ok());
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(inserted.count(), 1, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->index(rowNamed(name), InstanceTableModel::Status).data().toString(),
                              QStringLiteral("Running"), 1000);
    qInfo("launch reached the model %lld ms after lxc returned", clock.elapsed());
    QCOMPARE(m_model->rowCount(), rowsBefore + 1);
    const int row = rowNamed(name);

    // lxc stop: dataChanged on that row, nothing else.
    changed.clear();
    QVERIFY(lxc({QStringLiteral("stop"), QStringLiteral("--force"), name}).ok());
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_model->index(row, InstanceTableModel::Status).data().toString(),
                              QStringLiteral("Stopped"), 1000);
    qInfo("stop reached the model %lld ms after lxc returned", clock.elapsed());
    QVERIFY(!changed.isEmpty());
    for (const QList<QVariant> &arguments : std::as_const(changed)) {
        QCOMPARE(arguments.at(0).toModelIndex().row(), row);
        QCOMPARE(arguments.at(1).toModelIndex().row(), row);
    }

    // lxc rename: the same row takes the new name (the selection stays on it).
    const QString renamed = name + QStringLiteral("-renamed");
    m_names.append(renamed);
    QVERIFY(lxc({QStringLiteral("rename"), name, renamed}).ok());
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_model->index(row, InstanceTableModel::Name).data().toString(), renamed, 1000);
    qInfo("rename reached the model %lld ms after lxc returned", clock.elapsed());
    QCOMPARE(rowNamed(name), -1);

    // lxc delete: exactly one remove.
    QVERIFY(lxc({QStringLiteral("delete"), QStringLiteral("--force"), renamed}).ok());
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 1000);
    qInfo("delete reached the model %lld ms after lxc returned", clock.elapsed());
    QTest::qWait(300); // a late reply to an earlier fetch must not bring the row back
    QCOMPARE(m_model->rowCount(), rowsBefore);
    QCOMPARE(rowNamed(renamed), -1);

    QCOMPARE(inserted.count(), 1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(layout.count(), 0);
    QCOMPARE(m_cache->listingsMade(), listingsBefore); // events, not polling or reloading
}

QTEST_GUILESS_MAIN(TestInstanceModel)
#include "tst_instancemodel.moc"
