#include "JobWaiter.h"
#include "LxcCommand.h"
#include "TestClients.h"
#include "Testbed.h"
#include "lxd/Client.h"
#include "lxd/InstanceManager.h"
#include "lxd/SnapshotManager.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUuid>

using Lxd::Client;
using Lxd::Error;
using Lxd::InstanceManager;
using Lxd::OperationJob;
using Lxd::Snapshot;
using Lxd::SnapshotManager;

// Waits for a job and fails the test with the job's error, if any.
#define RUN_JOB(job)                                                                                         \
    do {                                                                                                     \
        Lxd::Error runError_;                                                                                \
        QVERIFY2(JobWaiter::wait((job), &runError_), "the job did not finish in time");                      \
        QVERIFY2(!runError_, qPrintable(runError_.userMessage()));                                           \
    } while (false)

#define LXC(...)                                                                                             \
    do {                                                                                                     \
        const LxcResult lxcResult_ = LxcCommand::run(__VA_ARGS__);                                           \
        QVERIFY2(lxcResult_.ok(), qPrintable(lxcResult_.errorOutput));                                       \
    } while (false)

// Snapshots of an instance (pylxd's `instance.snapshots`) against the real daemon, checked with `lxc`.
class TestSnapshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void snapshotFromRecordedReply();
    void createGetRenameDelete_data() { addTransports(); }
    void createGetRenameDelete();
    void saveExpiryWithEtag();
    void restoreUndoesLaterChanges();
    void publishAsImage();
    void statefulSnapshotOfRunningContainer();

private:
    void addTransports();
    QString launch(const QString &what, bool start);
    // The snapshot names `lxc info` lists for an instance.
    static QStringList lxcSnapshots(const QString &instance);

    TestClients m_clients;
    QStringList m_created;
    QStringList m_images;
};

void TestSnapshots::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    QString why;
    QVERIFY2(m_clients.setUp(&why), qPrintable(why));
}

void TestSnapshots::cleanupTestCase()
{
    for (const QString &name : std::as_const(m_created))
        LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), name});
    for (const QString &fingerprint : std::as_const(m_images))
        LxcCommand::run({QStringLiteral("image"), QStringLiteral("delete"), fingerprint});
    m_clients.tearDown();
}

void TestSnapshots::addTransports()
{
    QTest::addColumn<QString>("transport");
    QTest::newRow("unix") << QStringLiteral("unix");
    QTest::newRow("https-token") << QStringLiteral("https-token");
}

QString TestSnapshots::launch(const QString &what, bool start)
{
    const QString name
        = QStringLiteral("berth-h8-%1-%2").arg(what, QUuid::createUuid().toString(QUuid::Id128).left(8));
    m_created.append(name);
    const LxcResult result = LxcCommand::run(
        {start ? QStringLiteral("launch") : QStringLiteral("init"), Testbed::imageAlias(), name});
    return result.ok() ? name : QString();
}

QStringList TestSnapshots::lxcSnapshots(const QString &instance)
{
    // `lxc query` gives the names exactly, where `lxc info` formats a table.
    const LxcResult result = LxcCommand::run(
        {QStringLiteral("query"), QStringLiteral("/1.0/instances/%1/snapshots").arg(instance)});
    QStringList names;
    const QJsonArray urls = QJsonDocument::fromJson(result.output.toUtf8()).array();
    for (const QJsonValue &url : urls)
        names.append(url.toString().section(QLatin1Char('/'), -1));
    return names;
}

void TestSnapshots::snapshotFromRecordedReply()
{
    // An older daemon names snapshots "instance/snap"; a snapshot that never expires has the zero time.
    const Snapshot snapshot(QJsonDocument::fromJson(R"({"name":"c1/snap0","stateful":true,"size":-1,
        "created_at":"2024-01-02T03:04:05.123456Z","expires_at":"0001-01-01T00:00:00Z",
        "profiles":["default"],"config":{"a":"b"},"devices":{}})")
                                .object(),
                            QByteArrayLiteral("\"etag\""));
    QCOMPARE(snapshot.name(), QStringLiteral("snap0"));
    QVERIFY(snapshot.stateful());
    QCOMPARE(snapshot.size(), qint64(-1));
    QCOMPARE(snapshot.createdAt(), QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5, 123), Qt::UTC));
    QVERIFY(!snapshot.expiresAt().isValid());
    QCOMPARE(snapshot.writable(),
             QJsonObject({{QStringLiteral("expires_at"), QStringLiteral("0001-01-01T00:00:00Z")}}));
    Snapshot edited = snapshot;
    edited.setExpiresAt(QDateTime(QDate(2030, 5, 6), QTime(7, 8, 9), Qt::UTC));
    QVERIFY(edited.isDirty());
    QCOMPARE(edited.writable().value(QLatin1String("expires_at")).toString(),
             QStringLiteral("2030-05-06T07:08:09.000Z"));
    edited.setExpiresAt({});
    QVERIFY(!edited.isDirty());
}

void TestSnapshots::createGetRenameDelete()
{
    QFETCH(QString, transport);
    const InstanceManager manager(m_clients.client(transport));
    const QString name = launch(QStringLiteral("snap"), false);
    QVERIFY(!name.isEmpty());
    const SnapshotManager snapshots = manager.snapshots(name);
    QCOMPARE(snapshots.instance(), name);

    const QDateTime expiry = QDateTime::currentDateTimeUtc().addDays(2);
    RUN_JOB(snapshots.create(QStringLiteral("first"), false, expiry));
    RUN_JOB(snapshots.create(QStringLiteral("second")));
    QCOMPARE(lxcSnapshots(name), QStringList({QStringLiteral("first"), QStringLiteral("second")}));

    Snapshot first;
    QVERIFY(waitAndRead(snapshots.get(QStringLiteral("first")), [&](Lxd::ObjectJob<Snapshot> *done) {
        QVERIFY2(done->succeeded(), qPrintable(done->error().userMessage()));
        first = done->object();
    }));
    QCOMPARE(first.name(), QStringLiteral("first"));
    QVERIFY(!first.stateful());
    QVERIFY2(qAbs(first.expiresAt().secsTo(expiry)) < 5, qPrintable(first.expiresAt().toString(Qt::ISODate)));
    QVERIFY(first.createdAt().isValid());
    QCOMPARE(first.profiles(), QStringList {QStringLiteral("default")});
    QVERIFY(!first.etag().isEmpty());

    QList<Snapshot> all;
    QVERIFY(waitAndRead(snapshots.all(), [&](Lxd::ListJob<Snapshot> *done) { all = done->objects(); }));
    QCOMPARE(all.size(), 2);
    QVERIFY(all.at(0).isFull());
    QStringList names {all.at(0).name(), all.at(1).name()};
    names.sort();
    QCOMPARE(names, QStringList({QStringLiteral("first"), QStringLiteral("second")}));
    QVERIFY(waitAndRead(snapshots.all(false), [&](Lxd::ListJob<Snapshot> *done) { all = done->objects(); }));
    QCOMPARE(all.size(), 2);
    QVERIFY(!all.at(0).isFull());

    // Listed with recursion=2, the instance carries its snapshots.
    bool seen = false;
    QVERIFY(waitAndRead(manager.all(true), [&](Lxd::ListJob<Lxd::Instance> *done) {
        const QList<Lxd::Instance> instances = done->objects();
        for (const Lxd::Instance &instance : instances) {
            if (instance.name() == name)
                seen = instance.snapshots().size() == 2;
        }
    }));
    QVERIFY(seen);

    RUN_JOB(snapshots.rename(QStringLiteral("first"), QStringLiteral("renamed")));
    QCOMPARE(lxcSnapshots(name), QStringList({QStringLiteral("renamed"), QStringLiteral("second")}));
    bool exists = true;
    QVERIFY(waitAndRead(snapshots.exists(QStringLiteral("first")), [&](Lxd::ExistsJob *done) {
        exists = done->exists();
        QVERIFY(!done->realError());
    }));
    QVERIFY(!exists);
    QVERIFY(waitAndRead(snapshots.exists(QStringLiteral("renamed")),
                        [&](Lxd::ExistsJob *done) { exists = done->exists(); }));
    QVERIFY(exists);

    RUN_JOB(snapshots.remove(QStringLiteral("renamed")));
    RUN_JOB(snapshots.remove(QStringLiteral("second")));
    QCOMPARE(lxcSnapshots(name), QStringList());
    Error error;
    QVERIFY(JobWaiter::wait(snapshots.get(QStringLiteral("second")), &error));
    QVERIFY(error.isNotFound());
}

void TestSnapshots::saveExpiryWithEtag()
{
    const InstanceManager manager(m_clients.client(QStringLiteral("unix")));
    const QString name = launch(QStringLiteral("expiry"), false);
    QVERIFY(!name.isEmpty());
    const SnapshotManager snapshots = manager.snapshots(name);
    RUN_JOB(snapshots.create(QStringLiteral("s")));

    Snapshot snapshot;
    QVERIFY(waitAndRead(snapshots.get(QStringLiteral("s")),
                        [&](Lxd::ObjectJob<Snapshot> *done) { snapshot = done->object(); }));
    QVERIFY(!snapshot.expiresAt().isValid());
    const QDateTime expiry(QDate(2099, 1, 2), QTime(3, 4, 5), Qt::UTC);
    snapshot.setExpiresAt(expiry);
    RUN_JOB(snapshots.save(snapshot));
    const LxcResult shown = LxcCommand::run(
        {QStringLiteral("query"), QStringLiteral("/1.0/instances/%1/snapshots/s").arg(name)});
    QVERIFY2(shown.output.contains(QLatin1String("\"expires_at\": \"2099-01-02T03:04:05Z\"")),
             qPrintable(shown.output));

    // The old ETag no longer matches.
    snapshot.setExpiresAt(expiry.addDays(1));
    Error error;
    QVERIFY(JobWaiter::wait(snapshots.save(snapshot), &error));
    QVERIFY2(error.isConflict(), qPrintable(error.userMessage()));
}

void TestSnapshots::restoreUndoesLaterChanges()
{
    const InstanceManager manager(m_clients.client(QStringLiteral("unix")));
    const QString name = launch(QStringLiteral("restore"), true);
    QVERIFY(!name.isEmpty());
    const SnapshotManager snapshots = manager.snapshots(name);

    RUN_JOB(snapshots.create(QStringLiteral("clean")));
    LXC({QStringLiteral("exec"), name, QStringLiteral("--"), QStringLiteral("touch"), QStringLiteral("/x")});
    QVERIFY(LxcCommand::run({QStringLiteral("exec"), name, QStringLiteral("--"), QStringLiteral("test"),
                             QStringLiteral("-e"), QStringLiteral("/x")})
                .ok());
    LXC({QStringLiteral("config"), QStringLiteral("set"), name, QStringLiteral("user.after=1")});

    RUN_JOB(snapshots.restore(QStringLiteral("clean")));
    // A running container is restored and keeps running.
    QTRY_VERIFY_WITH_TIMEOUT(
        LxcCommand::run({QStringLiteral("list"), QStringLiteral("--format=csv"), QStringLiteral("-cns")})
            .output.contains(name + QLatin1String(",RUNNING")),
        30000);
    const LxcResult test
        = LxcCommand::run({QStringLiteral("exec"), name, QStringLiteral("--"), QStringLiteral("test"),
                           QStringLiteral("-e"), QStringLiteral("/x")});
    QCOMPARE(test.exitCode, 1);
    const LxcResult config = LxcCommand::run(
        {QStringLiteral("config"), QStringLiteral("get"), name, QStringLiteral("user.after")});
    QCOMPARE(config.output.trimmed(), QString());

    // Restoring a snapshot that does not exist fails and changes nothing.
    Error error;
    QVERIFY(JobWaiter::wait(snapshots.restore(QStringLiteral("no-such-snapshot")), &error));
    QVERIFY(error.isError());
}

void TestSnapshots::publishAsImage()
{
    const InstanceManager manager(m_clients.client(QStringLiteral("unix")));
    // Snapshots can be published while the instance runs.
    const QString name = launch(QStringLiteral("snappub"), true);
    QVERIFY(!name.isEmpty());
    LXC({QStringLiteral("exec"), name, QStringLiteral("--"), QStringLiteral("touch"),
         QStringLiteral("/in-image")});
    const SnapshotManager snapshots = manager.snapshots(name);
    RUN_JOB(snapshots.create(QStringLiteral("release")));

    QString fingerprint;
    QVERIFY(waitAndRead(snapshots.publish(QStringLiteral("release")), [&](OperationJob *done) {
        QVERIFY2(done->succeeded(), qPrintable(done->error().userMessage()));
        fingerprint = InstanceManager::publishedFingerprint(done);
    }));
    QCOMPARE(fingerprint.size(), 64);
    m_images.append(fingerprint);
    QVERIFY(LxcCommand::run({QStringLiteral("image"), QStringLiteral("info"), fingerprint}).ok());

    const QString child = launch(QStringLiteral("fromsnapimg"), false);
    QVERIFY(!child.isEmpty());
    LxcCommand::run({QStringLiteral("delete"), child});
    LXC({QStringLiteral("launch"), fingerprint, child});
    QVERIFY(LxcCommand::run({QStringLiteral("exec"), child, QStringLiteral("--"), QStringLiteral("test"),
                             QStringLiteral("-e"), QStringLiteral("/in-image")})
                .ok());
    LXC({QStringLiteral("delete"), QStringLiteral("--force"), child});

    LXC({QStringLiteral("image"), QStringLiteral("delete"), fingerprint});
    QVERIFY(!LxcCommand::run({QStringLiteral("image"), QStringLiteral("info"), fingerprint}).ok());
    m_images.removeAll(fingerprint);
}

void TestSnapshots::statefulSnapshotOfRunningContainer()
{
    const InstanceManager manager(m_clients.client(QStringLiteral("unix")));
    const QString name = launch(QStringLiteral("stateful"), true);
    QVERIFY(!name.isEmpty());
    Error error;
    QVERIFY(JobWaiter::wait(manager.snapshots(name).create(QStringLiteral("with-memory"), true), &error));
    if (!error) {
        // CRIU is installed: the snapshot is stateful.
        Snapshot snapshot;
        QVERIFY(waitAndRead(manager.snapshots(name).get(QStringLiteral("with-memory")),
                            [&](Lxd::ObjectJob<Snapshot> *done) { snapshot = done->object(); }));
        QVERIFY(snapshot.stateful());
        return;
    }
    // Without CRIU the daemon refuses, and says why; no snapshot is left behind.
    QVERIFY2(error.detail().contains(QLatin1String("CRIU isn't installed")), qPrintable(error.detail()));
    QCOMPARE(lxcSnapshots(name), QStringList());
}

QTEST_GUILESS_MAIN(TestSnapshots)
#include "tst_snapshots.moc"
