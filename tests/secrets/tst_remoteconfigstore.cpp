// RemoteConfigStore: Berth's list of remotes as a file in its configuration folder.
#include "SecretsTestSupport.h"
#include "secrets/RemoteConfig.h"
#include "secrets/RemoteConfigStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using Secrets::RemoteConfig;
using Secrets::RemoteConfigStore;
using SecretsTestSupport::filesBelow;

namespace {

RemoteConfigStore::Contents sample()
{
    RemoteConfigStore::Contents contents;
    RemoteConfig local;
    local.name = QStringLiteral("local");
    local.socketPath = QStringLiteral("/var/lib/lxd/unix.socket");
    RemoteConfig second;
    second.name = QStringLiteral("second");
    second.url = QUrl(QStringLiteral("https://127.0.0.2:8443"));
    // Upper case with colons, as some tools show it: kept normalised.
    second.pinnedFingerprint = QByteArrayLiteral(
        "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89");
    second.project = QStringLiteral("berth");
    second.authType = QStringLiteral("tls");
    second.clientIdentity = QStringLiteral("lxc");
    RemoteConfig images;
    images.name = QStringLiteral("images");
    images.url = QUrl(QStringLiteral("https://images.linuxcontainers.org"));
    images.protocol = RemoteConfig::Protocol::SimpleStreams;
    images.isPublic = true;
    contents.remotes = {local, second, images};
    contents.defaultRemote = QStringLiteral("second");
    return contents;
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(data);
}

} // namespace

class RemoteConfigStoreTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void roundTrip()
    {
        const RemoteConfigStore store(m_dir->path());
        const auto contents = sample();
        QVERIFY(!store.save(contents));
        QCOMPARE(filesBelow(m_dir->path()), QStringList {store.filePath()});

        RemoteConfigStore::Contents loaded;
        const Lxd::Error error = RemoteConfigStore(m_dir->path()).load(&loaded);
        QVERIFY2(!error, qPrintable(error.detail()));
        QCOMPARE(loaded.remotes.size(), 3);
        QCOMPARE(loaded.remotes, contents.remotes);
        QCOMPARE(loaded.defaultRemote, QStringLiteral("second"));
        QCOMPARE(loaded.remotes.at(1).pinnedFingerprint,
                 QByteArrayLiteral("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"));
        QVERIFY(loaded.remotes.at(0).isLocal());
        QVERIFY(loaded.remotes.at(2).isImageSource());
        QCOMPARE(loaded.indexOf(QStringLiteral("images")), 2);
        QCOMPARE(loaded.indexOf(QStringLiteral("nope")), -1);

        // Saved again with a change: replaced, no temporary file left behind.
        loaded.remotes.removeAt(2);
        QVERIFY(!store.save(loaded));
        QCOMPARE(filesBelow(m_dir->path()), QStringList {store.filePath()});
        RemoteConfigStore::Contents reloaded;
        QVERIFY(!store.load(&reloaded));
        QCOMPARE(reloaded.remotes.size(), 2);
    }

    void missingFileIsAnEmptyList()
    {
        RemoteConfigStore::Contents contents = sample();
        QVERIFY(!RemoteConfigStore(m_dir->path()).load(&contents));
        QVERIFY(contents.remotes.isEmpty());
        QVERIFY(contents.defaultRemote.isEmpty());
    }

    void unreadableFilesAreNamed_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArrayLiteral("remotes: [") << QStringLiteral("not JSON");
        QTest::newRow("a list") << QByteArrayLiteral("[]") << QStringLiteral("not a remote list");
        QTest::newRow("no version") << QByteArrayLiteral("{\"remotes\": []}") << QStringLiteral("no version");
        QTest::newRow("newer") << QByteArrayLiteral("{\"version\": 7, \"remotes\": []}")
                               << QStringLiteral("newer Berth");
        QTest::newRow("unknown protocol") << QByteArrayLiteral(
            "{\"version\": 1, \"remotes\": [{\"name\": \"a\", \"url\": \"https://h:8443\", "
            "\"protocol\": \"ftp\"}]}") << QStringLiteral("unknown protocol");
        QTest::newRow("default not listed")
            << QByteArrayLiteral("{\"version\": 1, \"default-remote\": \"b\", \"remotes\": []}")
            << QStringLiteral("default remote");
        QTest::newRow("bad pin") << QByteArrayLiteral(
            "{\"version\": 1, \"remotes\": [{\"name\": \"a\", \"url\": "
            "\"https://h:8443\", \"pinned-fingerprint\": \"xyz\"}]}")
                                 << QStringLiteral("fingerprint");
    }
    void unreadableFilesAreNamed()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, expected);
        const RemoteConfigStore store(m_dir->path());
        writeFile(store.filePath(), data);
        RemoteConfigStore::Contents contents = sample();
        const Lxd::Error error = store.load(&contents);
        QVERIFY(error);
        QCOMPARE(error.kind(), Lxd::Error::Kind::Parse);
        QVERIFY2(error.detail().contains(store.filePath()), qPrintable(error.detail()));
        QVERIFY2(error.detail().contains(expected), qPrintable(error.detail()));
        QVERIFY(contents.remotes.isEmpty());
    }

    void invalidListsAreNotSaved_data()
    {
        QTest::addColumn<int>("breakage");
        QTest::newRow("same name twice") << 0;
        QTest::newRow("default missing") << 1;
        QTest::newRow("no address") << 2;
        QTest::newRow("socket and url") << 3;
        QTest::newRow("name with colon") << 4;
        QTest::newRow("simplestreams over a socket") << 5;
    }
    void invalidListsAreNotSaved()
    {
        QFETCH(int, breakage);
        auto contents = sample();
        switch (breakage) {
        case 0:
            contents.remotes[2].name = QStringLiteral("local");
            break;
        case 1:
            contents.defaultRemote = QStringLiteral("elsewhere");
            break;
        case 2:
            contents.remotes[1].url = QUrl();
            break;
        case 3:
            contents.remotes[0].url = QUrl(QStringLiteral("https://h:8443"));
            break;
        case 4:
            contents.remotes[1].name = QStringLiteral("a:b");
            break;
        case 5:
            contents.remotes[0].protocol = RemoteConfig::Protocol::SimpleStreams;
            break;
        }
        QVERIFY(!contents.validate().isEmpty());
        const RemoteConfigStore store(m_dir->path());
        QVERIFY(store.save(contents));
        QCOMPARE(filesBelow(m_dir->path()), QStringList());
    }

    void fileHasNoSecretFields()
    {
        const RemoteConfigStore store(m_dir->path());
        QVERIFY(!store.save(sample()));
        QFile file(store.filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject remote = QJsonDocument::fromJson(file.readAll())
                                       .object()
                                       .value(QLatin1String("remotes"))
                                       .toArray()
                                       .at(1)
                                       .toObject();
        QStringList keys = remote.keys();
        keys.sort();
        QCOMPARE(
            keys,
            (QStringList {QStringLiteral("auth-type"), QStringLiteral("client-identity"),
                          QStringLiteral("name"), QStringLiteral("pinned-fingerprint"),
                          QStringLiteral("project"), QStringLiteral("protocol"), QStringLiteral("url")}));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(RemoteConfigStoreTest)

#include "tst_remoteconfigstore.moc"
