#include "JobWaiter.h"
#include "LxcCommand.h"
#include "TestClients.h"
#include "Testbed.h"
#include "lxd/FileListJob.h"
#include "lxd/FileManager.h"
#include "lxd/FilePullJob.h"
#include "lxd/FilePushJob.h"
#include "lxd/FileStatJob.h"
#include "lxd/FileTreePullJob.h"
#include "lxd/FileTreePushJob.h"
#include "lxd/LocalPathGuard.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <sys/stat.h>
#include <unistd.h>

using Lxd::Error;
using Lxd::FileEntry;
using Lxd::FileManager;
using Lxd::FileWriteOptions;

namespace {

constexpr qint64 MiB = 1024 * 1024;

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (qint64 i = 0; i < size; ++i)
        bytes[i] = static_cast<char>(generator.generate() & 0xff);
    return bytes;
}

bool writeFile(const QString &path, const QByteArray &contents, int mode)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const bool ok = file.write(contents) == contents.size();
    file.close();
    return ok && ::chmod(QFile::encodeName(path).constData(), static_cast<mode_t>(mode)) == 0;
}

// A file of `size` pseudo-random bytes written 1 MiB at a time; returns its SHA-256 (hex).
QByteArray writeBigFile(const QString &path, qint64 size, quint32 seed)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QRandomGenerator generator(seed);
    QByteArray chunk(MiB, Qt::Uninitialized);
    for (qint64 written = 0; written < size; written += chunk.size()) {
        generator.fillRange(reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / 4);
        hash.addData(chunk);
        if (file.write(chunk) != chunk.size())
            return {};
    }
    return hash.result().toHex();
}

QByteArray sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

QByteArray sha256(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// From /proc/self/status, in KiB.
qint64 statusKiB(const char *key)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Follows the resident set size while a transfer runs: the kernel's peak (VmHWM, reset first through
// clear_refs) when it can be reset, and samples taken every few milliseconds in any case.
class MemoryWatch
{
public:
    MemoryWatch()
    {
        QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
        m_resetPeak = clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
        clearRefs.close();
        m_baseline = statusKiB("VmRSS:");
        m_peak = m_baseline;
        QObject::connect(&m_timer, &QTimer::timeout, [this] { m_peak = qMax(m_peak, statusKiB("VmRSS:")); });
        m_timer.start(5);
    }
    // Growth of the resident set over the baseline, in MiB.
    qint64 growthMiB()
    {
        m_peak = qMax(m_peak, statusKiB("VmRSS:"));
        if (m_resetPeak)
            m_peak = qMax(m_peak, statusKiB("VmHWM:"));
        return (m_peak - m_baseline) / 1024;
    }

private:
    QTimer m_timer;
    bool m_resetPeak = false;
    qint64 m_baseline = 0;
    qint64 m_peak = 0;
};

QString readLocalLink(const QString &path)
{
    QByteArray buffer(4096, Qt::Uninitialized);
    const ssize_t length = ::readlink(QFile::encodeName(path).constData(), buffer.data(), buffer.size());
    return length < 0 ? QString() : QFile::decodeName(buffer.left(length));
}

// "relative/path" -> "kind|mode|size|sha256-or-link-target", for every entry below `root`.
QMap<QString, QString> describeLocalTree(const QString &root)
{
    QMap<QString, QString> tree;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(root).relativeFilePath(path);
        struct stat info;
        if (::lstat(QFile::encodeName(path).constData(), &info) != 0)
            continue;
        const QString mode = QString::number(info.st_mode & 07777, 8);
        if (S_ISLNK(info.st_mode))
            tree.insert(relative, QStringLiteral("link|%1").arg(readLocalLink(path)));
        else if (S_ISDIR(info.st_mode))
            tree.insert(relative, QStringLiteral("dir|%1").arg(mode));
        else
            tree.insert(relative,
                        QStringLiteral("file|%1|%2|%3")
                            .arg(mode)
                            .arg(info.st_size)
                            .arg(QString::fromLatin1(sha256OfFile(path))));
    }
    return tree;
}

QStringList temporaryLeftovers(const QString &root)
{
    QStringList found;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        if (it.fileName().startsWith(Lxd::LocalPathGuard::temporaryPrefix()))
            found.append(it.filePath());
    }
    return found;
}

} // namespace

// The file API against the real daemon, over the unix socket and over HTTPS: put and get with
// metadata, stat with and without HEAD, listing, folders, links, delete, a 256 MiB file with bounded
// memory, whole trees both ways, and cancellation that leaves nothing partial on either side.
class TestFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void putAndGetKeepBytesAndMetadata_data() { addTransports(); }
    void putAndGetKeepBytesAndMetadata();
    void pushReplacesExistingFileAndLink_data() { addTransports(); }
    void pushReplacesExistingFileAndLink();
    void statWithHeadAndWithGet();
    void listGivesMetadataOfEveryEntry_data() { addTransports(); }
    void listGivesMetadataOfEveryEntry();
    void directoriesLinksAndDelete_data() { addTransports(); }
    void directoriesLinksAndDelete();
    void pullingAFolderAsAFileIsAnError();
    void memoryWatchSeesAnAllocation();
    void bigFileStreamsWithBoundedMemory_data() { addTransports(); }
    void bigFileStreamsWithBoundedMemory();
    void treePushAndPullAreIdentical_data() { addTransports(); }
    void treePushAndPullAreIdentical();
    void treePushReportsUnreadableEntriesAndGoesOn();
    void cancelledPushLeavesNoRemoteFile_data() { addTransports(); }
    void cancelledPushLeavesNoRemoteFile();
    void cancelledPullLeavesNoLocalFile_data() { addTransports(); }
    void cancelledPullLeavesNoLocalFile();
    void cancelledTreeTransfersLeaveNoPartialFile();

private:
    void addTransports();
    FileManager files(const QString &transport) const;
    LxcResult exec(const QStringList &command) const;
    bool remoteExists(const QString &path) const;
    QString remoteSha256(const QString &path) const;
    QMap<QString, QString> describeRemoteTree(const QString &root) const;

    TestClients m_clients;
    QString m_instance;
};

void TestFiles::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    QString why;
    QVERIFY2(m_clients.setUp(&why), qPrintable(why));
    for (const QString &transport : {QStringLiteral("unix"), QStringLiteral("https-token")}) {
        Error error;
        QVERIFY(JobWaiter::wait(m_clients.client(transport).getServer(), &error));
        QVERIFY2(!error, qPrintable(error.userMessage()));
    }
    m_instance = QStringLiteral("berth-files-%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    const LxcResult launched = LxcCommand::run({QStringLiteral("launch"), Testbed::imageAlias(), m_instance});
    QVERIFY2(launched.ok(), qPrintable(launched.errorOutput));
}

void TestFiles::cleanupTestCase()
{
    if (!m_instance.isEmpty())
        LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), m_instance});
    m_clients.tearDown();
}

void TestFiles::addTransports()
{
    QTest::addColumn<QString>("transport");
    QTest::newRow("unix") << QStringLiteral("unix");
    QTest::newRow("https") << QStringLiteral("https-token");
}

FileManager TestFiles::files(const QString &transport) const
{
    return FileManager(m_clients.client(transport), m_instance);
}

LxcResult TestFiles::exec(const QStringList &command) const
{
    return LxcCommand::run(QStringList {QStringLiteral("exec"), m_instance, QStringLiteral("--")} + command);
}

bool TestFiles::remoteExists(const QString &path) const
{
    return exec({QStringLiteral("sh"), QStringLiteral("-c"),
                 QStringLiteral("test -e \"$1\" || test -L \"$1\""), QStringLiteral("sh"), path})
        .ok();
}

QString TestFiles::remoteSha256(const QString &path) const
{
    const LxcResult result = exec({QStringLiteral("sha256sum"), path});
    return result.ok() ? result.output.section(QLatin1Char(' '), 0, 0) : QString();
}

// The same description as describeLocalTree(), made inside the instance with busybox.
QMap<QString, QString> TestFiles::describeRemoteTree(const QString &root) const
{
    const QString script = QStringLiteral(
        "cd \"$1\" && find . -mindepth 1 | while IFS= read -r f; do "
        "  if [ -L \"$f\" ]; then printf '%s\\tlink|%s\\n' \"$f\" \"$(readlink \"$f\")\"; "
        "  elif [ -d \"$f\" ]; then printf '%s\\tdir|%s\\n' \"$f\" \"$(stat -c %a \"$f\")\"; "
        "  else printf '%s\\tfile|%s|%s|%s\\n' \"$f\" \"$(stat -c %a \"$f\")\" \"$(stat -c %s \"$f\")\" "
        "\"$(sha256sum \"$f\" | cut -d' ' -f1)\"; fi; done");
    const LxcResult result
        = exec({QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("sh"), root});
    QMap<QString, QString> tree;
    if (!result.ok())
        return tree;
    const QStringList lines = result.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QString name = line.section(QLatin1Char('\t'), 0, 0).mid(2); // "./"
        tree.insert(name, line.section(QLatin1Char('\t'), 1));
    }
    return tree;
}

void TestFiles::putAndGetKeepBytesAndMetadata()
{
    QFETCH(QString, transport);
    const FileManager manager = files(transport);
    const QString directory = QStringLiteral("/root/put-%1").arg(transport);
    QVERIFY(JobWaiter::wait(manager.makeDirectory(directory)));

    // Every byte value, line endings of every kind, and some bulk.
    QByteArray contents;
    for (int i = 0; i < 256; ++i)
        contents.append(static_cast<char>(i));
    contents += QByteArrayLiteral("\r\n\n\r") + randomBytes(300 * 1024, 7);
    QBuffer source(&contents);
    QVERIFY(source.open(QIODevice::ReadOnly));
    FileWriteOptions options;
    options.mode = 0640;
    options.uid = 1234;
    options.gid = 5678;
    const QString path = directory + QStringLiteral("/data é.bin");
    Lxd::FilePushJob *put = manager.put(&source, contents.size(), path, options);
    QSignalSpy putProgress(put, &Lxd::Job::progress);
    Error error;
    QVERIFY(JobWaiter::wait(put, &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QVERIFY(!putProgress.isEmpty());
    QCOMPARE(putProgress.constLast().at(0).toLongLong(), qint64(contents.size()));

    // Seen from inside the instance.
    const LxcResult stat
        = exec({QStringLiteral("stat"), QStringLiteral("-c"), QStringLiteral("%a %u %g %s"), path});
    QVERIFY2(stat.ok(), qPrintable(stat.errorOutput));
    QCOMPARE(stat.output.trimmed(), QStringLiteral("640 1234 5678 %1").arg(contents.size()));
    QCOMPARE(remoteSha256(path), QString::fromLatin1(sha256(contents)));

    // Back into memory.
    QByteArray back;
    QBuffer sink(&back);
    QVERIFY(sink.open(QIODevice::WriteOnly));
    FileEntry entry;
    QVERIFY(waitAndRead(manager.get(path, &sink), [&](Lxd::FilePullJob *job) {
        QVERIFY2(job->succeeded(), qPrintable(job->error().userMessage()));
        entry = job->entry();
    }));
    QCOMPARE(back, contents);
    QVERIFY(entry.isFile());
    QCOMPARE(entry.mode, 0640);
    QCOMPARE(entry.uid, qint64(1234));
    QCOMPARE(entry.gid, qint64(5678));
    QCOMPARE(entry.size, qint64(contents.size()));
    QVERIFY(entry.modified.isValid());
    QVERIFY(qAbs(entry.modified.secsTo(QDateTime::currentDateTimeUtc())) < 600);

    // And onto the disk, with the mode and time.
    QTemporaryDir local;
    QVERIFY(local.isValid());
    const QString localPath = local.filePath(QStringLiteral("copy é.bin"));
    QVERIFY(JobWaiter::wait(manager.pull(path, localPath), &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QFile copy(localPath);
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), contents);
    struct stat info;
    QCOMPARE(::stat(QFile::encodeName(localPath).constData(), &info), 0);
    QCOMPARE(int(info.st_mode & 07777), 0640);
    QCOMPARE(QFileInfo(localPath).lastModified().toSecsSinceEpoch(), entry.modified.toSecsSinceEpoch());
    QCOMPARE(QDir(local.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList {QStringLiteral("copy é.bin")});

    // A push from a local file keeps the local mode.
    const QString script = local.filePath(QStringLiteral("run.sh"));
    QVERIFY(writeFile(script, QByteArrayLiteral("#!/bin/sh\necho hi\n"), 0751));
    QVERIFY(JobWaiter::wait(manager.push(script, directory + QStringLiteral("/run.sh")), &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    const LxcResult ran = exec({directory + QStringLiteral("/run.sh")});
    QCOMPARE(ran.output, QStringLiteral("hi\n"));
    QCOMPARE(exec({QStringLiteral("stat"), QStringLiteral("-c"), QStringLiteral("%a"),
                   directory + QStringLiteral("/run.sh")})
                 .output.trimmed(),
             QStringLiteral("751"));

    // A missing file is a not-found error, and nothing is left locally.
    QVERIFY(JobWaiter::wait(
        manager.pull(directory + QStringLiteral("/missing"), local.filePath(QStringLiteral("m"))), &error));
    QVERIFY(error.isNotFound());
    QVERIFY(!QFileInfo::exists(local.filePath(QStringLiteral("m"))));
    QVERIFY(temporaryLeftovers(local.path()).isEmpty());
}

void TestFiles::pushReplacesExistingFileAndLink()
{
    QFETCH(QString, transport);
    const FileManager manager = files(transport);
    const QString directory = QStringLiteral("/root/replace-%1").arg(transport);
    QVERIFY(exec({QStringLiteral("sh"), QStringLiteral("-c"),
                  QStringLiteral("mkdir -p \"$1\" && cd \"$1\" && echo old > old.txt && chmod 600 old.txt && "
                                 "echo precious > target.txt && ln -s target.txt link"),
                  QStringLiteral("sh"), directory})
                .ok());

    QTemporaryDir local;
    QVERIFY(local.isValid());
    const QString newFile = local.filePath(QStringLiteral("new.txt"));
    QVERIFY(writeFile(newFile, QByteArrayLiteral("new contents\n"), 0755));
    Error error;
    // LXD itself would keep the old mode 600 here.
    QVERIFY(JobWaiter::wait(manager.push(newFile, directory + QStringLiteral("/old.txt")), &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(exec({QStringLiteral("stat"), QStringLiteral("-c"), QStringLiteral("%a %s"),
                   directory + QStringLiteral("/old.txt")})
                 .output.trimmed(),
             QStringLiteral("755 13"));

    // LXD itself would write through the link into target.txt.
    QVERIFY(JobWaiter::wait(manager.push(newFile, directory + QStringLiteral("/link")), &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(exec({QStringLiteral("cat"), directory + QStringLiteral("/target.txt")}).output,
             QStringLiteral("precious\n"));
    QVERIFY(!exec({QStringLiteral("test"), QStringLiteral("-L"), directory + QStringLiteral("/link")}).ok());
    QCOMPARE(exec({QStringLiteral("cat"), directory + QStringLiteral("/link")}).output,
             QStringLiteral("new contents\n"));

    // A folder is never replaced by a file.
    QVERIFY(JobWaiter::wait(manager.push(newFile, directory), &error));
    QVERIFY(error);
    QCOMPARE(exec({QStringLiteral("stat"), QStringLiteral("-c"), QStringLiteral("%F"), directory})
                 .output.trimmed(),
             QStringLiteral("directory"));
}

void TestFiles::statWithHeadAndWithGet()
{
    QVERIFY(
        exec({QStringLiteral("sh"), QStringLiteral("-c"),
              QStringLiteral("mkdir -p /root/stat && cd /root/stat && printf 12345 > five && : > empty && "
                             "chmod 604 five && chown 7:8 five && ln -s five link && mkdir -m 711 dir")})
            .ok());

    // The unix client has `instance_file_head`; a second one is told the server lacks it.
    const FileManager withHead = files(QStringLiteral("unix"));
    QVERIFY(withHead.canHead());
    const Lxd::Client plain = Lxd::Client::overUnixSocket(Testbed::socketPath());
    plain.connection()->setServer(QJsonObject {{QStringLiteral("api_extensions"), QJsonArray()}});
    const FileManager withoutHead(plain, m_instance);
    QVERIFY(!withoutHead.canHead());

    for (const FileManager &manager : {withHead, withoutHead}) {
        const auto stat = [&](const QString &path, FileEntry *entry, Error *error) {
            bool usedHead = !manager.canHead();
            const bool done = waitAndRead(manager.stat(path), [&](Lxd::FileStatJob *job) {
                *error = job->error();
                *entry = job->entry();
                usedHead = job->usedHead();
            });
            return done && usedHead == manager.canHead();
        };
        FileEntry entry;
        Error error;
        QVERIFY(stat(QStringLiteral("/root/stat/five"), &entry, &error));
        QVERIFY2(!error, qPrintable(error.userMessage()));
        QVERIFY(entry.isFile());
        QCOMPARE(entry.name, QStringLiteral("five"));
        QCOMPARE(entry.size, qint64(5));
        QCOMPARE(entry.mode, 0604);
        QCOMPARE(entry.uid, qint64(7));
        QCOMPARE(entry.gid, qint64(8));
        QVERIFY(entry.modified.isValid());

        QVERIFY(stat(QStringLiteral("/root/stat/empty"), &entry, &error));
        QVERIFY2(!error, qPrintable(error.userMessage()));
        QVERIFY(entry.isFile());
        QCOMPARE(entry.size, qint64(0));

        QVERIFY(stat(QStringLiteral("/root/stat/link"), &entry, &error));
        QVERIFY2(!error, qPrintable(error.userMessage()));
        QVERIFY(entry.isSymlink());
        // LXD 5.0 joins a relative target with the link's folder.
        QVERIFY2(entry.symlinkTarget.endsWith(QLatin1String("five")), qPrintable(entry.symlinkTarget));

        QVERIFY(stat(QStringLiteral("/root/stat/dir"), &entry, &error));
        QVERIFY2(!error, qPrintable(error.userMessage()));
        QVERIFY(entry.isDirectory());
        QCOMPARE(entry.mode, 0711);

        QVERIFY(stat(QStringLiteral("/root/stat/none"), &entry, &error));
        QVERIFY(error.isNotFound());
    }
}

void TestFiles::listGivesMetadataOfEveryEntry()
{
    QFETCH(QString, transport);
    const FileManager manager = files(transport);
    const QString directory = QStringLiteral("/root/list-%1").arg(transport);
    QVERIFY(
        exec({QStringLiteral("sh"), QStringLiteral("-c"),
              QStringLiteral(
                  "mkdir -p \"$1/sub\" && cd \"$1\" && for i in $(seq 1 30); do printf %${i}s > f$i; done && "
                  "chmod 700 f3 && ln -s f1 link && printf x > 'a name é'"),
              QStringLiteral("sh"), directory})
            .ok());

    QList<FileEntry> entries;
    FileEntry self;
    Lxd::FileListJob *list = manager.list(directory);
    list->setMaxParallel(3);
    QVERIFY(waitAndRead(list, [&](Lxd::FileListJob *job) {
        QVERIFY2(job->succeeded(), qPrintable(job->error().userMessage()));
        entries = job->entries();
        self = job->directoryEntry();
        QVERIFY(job->refusedNames().isEmpty());
    }));
    QVERIFY(self.isDirectory());
    QCOMPARE(entries.size(), 33);
    QHash<QString, FileEntry> byName;
    for (const FileEntry &entry : std::as_const(entries))
        byName.insert(entry.name, entry);
    for (int i = 1; i <= 30; ++i) {
        const FileEntry entry = byName.value(QStringLiteral("f%1").arg(i));
        QVERIFY(entry.isFile());
        QCOMPARE(entry.size, qint64(i));
        QCOMPARE(entry.path, directory + QStringLiteral("/f%1").arg(i));
        QCOMPARE(entry.mode, i == 3 ? 0700 : 0644);
    }
    QVERIFY(byName.value(QStringLiteral("sub")).isDirectory());
    QVERIFY(byName.value(QStringLiteral("link")).isSymlink());
    QVERIFY(byName.value(QStringLiteral("link")).symlinkTarget.endsWith(QLatin1String("f1")));
    QCOMPARE(byName.value(QStringLiteral("a name é")).size, qint64(1));
    for (qsizetype i = 1; i < entries.size(); ++i)
        QVERIFY(entries.at(i - 1).name < entries.at(i).name);

    // Listing a file is an error, and its contents are not fetched.
    Error error;
    QVERIFY(JobWaiter::wait(manager.list(directory + QStringLiteral("/f1")), &error));
    QCOMPARE(error.kind(), Error::Kind::Io);
}

void TestFiles::directoriesLinksAndDelete()
{
    QFETCH(QString, transport);
    const FileManager manager = files(transport);
    const QString directory = QStringLiteral("/root/mk-%1 é").arg(transport);
    FileWriteOptions options;
    options.mode = 0750;
    options.uid = 12;
    options.gid = 34;
    Error error;
    QVERIFY(JobWaiter::wait(manager.makeDirectory(directory, options), &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(exec({QStringLiteral("stat"), QStringLiteral("-c"), QStringLiteral("%F %a %u %g"), directory})
                 .output.trimmed(),
             QStringLiteral("directory 750 12 34"));
    // A folder that exists already is fine.
    QVERIFY(JobWaiter::wait(manager.makeDirectory(directory), &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));

    const QString link = directory + QStringLiteral("/to etc");
    QVERIFY(JobWaiter::wait(manager.makeSymlink(link, QStringLiteral("../../etc/hostname")), &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(exec({QStringLiteral("readlink"), link}).output.trimmed(), QStringLiteral("../../etc/hostname"));

    // Deleting a folder with something in it fails; emptied, it goes.
    QVERIFY(JobWaiter::wait(manager.deleteFile(directory), &error));
    QVERIFY(error);
    QVERIFY(JobWaiter::wait(manager.deleteFile(link), &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QVERIFY(!remoteExists(link));
    QVERIFY(exec({QStringLiteral("test"), QStringLiteral("-f"), QStringLiteral("/etc/hostname")}).ok());
    QVERIFY(JobWaiter::wait(manager.deleteFile(directory), &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QVERIFY(!remoteExists(directory));
    QVERIFY(JobWaiter::wait(manager.deleteFile(directory), &error));
    QVERIFY(error.isNotFound());
}

void TestFiles::pullingAFolderAsAFileIsAnError()
{
    const FileManager manager = files(QStringLiteral("unix"));
    QTemporaryDir local;
    QVERIFY(local.isValid());
    Error error;
    QVERIFY(
        JobWaiter::wait(manager.pull(QStringLiteral("/etc"), local.filePath(QStringLiteral("etc"))), &error));
    QVERIFY(error);
    QVERIFY(QDir(local.path()).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden));
}

// The instrument of the next test: it must see 96 MiB held briefly.
void TestFiles::memoryWatchSeesAnAllocation()
{
    MemoryWatch memory;
    {
        QByteArray held(96 * MiB, 'x');
        QVERIFY(held.at(50 * MiB) == 'x');
    }
    QVERIFY2(memory.growthMiB() >= 90, qPrintable(QString::number(memory.growthMiB())));
}

void TestFiles::bigFileStreamsWithBoundedMemory()
{
    QFETCH(QString, transport);
    const FileManager manager = files(transport);
    QTemporaryDir local;
    QVERIFY(local.isValid());
    const qint64 size = 256 * MiB;
    const QString source = local.filePath(QStringLiteral("big.bin"));
    const QByteArray expected = writeBigFile(source, size, 256);
    QVERIFY(!expected.isEmpty());
    const QString remote = QStringLiteral("/root/big-%1.bin").arg(transport);

    {
        MemoryWatch memory;
        qint64 lastProgress = 0;
        Lxd::FilePushJob *push = manager.push(source, remote);
        QObject::connect(push, &Lxd::Job::progress, push, [&](qint64 done, qint64) { lastProgress = done; });
        Error error;
        QVERIFY(JobWaiter::wait(push, &error, 120000));
        QVERIFY2(!error, qPrintable(error.userMessage()));
        QCOMPARE(lastProgress, size);
        const qint64 growth = memory.growthMiB();
        qInfo("push over %s: resident memory grew by %lld MiB", qPrintable(transport), growth);
        QVERIFY2(growth < 64, qPrintable(QStringLiteral("memory grew by %1 MiB").arg(growth)));
    }
    QCOMPARE(remoteSha256(remote), QString::fromLatin1(expected));

    const QString pulled = local.filePath(QStringLiteral("pulled.bin"));
    {
        MemoryWatch memory;
        Error error;
        QVERIFY(JobWaiter::wait(manager.pull(remote, pulled), &error, 120000));
        QVERIFY2(!error, qPrintable(error.userMessage()));
        const qint64 growth = memory.growthMiB();
        qInfo("pull over %s: resident memory grew by %lld MiB", qPrintable(transport), growth);
        QVERIFY2(growth < 64, qPrintable(QStringLiteral("memory grew by %1 MiB").arg(growth)));
    }
    QCOMPARE(QFileInfo(pulled).size(), size);
    QCOMPARE(sha256OfFile(pulled), expected);
    exec({QStringLiteral("rm"), QStringLiteral("-f"), remote});
}

void TestFiles::treePushAndPullAreIdentical()
{
    QFETCH(QString, transport);
    const FileManager manager = files(transport);
    QTemporaryDir local;
    QVERIFY(local.isValid());
    const QString tree = local.filePath(QStringLiteral("tree"));
    QDir().mkpath(tree + QStringLiteral("/a/b/c"));
    QDir().mkpath(tree + QStringLiteral("/dossier été ü/sous dossier"));
    QDir().mkpath(tree + QStringLiteral("/readonly"));
    QVERIFY(writeFile(tree + QStringLiteral("/top.txt"), QByteArrayLiteral("top\n"), 0644));
    QVERIFY(writeFile(tree + QStringLiteral("/run.sh"), QByteArrayLiteral("#!/bin/sh\n"), 0755));
    QVERIFY(writeFile(tree + QStringLiteral("/secret"), randomBytes(5000, 1), 0600));
    QVERIFY(writeFile(tree + QStringLiteral("/empty"), QByteArray(), 0644));
    QVERIFY(writeFile(tree + QStringLiteral("/dossier été ü/fichier ñ 日本 with spaces.txt"),
                      QByteArrayLiteral("non-ASCII\n"), 0640));
    QVERIFY(writeFile(tree + QStringLiteral("/a/b/c/deep.bin"), randomBytes(70000, 2), 0644));
    QVERIFY(writeFile(tree + QStringLiteral("/readonly/ro.txt"), QByteArrayLiteral("ro\n"), 0444));
    for (int folder = 0; folder < 10; ++folder) {
        const QString many = tree + QStringLiteral("/many/d%1").arg(folder);
        QDir().mkpath(many);
        for (int file = 0; file < 20; ++file)
            QVERIFY(writeFile(many + QStringLiteral("/f%1").arg(file),
                              randomBytes(QRandomGenerator::global()->bounded(4096), folder * 100 + file),
                              file % 3 == 0 ? 0600 : 0644));
    }
    QVERIFY(QFile::link(QStringLiteral("top.txt"), tree + QStringLiteral("/link to top")));
    QVERIFY(QFile::link(QStringLiteral("../../top.txt"), tree + QStringLiteral("/a/b/up")));
    QVERIFY(QFile::link(QStringLiteral("/etc/hostname"), tree + QStringLiteral("/absolute")));
    QVERIFY(::chmod(QFile::encodeName(tree + QStringLiteral("/a/b")).constData(), 0750) == 0);
    QVERIFY(::chmod(QFile::encodeName(tree + QStringLiteral("/readonly")).constData(), 0555) == 0);
    const QMap<QString, QString> original = describeLocalTree(tree);
    QCOMPARE(original.size(),
             200 + 10 + 1 + 7 + 3 + 6); // many files, their folders, many/, files, links, folders

    // Push.
    const QString remote = QStringLiteral("/root/tree-%1").arg(transport);
    Lxd::FileTreePushJob *push = manager.pushTree(tree, remote);
    push->setMaxParallel(4);
    int inFlight = 0;
    int maxInFlight = 0;
    QObject::connect(push, &Lxd::FileTreePushJob::fileStarted, push,
                     [&] { maxInFlight = qMax(maxInFlight, ++inFlight); });
    QObject::connect(push, &Lxd::FileTreePushJob::fileFinished, push, [&] { --inFlight; });
    QSignalSpy pushScanned(push, &Lxd::FileTreePushJob::scanFinished);
    QSignalSpy pushFiles(push, &Lxd::FileTreePushJob::filesProgress);
    QSignalSpy pushBytes(push, &Lxd::Job::progress);
    int filesTotal = 0;
    qint64 bytesTotal = 0;
    QVERIFY(waitAndRead(push, [&](Lxd::FileTreePushJob *job) {
        QVERIFY2(job->succeeded(), qPrintable(job->error().userMessage()));
        QVERIFY2(job->issues().isEmpty(), qPrintable(job->issues().value(0).error.detail()));
        filesTotal = job->filesTotal();
        bytesTotal = job->bytesTotal();
        QCOMPARE(job->filesDone(), filesTotal);
        QCOMPARE(job->bytesDone(), bytesTotal);
    }));
    QCOMPARE(filesTotal, 200 + 7 + 3);
    QCOMPARE(pushScanned.size(), 1);
    QCOMPARE(pushScanned.first().at(0).toInt(), filesTotal);
    QCOMPARE(pushFiles.constLast().at(0).toInt(), filesTotal);
    QCOMPARE(pushBytes.constLast().at(0).toLongLong(), bytesTotal);
    QCOMPARE(maxInFlight, 4);

    const QMap<QString, QString> remoteTree = describeRemoteTree(remote);
    QCOMPARE(remoteTree.size(), original.size());
    for (auto it = original.cbegin(); it != original.cend(); ++it)
        QCOMPARE(remoteTree.value(it.key()), it.value());

    // Pull back into a new folder.
    const QString pulled = local.filePath(QStringLiteral("pulled"));
    Lxd::FileTreePullJob *pull = manager.pullTree(remote, pulled);
    QSignalSpy pullFiles(pull, &Lxd::FileTreePullJob::filesProgress);
    QSignalSpy pullBytes(pull, &Lxd::Job::progress);
    QVERIFY(waitAndRead(pull, [&](Lxd::FileTreePullJob *job) {
        QVERIFY2(job->succeeded(), qPrintable(job->error().userMessage()));
        QVERIFY2(job->issues().isEmpty(), qPrintable(job->issues().value(0).error.detail()));
        QCOMPARE(job->filesTotal(), filesTotal);
        QCOMPARE(job->bytesTotal(), bytesTotal);
    }));
    QCOMPARE(pullFiles.constLast().at(0).toInt(), filesTotal);
    QCOMPARE(pullBytes.constLast().at(0).toLongLong(), bytesTotal);
    QCOMPARE(describeLocalTree(pulled), original);

    exec({QStringLiteral("rm"), QStringLiteral("-rf"), remote});
}

void TestFiles::treePushReportsUnreadableEntriesAndGoesOn()
{
    const FileManager manager = files(QStringLiteral("unix"));
    QTemporaryDir local;
    QVERIFY(local.isValid());
    const QString tree = local.filePath(QStringLiteral("tree"));
    QDir().mkpath(tree);
    for (int i = 0; i < 5; ++i)
        QVERIFY(writeFile(tree + QStringLiteral("/f%1").arg(i), QByteArray::number(i), 0644));
    QCOMPARE(::mkfifo(QFile::encodeName(tree + QStringLiteral("/fifo")).constData(), 0644), 0);

    const QString remote = QStringLiteral("/root/unreadable");
    Lxd::FileTreePushJob *push = manager.pushTree(tree, remote);
    // Between the scan and the upload the file becomes unreadable (gone): root reads any mode.
    QObject::connect(push, &Lxd::FileTreePushJob::scanFinished, push,
                     [&] { QVERIFY(QFile::remove(tree + QStringLiteral("/f2"))); });
    QSignalSpy failed(push, &Lxd::FileTreePushJob::entryFailed);
    QList<Lxd::FileTransferIssue> issues;
    QVERIFY(waitAndRead(push, [&](Lxd::FileTreePushJob *job) {
        QVERIFY2(job->succeeded(), qPrintable(job->error().userMessage()));
        issues = job->issues();
    }));
    QCOMPARE(issues.size(), 2);
    QCOMPARE(failed.size(), 2);
    QStringList paths;
    for (const Lxd::FileTransferIssue &issue : std::as_const(issues)) {
        QCOMPARE(issue.kind, Lxd::FileTransferIssue::Kind::Failed);
        QCOMPARE(issue.error.kind(), Error::Kind::Io);
        paths.append(issue.path);
    }
    paths.sort();
    QCOMPARE(paths, (QStringList {tree + QStringLiteral("/f2"), tree + QStringLiteral("/fifo")}));
    const LxcResult listed = exec({QStringLiteral("ls"), remote});
    QCOMPARE(listed.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
             (QStringList {QStringLiteral("f0"), QStringLiteral("f1"), QStringLiteral("f3"),
                           QStringLiteral("f4")}));
    exec({QStringLiteral("rm"), QStringLiteral("-rf"), remote});
}

void TestFiles::cancelledPushLeavesNoRemoteFile()
{
    QFETCH(QString, transport);
    const FileManager manager = files(transport);
    QTemporaryDir local;
    QVERIFY(local.isValid());
    const qint64 size = 64 * MiB;
    const QString source = local.filePath(QStringLiteral("cancel.bin"));
    QVERIFY(!writeBigFile(source, size, 64).isEmpty());
    const QString remote = QStringLiteral("/root/cancel-%1.bin").arg(transport);

    Lxd::FilePushJob *push = manager.push(source, remote);
    qint64 cancelledAt = -1;
    QObject::connect(push, &Lxd::Job::progress, push, [&](qint64 done, qint64 total) {
        if (cancelledAt < 0 && done >= total / 4 && done < total) {
            cancelledAt = done;
            push->cancel();
        }
    });
    Error error;
    QVERIFY(JobWaiter::wait(push, &error, 120000));
    QVERIFY2(cancelledAt > 0, "the upload was cancelled halfway");
    QVERIFY(error.isCancelled());
    // The partial file is removed in the background.
    QTRY_VERIFY_WITH_TIMEOUT(!remoteExists(remote), 20000);
}

void TestFiles::cancelledPullLeavesNoLocalFile()
{
    QFETCH(QString, transport);
    const FileManager manager = files(transport);
    const QString remote = QStringLiteral("/root/to-pull-%1.bin").arg(transport);
    QVERIFY(exec({QStringLiteral("dd"), QStringLiteral("if=/dev/urandom"), QStringLiteral("of=") + remote,
                  QStringLiteral("bs=1M"), QStringLiteral("count=64")})
                .ok());

    QTemporaryDir local;
    QVERIFY(local.isValid());
    Lxd::FilePullJob *pull = manager.pull(remote, local.filePath(QStringLiteral("pulled.bin")));
    qint64 cancelledAt = -1;
    QObject::connect(pull, &Lxd::Job::progress, pull, [&](qint64 done, qint64 total) {
        if (cancelledAt < 0 && done >= total / 4 && done < total) {
            cancelledAt = done;
            pull->cancel();
        }
    });
    Error error;
    QVERIFY(JobWaiter::wait(pull, &error, 120000));
    QVERIFY2(cancelledAt > 0, "the download was cancelled halfway");
    QVERIFY(error.isCancelled());
    QCOMPARE(QDir(local.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
    exec({QStringLiteral("rm"), QStringLiteral("-f"), remote});
}

void TestFiles::cancelledTreeTransfersLeaveNoPartialFile()
{
    const FileManager manager = files(QStringLiteral("unix"));
    QTemporaryDir local;
    QVERIFY(local.isValid());
    const qint64 fileSize = 16 * MiB;
    const QString tree = local.filePath(QStringLiteral("tree"));
    QDir().mkpath(tree + QStringLiteral("/sub"));
    for (int i = 0; i < 6; ++i)
        QVERIFY(!writeBigFile(tree + (i % 2 ? QStringLiteral("/sub/f%1") : QStringLiteral("/f%1")).arg(i),
                              fileSize, i)
                     .isEmpty());

    // Push, cancelled at 40%: what remains in the instance is whole files only.
    const QString remote = QStringLiteral("/root/cancel-tree");
    Lxd::FileTreePushJob *push = manager.pushTree(tree, remote);
    push->setMaxParallel(2);
    bool cancelled = false;
    QObject::connect(push, &Lxd::Job::progress, push, [&](qint64 done, qint64 total) {
        if (!cancelled && total > 0 && done * 10 >= total * 4) {
            cancelled = true;
            push->cancel();
        }
    });
    Error error;
    QVERIFY(JobWaiter::wait(push, &error, 120000));
    QVERIFY(cancelled);
    QVERIFY(error.isCancelled());
    const auto remoteSizes = [&] {
        const LxcResult result = exec({QStringLiteral("sh"), QStringLiteral("-c"),
                                       QStringLiteral("find \"$1\" -type f -exec stat -c %s {} +"),
                                       QStringLiteral("sh"), remote});
        return result.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    };
    const auto allWhole = [&] {
        const QStringList sizes = remoteSizes();
        return sizes.size() < 6 && std::all_of(sizes.cbegin(), sizes.cend(), [&](const QString &s) {
                   return s.toLongLong() == fileSize;
               });
    };
    QTRY_VERIFY_WITH_TIMEOUT(allWhole(), 20000);

    // Pull of a full tree, cancelled at 40%: no temporary file, every file present is whole.
    exec({QStringLiteral("rm"), QStringLiteral("-rf"), remote});
    QVERIFY(JobWaiter::wait(manager.pushTree(tree, remote), &error, 120000));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    const QString pulled = local.filePath(QStringLiteral("pulled"));
    Lxd::FileTreePullJob *pull = manager.pullTree(remote, pulled);
    pull->setMaxParallel(2);
    cancelled = false;
    QObject::connect(pull, &Lxd::Job::progress, pull, [&](qint64 done, qint64 total) {
        if (!cancelled && total > 0 && done * 10 >= total * 4) {
            cancelled = true;
            pull->cancel();
        }
    });
    QVERIFY(JobWaiter::wait(pull, &error, 120000));
    QVERIFY(cancelled);
    QVERIFY(error.isCancelled());
    QCOMPARE(temporaryLeftovers(pulled), QStringList());
    int whole = 0;
    QDirIterator it(pulled, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        QCOMPARE(it.fileInfo().size(), fileSize);
        ++whole;
    }
    QVERIFY(whole < 6);
    exec({QStringLiteral("rm"), QStringLiteral("-rf"), remote});
}

QTEST_GUILESS_MAIN(TestFiles)
#include "tst_files.moc"
