#include "FakeLxdTransport.h"
#include "lxd/Event.h"
#include "models/EventFilterProxyModel.h"
#include "models/EventLog.h"
#include "models/EventLogModel.h"
#include "models/RemoteRegistry.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using Models::EventFilterProxyModel;
using Models::EventLog;
using Models::EventLogModel;
using Models::EventRecord;

namespace {

QJsonObject lifecycleEvent(const QString &action, const QString &source, const QString &project,
                           const QString &location = QStringLiteral("none"))
{
    return {{QStringLiteral("type"), QStringLiteral("lifecycle")},
            {QStringLiteral("timestamp"), QStringLiteral("2026-12-05T07:41:25.6544874Z")},
            {QStringLiteral("project"), project},
            {QStringLiteral("location"), location},
            {QStringLiteral("metadata"),
             QJsonObject {{QStringLiteral("action"), action},
                          {QStringLiteral("source"), source},
                          {QStringLiteral("requestor"),
                           QJsonObject {{QStringLiteral("username"), QStringLiteral("root")},
                                        {QStringLiteral("protocol"), QStringLiteral("unix")}}},
                          {QStringLiteral("context"),
                           QJsonObject {{QStringLiteral("type"), QStringLiteral("container")}}}}}};
}

// As LXD 5.0.2 sends them: no project, the request's details in the context.
QJsonObject loggingEvent(const QString &level, const QString &message, const QJsonObject &context = {})
{
    return {{QStringLiteral("type"), QStringLiteral("logging")},
            {QStringLiteral("timestamp"), QStringLiteral("2026-12-05T07:41:11.887130777Z")},
            {QStringLiteral("location"), QStringLiteral("none")},
            {QStringLiteral("metadata"),
             QJsonObject {{QStringLiteral("level"), level},
                          {QStringLiteral("message"), message},
                          {QStringLiteral("context"), context}}}};
}

QJsonObject operationEvent(const QString &id, const QString &status, const QString &project)
{
    return {{QStringLiteral("type"), QStringLiteral("operation")},
            {QStringLiteral("timestamp"), QStringLiteral("2026-12-05T07:41:25.496166955Z")},
            {QStringLiteral("project"), project},
            {QStringLiteral("location"), QStringLiteral("none")},
            {QStringLiteral("metadata"),
             QJsonObject {
                 {QStringLiteral("id"), id},
                 {QStringLiteral("class"), QStringLiteral("task")},
                 {QStringLiteral("description"), QStringLiteral("Creating instance")},
                 {QStringLiteral("status"), status},
                 {QStringLiteral("status_code"), 103},
                 {QStringLiteral("err"),
                  status == QLatin1String("Failure") ? QStringLiteral("no space left") : QString()},
                 {QStringLiteral("resources"),
                  QJsonObject {
                      {QStringLiteral("instances"), QJsonArray {QStringLiteral("/1.0/instances/c1")}},
                      {QStringLiteral("containers"), QJsonArray {QStringLiteral("/1.0/containers/c1")}}}},
                 {QStringLiteral("metadata"), QJsonValue::Null}}}};
}

Lxd::Event parsed(const QJsonObject &object)
{
    Lxd::Event event;
    QString why;
    if (!Lxd::Event::fromJson(QJsonDocument(object).toJson(QJsonDocument::Compact), &event, &why))
        qFatal("not an event: %s", qPrintable(why));
    return event;
}

// Event number `n`, told apart by its source.
Lxd::Event numbered(int n)
{
    return parsed(lifecycleEvent(QStringLiteral("instance-updated"),
                                 QStringLiteral("/1.0/instances/c%1").arg(n), QStringLiteral("default")));
}

QStringList column(const QAbstractItemModel &model, int column)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(model.index(row, column).data().toString());
    return values;
}

} // namespace

// The event log and its table: a bounded ring fed in batches, filters, pause, gaps, and JSON Lines
// that read back as what the daemon sent. Fake streams; tests/app/tst_eventmonitor runs the real ones.
class TestEventLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsWhatEachRemoteSays();
    void ringKeepsTheNewestAndCountsTheDropped();
    void fullRingDropsTheOldestInOneStep();
    void shrinkingTheRingDropsAtOnce();
    void pauseHoldsAndCountsNewEvents();
    void filtersByTypeRemoteProjectLevelAndText();
    void invalidRegularExpressionIsRefused();
    void exportReadsBackAsReceived();
    void exportFailsClearly();
    void streamGapIsMarkedAndStateShown();
    void malformedMessagesAreCountedNotShown();
    void clearEmptiesEverything();
    void followsTheRegistry();
};

void TestEventLog::showsWhatEachRemoteSays()
{
    FakeLxdTransport *fakeA = nullptr;
    FakeLxdTransport *fakeB = nullptr;
    const Lxd::Client a = FakeLxdTransport::makeClient(&fakeA);
    const Lxd::Client b = FakeLxdTransport::makeClient(&fakeB);
    EventLog log;
    EventLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(log.addSource(QStringLiteral("a"), a));
    QVERIFY(log.addSource(QStringLiteral("b"), b));
    QVERIFY(!log.addSource(QStringLiteral("a"), b)); // names are unique
    QTRY_COMPARE(log.sourceStatus(QStringLiteral("a")).state, Lxd::EventStream::State::Connected);
    QTRY_COMPARE(log.sourceStatus(QStringLiteral("b")).state, Lxd::EventStream::State::Connected);
    QCOMPARE(log.sourceStatusText(QStringLiteral("a")), QStringLiteral("Connected"));
    // Every type, every project: the shared stream of the connection has no logging events.
    QCOMPARE(int(fakeA->eventStreamTargets().size()), 1);
    const QByteArray target = fakeA->eventStreamTargets().constFirst();
    QVERIFY2(target.startsWith("/1.0/events?") && target.contains("all-projects=true")
                 && target.contains("lifecycle") && target.contains("operation")
                 && target.contains("logging"),
             target.constData());

    fakeA->sendEvent(lifecycleEvent(QStringLiteral("instance-started"),
                                    QStringLiteral("/1.0/instances/web%201"), QStringLiteral("p1"),
                                    QStringLiteral("m1")));
    fakeB->sendEvent(operationEvent(QStringLiteral("op-1"), QStringLiteral("Failure"), QStringLiteral("p2")));
    fakeA->sendEvent(loggingEvent(QStringLiteral("debug"), QStringLiteral("Handling API request"),
                                  {{QStringLiteral("method"), QStringLiteral("GET")},
                                   {QStringLiteral("url"), QStringLiteral("/1.0/images/abc?project=p1")},
                                   {QStringLiteral("username"), QStringLiteral("root")},
                                   {QStringLiteral("protocol"), QStringLiteral("unix")}}));
    QTRY_COMPARE(model.rowCount(), 3);
    QCOMPARE(log.receivedCount(), qint64(3));

    // Lifecycle: the action, the object it names, who asked, where.
    QCOMPARE(model.index(0, EventLogModel::Remote).data().toString(), QStringLiteral("a"));
    QCOMPARE(model.index(0, EventLogModel::Member).data().toString(), QStringLiteral("m1"));
    QCOMPARE(model.index(0, EventLogModel::Project).data().toString(), QStringLiteral("p1"));
    QCOMPARE(model.index(0, EventLogModel::Type).data().toString(), QStringLiteral("lifecycle"));
    QCOMPARE(model.index(0, EventLogModel::Action).data().toString(), QStringLiteral("instance-started"));
    QCOMPARE(model.index(0, EventLogModel::Object).data().toString(), QStringLiteral("instances/web 1"));
    QCOMPARE(model.index(0, EventLogModel::Requestor).data().toString(), QStringLiteral("root (unix)"));
    QCOMPARE(model.index(0, EventLogModel::Summary).data().toString(),
             QStringLiteral("instance-started instances/web 1 · type=container"));
    QCOMPARE(model.index(0, 0).data(EventLogModel::TargetCollectionRole).toString(),
             QStringLiteral("instances"));
    QCOMPARE(model.index(0, 0).data(EventLogModel::TargetKeyRole).toString(), QStringLiteral("web 1"));
    // Local time with milliseconds, from the daemon's nanosecond timestamp.
    const QDateTime when
        = QDateTime::fromString(QStringLiteral("2026-12-05T07:41:25.654Z"), Qt::ISODateWithMs);
    QCOMPARE(model.index(0, EventLogModel::Time).data().toString(),
             when.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")));
    QCOMPARE(model.index(0, 0).data(EventLogModel::TimeRole).toLongLong(), when.toMSecsSinceEpoch());

    // Operation: its status, once per object it works on, and a failure is an error.
    QCOMPARE(model.index(1, EventLogModel::Remote).data().toString(), QStringLiteral("b"));
    QCOMPARE(model.index(1, EventLogModel::Member).data().toString(), QString()); // "none"
    QCOMPARE(model.index(1, EventLogModel::Action).data().toString(), QStringLiteral("Failure"));
    QCOMPARE(model.index(1, EventLogModel::Object).data().toString(), QStringLiteral("operations/op-1"));
    QCOMPARE(model.index(1, EventLogModel::Summary).data().toString(),
             QStringLiteral("Creating instance: Failure · no space left · instances/c1"));
    QCOMPARE(model.index(1, 0).data(EventLogModel::SeverityRole).toInt(), int(EventRecord::Severity::Error));
    QCOMPARE(model.index(1, 0).data(EventLogModel::TargetCollectionRole).toString(),
             QStringLiteral("operations"));

    // Logging: the level, the message with its context, the object from the URL.
    QCOMPARE(model.index(2, EventLogModel::Action).data().toString(), QStringLiteral("debug"));
    QCOMPARE(model.index(2, 0).data(EventLogModel::SeverityRole).toInt(), int(EventRecord::Severity::Debug));
    QCOMPARE(model.index(2, EventLogModel::Object).data().toString(), QStringLiteral("images/abc"));
    QCOMPARE(model.index(2, EventLogModel::Project).data().toString(), QString());
    QCOMPARE(model.index(2, EventLogModel::Summary).data().toString(),
             QStringLiteral("Handling API request · method=GET protocol=unix url=/1.0/images/abc?project=p1 "
                            "username=root"));
    const QString pretty = model.index(2, 0).data(EventLogModel::PrettyJsonRole).toString();
    QVERIFY2(pretty.contains(QStringLiteral("\n    \"metadata\": {")), qPrintable(pretty));
    QCOMPARE(log.projects(), QStringList({QStringLiteral("p1"), QStringLiteral("p2")}));
}

void TestEventLog::ringKeepsTheNewestAndCountsTheDropped()
{
    EventLog log;
    log.setCapacity(100);
    EventLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    int largest = 0;
    connect(&model, &QAbstractItemModel::rowsInserted, this,
            [&] { largest = qMax(largest, model.rowCount()); });
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    for (int n = 0; n < 250; ++n)
        log.append(QStringLiteral("local"), numbered(n));
    QCOMPARE(model.rowCount(), 0); // a batch, not 250 insertions
    QTRY_COMPARE(model.rowCount(), 100);
    QCOMPARE(largest, 100);
    QCOMPARE(log.receivedCount(), qint64(250));
    QCOMPARE(log.droppedCount(), qint64(150));
    QCOMPARE(model.index(0, EventLogModel::Object).data().toString(), QStringLiteral("instances/c150"));
    QCOMPARE(model.index(99, EventLogModel::Object).data().toString(), QStringLiteral("instances/c249"));
    // The 150 that could never be shown were not inserted and removed again.
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(removed.size(), 0);
}

void TestEventLog::fullRingDropsTheOldestInOneStep()
{
    EventLog log;
    log.setCapacity(100);
    EventLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int n = 0; n < 100; ++n)
        log.append(QStringLiteral("local"), numbered(n));
    log.flush();
    QCOMPARE(model.rowCount(), 100);

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    int rowsWhenInserting = -1;
    connect(&model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [&] { rowsWhenInserting = model.rowCount(); });
    for (int n = 100; n < 130; ++n)
        log.append(QStringLiteral("local"), numbered(n));
    QTRY_COMPARE(inserted.size(), 1);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.constFirst().at(1).toInt(), 0);
    QCOMPARE(removed.constFirst().at(2).toInt(), 29);
    QCOMPARE(rowsWhenInserting, 70); // the oldest went first: never more rows than the ring holds
    QCOMPARE(inserted.constFirst().at(1).toInt(), 70);
    QCOMPARE(inserted.constFirst().at(2).toInt(), 99);
    QCOMPARE(model.index(0, EventLogModel::Object).data().toString(), QStringLiteral("instances/c30"));
    QCOMPARE(log.droppedCount(), qint64(30));
}

void TestEventLog::shrinkingTheRingDropsAtOnce()
{
    EventLog log;
    log.setCapacity(300);
    EventLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int n = 0; n < 300; ++n)
        log.append(QStringLiteral("local"), numbered(n));
    log.flush();
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    log.setCapacity(120);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowCount(), 120);
    QCOMPARE(log.droppedCount(), qint64(180));
    QCOMPARE(model.index(0, EventLogModel::Object).data().toString(), QStringLiteral("instances/c180"));
    log.setCapacity(5); // below the minimum
    QCOMPARE(log.capacity(), EventLog::MinimumCapacity);
    QCOMPARE(model.rowCount(), EventLog::MinimumCapacity);
}

void TestEventLog::pauseHoldsAndCountsNewEvents()
{
    EventLog log;
    log.setCapacity(100);
    EventLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int n = 0; n < 10; ++n)
        log.append(QStringLiteral("local"), numbered(n));
    log.flush();
    QSignalSpy counters(&log, &EventLog::countersChanged);
    log.setPaused(true);
    for (int n = 10; n < 30; ++n)
        log.append(QStringLiteral("local"), numbered(n));
    QTRY_VERIFY(counters.size() >= 2); // the counts move while paused
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(log.pendingCount(), 20);
    QCOMPARE(log.receivedCount(), qint64(30));
    log.setPaused(false);
    QCOMPARE(model.rowCount(), 30);
    QCOMPARE(log.pendingCount(), 0);

    // Paused for long: the waiting events are bounded by the ring too, newest kept.
    log.setPaused(true);
    for (int n = 30; n < 280; ++n)
        log.append(QStringLiteral("local"), numbered(n));
    QCOMPARE(log.pendingCount(), 100);
    QCOMPARE(log.droppedCount(), qint64(150));
    log.setPaused(false);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(log.droppedCount(), qint64(180));
    QCOMPARE(model.index(0, EventLogModel::Object).data().toString(), QStringLiteral("instances/c180"));
}

void TestEventLog::filtersByTypeRemoteProjectLevelAndText()
{
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake);
    EventLog log;
    EventLogModel model(&log);
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(log.addSource(QStringLiteral("local"), client));
    QTRY_COMPARE(log.sourceStatus(QStringLiteral("local")).state, Lxd::EventStream::State::Connected);
    log.stream(QStringLiteral("local"))->setReconnectDelays(10, 10);

    log.append(QStringLiteral("local"),
               parsed(lifecycleEvent(QStringLiteral("instance-started"),
                                     QStringLiteral("/1.0/instances/web1"), QStringLiteral("default"))));
    log.append(QStringLiteral("second"),
               parsed(lifecycleEvent(QStringLiteral("instance-stopped"), QStringLiteral("/1.0/instances/db1"),
                                     QStringLiteral("shop"))));
    log.append(
        QStringLiteral("local"),
        parsed(operationEvent(QStringLiteral("op-7"), QStringLiteral("Running"), QStringLiteral("shop"))));
    log.append(QStringLiteral("local"),
               parsed(loggingEvent(QStringLiteral("debug"), QStringLiteral("tick"))));
    log.append(QStringLiteral("second"),
               parsed(loggingEvent(QStringLiteral("warning"), QStringLiteral("Disk almost full"))));
    log.append(QStringLiteral("local"),
               parsed(loggingEvent(QStringLiteral("eror"), QStringLiteral("Failed"))));
    log.flush();
    // A gap of "local" (a stream note): shown under any filter but the remote.
    fake->setRefuseEventStreams(true);
    fake->cutEventStreams();
    QTRY_COMPARE(model.rowCount(), 7);
    const QString note = QStringLiteral("lost");
    QCOMPARE(model.index(6, EventLogModel::Action).data().toString(), note);
    QCOMPARE(proxy.rowCount(), 7);

    proxy.setTypes({QStringLiteral("lifecycle")});
    QCOMPARE(column(proxy, EventLogModel::Action),
             QStringList({QStringLiteral("instance-started"), QStringLiteral("instance-stopped"), note}));
    proxy.setTypes({QStringLiteral("logging"), QStringLiteral("operation")});
    QCOMPARE(column(proxy, EventLogModel::Action),
             QStringList({QStringLiteral("Running"), QStringLiteral("debug"), QStringLiteral("warning"),
                          QStringLiteral("eror"), note}));
    proxy.setMinimumLevel(EventRecord::Severity::Warning); // log lines only; operations have no level
    QCOMPARE(
        column(proxy, EventLogModel::Action),
        QStringList({QStringLiteral("Running"), QStringLiteral("warning"), QStringLiteral("eror"), note}));
    proxy.setTypes({});
    proxy.setMinimumLevel(EventRecord::Severity::Debug);

    proxy.setRemote(QStringLiteral("second"));
    QCOMPARE(column(proxy, EventLogModel::Action),
             QStringList({QStringLiteral("instance-stopped"), QStringLiteral("warning")}));
    proxy.setRemote({});

    proxy.setProject(QStringLiteral("shop"));
    QCOMPARE(column(proxy, EventLogModel::Action),
             QStringList({QStringLiteral("instance-stopped"), QStringLiteral("Running"), note}));
    proxy.setProject({});

    QVERIFY(proxy.setText(QStringLiteral("WEB1")));
    QCOMPARE(column(proxy, EventLogModel::Action), QStringList({QStringLiteral("instance-started"), note}));
    QVERIFY(proxy.setText(QStringLiteral("^disk .* full$|^instance-stop"), true));
    QCOMPARE(column(proxy, EventLogModel::Action),
             QStringList({QStringLiteral("instance-stopped"), QStringLiteral("warning"), note}));
    QVERIFY(proxy.setText({}));
    QCOMPARE(proxy.rowCount(), 7);

    // Filters apply to what arrives later too.
    proxy.setTypes({QStringLiteral("operation")});
    log.append(
        QStringLiteral("local"),
        parsed(operationEvent(QStringLiteral("op-8"), QStringLiteral("Success"), QStringLiteral("shop"))));
    log.append(QStringLiteral("local"),
               parsed(loggingEvent(QStringLiteral("info"), QStringLiteral("later"))));
    QTRY_COMPARE(model.rowCount(), 9);
    QCOMPARE(column(proxy, EventLogModel::Action),
             QStringList({QStringLiteral("Running"), note, QStringLiteral("Success")}));
}

void TestEventLog::invalidRegularExpressionIsRefused()
{
    EventLog log;
    EventLogModel model(&log);
    EventFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    log.append(QStringLiteral("local"), numbered(1));
    log.append(QStringLiteral("local"), numbered(2));
    log.flush();
    QVERIFY(proxy.setText(QStringLiteral("c1")));
    QCOMPARE(proxy.rowCount(), 1);
    QString error;
    QVERIFY(!proxy.setText(QStringLiteral("c(1"), true, &error));
    QVERIFY2(error.contains(QStringLiteral("regular expression")), qPrintable(error));
    // The last good filter stays.
    QCOMPARE(proxy.text(), QStringLiteral("c1"));
    QCOMPARE(proxy.rowCount(), 1);
}

void TestEventLog::exportReadsBackAsReceived()
{
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake);
    EventLog log;
    EventLogModel model(&log);
    QVERIFY(log.addSource(QStringLiteral("local"), client));
    QTRY_COMPARE(log.sourceStatus(QStringLiteral("local")).state, Lxd::EventStream::State::Connected);
    log.stream(QStringLiteral("local"))->setReconnectDelays(10, 10);

    // What a daemon may send: nested objects, nulls, numbers, text that needs escaping, any script.
    QList<QJsonObject> sent;
    sent.append(lifecycleEvent(QStringLiteral("instance-created"), QStringLiteral("/1.0/instances/c1"),
                               QStringLiteral("default")));
    sent.append(operationEvent(QStringLiteral("6d38eef4-6837-4435-8de7-503f75e63c2b"),
                               QStringLiteral("Running"), QStringLiteral("p1")));
    sent.append(
        loggingEvent(QStringLiteral("info"), QStringLiteral("Ünïcödé \"quoted\" \\ tab\t line\nbreak ✓"),
                     {{QStringLiteral("size"), 1234567890123.0},
                      {QStringLiteral("ratio"), 0.25},
                      {QStringLiteral("ok"), true},
                      {QStringLiteral("none"), QJsonValue::Null},
                      {QStringLiteral("list"), QJsonArray {1, QStringLiteral("two"), QJsonObject()}}}));
    for (const QJsonObject &event : std::as_const(sent))
        fake->sendEvent(event);
    QTRY_COMPARE(model.rowCount(), 3);
    fake->cutEventStreams(); // a stream note: not an event, not exported
    QTRY_COMPARE(log.sourceStatus(QStringLiteral("local")).state, Lxd::EventStream::State::Connected);
    sent.append(loggingEvent(QStringLiteral("debug"), QStringLiteral("after the gap")));
    fake->sendEvent(sent.constLast());
    QTRY_COMPARE(model.rowCount(), 6);

    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("events.jsonl")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QString error;
    QCOMPARE(log.writeJsonLines(&file, {}, &error), qint64(4));
    file.close();
    QVERIFY(file.open(QIODevice::ReadOnly));
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        QVERIFY2(line.endsWith('\n'), line.constData());
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
        QVERIFY(lineNumber < sent.size());
        QCOMPARE(document.object(), sent.at(lineNumber));
        ++lineNumber;
    }
    QCOMPARE(lineNumber, sent.size());

    // A selection: those rows only, in the order given.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QCOMPARE(log.writeJsonLines(&buffer, {0, 2}), qint64(2));
    const QList<QByteArray> lines = buffer.data().split('\n');
    QCOMPARE(int(lines.size()), 3);
    QCOMPARE(QJsonDocument::fromJson(lines.at(0)).object(), sent.at(0));
    QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object(), sent.at(2));
    QVERIFY(lines.at(2).isEmpty());
}

void TestEventLog::exportFailsClearly()
{
    EventLog log;
    log.append(QStringLiteral("local"), numbered(1));
    log.flush();
    QFile notOpen(QStringLiteral("/nonexistent/events.jsonl"));
    QString error;
    QCOMPARE(log.writeJsonLines(&notOpen, {}, &error), qint64(-1));
    QVERIFY(!error.isEmpty());
}

void TestEventLog::streamGapIsMarkedAndStateShown()
{
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake);
    EventLog log;
    EventLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy stateChanges(&log, &EventLog::sourceStateChanged);
    QVERIFY(log.addSource(QStringLiteral("local"), client));
    QTRY_COMPARE(log.sourceStatus(QStringLiteral("local")).state, Lxd::EventStream::State::Connected);
    log.stream(QStringLiteral("local"))->setReconnectDelays(20, 40);

    fake->setRefuseEventStreams(true);
    fake->cutEventStreams();
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data(EventLogModel::KindRole).toInt(), int(EventRecord::Kind::StreamLost));
    QCOMPARE(model.index(0, EventLogModel::Type).data().toString(), QStringLiteral("stream"));
    QCOMPARE(model.index(0, EventLogModel::Remote).data().toString(), QStringLiteral("local"));
    const QString lost = model.index(0, EventLogModel::Summary).data().toString();
    QVERIFY2(lost.contains(QStringLiteral("closed the connection")), qPrintable(lost));
    QCOMPARE(log.sourceStatus(QStringLiteral("local")).state, Lxd::EventStream::State::Reconnecting);
    QTRY_VERIFY(fake->eventStreamsOpened() >= 3); // retrying, refused
    QVERIFY2(log.sourceStatusText(QStringLiteral("local")).startsWith(QStringLiteral("Reconnecting: ")),
             qPrintable(log.sourceStatusText(QStringLiteral("local"))));
    QVERIFY(stateChanges.size() >= 3);
    QCOMPARE(model.rowCount(), 1); // one note per drop, not one per failed attempt

    QTest::qWait(100);
    fake->setRefuseEventStreams(false);
    QTRY_COMPARE(log.sourceStatus(QStringLiteral("local")).state, Lxd::EventStream::State::Connected);
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, 0).data(EventLogModel::KindRole).toInt(), int(EventRecord::Kind::StreamRestored));
    const QString restored = model.index(1, EventLogModel::Summary).data().toString();
    QVERIFY2(restored.contains(QStringLiteral("back after")), qPrintable(restored));
    QVERIFY(model.index(1, 0).data(EventLogModel::TimeRole).toLongLong()
            >= model.index(0, 0).data(EventLogModel::TimeRole).toLongLong() + 100);
    QCOMPARE(log.receivedCount(), qint64(0)); // notes are not events
}

void TestEventLog::malformedMessagesAreCountedNotShown()
{
    FakeLxdTransport *fake = nullptr;
    const Lxd::Client client = FakeLxdTransport::makeClient(&fake);
    EventLog log;
    EventLogModel model(&log);
    QVERIFY(log.addSource(QStringLiteral("local"), client));
    QTRY_COMPARE(log.sourceStatus(QStringLiteral("local")).state, Lxd::EventStream::State::Connected);
    fake->sendRawEvent("{not json");
    fake->sendRawEvent("[1, 2]");
    fake->sendRawEvent(R"({"metadata": {}})");
    fake->sendEvent(loggingEvent(QStringLiteral("info"), QStringLiteral("fine")));
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(log.malformedCount(), 3);
    QCOMPARE(log.lastMalformedReason(), QStringLiteral("an event without a type"));
    QCOMPARE(log.sourceStatus(QStringLiteral("local")).state, Lxd::EventStream::State::Connected);
}

void TestEventLog::clearEmptiesEverything()
{
    EventLog log;
    EventLogModel model(&log);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.setCapacity(100);
    for (int n = 0; n < 150; ++n)
        log.append(QStringLiteral("local"), numbered(n));
    log.flush();
    QCOMPARE(model.rowCount(), 100);
    log.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(log.receivedCount(), qint64(0));
    QCOMPARE(log.droppedCount(), qint64(0));
    log.append(QStringLiteral("local"), numbered(1));
    QTRY_COMPARE(model.rowCount(), 1);
}

void TestEventLog::followsTheRegistry()
{
    Models::RemoteRegistry registry;
    FakeLxdTransport *fakeA = nullptr;
    FakeLxdTransport *fakeB = nullptr;
    QVERIFY(registry.add(QStringLiteral("a"), FakeLxdTransport::makeClient(&fakeA)));
    EventLog log;
    log.watch(&registry);
    QCOMPARE(log.sources(), QStringList {QStringLiteral("a")});
    QVERIFY(registry.add(QStringLiteral("b"), FakeLxdTransport::makeClient(&fakeB)));
    QCOMPARE(log.sources(), QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    QTRY_COMPARE(log.sourceStatus(QStringLiteral("b")).state, Lxd::EventStream::State::Connected);
    fakeB->sendEvent(loggingEvent(QStringLiteral("info"), QStringLiteral("from b")));
    QTRY_COMPARE(log.size(), 1);
    registry.remove(QStringLiteral("b"));
    QCOMPARE(log.sources(), QStringList {QStringLiteral("a")});
    QCOMPARE(log.size(), 1); // what it said stays
}

QTEST_GUILESS_MAIN(TestEventLog)
#include "tst_eventlog.moc"
