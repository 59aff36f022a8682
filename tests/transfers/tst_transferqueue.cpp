#include "LxcCommand.h"
#include "Testbed.h"
#include "lxd/Client.h"
#include "lxd/LocalPathGuard.h"
#include "transfers/Transfer.h"
#include "transfers/TransferQueue.h"
#include "transfers/TransferQueueModel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <sys/stat.h>

using Transfers::ConflictChoice;
using Transfers::Transfer;
using Transfers::TransferQueue;

namespace {

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

bool waitFor(Transfer *transfer, int timeoutMs = 120000)
{
    QElapsedTimer clock;
    clock.start();
    while (!transfer->isFinished() && clock.elapsed() < timeoutMs)
        QTest::qWait(20);
    return transfer->isFinished();
}

QStringList entriesOf(const QString &folder)
{
    QStringList names;
    QDirIterator it(folder, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        names.append(QDir(folder).relativeFilePath(it.next()));
    names.sort();
    return names;
}

} // namespace

// The transfer queue with no widget, against the real daemon: what happens when names exist, when a
// local entry cannot be read, when a name from the instance is not a name, while a folder downloads,
// how many run at once, and what a retry does again.
class TestTransferQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void conflictsAreAskedAndAnswersApplyToAll();
    void folderOntoFolderMerges();
    void unreadableEntriesAreReportedAndTheRestGoesOn();
    void namesFromTheInstanceAreCheckedBeforeTheDisk();
    void folderDownloadAppearsOnlyWhenWhole();
    void onlyMaxRunningRunAtOnce();
    void retryDoesAgainOnlyWhatFailed();

private:
    LxcResult exec(const QString &script) const
    {
        return LxcCommand::run({QStringLiteral("exec"), m_instance, QStringLiteral("--"),
                                QStringLiteral("sh"), QStringLiteral("-c"), script});
    }
    QString cat(const QString &path) const
    {
        return LxcCommand::run(
                   {QStringLiteral("exec"), m_instance, QStringLiteral("--"), QStringLiteral("cat"), path})
            .output;
    }

    QString m_instance;
    Transfers::InstanceLocation m_location;
    QTemporaryDir m_local;
    TransferQueue *m_queue = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    Transfers::TransferQueueModel *m_model = nullptr;
};

void TestTransferQueue::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    QVERIFY(m_local.isValid());
    m_instance = QStringLiteral("files-queue-%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    const LxcResult launched = LxcCommand::run({QStringLiteral("launch"), Testbed::imageAlias(), m_instance});
    QVERIFY2(launched.ok(), qPrintable(launched.errorOutput));
    m_location.files = Lxd::FileManager(Lxd::Client::overUnixSocket(Testbed::socketPath()), m_instance);
    m_location.remote = QStringLiteral("local");
}

void TestTransferQueue::cleanupTestCase()
{
    m_tester.reset();
    delete m_model;
    delete m_queue;
    if (!m_instance.isEmpty())
        LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), m_instance});
}

void TestTransferQueue::init()
{
    // A fresh queue per test, its model checked all along.
    m_tester.reset();
    delete m_model;
    delete m_queue;
    m_queue = new TransferQueue;
    m_model = new Transfers::TransferQueueModel(m_queue);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model, QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestTransferQueue::conflictsAreAskedAndAnswersApplyToAll()
{
    QVERIFY(exec(QStringLiteral("mkdir -p /root/c && for n in a b c d; do echo old > /root/c/$n.txt; done"))
                .ok());
    const QString folder = m_local.filePath(QStringLiteral("conflicts"));
    QVERIFY(QDir().mkpath(folder));
    QStringList paths;
    for (const char *name : {"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"}) {
        const QString path = QDir(folder).filePath(QLatin1String(name));
        QVERIFY(writeFile(path, "new\n"));
        paths.append(path);
    }
    // a: skip; b: keep both; c: replace, for all that follow (d); e is free.
    QList<Transfers::TransferConflict> asked;
    connect(m_queue, &TransferQueue::conflictAsked, this,
            [&asked](Transfer *transfer, const Transfers::TransferConflict &conflict) {
                asked.append(conflict);
                const ConflictChoice choices[]
                    = {ConflictChoice::Skip, ConflictChoice::KeepBoth, ConflictChoice::Overwrite};
                transfer->answerConflict(choices[qMin<qsizetype>(asked.size() - 1, 2)], asked.size() == 3);
            });
    Transfer *transfer = m_queue->upload(paths, m_location, QStringLiteral("/root/c"));
    QVERIFY(waitFor(transfer));
    QCOMPARE(transfer->state(), Transfer::State::Completed);
    QCOMPARE(asked.size(), 3);
    QCOMPARE(asked.at(0).name, QStringLiteral("a.txt"));
    QCOMPARE(asked.at(0).remainingItems, 4);
    QVERIFY(!asked.at(0).existingIsFolder);
    QCOMPARE(cat(QStringLiteral("/root/c/a.txt")), QStringLiteral("old\n"));
    QCOMPARE(cat(QStringLiteral("/root/c/b.txt")), QStringLiteral("old\n"));
    QCOMPARE(cat(QStringLiteral("/root/c/b (2).txt")), QStringLiteral("new\n"));
    QCOMPARE(cat(QStringLiteral("/root/c/c.txt")), QStringLiteral("new\n"));
    QCOMPARE(cat(QStringLiteral("/root/c/d.txt")), QStringLiteral("new\n"));
    QCOMPARE(cat(QStringLiteral("/root/c/e.txt")), QStringLiteral("new\n"));
    QCOMPARE(transfer->issues().size(), 1); // the skipped one is reported
    QVERIFY(transfer->issues().first().contains(QStringLiteral("skipped")));

    // Nobody listening: both are kept, nothing is lost.
    disconnect(m_queue, &TransferQueue::conflictAsked, this, nullptr);
    Transfer *unattended = m_queue->upload({paths.first()}, m_location, QStringLiteral("/root/c"));
    QVERIFY(waitFor(unattended));
    QCOMPARE(unattended->writtenPaths(), QStringList {QStringLiteral("/root/c/a (2).txt")});
    QCOMPARE(cat(QStringLiteral("/root/c/a.txt")), QStringLiteral("old\n"));
}

void TestTransferQueue::folderOntoFolderMerges()
{
    QVERIFY(
        exec(
            QStringLiteral(
                "mkdir -p /root/m/tree/sub && echo old > /root/m/tree/keep && echo old > /root/m/tree/sub/f"))
            .ok());
    const QString tree = m_local.filePath(QStringLiteral("merge/tree"));
    QVERIFY(QDir().mkpath(tree + QStringLiteral("/sub")));
    QVERIFY(writeFile(tree + QStringLiteral("/sub/f"), "new\n"));
    QVERIFY(writeFile(tree + QStringLiteral("/added"), "added\n"));
    m_queue->setDefaultConflictPolicy(ConflictChoice::Overwrite);
    Transfer *transfer = m_queue->upload({tree}, m_location, QStringLiteral("/root/m"));
    QVERIFY(waitFor(transfer));
    QCOMPARE(transfer->state(), Transfer::State::Completed);
    QCOMPARE(cat(QStringLiteral("/root/m/tree/keep")), QStringLiteral("old\n"));
    QCOMPARE(cat(QStringLiteral("/root/m/tree/sub/f")), QStringLiteral("new\n"));
    QCOMPARE(cat(QStringLiteral("/root/m/tree/added")), QStringLiteral("added\n"));

    // A file never replaces a folder: refused with a reason, the folder untouched.
    const QString file = m_local.filePath(QStringLiteral("merge/sub"));
    QVERIFY(writeFile(file, "a file\n"));
    Transfer *refused = m_queue->upload({file}, m_location, QStringLiteral("/root/m/tree"));
    QVERIFY(waitFor(refused));
    QCOMPARE(refused->state(), Transfer::State::Failed);
    QVERIFY2(refused->errorMessage().contains(QStringLiteral("folder")), qPrintable(refused->errorMessage()));
    QCOMPARE(cat(QStringLiteral("/root/m/tree/sub/f")), QStringLiteral("new\n"));
}

void TestTransferQueue::unreadableEntriesAreReportedAndTheRestGoesOn()
{
    const QString folder = m_local.filePath(QStringLiteral("unreadable"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/tree")));
    QVERIFY(writeFile(folder + QStringLiteral("/tree/ok"), "ok\n"));
    // A FIFO cannot be uploaded (and root reads anything else): reported, not fatal to the others.
    QVERIFY(::mkfifo(QFile::encodeName(folder + QStringLiteral("/tree/pipe")).constData(), 0644) == 0);
    QVERIFY(::mkfifo(QFile::encodeName(folder + QStringLiteral("/pipe")).constData(), 0644) == 0);
    QVERIFY(writeFile(folder + QStringLiteral("/after"), "after\n"));
    QVERIFY(exec(QStringLiteral("mkdir -p /root/u")).ok());
    Transfer *transfer
        = m_queue->upload({folder + QStringLiteral("/tree"), folder + QStringLiteral("/pipe"),
                           folder + QStringLiteral("/after"), folder + QStringLiteral("/missing")},
                          m_location, QStringLiteral("/root/u"));
    QVERIFY(waitFor(transfer));
    QCOMPARE(transfer->state(), Transfer::State::Failed);
    QCOMPARE(transfer->itemsDone(), 2);
    const QString issues = transfer->issues().join(QLatin1Char('\n'));
    QVERIFY2(issues.contains(QStringLiteral("tree/pipe")), qPrintable(issues));
    QVERIFY2(issues.contains(QStringLiteral("missing")), qPrintable(issues));
    QCOMPARE(cat(QStringLiteral("/root/u/tree/ok")), QStringLiteral("ok\n"));
    QCOMPARE(cat(QStringLiteral("/root/u/after")), QStringLiteral("after\n"));
}

void TestTransferQueue::namesFromTheInstanceAreCheckedBeforeTheDisk()
{
    const QString downloads = m_local.filePath(QStringLiteral("names"));
    QVERIFY(QDir().mkpath(downloads));
    Transfer *transfer = m_queue->download(
        m_location, QStringList {QStringLiteral("/root/.."), QStringLiteral("/")}, downloads);
    QVERIFY(waitFor(transfer));
    QCOMPARE(transfer->state(), Transfer::State::Failed);
    QVERIFY2(transfer->errorMessage().contains(QStringLiteral("refused")),
             qPrintable(transfer->errorMessage()));
    QVERIFY(entriesOf(downloads).isEmpty());
    QCOMPARE(QDir(m_local.path())
                 .entryList(QDir::AllEntries | QDir::NoDotAndDotDot)
                 .contains(QStringLiteral("root")),
             false);
}

void TestTransferQueue::folderDownloadAppearsOnlyWhenWhole()
{
    QVERIFY(exec(QStringLiteral("mkdir -p /root/whole && cd /root/whole && for i in $(seq 1 60); do "
                                "mkdir -p d$i && head -c 200000 /dev/urandom > d$i/f; done"))
                .ok());
    const QString downloads = m_local.filePath(QStringLiteral("whole"));
    QVERIFY(QDir().mkpath(downloads));
    Transfer *transfer
        = m_queue->download(m_location, QStringList {QStringLiteral("/root/whole")}, downloads);
    bool sawTemporary = false;
    bool finalEarly = false;
    QElapsedTimer clock;
    clock.start();
    while (!transfer->isFinished() && clock.elapsed() < 120000) {
        const QStringList names
            = QDir(downloads).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        for (const QString &name : names) {
            if (name.startsWith(Lxd::LocalPathGuard::temporaryPrefix()))
                sawTemporary = true;
            else if (name == QLatin1String("whole"))
                finalEarly = !transfer->isFinished();
        }
        QTest::qWait(2);
    }
    QCOMPARE(transfer->state(), Transfer::State::Completed);
    QVERIFY(sawTemporary);
    QVERIFY(!finalEarly);
    QCOMPARE(QDir(downloads).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList {QStringLiteral("whole")});
    QCOMPARE(entriesOf(QDir(downloads).filePath(QStringLiteral("whole"))).size(), 120);
    QCOMPARE(transfer->writtenPaths(), QStringList {QDir(downloads).filePath(QStringLiteral("whole"))});
}

void TestTransferQueue::onlyMaxRunningRunAtOnce()
{
    const QString folder = m_local.filePath(QStringLiteral("parallel"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(writeFile(QDir(folder).filePath(QStringLiteral("f")), QByteArray(4 * 1024 * 1024, 'x')));
    QVERIFY(exec(QStringLiteral("mkdir -p /root/p1 /root/p2 /root/p3 /root/p4")).ok());
    m_queue->setMaxRunning(2);
    int running = 0;
    int most = 0;
    QList<Transfer *> transfers;
    for (int i = 1; i <= 4; ++i) {
        Transfer *transfer = m_queue->upload({QDir(folder).filePath(QStringLiteral("f"))}, m_location,
                                             QStringLiteral("/root/p%1").arg(i));
        connect(transfer, &Transfer::stateChanged, this, [&running, &most](Transfer::State state) {
            if (state == Transfer::State::Running)
                most = qMax(most, ++running);
            else if (state == Transfer::State::Completed || state == Transfer::State::Failed)
                --running;
        });
        transfers.append(transfer);
    }
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(transfers.at(3)->state(), Transfer::State::Queued);
    for (Transfer *transfer : std::as_const(transfers)) {
        QVERIFY(waitFor(transfer));
        QCOMPARE(transfer->state(), Transfer::State::Completed);
    }
    QCOMPARE(most, 2);
    m_queue->removeFinished();
    QCOMPARE(m_model->rowCount(), 0);
}

void TestTransferQueue::retryDoesAgainOnlyWhatFailed()
{
    const QString folder = m_local.filePath(QStringLiteral("retry"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(writeFile(QDir(folder).filePath(QStringLiteral("first")), "first\n"));
    const QString later = QDir(folder).filePath(QStringLiteral("later"));
    QVERIFY(exec(QStringLiteral("mkdir -p /root/r")).ok());
    Transfer *transfer = m_queue->upload({QDir(folder).filePath(QStringLiteral("first")), later}, m_location,
                                         QStringLiteral("/root/r"));
    QVERIFY(waitFor(transfer));
    QCOMPARE(transfer->state(), Transfer::State::Failed);
    QCOMPARE(transfer->itemsDone(), 1);
    // The first file is changed inside the instance: a retry must leave it alone.
    QVERIFY(exec(QStringLiteral("echo changed-in-instance > /root/r/first")).ok());
    QVERIFY(writeFile(later, "later\n"));
    QSignalSpy asked(m_queue, &TransferQueue::conflictAsked);
    m_queue->retry(transfer);
    QVERIFY(waitFor(transfer));
    QCOMPARE(transfer->state(), Transfer::State::Completed);
    QCOMPARE(asked.size(), 0);
    QCOMPARE(cat(QStringLiteral("/root/r/first")), QStringLiteral("changed-in-instance\n"));
    QCOMPARE(cat(QStringLiteral("/root/r/later")), QStringLiteral("later\n"));
    QCOMPARE(transfer->percent(), 100);
}

QTEST_GUILESS_MAIN(TestTransferQueue)
#include "tst_transferqueue.moc"
