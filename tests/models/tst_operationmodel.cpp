#include "FakeLxdTransport.h"
#include "ModelChangeRecorder.h"
#include "lxd/EventStream.h"
#include "models/OperationCache.h"
#include "models/OperationTableModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using Models::OperationCache;
using Models::OperationTableModel;
using Models::ResourceTableModel;

namespace {

const QString Project = QStringLiteral("p");

// As GET /1.0/operations/<id> shows one (LXD's REST API documentation).
QJsonObject operation(const QString &id, const QString &status,
                      const QString &createdAt = QStringLiteral("2026-11-22T07:00:00Z"))
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("class"), QStringLiteral("task")},
            {QStringLiteral("description"), QStringLiteral("Creating instance")},
            {QStringLiteral("created_at"), createdAt},
            {QStringLiteral("updated_at"), createdAt},
            {QStringLiteral("status"), status},
            {QStringLiteral("status_code"), status == QLatin1String("Running") ? 103 : 200},
            {QStringLiteral("resources"),
             QJsonObject {{QStringLiteral("instances"), QJsonArray {QStringLiteral("/1.0/instances/c1")}}}},
            {QStringLiteral("metadata"), QJsonObject()},
            {QStringLiteral("may_cancel"), false},
            {QStringLiteral("err"), QString()},
            {QStringLiteral("location"), QStringLiteral("none")}};
}

} // namespace

// Operations are not lifecycle objects: the listing groups them by status, events carry them whole,
// and LXD drops finished ones without a word. Fake daemon; the testbed part is in tst_projectmodels.
class TestOperationModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsThenFollowsOperationEvents();
    void reconnectRelistsByDifference();
};

void TestOperationModel::listsThenFollowsOperationEvents()
{
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake).useProject(Project);
    fake->setReply(QStringLiteral("/operations"),
                   QJsonObject {{QStringLiteral("running"),
                                 QJsonArray {operation(QStringLiteral("op-b"), QStringLiteral("Running"),
                                                       QStringLiteral("2026-11-22T07:00:02Z"))}},
                                {QStringLiteral("success"),
                                 QJsonArray {operation(QStringLiteral("op-a"), QStringLiteral("Success"),
                                                       QStringLiteral("2026-11-22T07:00:01Z"))}}});
    OperationCache cache(client);
    cache.setFinishedRetention(300);
    OperationTableModel model(&cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ModelChangeRecorder changes(&model);
    cache.load();
    QTRY_COMPARE(cache.state(), OperationCache::State::Ready);
    QCOMPARE(changes.inserted, QStringList({QStringLiteral("op-a"), QStringLiteral("op-b")})); // oldest first
    QVERIFY(fake->requests().constFirst().startsWith("/1.0/operations?recursion=1&project=p"));
    QCOMPARE(model.index(1, OperationTableModel::Status).data().toString(), QStringLiteral("Running"));
    QCOMPARE(model.index(1, 0).data(ResourceTableModel::TypeRole).toString(), QStringLiteral("task"));
    // The finished one leaves after the retention, as it does from the daemon.
    QTRY_COMPARE(changes.removed, QStringList {QStringLiteral("op-a")});

    // A new operation: inserted from its event alone, then updated in place, then gone.
    changes.clear();
    fake->sendEvent(FakeLxdTransport::operationEvent(
        operation(QStringLiteral("op-c"), QStringLiteral("Running")), Project));
    fake->sendEvent(
        FakeLxdTransport::operationEvent(operation(QStringLiteral("op-x"), QStringLiteral("Running")),
                                         QStringLiteral("other"))); // not this project
    QTRY_COMPARE(changes.inserted, QStringList {QStringLiteral("op-c")});
    fake->sendEvent(FakeLxdTransport::operationEvent(
        operation(QStringLiteral("op-c"), QStringLiteral("Success")), Project));
    QTRY_COMPARE(model.index(model.rowOf(Project, QStringLiteral("op-c")), OperationTableModel::Status)
                     .data()
                     .toString(),
                 QStringLiteral("Success"));
    QCOMPARE(changes.changed, QStringList {QStringLiteral("op-c")});
    QTRY_COMPARE(changes.removed, QStringList {QStringLiteral("op-c")});
    // A late event of an expired operation does not bring it back.
    fake->sendEvent(FakeLxdTransport::operationEvent(
        operation(QStringLiteral("op-c"), QStringLiteral("Success")), Project));
    QTest::qWait(50);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(changes.inserted.size(), 1);
    QCOMPARE(fake->requests().size(), 1); // events carry everything: no fetches
    QVERIFY(changes.nothingReset());
}

void TestOperationModel::reconnectRelistsByDifference()
{
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake).useProject(Project);
    client.events()->setReconnectDelays(20, 100);
    fake->setReply(QStringLiteral("/operations"),
                   QJsonObject {{QStringLiteral("running"),
                                 QJsonArray {operation(QStringLiteral("op-a"), QStringLiteral("Running")),
                                             operation(QStringLiteral("op-b"), QStringLiteral("Running"))}}});
    OperationCache cache(client);
    cache.setFinishedRetention(-1);
    OperationTableModel model(&cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    cache.load();
    QTRY_COMPARE(cache.state(), OperationCache::State::Ready);
    ModelChangeRecorder changes(&model);
    QSignalSpy relisted(&cache, &OperationCache::listed);

    fake->cutEventStreams();
    fake->setReply(QStringLiteral("/operations"),
                   QJsonObject {{QStringLiteral("running"),
                                 QJsonArray {operation(QStringLiteral("op-b"), QStringLiteral("Running"))}},
                                {QStringLiteral("failure"),
                                 QJsonArray {operation(QStringLiteral("op-c"), QStringLiteral("Failure"))}}});
    QTRY_COMPARE_WITH_TIMEOUT(relisted.count(), 1, 5000);
    QCOMPARE(changes.removed, QStringList {QStringLiteral("op-a")});
    QCOMPARE(changes.inserted, QStringList {QStringLiteral("op-c")});
    QVERIFY(changes.changed.isEmpty());
    QVERIFY(changes.nothingReset());
}

QTEST_GUILESS_MAIN(TestOperationModel)
#include "tst_operationmodel.moc"
