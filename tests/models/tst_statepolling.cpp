#include "FakeLxdTransport.h"
#include "ModelChangeRecorder.h"
#include "models/InstanceTableModel.h"
#include "models/ResourceCache.h"
#include "models/ResourceFilterProxyModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using Models::InstanceTableModel;
using Models::ResourceCache;
using Models::ResourceTableModel;

namespace {

const QString Instances = QStringLiteral("/instances");

QString nameOf(int i)
{
    return QStringLiteral("c%1").arg(i, 2, 10, QLatin1Char('0'));
}

} // namespace

// Instance usage (CPU, memory, network) is the one thing LXD sends no events for. It is polled at the
// rate the user sets, for the running instances a view shows, and nothing else: counted here on a fake
// daemon's requests.
class TestStatePolling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void nothingIsPolledUntilAsked();
    void pollsVisibleRunningRowsOnly();
    void proxyRowsMapToTheRightInstances();
    void sameStateIsNoChange();

private:
    // Polls of c<i>'s state so far.
    int polls(int i) const
    {
        return m_fake->requestCount(QStringLiteral("/instances/%1/state").arg(nameOf(i)).toUtf8());
    }
    int allPolls() const { return m_fake->requestCount("/state"); }
    static bool isRunning(int i) { return i % 2 == 0; }

    FakeLxdTransport *m_fake = nullptr;
    ResourceCache *m_cache = nullptr;
    InstanceTableModel *m_model = nullptr;
};

void TestStatePolling::init()
{
    // 20 instances, the even ones running.
    const Lxd::Client client = FakeLxdTransport::makeClient(&m_fake);
    for (int i = 0; i < 20; ++i) {
        const QString status = isRunning(i) ? QStringLiteral("Running") : QStringLiteral("Stopped");
        m_fake->putObject(Instances, nameOf(i),
                          {{QStringLiteral("name"), nameOf(i)},
                           {QStringLiteral("status"), status},
                           {QStringLiteral("type"), QStringLiteral("container")}});
        if (isRunning(i))
            m_fake->putState(
                Instances, nameOf(i),
                {{QStringLiteral("memory"), QJsonObject {{QStringLiteral("usage"), (i + 1) << 20}}}});
    }
    m_cache = new ResourceCache(client, Models::ResourceKind::instances(), this);
    m_cache->setFetchStateAfterLoad(false);
    m_model = new InstanceTableModel(m_cache, this);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
    m_cache->load();
    QTRY_COMPARE(m_cache->state(), ResourceCache::State::Ready);
    QCOMPARE(m_model->rowCount(), 20);
}

void TestStatePolling::cleanup()
{
    delete m_model;
    delete m_cache;
}

void TestStatePolling::nothingIsPolledUntilAsked()
{
    m_cache->setStatePollInterval(0);
    QTest::qWait(200);
    QCOMPARE(allPolls(), 0);
    QCOMPARE(m_fake->requests().size(), 1); // the listing
}

void TestStatePolling::pollsVisibleRunningRowsOnly()
{
    // Rows 0..5 become visible: the running ones among them (0, 2, 4) get their state at once.
    m_model->setVisibleRows(0, 5);
    QTRY_COMPARE(allPolls(), 3);
    QCOMPARE(polls(0), 1);
    QCOMPARE(polls(2), 1);
    QCOMPARE(polls(4), 1);
    QTRY_VERIFY(!m_model->index(0, InstanceTableModel::Memory).data().toString().isEmpty());
    QVERIFY(m_model->index(1, InstanceTableModel::Memory).data().toString().isEmpty());

    // Polling at 50 ms: the same three, again and again; never a stopped or hidden row.
    m_cache->setStatePollInterval(50);
    QTRY_VERIFY_WITH_TIMEOUT(polls(0) >= 4 && polls(2) >= 4 && polls(4) >= 4, 10000);
    for (int i = 0; i < 20; ++i) {
        if (i > 5 || !isRunning(i))
            QCOMPARE(polls(i), 0);
    }

    // Scrolling to rows 10..13: the polls move with the view.
    m_model->setVisibleRows(10, 13);
    const int before = polls(0);
    QTRY_VERIFY_WITH_TIMEOUT(polls(10) >= 3 && polls(12) >= 3, 10000);
    QVERIFY(polls(0) <= before + 1); // one may have been under way
    QCOMPARE(polls(11), 0);
    QCOMPARE(polls(13), 0);

    // Off: no more requests at all.
    m_cache->setStatePollInterval(0);
    QTest::qWait(100); // let a poll under way finish
    const int total = allPolls();
    QTest::qWait(300);
    QCOMPARE(allPolls(), total);
    QCOMPARE(m_cache->listingsMade(), 1);
}

void TestStatePolling::proxyRowsMapToTheRightInstances()
{
    // Sorted by name, descending: the first two rows of the view are c19 and c18.
    Models::ResourceFilterProxyModel proxy;
    proxy.setSourceModel(m_model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(InstanceTableModel::Name, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), nameOf(19));
    proxy.setVisibleRows(0, 1);
    QTRY_COMPARE(polls(18), 1);
    QTest::qWait(100);
    QCOMPARE(allPolls(), 1);

    // Filtered to running ones, the first four rows are c18, c16, c14, c12.
    proxy.setStatusFilter({QStringLiteral("running")});
    proxy.setVisibleRows(0, 3);
    m_cache->setStatePollInterval(50);
    QTRY_VERIFY_WITH_TIMEOUT(polls(12) >= 2 && polls(14) >= 2 && polls(16) >= 2 && polls(18) >= 2, 10000);
    for (int i = 0; i < 12; ++i)
        QCOMPARE(polls(i), 0);
    m_cache->setStatePollInterval(0);
}

void TestStatePolling::sameStateIsNoChange()
{
    m_model->setVisibleRows(0, 0);
    QTRY_VERIFY(!m_model->index(0, 0).data(ResourceTableModel::StateRole).toJsonObject().isEmpty());
    ModelChangeRecorder changes(m_model);
    m_cache->setStatePollInterval(30);
    QTRY_VERIFY(polls(0) >= 4);
    QVERIFY2(changes.changed.isEmpty(), "unchanged usage must not repaint the row");

    // New usage: one dataChanged for that row.
    m_fake->putState(Instances, nameOf(0),
                     {{QStringLiteral("memory"), QJsonObject {{QStringLiteral("usage"), 99 << 20}}}});
    QTRY_COMPARE(changes.changed.count(nameOf(0)), 1);
    QTRY_COMPARE(
        m_model->index(0, InstanceTableModel::Memory).data(ResourceTableModel::SortRole).toLongLong(),
        qint64(99) << 20);
    m_cache->setStatePollInterval(0);
    QVERIFY(changes.nothingReset());
}

QTEST_GUILESS_MAIN(TestStatePolling)
#include "tst_statepolling.moc"
