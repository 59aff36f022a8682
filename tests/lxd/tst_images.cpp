#include "JobWaiter.h"
#include "LxcCommand.h"
#include "TestClients.h"
#include "Testbed.h"
#include "lxd/ConcatenatedDevice.h"
#include "lxd/ImageExportSink.h"
#include "lxd/ImageManager.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using Lxd::Client;
using Lxd::Error;
using Lxd::Image;
using Lxd::ImageAlias;
using Lxd::ImageCopyJob;
using Lxd::ImageManager;
using Lxd::ImagesPost;

namespace {

QString sha256Of(const QStringList &paths)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &path : paths) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        hash.addData(&file);
    }
    return QString::fromLatin1(hash.result().toHex());
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

// Runs a shell script (tar and friends, to build test images); its output on failure.
bool shell(const QString &script, QString *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-ec"), script});
    const bool finished = process.waitForFinished(60000);
    *output = QString::fromLocal8Bit(process.readAll());
    return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

// Waits for a job and reads its error and whatever `read` takes from it while it is still alive.
template<class JobType, class Reader>
Error runJob(JobType *job, Reader read, int timeoutMs = 50000)
{
    Error error;
    const bool done = waitAndRead(
        job,
        [&](JobType *finished) {
            error = finished->error();
            read(finished);
        },
        timeoutMs);
    if (!done)
        return Error(Error::Kind::Network, QStringLiteral("timed out"));
    return error;
}

template<class JobType>
Error runJob(JobType *job)
{
    return runJob(job, [](JobType *) {});
}

// A multipart body as Go's mime/multipart writes it (LXD's export of a split image).
QByteArray multipartBody(const QByteArray &boundary, const QByteArray &metadata, const QByteArray &rootfs,
                         const QByteArray &rootfsName = QByteArrayLiteral("rootfs"))
{
    QByteArray body;
    body += "--" + boundary + "\r\n";
    body += "Content-Disposition: form-data; name=\"metadata\"; filename=\"meta-abc.tar.xz\"\r\n";
    body += "Content-Type: application/octet-stream\r\n\r\n";
    body += metadata;
    body += "\r\n--" + boundary + "\r\n";
    body += "Content-Disposition: form-data; name=\"" + rootfsName + "\"; filename=\"abc.squashfs\"\r\n";
    body += "Content-Type: application/octet-stream\r\n\r\n";
    body += rootfs;
    body += "\r\n--" + boundary + "--\r\n";
    return body;
}

// A plain-HTTP server on loopback that serves one unified image the way LXD's `url` source expects:
// HEAD answers with LXD-Image-Hash and LXD-Image-URL, GET sends the tarball.
class UrlImageServer
{
public:
    bool listen(const QString &path, const QString &sha256)
    {
        m_data = readAll(path);
        m_sha256 = sha256;
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    const QList<QByteArray> requestLine = buffer->left(buffer->indexOf("\r\n")).split(' ');
                    buffer->clear();
                    answer(socket, requestLine.value(0), requestLine.value(1));
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        return m_server.listen(QHostAddress::LocalHost);
    }
    QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
    }
    QStringList requests() const { return m_requests; }

private:
    void answer(QTcpSocket *socket, const QByteArray &method, const QByteArray &target)
    {
        m_requests.append(QString::fromLatin1(method + ' ' + target));
        QByteArray head;
        QByteArray body;
        if (method == "HEAD" && target == "/image") {
            head = "HTTP/1.1 200 OK\r\nLXD-Image-Hash: " + m_sha256.toLatin1() + "\r\nLXD-Image-URL: "
                + url(QStringLiteral("/image.tar.gz")).toLatin1() + "\r\nContent-Length: 0\r\n";
        } else if (method == "GET" && target == "/image.tar.gz") {
            head = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + QByteArray::number(m_data.size()) + "\r\n";
            body = m_data;
        } else {
            head = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n";
        }
        socket->write(head + "Connection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QByteArray m_data;
    QString m_sha256;
    QStringList m_requests;
};

} // namespace

// Images and aliases: value classes and the streaming helpers without a daemon, then every call of
// ImageManager against the real testbed, over the unix socket and over HTTPS where bodies stream.
class TestImages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    // No daemon needed.
    void imageFromRecordedReply();
    void imagesPostBodies_data();
    void imagesPostBodies();
    void uploadHeaders();
    void concatenatedDeviceReadsPiecesInOrder();
    void exportSinkSplitsMultipart_data();
    void exportSinkSplitsMultipart();
    void exportSinkAtEveryByte();
    void exportSinkRefusesBadFraming_data();
    void exportSinkRefusesBadFraming();
    void exportSinkUnified();

    // The testbed.
    void listGetAndExist_data() { addTransports(); }
    void listGetAndExist();
    void exportThenImportSplit_data() { addTransports(); }
    void exportThenImportSplit();
    void importAndExportUnified_data() { addTransports(); }
    void importAndExportUnified();
    void createFromUrl();
    void aliasesAddRenameUpdateDelete();
    void updateSavesAndDetectsConflicts();
    void copyToSecondDaemon_data();
    void copyToSecondDaemon();
    void refreshFollowsTheSourceAlias();
    void failuresAreErrors();

private:
    void addTransports();
    Client clientFor(const QString &transport) const { return m_clients.client(transport); }
    QString unique(const QString &what) const;
    QString tempPath(const QString &name) const { return m_tmp.filePath(name); }
    // A split image that no daemon has yet: the testbed's busybox with a different metadata.yaml.
    bool makeSplitImage(const QString &tag, QString *metadata, QString *rootfs);
    // The same as one unified tarball.
    bool makeUnifiedImage(const QString &tag, QString *tarball);
    // Imports a new split image on the local daemon with Berth; its fingerprint, or empty.
    QString importNewImage(const QString &tag, const ImagesPost &options = {});
    void forget(Testbed::Daemon daemon, const QString &fingerprint, const QString &project = {});
    QJsonObject lxcQuery(const QString &path, Testbed::Daemon daemon = Testbed::Daemon::Local);

    struct Created
    {
        Testbed::Daemon daemon;
        QString fingerprint;
        QString project;
    };

    TestClients m_clients;
    Client m_second;
    QTemporaryDir m_tmp;
    QString m_busybox; // fingerprint
    QString m_busyboxMetadata; // `lxc image export` of it
    QString m_busyboxRootfs;
    QList<Created> m_created;
    QStringList m_projects;
    QStringList m_aliases; // on the local daemon
};

void TestImages::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    if (!Testbed::unavailableReason().isEmpty())
        return; // the testbed functions skip or fail one by one; the others need no daemon
    QString why;
    QVERIFY2(m_clients.setUp(&why), qPrintable(why));
    m_second = Client::overUnixSocket(Testbed::socketPath(Testbed::Daemon::Second));

    const QJsonObject alias = lxcQuery(QStringLiteral("/1.0/images/aliases/") + Testbed::imageAlias());
    m_busybox = alias.value(QLatin1String("target")).toString();
    QCOMPARE(m_busybox.size(), 64);

    // What `lxc` exports, to compare Berth's export with and to build new images from.
    const QString dir = tempPath(QStringLiteral("lxc-export"));
    QVERIFY(QDir().mkpath(dir));
    const LxcResult exported
        = LxcCommand::run({QStringLiteral("image"), QStringLiteral("export"), m_busybox, dir});
    QVERIFY2(exported.ok(), qPrintable(exported.errorOutput));
    const QStringList files = QDir(dir).entryList(QDir::Files);
    for (const QString &file : files) {
        if (file.startsWith(QLatin1String("meta-")))
            m_busyboxMetadata = QDir(dir).filePath(file);
        else
            m_busyboxRootfs = QDir(dir).filePath(file);
    }
    QVERIFY2(!m_busyboxMetadata.isEmpty() && !m_busyboxRootfs.isEmpty(),
             "the testbed image is a split image");
}

void TestImages::cleanupTestCase()
{
    for (const QString &alias : std::as_const(m_aliases))
        LxcCommand::run({QStringLiteral("image"), QStringLiteral("alias"), QStringLiteral("delete"), alias});
    for (const Created &created : std::as_const(m_created)) {
        QStringList arguments {QStringLiteral("image"), QStringLiteral("delete"), created.fingerprint};
        if (!created.project.isEmpty())
            arguments << QStringLiteral("--project") << created.project;
        // Never the testbed's own image.
        if (created.fingerprint != m_busybox || !created.project.isEmpty())
            LxcCommand::run(arguments, created.daemon);
    }
    for (const QString &project : std::as_const(m_projects))
        LxcCommand::run({QStringLiteral("project"), QStringLiteral("delete"), project});
    m_clients.tearDown();
}

void TestImages::addTransports()
{
    QTest::addColumn<QString>("transport");
    QTest::newRow("unix") << QStringLiteral("unix");
    QTest::newRow("https") << QStringLiteral("https-token");
}

QString TestImages::unique(const QString &what) const
{
    return QStringLiteral("berth-img-%1-%2").arg(what, QUuid::createUuid().toString(QUuid::Id128).left(8));
}

void TestImages::forget(Testbed::Daemon daemon, const QString &fingerprint, const QString &project)
{
    m_created.append({daemon, fingerprint, project});
}

QJsonObject TestImages::lxcQuery(const QString &path, Testbed::Daemon daemon)
{
    const LxcResult result = LxcCommand::run({QStringLiteral("query"), path}, daemon);
    return result.ok() ? QJsonDocument::fromJson(result.output.toUtf8()).object() : QJsonObject();
}

bool TestImages::makeSplitImage(const QString &tag, QString *metadata, QString *rootfs)
{
    const QString dir = tempPath(tag);
    *metadata = dir + QStringLiteral("/meta.tar.gz");
    *rootfs = m_busyboxRootfs;
    QString output;
    const bool ok = shell(QStringLiteral("mkdir -p '%1/m'; tar -xzf '%2' -C '%1/m'; "
                                         "echo '# %3' >> '%1/m/metadata.yaml'; tar -czf '%4' -C '%1/m' .")
                              .arg(dir, m_busyboxMetadata, tag, *metadata),
                          &output);
    if (!ok)
        qWarning() << output;
    return ok;
}

bool TestImages::makeUnifiedImage(const QString &tag, QString *tarball)
{
    const QString dir = tempPath(tag);
    *tarball = dir + QStringLiteral("/unified.tar.gz");
    QString output;
    const bool ok
        = shell(QStringLiteral("mkdir -p '%1/u/rootfs'; tar -xzf '%2' -C '%1/u'; "
                               "echo '# %3' >> '%1/u/metadata.yaml'; tar -xzf '%4' -C '%1/u/rootfs'; "
                               "tar -czf '%5' -C '%1/u' metadata.yaml templates rootfs")
                    .arg(dir, m_busyboxMetadata, tag, m_busyboxRootfs, *tarball),
                &output);
    if (!ok)
        qWarning() << output;
    return ok;
}

QString TestImages::importNewImage(const QString &tag, const ImagesPost &options)
{
    QString metadata;
    QString rootfs;
    if (!makeSplitImage(tag, &metadata, &rootfs))
        return {};
    const QString expected = sha256Of({metadata, rootfs});
    forget(Testbed::Daemon::Local, expected);
    QString fingerprint;
    const Error error
        = runJob(ImageManager(clientFor(QStringLiteral("unix"))).createFromFiles(metadata, rootfs, options),
                 [&](Lxd::ImageCreateJob *job) { fingerprint = job->fingerprint(); });
    if (error) {
        qWarning() << "import failed:" << error;
        return {};
    }
    return fingerprint == expected ? fingerprint : QString();
}

// --- No daemon needed ---------------------------------------------------------------------------

void TestImages::imageFromRecordedReply()
{
    // GET /1.0/images/<fp> of the testbed's image, as LXD 5.0.2 answered it.
    const QByteArray reply = R"json({
        "aliases": [{"description": "", "name": "busybox"}],
        "architecture": "x86_64", "auto_update": false, "cached": false,
        "created_at": "2026-05-07T20:33:45Z", "expires_at": "1970-01-01T00:00:00Z",
        "filename": "rootfs.tar.gz",
        "fingerprint": "799d6446104fc997e41e137f7c2898d14037db15def330721fb3ec46cb1c7bed",
        "last_used_at": "2026-11-22T06:48:02.471920756Z", "profiles": ["default"],
        "properties": {"architecture": "x86_64", "description": "BusyBox 1.35.0 (Berth testbed)",
                       "os": "busybox", "release": "1.35.0"},
        "public": false, "size": 1032241, "type": "container",
        "uploaded_at": "2026-11-22T06:13:16.953716556Z"})json";
    Image image(QJsonDocument::fromJson(reply).object(), QByteArrayLiteral("\"etag\""));
    QCOMPARE(image.fingerprint(),
             QStringLiteral("799d6446104fc997e41e137f7c2898d14037db15def330721fb3ec46cb1c7bed"));
    QCOMPARE(image.size(), qint64(1032241));
    QCOMPARE(image.architecture(), QStringLiteral("x86_64"));
    QCOMPARE(image.type(), QStringLiteral("container"));
    QCOMPARE(image.filename(), QStringLiteral("rootfs.tar.gz"));
    QCOMPARE(image.description(), QStringLiteral("BusyBox 1.35.0 (Berth testbed)"));
    QCOMPARE(image.property(QStringLiteral("os")), QStringLiteral("busybox"));
    QCOMPARE(image.profiles(), QStringList {QStringLiteral("default")});
    QVERIFY(!image.isPublic());
    QVERIFY(!image.cached());
    QVERIFY(!image.expiresAt().isValid()); // the epoch means "never"
    QCOMPARE(image.createdAt(), QDateTime(QDate(2026, 5, 7), QTime(20, 33, 45), Qt::UTC));
    QCOMPARE(image.aliasNames(), QStringList {QStringLiteral("busybox")});
    const QList<ImageAlias> aliases = image.aliases();
    QCOMPARE(aliases.size(), 1);
    QCOMPARE(aliases.first().target(), image.fingerprint());

    const QJsonObject put = image.writable();
    QCOMPARE(
        put.keys(),
        (QStringList {QStringLiteral("auto_update"), QStringLiteral("expires_at"), QStringLiteral("profiles"),
                      QStringLiteral("properties"), QStringLiteral("public")}));

    QVERIFY(!image.isDirty());
    image.setPublic(true);
    image.setProperty(QStringLiteral("os"), QString()); // removes it
    image.setProperty(QStringLiteral("berth"), QStringLiteral("yes"));
    const QDateTime expiry(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC);
    image.setExpiresAt(expiry);
    QVERIFY(image.isDirty());
    QCOMPARE(image.expiresAt(), expiry);
    QVERIFY(!image.properties().contains(QStringLiteral("os")));
    QCOMPARE(image.writable().value(QLatin1String("public")).toBool(), true);
    QCOMPARE(image.changedKeys().size(), 3);
    image.rollback();
    QVERIFY(!image.isDirty());
    QCOMPARE(image.property(QStringLiteral("os")), QStringLiteral("busybox"));

    // A plain listing names images by URL: the fingerprint comes from it.
    const Image summary(QJsonObject {{QStringLiteral("name"), QStringLiteral("abc")}}, {},
                        Image::Detail::Summary);
    QCOMPARE(summary.fingerprint(), QStringLiteral("abc"));
    QVERIFY(!summary.isFull());
}

void TestImages::imagesPostBodies_data()
{
    QTest::addColumn<QJsonObject>("built");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("url")
        << ImagesPost::fromUrl(QStringLiteral("https://example.org/image")).setPublic(true).toJson()
        << QByteArray(R"({"public": true, "source": {"type": "url", "mode": "pull",
                                           "url": "https://example.org/image"}})");
    // What pylxd's create_from_simplestreams and `lxc image copy images:alpine local:` send (a recorded
    // request: the testbed has no internet to fetch from).
    QTest::newRow("simplestreams")
        << ImagesPost::fromSimplestreams(QStringLiteral("https://images.example.org"),
                                         QStringLiteral("alpine/3.19"))
               .setAutoUpdate(true)
               .addAlias(QStringLiteral("alpine"))
               .toJson()
        << QByteArray(R"({"auto_update": true, "aliases": [{"name": "alpine", "description": ""}],
                          "source": {"type": "image", "mode": "pull", "protocol": "simplestreams",
                                     "server": "https://images.example.org", "alias": "alpine/3.19"}})");
    QTest::newRow("lxd server, private")
        << ImagesPost::fromLxdServer(QStringLiteral("https://10.0.0.1:8443"), QStringLiteral("abcd"),
                                     QStringLiteral("PEM"), QStringLiteral("s3cret"), QStringLiteral("p1"))
               .setProfiles({QStringLiteral("default")})
               .toJson()
        << QByteArray(
               R"({"profiles": ["default"], "source": {"type": "image", "mode": "pull", "protocol": "lxd",
                          "server": "https://10.0.0.1:8443", "fingerprint": "abcd", "certificate": "PEM",
                          "secret": "s3cret", "project": "p1"}})");
    QTest::newRow("lxd server by alias")
        << ImagesPost::fromLxdServerAlias(QStringLiteral("https://10.0.0.1:8443"), QStringLiteral("web"))
               .setImageType(QStringLiteral("container"))
               .toJson()
        << QByteArray(R"({"source": {"type": "image", "mode": "pull", "protocol": "lxd",
                          "server": "https://10.0.0.1:8443", "alias": "web", "image_type": "container"}})");
    QTest::newRow("snapshot") << ImagesPost::fromSnapshot(QStringLiteral("c1"), QStringLiteral("snap0"))
                                     .setCompressionAlgorithm(QStringLiteral("xz"))
                                     .setProperty(QStringLiteral("os"), QStringLiteral("busybox"))
                                     .toJson()
                              << QByteArray(
                                     R"({"compression_algorithm": "xz", "properties": {"os": "busybox"},
                          "source": {"type": "snapshot", "name": "c1/snap0"}})");
}

void TestImages::imagesPostBodies()
{
    QFETCH(QJsonObject, built);
    QFETCH(QByteArray, expected);
    QCOMPARE(built, QJsonDocument::fromJson(expected).object());
}

void TestImages::uploadHeaders()
{
    const ImagesPost options = ImagesPost()
                                   .setPublic(true)
                                   .setFilename(QStringLiteral("my\r\nimage.tar.gz"))
                                   .setProperty(QStringLiteral("note"), QStringLiteral("a&b = c+d é"))
                                   .setProperty(QStringLiteral("os"), QStringLiteral("busybox"))
                                   .setProfiles({QStringLiteral("default"), QStringLiteral("x y")})
                                   .setExpectedFingerprint(QStringLiteral("abcd"));
    QMap<QByteArray, QByteArray> headers;
    const QList<Lxd::HttpRequest::Header> list = options.uploadHeaders();
    for (const Lxd::HttpRequest::Header &header : list)
        headers.insert(header.first, header.second);
    QCOMPARE(headers.value("X-LXD-public"), QByteArray("true"));
    QCOMPARE(headers.value("X-LXD-filename"), QByteArray("my  image.tar.gz")); // one header line only
    // Decoded by LXD with Go's url.ParseQuery.
    QCOMPARE(headers.value("X-LXD-properties"), QByteArray("note=a%26b%20%3D%20c%2Bd%20%C3%A9&os=busybox"));
    QCOMPARE(headers.value("X-LXD-profiles"), QByteArray("profile=default&profile=x%20y"));
    QCOMPARE(headers.value("X-LXD-fingerprint"), QByteArray("abcd"));
    QVERIFY(ImagesPost().uploadHeaders().isEmpty());
}

void TestImages::concatenatedDeviceReadsPiecesInOrder()
{
    QByteArray fileData(100000, Qt::Uninitialized);
    for (int i = 0; i < fileData.size(); ++i)
        fileData[i] = char(i * 7 + i / 256);
    const QString path = tempPath(QStringLiteral("piece.bin"));
    QVERIFY(writeFile(path, fileData));
    const QString emptyPath = tempPath(QStringLiteral("empty.bin"));
    QVERIFY(writeFile(emptyPath, {}));
    const QByteArray expected = "head" + fileData + "middle" + fileData + "tail";

    for (const int chunk : {1, 3, 4096, 65536, 1 << 20}) {
        Lxd::ConcatenatedDevice device;
        QString why;
        device.appendBytes("head");
        QVERIFY2(device.appendFile(path, &why), qPrintable(why));
        device.appendBytes("middle");
        QVERIFY(device.appendFile(emptyPath, &why));
        QVERIFY(device.appendFile(path, &why));
        device.appendBytes("tail");
        QVERIFY(device.open(QIODevice::ReadOnly));
        QCOMPARE(device.size(), qint64(expected.size()));
        QByteArray got;
        for (;;) {
            const QByteArray piece = device.read(chunk);
            if (piece.isEmpty())
                break;
            QVERIFY(piece.size() <= chunk);
            got += piece;
        }
        QCOMPARE(got.size(), expected.size());
        QVERIFY(got == expected);
        QVERIFY(device.atEnd());

        // Random access: Qt Network rewinds a body it must send again.
        for (const qint64 at : {qint64(0), qint64(2), qint64(4), qint64(50000), qint64(100004),
                                qint64(100009), qint64(expected.size() - 3)}) {
            QVERIFY(device.seek(at));
            QCOMPARE(device.read(10), expected.mid(at, 10));
        }
    }

    Lxd::ConcatenatedDevice device;
    QString why;
    QVERIFY(!device.appendFile(tempPath(QStringLiteral("missing.bin")), &why));
    QVERIFY(why.contains(QLatin1String("missing.bin")));
    QVERIFY(!device.open(QIODevice::WriteOnly));
}

void TestImages::exportSinkSplitsMultipart_data()
{
    QTest::addColumn<int>("chunk");
    for (const int chunk : {1, 2, 3, 5, 7, 13, 64, 1000, 1 << 20})
        QTest::addRow("chunks of %d", chunk) << chunk;
}

void TestImages::exportSinkSplitsMultipart()
{
    QFETCH(int, chunk);
    const QByteArray boundary = "4b0e1f8a9c7d";
    const QByteArray metadata = "metadata tarball\r\n--4b0e1f8a9c7 almost a boundary\r\n";
    // Content that looks like the start of a delimiter, at the very end of the part too.
    QByteArray rootfs;
    for (int i = 0; i < 2000; ++i)
        rootfs += QByteArray::number(i) + "\r\n--4b0e" + char(i % 256);
    rootfs += "\r\n--4b0e1f8a9c";
    const QByteArray body = multipartBody(boundary, metadata, rootfs);

    const QString imagePath = tempPath(QStringLiteral("sink-meta-%1").arg(chunk));
    const QString rootfsPath = tempPath(QStringLiteral("sink-rootfs-%1").arg(chunk));
    Lxd::ImageExportSink sink(imagePath, rootfsPath);
    QVERIFY(sink.start("multipart/form-data; boundary=" + boundary));
    QVERIFY(sink.isSplit());
    for (qsizetype at = 0; at < body.size(); at += chunk) {
        const QByteArray piece = body.mid(at, chunk);
        QCOMPARE(sink.write(piece), qint64(piece.size()));
    }
    const Error error = sink.finish();
    QVERIFY2(!error, qPrintable(error.detail()));
    QCOMPARE(readAll(imagePath), metadata);
    QVERIFY(readAll(rootfsPath) == rootfs);
    QCOMPARE(sink.imageSize(), qint64(metadata.size()));
    QCOMPARE(sink.rootfsSize(), qint64(rootfs.size()));
    QCOMPARE(
        sink.sha256(),
        QString::fromLatin1(QCryptographicHash::hash(metadata + rootfs, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(sink.metadataPartFilename(), QStringLiteral("meta-abc.tar.xz"));
    QCOMPARE(sink.rootfsPartFilename(), QStringLiteral("abc.squashfs"));
    QCOMPARE(sink.rootfsPartName(), QStringLiteral("rootfs"));
}

void TestImages::exportSinkAtEveryByte()
{
    // Every split of the reply into two writes, with a quoted boundary and a VM's rootfs part name.
    const QByteArray boundary = "b-1";
    const QByteArray body = multipartBody(boundary, "M\r\n-", "R\r\n--b-", "rootfs.img");
    for (qsizetype cut = 0; cut <= body.size(); ++cut) {
        const QString imagePath = tempPath(QStringLiteral("every-meta"));
        const QString rootfsPath = tempPath(QStringLiteral("every-rootfs"));
        Lxd::ImageExportSink sink(imagePath, rootfsPath);
        QVERIFY(sink.start("Multipart/Form-Data; boundary=\"" + boundary + "\""));
        QCOMPARE(sink.write(body.left(cut)), qint64(cut));
        QCOMPARE(sink.write(body.mid(cut)), qint64(body.size() - cut));
        const Error error = sink.finish();
        QVERIFY2(!error, qPrintable(QStringLiteral("cut at %1: %2").arg(cut).arg(error.detail())));
        QCOMPARE(readAll(imagePath), QByteArray("M\r\n-"));
        QCOMPARE(readAll(rootfsPath), QByteArray("R\r\n--b-"));
        QCOMPARE(sink.rootfsPartName(), QStringLiteral("rootfs.img"));
    }
}

void TestImages::exportSinkRefusesBadFraming_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    const QByteArray type = "multipart/form-data; boundary=XYZ";
    const QByteArray good = multipartBody("XYZ", "meta", "root");

    QTest::newRow("no boundary") << QByteArray("multipart/form-data") << good;
    QTest::newRow("cut before the end") << type << good.left(good.size() - 10);
    QTest::newRow("only one part") << type
                                   << QByteArray(
                                          "--XYZ\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n"
                                          "meta\r\n--XYZ--\r\n");
    QTest::newRow("rootfs first")
        << type << multipartBody("XYZ", "meta", "root").replace("\"metadata\"", "\"other\"");
    QTest::newRow("unknown second part") << type << multipartBody("XYZ", "meta", "root", "../../etc/passwd");
    QTest::newRow("a third part") << type
                                  << QByteArray(good).replace("\r\n--XYZ--",
                                                              "\r\n--XYZ\r\nContent-Disposition: form-data; "
                                                              "name=\"rootfs\"\r\n\r\nmore\r\n--XYZ--");
    QTest::newRow("endless headers") << type << QByteArray("--XYZ\r\n") + QByteArray(100000, 'h');
    QTest::newRow("text after a boundary") << type << QByteArray(good).replace("--XYZ\r\n", "--XYZ junk\r\n");
}

void TestImages::exportSinkRefusesBadFraming()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    const QString imagePath = tempPath(QStringLiteral("bad-meta"));
    const QString rootfsPath = tempPath(QStringLiteral("bad-rootfs"));
    QFile::remove(imagePath);
    QFile::remove(rootfsPath);
    Lxd::ImageExportSink sink(imagePath, rootfsPath);
    Error error;
    if (sink.start(contentType)) {
        bool refused = false;
        for (qsizetype at = 0; at < body.size() && !refused; at += 4096)
            refused = sink.write(body.mid(at, 4096)) < 0;
        QCOMPARE(refused, bool(sink.error()));
        error = sink.finish();
    } else {
        error = sink.error();
    }
    QVERIFY(error);
    QCOMPARE(error.kind(), Error::Kind::Parse);
    sink.discard();
    QVERIFY(!QFile::exists(imagePath));
    QVERIFY(!QFile::exists(rootfsPath));
}

void TestImages::exportSinkUnified()
{
    const QString imagePath = tempPath(QStringLiteral("unified-sink"));
    Lxd::ImageExportSink sink(imagePath, QString());
    QVERIFY(sink.start("application/octet-stream"));
    QVERIFY(!sink.isSplit());
    const QByteArray data = "--not a boundary\r\n\r\n" + QByteArray(5000, 'x');
    QCOMPARE(sink.write(data.left(7)), qint64(7));
    QCOMPARE(sink.write(data.mid(7)), qint64(data.size() - 7));
    QVERIFY(!sink.finish());
    QCOMPARE(readAll(imagePath), data);
    QCOMPARE(sink.sha256(),
             QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
}

// --- The testbed --------------------------------------------------------------------------------

void TestImages::listGetAndExist()
{
    BERTH_REQUIRE_TESTBED();
    QFETCH(QString, transport);
    const ImageManager images(clientFor(transport));

    QList<Image> all;
    Error error = runJob(images.all(), [&](Lxd::ListJob<Image> *job) { all = job->objects(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    auto busybox = std::find_if(all.begin(), all.end(),
                                [&](const Image &image) { return image.fingerprint() == m_busybox; });
    QVERIFY2(busybox != all.end(), "the testbed's image is listed");
    QVERIFY(busybox->isFull());
    QVERIFY(busybox->aliasNames().contains(Testbed::imageAlias()));
    QCOMPARE(busybox->property(QStringLiteral("os")), QStringLiteral("busybox"));

    QList<Image> summaries;
    error = runJob(images.fingerprints(), [&](Lxd::ListJob<Image> *job) { summaries = job->objects(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QVERIFY(std::any_of(summaries.begin(), summaries.end(), [&](const Image &image) {
        return !image.isFull() && image.fingerprint() == m_busybox;
    }));

    // By fingerprint, and by a unique prefix of it as `lxc` allows.
    for (const QString &name : {m_busybox, m_busybox.left(12)}) {
        Image image;
        error = runJob(images.get(name), [&](Lxd::ObjectJob<Image> *job) { image = job->object(); });
        QVERIFY2(!error, qPrintable(error.userMessage()));
        QCOMPARE(image.fingerprint(), m_busybox);
        QVERIFY(!image.etag().isEmpty());
        QCOMPARE(image.architecture(), QStringLiteral("x86_64"));
    }

    Image byAlias;
    ImageAlias alias;
    error = runJob(images.getByAlias(Testbed::imageAlias()), [&](Lxd::ImageByAliasJob *job) {
        byAlias = job->image();
        alias = job->alias();
    });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(byAlias.fingerprint(), m_busybox);
    QCOMPARE(alias.target(), m_busybox);
    QCOMPARE(alias.name(), Testbed::imageAlias());

    const auto exists = [](Lxd::ExistsJob *job) {
        bool answer = false;
        Error realError;
        waitAndRead(job, [&](Lxd::ExistsJob *done) {
            answer = done->exists();
            realError = done->realError();
        });
        return realError ? -1 : int(answer);
    };
    const QString missing = QString(64, QLatin1Char('0'));
    QCOMPARE(exists(images.exists(m_busybox)), 1);
    QCOMPARE(exists(images.exists(missing)), 0);
    QCOMPARE(exists(images.existsByAlias(Testbed::imageAlias())), 1);
    QCOMPARE(exists(images.existsByAlias(unique(QStringLiteral("none")))), 0);

    error = runJob(images.get(missing));
    QVERIFY(error.isNotFound());
    error = runJob(images.getByAlias(unique(QStringLiteral("none"))));
    QVERIFY(error.isNotFound());
}

void TestImages::exportThenImportSplit()
{
    BERTH_REQUIRE_TESTBED();
    QFETCH(QString, transport);
    const Client client = clientFor(transport);
    const QString dir = tempPath(unique(QStringLiteral("export")));
    QVERIFY(QDir().mkpath(dir));
    const QString metadata = dir + QStringLiteral("/metadata");
    const QString rootfs = dir + QStringLiteral("/rootfs");

    QList<std::pair<qint64, qint64>> progress;
    Lxd::ImageExportJob *exportJob = ImageManager(client).exportToFiles(m_busybox, metadata, rootfs);
    connect(exportJob, &Lxd::Job::progress, this, [&](qint64 done, qint64 total) {
        progress.append({done, total});
    });
    bool split = false;
    QString suggestedRootfs;
    Error error = runJob(exportJob, [&](Lxd::ImageExportJob *job) {
        split = job->isSplit();
        suggestedRootfs = job->suggestedRootfsName();
        QCOMPARE(job->imageSize(), QFileInfo(metadata).size());
        QCOMPARE(job->rootfsSize(), QFileInfo(rootfs).size());
    });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QVERIFY(split);
    QVERIFY(suggestedRootfs.startsWith(m_busybox));
    QCOMPARE(sha256Of({metadata, rootfs}), m_busybox);
    // Byte for byte what `lxc image export` wrote.
    QVERIFY(readAll(metadata) == readAll(m_busyboxMetadata));
    QVERIFY(readAll(rootfs) == readAll(m_busyboxRootfs));
    QVERIFY(!progress.isEmpty());
    QVERIFY(progress.last().first >= QFileInfo(metadata).size() + QFileInfo(rootfs).size());

    // The same image cannot be imported twice into one project: a new project has its own images.
    const QString project = unique(QStringLiteral("proj"));
    const LxcResult created = LxcCommand::run({QStringLiteral("project"), QStringLiteral("create"), project,
                                               QStringLiteral("-c"), QStringLiteral("features.images=true")});
    QVERIFY2(created.ok(), qPrintable(created.errorOutput));
    m_projects.append(project);
    forget(Testbed::Daemon::Local, m_busybox, project);

    const ImageManager inProject(client.useProject(project));
    const QString alias = unique(QStringLiteral("split"));
    progress.clear();
    Lxd::ImageCreateJob *importJob = inProject.createFromFiles(
        metadata, rootfs,
        ImagesPost().addAlias(alias, QStringLiteral("imported by Berth")).setExpectedFingerprint(m_busybox));
    connect(importJob, &Lxd::Job::progress, this, [&](qint64 done, qint64 total) {
        progress.append({done, total});
    });
    QString fingerprint;
    QStringList aliases;
    error = runJob(importJob, [&](Lxd::ImageCreateJob *job) {
        fingerprint = job->fingerprint();
        aliases = job->createdAliases();
    });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(fingerprint, m_busybox);
    QCOMPARE(aliases, QStringList {alias});
    // Upload progress: bytes up to the whole body, framing included.
    const qint64 files = QFileInfo(metadata).size() + QFileInfo(rootfs).size();
    QVERIFY(std::any_of(progress.begin(), progress.end(),
                        [&](const auto &step) { return step.second > files && step.first == step.second; }));

    // Seen from outside.
    const QJsonObject viaLxc
        = lxcQuery(QStringLiteral("/1.0/images/aliases/%1?project=%2").arg(alias, project));
    QCOMPARE(viaLxc.value(QLatin1String("target")).toString(), m_busybox);
    QCOMPARE(viaLxc.value(QLatin1String("description")).toString(), QStringLiteral("imported by Berth"));

    error = runJob(inProject.remove(m_busybox));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    bool stillThere = true;
    waitAndRead(inProject.exists(m_busybox), [&](Lxd::ExistsJob *job) { stillThere = job->exists(); });
    QVERIFY(!stillThere);
    const LxcResult deleted = LxcCommand::run({QStringLiteral("project"), QStringLiteral("delete"), project});
    QVERIFY2(deleted.ok(), qPrintable(deleted.errorOutput));
    m_projects.removeAll(project);
    // The testbed's own image is untouched.
    QCOMPARE(
        lxcQuery(QStringLiteral("/1.0/images/") + m_busybox).value(QLatin1String("fingerprint")).toString(),
        m_busybox);
}

void TestImages::importAndExportUnified()
{
    BERTH_REQUIRE_TESTBED();
    QFETCH(QString, transport);
    const ImageManager images(clientFor(transport));
    const QString tag = unique(QStringLiteral("unified"));
    QString tarball;
    QVERIFY(makeUnifiedImage(tag, &tarball));
    const QString expected = sha256Of({tarball});
    forget(Testbed::Daemon::Local, expected);

    const QString note = QStringLiteral("a&b = c+d é");
    QString fingerprint;
    qint64 size = -1;
    Error error = runJob(images.createFromFile(tarball,
                                               ImagesPost()
                                                   .setPublic(true)
                                                   .setFilename(QStringLiteral("berth-unified.tar.gz"))
                                                   .setProperty(QStringLiteral("berth.note"), note)
                                                   .addAlias(tag)),
                         [&](Lxd::ImageCreateJob *job) {
                             fingerprint = job->fingerprint();
                             size = job->size();
                         });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(fingerprint, expected);
    QCOMPARE(size, QFileInfo(tarball).size());

    Image image;
    error = runJob(images.getByAlias(tag), [&](Lxd::ImageByAliasJob *job) { image = job->image(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(image.fingerprint(), expected);
    QVERIFY(image.isPublic());
    QCOMPARE(image.filename(), QStringLiteral("berth-unified.tar.gz"));
    QCOMPARE(image.property(QStringLiteral("berth.note")), note);
    QCOMPARE(image.property(QStringLiteral("os")), QStringLiteral("busybox")); // from metadata.yaml

    // Exported back: one file, the same bytes.
    const QString exported = tempPath(tag + QStringLiteral("-exported"));
    const QString unusedRootfs = tempPath(tag + QStringLiteral("-rootfs"));
    bool split = true;
    QString suggested;
    error = runJob(images.exportToFiles(expected, exported, unusedRootfs), [&](Lxd::ImageExportJob *job) {
        split = job->isSplit();
        suggested = job->suggestedImageName();
        QVERIFY(job->rootfsPath().isEmpty());
    });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QVERIFY(!split);
    QVERIFY(suggested.startsWith(expected));
    QVERIFY(readAll(exported) == readAll(tarball));
    QVERIFY(!QFile::exists(unusedRootfs));

    error = runJob(images.remove(expected));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QVERIFY(lxcQuery(QStringLiteral("/1.0/images/") + expected).isEmpty());
}

void TestImages::createFromUrl()
{
    BERTH_REQUIRE_TESTBED();
    const QString tag = unique(QStringLiteral("url"));
    QString tarball;
    QVERIFY(makeUnifiedImage(tag, &tarball));
    const QString expected = sha256Of({tarball});
    forget(Testbed::Daemon::Local, expected);
    UrlImageServer server;
    QVERIFY(server.listen(tarball, expected));

    const ImageManager images(clientFor(QStringLiteral("unix")));
    QString fingerprint;
    Error error = runJob(images.createFromUrl(server.url(QStringLiteral("/image")), true),
                         [&](Lxd::ImageCreateJob *job) { fingerprint = job->fingerprint(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(fingerprint, expected);
    QVERIFY(server.requests().contains(QStringLiteral("HEAD /image")));
    QVERIFY(server.requests().contains(QStringLiteral("GET /image.tar.gz")));
    const QJsonObject viaLxc = lxcQuery(QStringLiteral("/1.0/images/") + expected);
    QCOMPARE(viaLxc.value(QLatin1String("public")).toBool(), true);

    error = runJob(images.remove(expected));
    QVERIFY2(!error, qPrintable(error.userMessage()));

    // A URL that does not point at an image: the operation's error, not a hang.
    error = runJob(images.createFromUrl(server.url(QStringLiteral("/nothing"))));
    QVERIFY(error);
    QCOMPARE(error.kind(), Error::Kind::Operation);
}

void TestImages::aliasesAddRenameUpdateDelete()
{
    BERTH_REQUIRE_TESTBED();
    const ImageManager images(clientFor(QStringLiteral("unix")));
    const QString image = importNewImage(unique(QStringLiteral("aliased")));
    QVERIFY(!image.isEmpty());
    const QString name = unique(QStringLiteral("alias"));
    const QString renamed = name + QStringLiteral("-renamed");
    m_aliases << name << renamed;

    Error error = runJob(images.addAlias(name, image, QStringLiteral("first")));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    ImageAlias alias;
    error = runJob(images.getAlias(name), [&](Lxd::ObjectJob<ImageAlias> *job) { alias = job->object(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(alias.target(), image);
    QCOMPARE(alias.description(), QStringLiteral("first"));
    QCOMPARE(alias.type(), QStringLiteral("container"));

    QList<ImageAlias> all;
    error = runJob(images.aliases(), [&](Lxd::ListJob<ImageAlias> *job) { all = job->objects(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QVERIFY(std::any_of(all.begin(), all.end(), [&](const ImageAlias &entry) {
        return entry.name() == name && entry.target() == image;
    }));

    // Adding an alias that exists is the daemon's refusal.
    error = runJob(images.addAlias(name, m_busybox));
    QVERIFY(error);
    QCOMPARE(error.kind(), Error::Kind::Api);

    error = runJob(images.renameAlias(name, renamed));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QVERIFY(lxcQuery(QStringLiteral("/1.0/images/aliases/") + name).isEmpty());
    QCOMPARE(
        lxcQuery(QStringLiteral("/1.0/images/aliases/") + renamed).value(QLatin1String("target")).toString(),
        image);

    // Update: a new description, and the alias points at another image.
    error = runJob(images.getAlias(renamed), [&](Lxd::ObjectJob<ImageAlias> *job) { alias = job->object(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    const ImageAlias stale = alias;
    alias.setDescription(QStringLiteral("second"));
    alias.setTarget(m_busybox);
    QVERIFY(alias.isDirty());
    error = runJob(images.saveAlias(alias));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    const QJsonObject seen = lxcQuery(QStringLiteral("/1.0/images/aliases/") + renamed);
    QCOMPARE(seen.value(QLatin1String("target")).toString(), m_busybox);
    QCOMPARE(seen.value(QLatin1String("description")).toString(), QStringLiteral("second"));
    // The version fetched before that save is out of date now.
    ImageAlias late = stale;
    late.setDescription(QStringLiteral("late"));
    error = runJob(images.saveAlias(late));
    QVERIFY2(error.isConflict(), qPrintable(error.userMessage()));

    error = runJob(images.removeAlias(renamed));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    bool exists = true;
    waitAndRead(images.existsByAlias(renamed), [&](Lxd::ExistsJob *job) { exists = job->exists(); });
    QVERIFY(!exists);
    // The image it pointed at is untouched.
    QCOMPARE(
        lxcQuery(QStringLiteral("/1.0/images/") + m_busybox).value(QLatin1String("fingerprint")).toString(),
        m_busybox);

    error = runJob(images.remove(image));
    QVERIFY2(!error, qPrintable(error.userMessage()));
}

void TestImages::updateSavesAndDetectsConflicts()
{
    BERTH_REQUIRE_TESTBED();
    const ImageManager images(clientFor(QStringLiteral("unix")));
    const QString fingerprint = importNewImage(unique(QStringLiteral("update")));
    QVERIFY(!fingerprint.isEmpty());

    Image image;
    Error error = runJob(images.get(fingerprint), [&](Lxd::ObjectJob<Image> *job) { image = job->object(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QVERIFY(!image.isPublic());
    const QString note = QUuid::createUuid().toString();
    const QDateTime expiry
        = QDateTime::currentDateTimeUtc().addDays(30).addMSecs(-QTime::currentTime().msec());
    image.setPublic(true);
    image.setAutoUpdate(true);
    image.setProperty(QStringLiteral("berth.note"), note);
    image.setExpiresAt(expiry);
    QVERIFY(image.isDirty());
    error = runJob(images.save(image));
    QVERIFY2(!error, qPrintable(error.userMessage()));

    // Saved: as `lxc` sees it, and as Berth fetches it again.
    const QJsonObject viaLxc = lxcQuery(QStringLiteral("/1.0/images/") + fingerprint);
    QCOMPARE(viaLxc.value(QLatin1String("public")).toBool(), true);
    QCOMPARE(viaLxc.value(QLatin1String("auto_update")).toBool(), true);
    QCOMPARE(
        viaLxc.value(QLatin1String("properties")).toObject().value(QLatin1String("berth.note")).toString(),
        note);
    Image fresh;
    error = runJob(images.get(fingerprint), [&](Lxd::ObjectJob<Image> *job) { fresh = job->object(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QVERIFY(fresh.isPublic());
    QCOMPARE(fresh.property(QStringLiteral("berth.note")), note);
    QCOMPARE(fresh.expiresAt().toSecsSinceEpoch(), expiry.toSecsSinceEpoch());
    QCOMPARE(fresh.property(QStringLiteral("os")), QStringLiteral("busybox")); // the others are kept
    // pylxd's sync(): the edited copy takes the server's new version.
    image.reset(fresh.serverJson(), fresh.etag());
    QVERIFY(!image.isDirty());
    QCOMPARE(image.property(QStringLiteral("berth.note")), note);

    // Someone else changes the image: saving the older copy is a conflict, not an overwrite.
    const LxcResult changed
        = LxcCommand::run({QStringLiteral("image"), QStringLiteral("set-property"), fingerprint,
                           QStringLiteral("berth.other"), QStringLiteral("lxc")});
    QVERIFY2(changed.ok(), qPrintable(changed.errorOutput));
    fresh.setPublic(false);
    error = runJob(images.save(fresh));
    QVERIFY2(error.isConflict(), qPrintable(error.userMessage()));
    const QJsonObject after = lxcQuery(QStringLiteral("/1.0/images/") + fingerprint);
    QCOMPARE(after.value(QLatin1String("public")).toBool(), true);
    QCOMPARE(
        after.value(QLatin1String("properties")).toObject().value(QLatin1String("berth.other")).toString(),
        QStringLiteral("lxc"));
    // The same for a raw PUT with the old ETag.
    error = runJob(images.put(fingerprint, fresh.writable(), fresh.etag()));
    QVERIFY2(error.isConflict(), qPrintable(error.userMessage()));
    fresh.rollback();
    QVERIFY(!fresh.isDirty());

    // PATCH changes only what it names.
    Image current;
    error = runJob(images.get(fingerprint), [&](Lxd::ObjectJob<Image> *job) { current = job->object(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    error
        = runJob(images.patch(fingerprint, QJsonObject {{QStringLiteral("public"), false}}, current.etag()));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    const QJsonObject patched = lxcQuery(QStringLiteral("/1.0/images/") + fingerprint);
    QCOMPARE(patched.value(QLatin1String("public")).toBool(), false);
    QCOMPARE(
        patched.value(QLatin1String("properties")).toObject().value(QLatin1String("berth.other")).toString(),
        QStringLiteral("lxc"));

    error = runJob(images.remove(fingerprint));
    QVERIFY2(!error, qPrintable(error.userMessage()));
}

void TestImages::copyToSecondDaemon_data()
{
    QTest::addColumn<QString>("transport");
    QTest::addColumn<ImageCopyJob::Mode>("mode");
    QTest::newRow("pull, unix source") << QStringLiteral("unix") << ImageCopyJob::Mode::Pull;
    QTest::newRow("pull, https source") << QStringLiteral("https-token") << ImageCopyJob::Mode::Pull;
    QTest::newRow("push") << QStringLiteral("unix") << ImageCopyJob::Mode::Push;
    QTest::newRow("relay") << QStringLiteral("unix") << ImageCopyJob::Mode::Relay;
}

void TestImages::copyToSecondDaemon()
{
    BERTH_REQUIRE_TESTBED();
    QFETCH(QString, transport);
    QFETCH(ImageCopyJob::Mode, mode);
    const QString tag = unique(QStringLiteral("copy"));
    // A private image with an alias: the pull needs a secret from the source.
    const QString fingerprint = importNewImage(tag, ImagesPost().addAlias(tag));
    QVERIFY(!fingerprint.isEmpty());
    m_aliases.append(tag);
    forget(Testbed::Daemon::Second, fingerprint);

    ImageCopyJob::Options options;
    options.mode = mode;
    options.copyAliases = true;
    options.image.addAlias(tag + QStringLiteral("-copy"), QStringLiteral("copied by Berth"));
    QString copied;
    QList<ImageCopyJob::Stage> stages;
    ImageCopyJob *job = ImageManager(clientFor(transport)).copy(fingerprint, m_second, options);
    connect(job, &ImageCopyJob::stageChanged, this, [&](ImageCopyJob::Stage stage) { stages.append(stage); });
    Error error = runJob(job, [&](ImageCopyJob *done) { copied = done->fingerprint(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(copied, fingerprint);
    QCOMPARE(stages.last(), ImageCopyJob::Stage::Done);
    if (mode != ImageCopyJob::Mode::Relay)
        QVERIFY(stages.contains(ImageCopyJob::Stage::Token));

    // On the second daemon, seen from outside: the same image, private, with both aliases.
    const QJsonObject there = lxcQuery(QStringLiteral("/1.0/images/") + fingerprint, Testbed::Daemon::Second);
    QCOMPARE(there.value(QLatin1String("fingerprint")).toString(), fingerprint);
    QCOMPARE(there.value(QLatin1String("public")).toBool(), false);
    QStringList aliases;
    const QJsonArray aliasArray = there.value(QLatin1String("aliases")).toArray();
    for (const QJsonValue &alias : aliasArray)
        aliases.append(alias.toObject().value(QLatin1String("name")).toString());
    aliases.sort();
    QCOMPARE(aliases, (QStringList {tag, tag + QStringLiteral("-copy")}));

    // No secret for this image is left usable on either daemon.
    for (const Testbed::Daemon daemon : {Testbed::Daemon::Local, Testbed::Daemon::Second}) {
        const QJsonArray running = lxcQuery(QStringLiteral("/1.0/operations?recursion=1"), daemon)
                                       .value(QLatin1String("running"))
                                       .toArray();
        for (const QJsonValue &operation : running) {
            const QJsonArray images = operation.toObject()
                                          .value(QLatin1String("resources"))
                                          .toObject()
                                          .value(QLatin1String("images"))
                                          .toArray();
            for (const QJsonValue &image : images)
                QVERIFY2(!image.toString().contains(fingerprint), "a token operation is still running");
        }
    }

    // Deleted there with Berth; the source keeps its copy until we delete that too.
    const ImageManager second(m_second);
    error = runJob(second.remove(fingerprint));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    bool exists = true;
    waitAndRead(second.exists(fingerprint), [&](Lxd::ExistsJob *done) { exists = done->exists(); });
    QVERIFY(!exists);
    QCOMPARE(
        lxcQuery(QStringLiteral("/1.0/images/") + fingerprint).value(QLatin1String("fingerprint")).toString(),
        fingerprint);
    error = runJob(ImageManager(clientFor(QStringLiteral("unix"))).remove(fingerprint));
    QVERIFY2(!error, qPrintable(error.userMessage()));
}

void TestImages::refreshFollowsTheSourceAlias()
{
    BERTH_REQUIRE_TESTBED();
    const ImageManager local(clientFor(QStringLiteral("unix")));
    const ImageManager second(m_second);
    // Two public images on the local daemon and an alias pointing at the first.
    const QString first = importNewImage(unique(QStringLiteral("v1")), ImagesPost().setPublic(true));
    const QString next = importNewImage(unique(QStringLiteral("v2")), ImagesPost().setPublic(true));
    QVERIFY(!first.isEmpty() && !next.isEmpty());
    forget(Testbed::Daemon::Second, first);
    forget(Testbed::Daemon::Second, next);
    const QString alias = unique(QStringLiteral("stream"));
    m_aliases.append(alias);
    Error error = runJob(local.addAlias(alias, first));
    QVERIFY2(!error, qPrintable(error.userMessage()));

    // The second daemon takes the image by that alias, and remembers where it came from.
    QString certificate;
    error = runJob(local.client().api(QByteArrayLiteral("GET"), QString()), [&](Lxd::ApiJob *job) {
        certificate = job->metadata()
                          .toObject()
                          .value(QLatin1String("environment"))
                          .toObject()
                          .value(QLatin1String("certificate"))
                          .toString();
    });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    const QString server = QStringLiteral("https://") + Testbed::httpsAddress();
    QString fingerprint;
    error = runJob(
        second.create(ImagesPost::fromLxdServerAlias(server, alias, certificate).setAutoUpdate(true)),
        [&](Lxd::ImageCreateJob *job) { fingerprint = job->fingerprint(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(fingerprint, first);
    Image copy;
    error = runJob(second.get(first), [&](Lxd::ObjectJob<Image> *job) { copy = job->object(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QVERIFY(copy.autoUpdate());
    QCOMPARE(copy.updateSource().value(QLatin1String("alias")).toString(), alias);
    QCOMPARE(copy.updateSource().value(QLatin1String("server")).toString(), server);

    // Nothing new yet.
    QJsonObject metadata;
    error
        = runJob(second.refresh(first), [&](Lxd::OperationJob *job) { metadata = job->operationMetadata(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(metadata.value(QLatin1String("refreshed")).toBool(true), false);

    // The alias moves to the next image: a refresh replaces the copy with it.
    ImageAlias entry;
    error = runJob(local.getAlias(alias), [&](Lxd::ObjectJob<ImageAlias> *job) { entry = job->object(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    entry.setTarget(next);
    error = runJob(local.saveAlias(entry));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    error
        = runJob(second.refresh(first), [&](Lxd::OperationJob *job) { metadata = job->operationMetadata(); });
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QCOMPARE(metadata.value(QLatin1String("refreshed")).toBool(), true);
    QCOMPARE(lxcQuery(QStringLiteral("/1.0/images/") + next, Testbed::Daemon::Second)
                 .value(QLatin1String("fingerprint"))
                 .toString(),
             next);
    QVERIFY(lxcQuery(QStringLiteral("/1.0/images/") + first, Testbed::Daemon::Second).isEmpty());

    // A refresh of an image with no source to follow fails with the daemon's reason.
    error = runJob(local.refresh(first));
    QVERIFY(error);

    QVERIFY(!runJob(second.remove(next)));
    QVERIFY(!runJob(local.removeAlias(alias)));
    QVERIFY(!runJob(local.remove(first)));
    QVERIFY(!runJob(local.remove(next)));
}

void TestImages::failuresAreErrors()
{
    BERTH_REQUIRE_TESTBED();
    const ImageManager images(clientFor(QStringLiteral("unix")));

    // A file that is not there: a local error, nothing sent.
    Error error = runJob(images.createFromFile(tempPath(QStringLiteral("no-such-image.tar.gz"))));
    QCOMPARE(error.kind(), Error::Kind::Io);
    error = runJob(images.createFromFiles(m_busyboxMetadata, tempPath(QStringLiteral("no-such-rootfs"))));
    QCOMPARE(error.kind(), Error::Kind::Io);

    // An upload whose bytes are not what the caller expected: the daemon refuses it.
    error
        = runJob(images.createFromFiles(m_busyboxMetadata, m_busyboxRootfs,
                                        ImagesPost().setExpectedFingerprint(QString(64, QLatin1Char('1')))));
    QCOMPARE(error.kind(), Error::Kind::Operation);

    // An export to a folder that does not exist, and of an image that does not exist.
    const QString nowhere = tempPath(QStringLiteral("missing-folder/image"));
    error = runJob(images.exportToFiles(m_busybox, nowhere, nowhere + QStringLiteral("-rootfs")));
    QCOMPARE(error.kind(), Error::Kind::Io);
    const QString missingTarget = tempPath(QStringLiteral("missing-image"));
    error = runJob(images.exportToFiles(QString(64, QLatin1Char('0')), missingTarget));
    QVERIFY(error.isNotFound());
    QVERIFY(!QFile::exists(missingTarget));

    // A cancelled export leaves no partial files.
    const QString cancelled = tempPath(QStringLiteral("cancelled-meta"));
    Lxd::ImageExportJob *job
        = images.exportToFiles(m_busybox, cancelled, cancelled + QStringLiteral("-rootfs"));
    job->cancel();
    error = runJob(job);
    QVERIFY(error.isCancelled());
    QVERIFY(!QFile::exists(cancelled));
    QVERIFY(!QFile::exists(cancelled + QStringLiteral("-rootfs")));

    error = runJob(images.remove(QString(64, QLatin1Char('0'))));
    QVERIFY(error.isNotFound());
}

QTEST_GUILESS_MAIN(TestImages)
#include "tst_images.moc"
