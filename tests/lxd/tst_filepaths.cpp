#include "JobWaiter.h"
#include "lxd/Client.h"
#include "lxd/FileEntry.h"
#include "lxd/FileListJob.h"
#include "lxd/FileManager.h"
#include "lxd/FileTreePullJob.h"
#include "lxd/HttpReply.h"
#include "lxd/LocalPathGuard.h"
#include "lxd/Transport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <sys/stat.h>
#include <unistd.h>

using Lxd::FileEntry;
using Lxd::LocalPathGuard;

namespace {

// What the fake daemon answers for one path.
struct FakeAnswer
{
    int status = 200;
    QList<Lxd::HttpRequest::Header> headers;
    QByteArray body;

    static FakeAnswer directory(const QStringList &names)
    {
        FakeAnswer answer;
        answer.headers
            = {{"X-LXD-type", "directory"}, {"X-LXD-mode", "0755"}, {"X-LXD-uid", "0"}, {"X-LXD-gid", "0"}};
        const QJsonObject envelope {{QStringLiteral("type"), QStringLiteral("sync")},
                                    {QStringLiteral("status"), QStringLiteral("Success")},
                                    {QStringLiteral("status_code"), 200},
                                    {QStringLiteral("metadata"), QJsonArray::fromStringList(names)}};
        answer.body = QJsonDocument(envelope).toJson(QJsonDocument::Compact);
        return answer;
    }
    static FakeAnswer file(const QByteArray &contents)
    {
        FakeAnswer answer;
        answer.headers = {{"X-LXD-type", "file"},
                          {"X-LXD-mode", "0644"},
                          {"X-LXD-uid", "0"},
                          {"X-LXD-gid", "0"},
                          {"Content-Length", QByteArray::number(contents.size())}};
        answer.body = contents;
        return answer;
    }
    static FakeAnswer notFound()
    {
        FakeAnswer answer;
        answer.status = 404;
        answer.body = QByteArrayLiteral(
            R"({"type":"error","status":"","status_code":0,"error_code":404,"error":"Not Found","metadata":null})");
        return answer;
    }
};

// A reply of the fake daemon, delivered from the event loop: head, then body (into the sink for 2xx).
class FakeFileReply final : public Lxd::HttpReply
{
    Q_OBJECT

public:
    FakeFileReply(const FakeAnswer &answer, QIODevice *sink, bool head)
        : m_answer(answer)
        , m_sink(sink)
        , m_head(head)
    { }

    void deliver()
    {
        if (isFinished())
            return;
        QPointer<FakeFileReply> guard(this);
        setStatus(m_answer.status, QByteArrayLiteral("Fake"));
        setHeaders(m_answer.headers);
        Q_EMIT headersReceived();
        if (!guard || isFinished())
            return;
        if (!m_head) {
            const bool success = m_answer.status >= 200 && m_answer.status < 300;
            if (m_sink && success) {
                if (m_sink->write(m_answer.body) != m_answer.body.size()) {
                    finish(Lxd::Error(Lxd::Error::Kind::Io, m_sink->errorString()));
                    return;
                }
            } else {
                setBody(m_answer.body);
            }
            Q_EMIT downloadProgress(m_answer.body.size(), m_answer.body.size());
            if (!guard || isFinished())
                return;
        }
        finish();
    }

    void abort() override
    {
        if (!isFinished())
            finish(Lxd::Error::cancelled());
    }

private:
    FakeAnswer m_answer;
    QPointer<QIODevice> m_sink;
    bool m_head;
};

// A daemon that lies: it serves a fixed tree, answers any other path with a file (so that a client
// that trusted a hostile name would write it), ignores Range like a careless server, and counts the
// requests in flight.
class FakeFileTransport final : public Lxd::Transport
{
    Q_OBJECT

public:
    QHash<QString, FakeAnswer> answers;
    QStringList requestedPaths;
    int inFlight = 0;
    int maxInFlight = 0;

    Lxd::HttpReply *send(const Lxd::HttpRequest &request) override
    {
        const QUrl url = QUrl::fromEncoded(QByteArrayLiteral("http://fake") + request.target);
        const QString path = QUrlQuery(url).queryItemValue(QStringLiteral("path"), QUrl::FullyDecoded);
        requestedPaths.append(path);
        FakeAnswer answer = answers.value(path, FakeAnswer::file(QByteArrayLiteral("hostile contents\n")));
        if (!answers.contains(path) && path.contains(QLatin1String("/etc/")))
            answer = FakeAnswer::notFound(); // never hand out anything that looks like a system file
        auto *reply = new FakeFileReply(answer, request.responseSink, request.method == "HEAD");
        maxInFlight = qMax(maxInFlight, ++inFlight);
        connect(reply, &Lxd::HttpReply::finished, this, [this] { --inFlight; });
        QMetaObject::invokeMethod(reply, &FakeFileReply::deliver, Qt::QueuedConnection);
        return reply;
    }
    Lxd::WebSocketChannel *openWebSocket(const QByteArray &) override { return nullptr; }
    QString endpoint() const override { return QStringLiteral("fake:"); }
};

} // namespace

// What may become a local path: the checks every name from a server goes through, the guard that
// writes only below one folder, and the parsing of LXD's file headers. No daemon needed.
class TestFilePaths : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nameRefusal_data();
    void nameRefusal();
    void relativePathRefusal_data();
    void relativePathRefusal();

    void writesInsideTheFolder();
    void refusesToWriteThroughALink_data();
    void refusesToWriteThroughALink();
    void commitReplacesALinkInsteadOfFollowingIt();
    void folderInTheWayIsRefused();
    void removedTemporaryLeavesNothing();
    void symlinkIsStoredAsGiven();
    void directoryAttributes();
    void missingRootIsAnError();

    void parseMode_data();
    void parseMode();
    void parseModified_data();
    void parseModified();
    void entryFromHeaders();
    void localLinkTarget_data();
    void localLinkTarget();

    void hostileListingWritesOnlyInsideTheTarget();
    void listingCapsTheRequestsInFlight_data();
    void listingCapsTheRequestsInFlight();

private:
    static QStringList entriesOf(const QString &path);
};

QStringList TestFilePaths::entriesOf(const QString &path)
{
    return QDir(path).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                                QDir::Name);
}

void TestFilePaths::nameRefusal_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("refused");

    QTest::newRow("empty") << QString() << true;
    QTest::newRow("dot") << QStringLiteral(".") << true;
    QTest::newRow("dot dot") << QStringLiteral("..") << true;
    QTest::newRow("absolute") << QStringLiteral("/etc/passwd") << true;
    QTest::newRow("root") << QStringLiteral("/") << true;
    QTest::newRow("climbing path") << QStringLiteral("a/../../x") << true;
    QTest::newRow("trailing slash") << QStringLiteral("a/") << true;
    QTest::newRow("nested") << QStringLiteral("a/b") << true;
    QTest::newRow("nul") << QStringLiteral("ok") + QChar(0) + QStringLiteral("x") << true;
    QTest::newRow("256 bytes") << QString(256, QLatin1Char('a')) << true;
    QTest::newRow("256 bytes in UTF-8") << QString(128, QChar(0x00e9)) << true;

    QTest::newRow("plain") << QStringLiteral("ok.txt") << false;
    QTest::newRow("255 bytes") << QString(255, QLatin1Char('a')) << false;
    QTest::newRow("hidden") << QStringLiteral(".bashrc") << false;
    QTest::newRow("starts with two dots") << QStringLiteral("..hidden") << false;
    QTest::newRow("three dots") << QStringLiteral("...") << false;
    QTest::newRow("spaces") << QStringLiteral(" name with spaces ") << false;
    QTest::newRow("non-ASCII") << QStringLiteral("été à l'ouest – 日本") << false;
    QTest::newRow("backslash") << QStringLiteral("a\\..\\b") << false;
    QTest::newRow("newline") << QStringLiteral("line\nbreak") << false;
}

void TestFilePaths::nameRefusal()
{
    QFETCH(QString, name);
    QFETCH(bool, refused);
    const QString why = LocalPathGuard::nameRefusal(name);
    QCOMPARE(!why.isEmpty(), refused);
}

void TestFilePaths::relativePathRefusal_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("refused");

    QTest::newRow("empty") << QString() << true;
    QTest::newRow("absolute") << QStringLiteral("/etc/passwd") << true;
    QTest::newRow("parent") << QStringLiteral("..") << true;
    QTest::newRow("climbing") << QStringLiteral("a/../../x") << true;
    QTest::newRow("dot inside") << QStringLiteral("a/./b") << true;
    QTest::newRow("double slash") << QStringLiteral("a//b") << true;
    QTest::newRow("trailing slash") << QStringLiteral("a/b/") << true;
    QTest::newRow("nul") << QStringLiteral("a/b") + QChar(0) << true;

    QTest::newRow("one name") << QStringLiteral("ok.txt") << false;
    QTest::newRow("nested") << QStringLiteral("a/b/c.txt") << false;
    QTest::newRow("non-ASCII nested") << QStringLiteral("dossier é/fichier ü.txt") << false;
}

void TestFilePaths::relativePathRefusal()
{
    QFETCH(QString, path);
    QFETCH(bool, refused);
    QCOMPARE(!LocalPathGuard::relativePathRefusal(path).isEmpty(), refused);
}

void TestFilePaths::writesInsideTheFolder()
{
    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    const QString root = temporary.filePath(QStringLiteral("root"));
    QVERIFY(QDir().mkdir(root));
    LocalPathGuard guard(root);
    QVERIFY(guard.isValid());

    QVERIFY(!guard.makeDirectory(QStringLiteral("a/b"), 0755));
    QFile file;
    QString temporaryName;
    QVERIFY(!guard.createTemporary(QStringLiteral("a/b/f.txt"), &file, &temporaryName));
    QVERIFY(temporaryName.startsWith(LocalPathGuard::temporaryPrefix()));
    QCOMPARE(file.write("hello"), qint64(5));
    file.close();
    // Not under its final name until committed.
    QVERIFY(!QFileInfo::exists(root + QStringLiteral("/a/b/f.txt")));
    QVERIFY(!guard.commitTemporary(QStringLiteral("a/b/f.txt"), temporaryName));

    QFile written(root + QStringLiteral("/a/b/f.txt"));
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), QByteArrayLiteral("hello"));
    QCOMPARE(entriesOf(root + QStringLiteral("/a/b")), QStringList {QStringLiteral("f.txt")});
    QCOMPARE(entriesOf(temporary.path()), QStringList {QStringLiteral("root")});

    // Refused paths never reach the disk.
    QFile refused;
    QVERIFY(guard.createTemporary(QStringLiteral("../escape.txt"), &refused, &temporaryName));
    QVERIFY(guard.createTemporary(QStringLiteral("/tmp/escape.txt"), &refused, &temporaryName));
    QVERIFY(guard.makeDirectory(QStringLiteral("a/../../escape")));
    QCOMPARE(entriesOf(temporary.path()), QStringList {QStringLiteral("root")});
}

void TestFilePaths::refusesToWriteThroughALink_data()
{
    QTest::addColumn<QString>("relativePath");
    QTest::newRow("link as a folder") << QStringLiteral("evil/f.txt");
    QTest::newRow("link deeper") << QStringLiteral("sub/evil/f.txt");
    QTest::newRow("link to a folder inside") << QStringLiteral("inner/f.txt");
}

void TestFilePaths::refusesToWriteThroughALink()
{
    QFETCH(QString, relativePath);
    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    const QString root = temporary.filePath(QStringLiteral("root"));
    const QString outside = temporary.filePath(QStringLiteral("outside"));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/sub")));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/real")));
    QVERIFY(QDir().mkdir(outside));
    QVERIFY(QFile::link(outside, root + QStringLiteral("/evil")));
    QVERIFY(QFile::link(outside, root + QStringLiteral("/sub/evil")));
    QVERIFY(QFile::link(QStringLiteral("real"), root + QStringLiteral("/inner")));

    LocalPathGuard guard(root);
    QFile file;
    QString temporaryName;
    const Lxd::Error error = guard.createTemporary(relativePath, &file, &temporaryName);
    QVERIFY(error);
    QVERIFY2(error.detail().contains(QLatin1String("symbolic link")), qPrintable(error.detail()));
    QVERIFY(!file.isOpen());
    QVERIFY(guard.makeDirectory(relativePath));
    QVERIFY(guard.makeSymlink(relativePath, QStringLiteral("/etc/passwd")));
    QVERIFY(guard.setDirectoryAttributes(QFileInfo(relativePath).path(), 0777, {}));
    QCOMPARE(entriesOf(outside), QStringList());
    QCOMPARE(entriesOf(root + QStringLiteral("/real")), QStringList());
    QCOMPARE(QFileInfo(outside).permissions(), QFileInfo(root).permissions());
}

void TestFilePaths::commitReplacesALinkInsteadOfFollowingIt()
{
    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    const QString root = temporary.filePath(QStringLiteral("root"));
    const QString victim = temporary.filePath(QStringLiteral("victim.txt"));
    QVERIFY(QDir().mkdir(root));
    QFile victimFile(victim);
    QVERIFY(victimFile.open(QIODevice::WriteOnly));
    victimFile.write("precious");
    victimFile.close();
    QVERIFY(QFile::link(victim, root + QStringLiteral("/f.txt")));

    LocalPathGuard guard(root);
    QFile file;
    QString temporaryName;
    QVERIFY(!guard.createTemporary(QStringLiteral("f.txt"), &file, &temporaryName));
    file.write("new");
    file.close();
    QVERIFY(!guard.commitTemporary(QStringLiteral("f.txt"), temporaryName));

    QVERIFY(!QFileInfo(root + QStringLiteral("/f.txt")).isSymLink());
    QVERIFY(victimFile.open(QIODevice::ReadOnly));
    QCOMPARE(victimFile.readAll(), QByteArrayLiteral("precious"));
}

void TestFilePaths::folderInTheWayIsRefused()
{
    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    QVERIFY(QDir().mkpath(temporary.filePath(QStringLiteral("d/x"))));
    LocalPathGuard guard(temporary.path());
    QFile file;
    QString temporaryName;
    QVERIFY(guard.createTemporary(QStringLiteral("d"), &file, &temporaryName));
    QVERIFY(guard.makeSymlink(QStringLiteral("d"), QStringLiteral("target")));
    QCOMPARE(entriesOf(temporary.path()), QStringList {QStringLiteral("d")});
    QCOMPARE(entriesOf(temporary.filePath(QStringLiteral("d"))), QStringList {QStringLiteral("x")});
}

void TestFilePaths::removedTemporaryLeavesNothing()
{
    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    LocalPathGuard guard(temporary.path());
    QFile file;
    QString temporaryName;
    QVERIFY(!guard.createTemporary(QStringLiteral("f.bin"), &file, &temporaryName));
    file.write(QByteArray(1000, 'x'));
    QCOMPARE(entriesOf(temporary.path()).size(), 1);
    file.close();
    guard.removeTemporary(QStringLiteral("f.bin"), temporaryName);
    QCOMPARE(entriesOf(temporary.path()), QStringList());
    // Only our own temporary names are ever removed.
    QFile other(temporary.filePath(QStringLiteral("keep")));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.close();
    guard.removeTemporary(QStringLiteral("f.bin"), QStringLiteral("keep"));
    QCOMPARE(entriesOf(temporary.path()), QStringList {QStringLiteral("keep")});
}

void TestFilePaths::symlinkIsStoredAsGiven()
{
    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    LocalPathGuard guard(temporary.path());
    QVERIFY(!guard.makeSymlink(QStringLiteral("link"), QStringLiteral("../some where/é")));
    QCOMPARE(QFile::symLinkTarget(temporary.filePath(QStringLiteral("link"))).isEmpty(), false);
    QByteArray target(256, '\0');
    const auto length = ::readlink(QFile::encodeName(temporary.filePath(QStringLiteral("link"))).constData(),
                                   target.data(), target.size());
    QVERIFY(length > 0);
    target.truncate(length);
    QCOMPARE(QString::fromUtf8(target), QStringLiteral("../some where/é"));
    // An existing link is replaced.
    QVERIFY(!guard.makeSymlink(QStringLiteral("link"), QStringLiteral("other")));
    QCOMPARE(QFileInfo(temporary.filePath(QStringLiteral("link"))).symLinkTarget(),
             temporary.filePath(QStringLiteral("other")));
    QVERIFY(guard.makeSymlink(QStringLiteral("empty"), QString()));
}

void TestFilePaths::directoryAttributes()
{
    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    LocalPathGuard guard(temporary.path());
    QVERIFY(!guard.makeDirectory(QStringLiteral("d"), 0700));
    const QDateTime when(QDate(2020, 2, 29), QTime(12, 34, 56), Qt::UTC);
    QVERIFY(!guard.setDirectoryAttributes(QStringLiteral("d"), 0750, when));
    struct stat info;
    QCOMPARE(::stat(QFile::encodeName(temporary.filePath(QStringLiteral("d"))).constData(), &info), 0);
    QCOMPARE(int(info.st_mode & 07777), 0750);
    QCOMPARE(QFileInfo(temporary.filePath(QStringLiteral("d"))).lastModified().toUTC(), when);
}

void TestFilePaths::missingRootIsAnError()
{
    LocalPathGuard guard(QStringLiteral("/nonexistent/berth/folder"));
    QVERIFY(!guard.isValid());
    QCOMPARE(guard.error().kind(), Lxd::Error::Kind::Io);
    QFile file;
    QString temporaryName;
    QVERIFY(guard.createTemporary(QStringLiteral("f"), &file, &temporaryName));
}

void TestFilePaths::parseMode_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("mode");
    QTest::newRow("0644") << QByteArrayLiteral("0644") << 0644;
    QTest::newRow("755") << QByteArrayLiteral("755") << 0755;
    QTest::newRow("setuid") << QByteArrayLiteral("4755") << 04755;
    QTest::newRow("empty") << QByteArray() << -1;
    QTest::newRow("not octal") << QByteArrayLiteral("0899") << -1;
    QTest::newRow("too large") << QByteArrayLiteral("177777") << -1;
    QTest::newRow("negative") << QByteArrayLiteral("-1") << -1;
}

void TestFilePaths::parseMode()
{
    QFETCH(QByteArray, text);
    QFETCH(int, mode);
    QCOMPARE(FileEntry::parseMode(text), mode);
    if (mode >= 0)
        QCOMPARE(FileEntry::parseMode(FileEntry::formatMode(mode)), mode);
}

void TestFilePaths::parseModified_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QDateTime>("expected");
    QTest::newRow("LXD 5.0") << QByteArrayLiteral("2026-11-22 06:41:47 +0000 UTC")
                             << QDateTime(QDate(2026, 11, 22), QTime(6, 41, 47), Qt::UTC);
    QTest::newRow("fraction and offset") << QByteArrayLiteral("2024-01-02 03:04:05.678901 +0130 X")
                                         << QDateTime(QDate(2024, 1, 2), QTime(1, 34, 5, 678), Qt::UTC);
    QTest::newRow("negative offset") << QByteArrayLiteral("2024-01-02 23:00:00 -0200 X")
                                     << QDateTime(QDate(2024, 1, 3), QTime(1, 0, 0), Qt::UTC);
    QTest::newRow("empty") << QByteArray() << QDateTime();
    QTest::newRow("garbage") << QByteArrayLiteral("yesterday") << QDateTime();
    QTest::newRow("invalid date") << QByteArrayLiteral("2024-13-45 00:00:00 +0000 UTC") << QDateTime();
}

void TestFilePaths::parseModified()
{
    QFETCH(QByteArray, text);
    QFETCH(QDateTime, expected);
    const QDateTime parsed = FileEntry::parseModified(text);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid())
        QCOMPARE(parsed, expected);
}

void TestFilePaths::entryFromHeaders()
{
    const QList<Lxd::HttpRequest::Header> headers {
        {QByteArrayLiteral("X-Lxd-Type"), QByteArrayLiteral("symlink")},
        {QByteArrayLiteral("X-Lxd-Mode"), QByteArrayLiteral("0777")},
        {QByteArrayLiteral("X-Lxd-Uid"), QByteArrayLiteral("1000")},
        {QByteArrayLiteral("x-lxd-gid"), QByteArrayLiteral("1001")},
        {QByteArrayLiteral("X-Lxd-Modified"), QByteArrayLiteral("2026-11-22 06:41:47 +0000 UTC")},
    };
    const FileEntry entry = FileEntry::fromHeaders(QStringLiteral("/root/d/link"), headers);
    QCOMPARE(entry.name, QStringLiteral("link"));
    QCOMPARE(entry.path, QStringLiteral("/root/d/link"));
    QVERIFY(entry.isSymlink());
    QCOMPARE(entry.mode, 0777);
    QCOMPARE(entry.uid, qint64(1000));
    QCOMPARE(entry.gid, qint64(1001));
    QCOMPARE(entry.size, qint64(-1));
    QVERIFY(entry.modified.isValid());

    const FileEntry unknown = FileEntry::fromHeaders(QStringLiteral("x"), {});
    QCOMPARE(unknown.type, FileEntry::Type::Unknown);
    QCOMPARE(unknown.mode, -1);
    QCOMPARE(unknown.uid, qint64(-1));
}

void TestFilePaths::localLinkTarget_data()
{
    QTest::addColumn<QString>("root");
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("expected");
    QTest::newRow("sibling") << QStringLiteral("/root/t") << QStringLiteral("/root/t/l")
                             << QStringLiteral("/root/t/f") << QStringLiteral("f");
    QTest::newRow("up one") << QStringLiteral("/root/t") << QStringLiteral("/root/t/a/l")
                            << QStringLiteral("/root/t/b/f") << QStringLiteral("../b/f");
    QTest::newRow("the root") << QStringLiteral("/root/t/") << QStringLiteral("/root/t/a/l")
                              << QStringLiteral("/root/t") << QStringLiteral("..");
    QTest::newRow("outside") << QStringLiteral("/root/t") << QStringLiteral("/root/t/l")
                             << QStringLiteral("/etc") << QStringLiteral("/etc");
    QTest::newRow("prefix is not a parent") << QStringLiteral("/root/t") << QStringLiteral("/root/t/l")
                                            << QStringLiteral("/root/tx/f") << QStringLiteral("/root/tx/f");
    QTest::newRow("already relative") << QStringLiteral("/root/t") << QStringLiteral("/root/t/l")
                                      << QStringLiteral("f") << QStringLiteral("f");
    QTest::newRow("climbs out") << QStringLiteral("/root/t") << QStringLiteral("/root/t/l")
                                << QStringLiteral("/root/t/../x") << QStringLiteral("/root/t/../x");
}

void TestFilePaths::localLinkTarget()
{
    QFETCH(QString, root);
    QFETCH(QString, link);
    QFETCH(QString, target);
    QFETCH(QString, expected);
    QCOMPARE(Lxd::FileTreePullJob::localLinkTarget(root, link, target), expected);
}

void TestFilePaths::hostileListingWritesOnlyInsideTheTarget()
{
    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    // tmp/work/target is pulled into; "a/../../x" would land in tmp/x, a planted link leads to outside.
    const QString work = temporary.filePath(QStringLiteral("work"));
    const QString target = work + QStringLiteral("/target");
    const QString outside = work + QStringLiteral("/outside");
    QVERIFY(QDir().mkpath(target));
    QVERIFY(QDir().mkpath(outside));
    QVERIFY(QFile::link(outside, target + QStringLiteral("/sub")));
    const QString stolen = outside + QStringLiteral("/stolen");

    auto transport = std::make_unique<FakeFileTransport>();
    FakeFileTransport *fake = transport.get();
    const QStringList hostile {QStringLiteral(".."),          QStringLiteral("a/../../x"),
                               QStringLiteral("/etc/passwd"), stolen,
                               QStringLiteral("."),           QString(),
                               QStringLiteral("ok.txt")};
    fake->answers.insert(
        QStringLiteral("/srv"),
        FakeAnswer::directory(hostile + QStringList {QStringLiteral("sub"), QStringLiteral("ok.txt")}));
    fake->answers.insert(QStringLiteral("/srv/ok.txt"), FakeAnswer::file(QByteArrayLiteral("fine\n")));
    fake->answers.insert(QStringLiteral("/srv/sub"), FakeAnswer::directory({QStringLiteral("f")}));
    fake->answers.insert(QStringLiteral("/srv/sub/f"),
                         FakeAnswer::file(QByteArrayLiteral("through the link\n")));
    const Lxd::Client client(std::make_shared<Lxd::Connection>(std::move(transport)));
    const Lxd::FileManager files(client, QStringLiteral("c1"));

    Lxd::FileTreePullJob *pull = files.pullTree(QStringLiteral("/srv"), target);
    QSignalSpy refusedSpy(pull, &Lxd::FileTreePullJob::nameRefused);
    QSignalSpy failedSpy(pull, &Lxd::FileTreePullJob::entryFailed);
    QStringList refused;
    QList<Lxd::FileTransferIssue> issues;
    QVERIFY(waitAndRead(pull, [&](Lxd::FileTreePullJob *job) {
        QVERIFY2(job->succeeded(), qPrintable(job->error().userMessage()));
        refused = job->refusedNames();
        issues = job->issues();
    }));

    // Every hostile name is refused and reported, "ok.txt" listed twice included.
    QStringList expectedRefused = hostile;
    expectedRefused.sort();
    refused.sort();
    QCOMPARE(refused, expectedRefused);
    QCOMPARE(refusedSpy.size(), hostile.size());
    // The folder behind the planted link is not written through: reported, and the rest goes on.
    QCOMPARE(failedSpy.size(), 1);
    QCOMPARE(issues.size(), hostile.size() + 1);
    bool linkReported = false;
    for (const Lxd::FileTransferIssue &issue : std::as_const(issues)) {
        if (issue.kind == Lxd::FileTransferIssue::Kind::Failed) {
            QCOMPARE(issue.path, QStringLiteral("/srv/sub"));
            linkReported = issue.error.detail().contains(QLatin1String("symbolic link"));
        }
    }
    QVERIFY(linkReported);

    // Only ok.txt was written, inside the target.
    QCOMPARE(entriesOf(target), (QStringList {QStringLiteral("ok.txt"), QStringLiteral("sub")}));
    QFile ok(target + QStringLiteral("/ok.txt"));
    QVERIFY(ok.open(QIODevice::ReadOnly));
    QCOMPARE(ok.readAll(), QByteArrayLiteral("fine\n"));
    QVERIFY(QFileInfo(target + QStringLiteral("/sub")).isSymLink());
    QCOMPARE(entriesOf(outside), QStringList());
    QCOMPARE(entriesOf(work), (QStringList {QStringLiteral("outside"), QStringLiteral("target")}));
    QCOMPARE(entriesOf(temporary.path()), QStringList {QStringLiteral("work")});
    QFile passwd(QStringLiteral("/etc/passwd"));
    QVERIFY(passwd.open(QIODevice::ReadOnly));
    QVERIFY(!passwd.readAll().contains("hostile"));

    // And no hostile name was ever asked for.
    const QSet<QString> allowed {QStringLiteral("/srv"), QStringLiteral("/srv/ok.txt"),
                                 QStringLiteral("/srv/sub"), QStringLiteral("/srv/sub/f")};
    for (const QString &path : std::as_const(fake->requestedPaths))
        QVERIFY2(allowed.contains(path), qPrintable(path));
}

void TestFilePaths::listingCapsTheRequestsInFlight_data()
{
    QTest::addColumn<int>("maxParallel");
    QTest::newRow("one") << 1;
    QTest::newRow("three") << 3;
    QTest::newRow("more than entries") << 50;
}

void TestFilePaths::listingCapsTheRequestsInFlight()
{
    QFETCH(int, maxParallel);
    auto transport = std::make_unique<FakeFileTransport>();
    FakeFileTransport *fake = transport.get();
    QStringList names;
    for (int i = 0; i < 12; ++i) {
        names.append(QStringLiteral("f%1").arg(i, 2, 10, QLatin1Char('0')));
        fake->answers.insert(QStringLiteral("/many/") + names.last(), FakeAnswer::file(QByteArray(i, 'x')));
    }
    fake->answers.insert(QStringLiteral("/many"), FakeAnswer::directory(names));
    const Lxd::Client client(std::make_shared<Lxd::Connection>(std::move(transport)));
    const Lxd::FileManager files(client, QStringLiteral("c1"));

    Lxd::FileListJob *list = files.list(QStringLiteral("/many"));
    list->setMaxParallel(maxParallel);
    QList<FileEntry> entries;
    QVERIFY(waitAndRead(list, [&](Lxd::FileListJob *job) {
        QVERIFY2(job->succeeded(), qPrintable(job->error().userMessage()));
        entries = job->entries();
    }));
    QCOMPARE(fake->maxInFlight, qMin(maxParallel, 12));
    QCOMPARE(entries.size(), 12);
    for (int i = 0; i < 12; ++i) {
        QCOMPARE(entries.at(i).name, names.at(i));
        QVERIFY(entries.at(i).isFile());
        // This server ignores Range: the size comes from the headers, and the body is not waited for.
        QCOMPARE(entries.at(i).size, qint64(i));
    }
}

QTEST_GUILESS_MAIN(TestFilePaths)
#include "tst_filepaths.moc"
