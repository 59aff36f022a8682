// LxcConfigImporter on sample lxc and Incus configuration folders written in a temporary folder.
#include "SecretsTestSupport.h"
#include "lxd/TlsIdentity.h"
#include "secrets/ClientCertificateGenerator.h"
#include "secrets/LxcConfigImporter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using Secrets::ClientCertificateGenerator;
using Secrets::LxcConfigImporter;
using Secrets::RemoteConfig;
using SecretsTestSupport::filesBelow;

namespace {

const QByteArray lxcConfig = QByteArrayLiteral("default-remote: second\n"
                                               "remotes:\n"
                                               "  images:\n"
                                               "    addr: https://images.linuxcontainers.org\n"
                                               "    protocol: simplestreams\n"
                                               "    public: true\n"
                                               "  local:\n"
                                               "    addr: unix://\n"
                                               "    public: false\n"
                                               "  second:\n"
                                               "    addr: https://127.0.0.2:8443\n"
                                               "    auth_type: tls\n"
                                               "    project: berth\n"
                                               "    protocol: lxd\n"
                                               "    public: false\n"
                                               "  elsewhere:\n"
                                               "    addr: unix:///run/custom/lxd.socket\n"
                                               "aliases: {}\n");

void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    file.write(data);
}

// Contents and modification times of everything below `directory`: the importer must change nothing.
QHash<QString, QByteArray> snapshot(const QString &directory)
{
    QHash<QString, QByteArray> state;
    for (const QString &path : filesBelow(directory)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        state.insert(path,
                     QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex() + ' '
                         + QByteArray::number(QFileInfo(path).lastModified().toMSecsSinceEpoch()));
    }
    return state;
}

const RemoteConfig *find(const QList<RemoteConfig> &remotes, const QString &name)
{
    for (const RemoteConfig &remote : remotes) {
        if (remote.name == name)
            return &remote;
    }
    return nullptr;
}

} // namespace

class LxcConfigImporterTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The user's own configuration must not leak into these tests.
        qunsetenv("LXD_CONF");
        qunsetenv("INCUS_CONF");
        qunsetenv("LXD_DIR");
        qunsetenv("LXD_SOCKET");
        qunsetenv("INCUS_DIR");
        qunsetenv("INCUS_SOCKET");
        m_client = ClientCertificateGenerator::generate();
        QVERIFY(m_client.isValid());
        ClientCertificateGenerator::Options options;
        options.serverAuth = true;
        m_server = ClientCertificateGenerator::generate(options);
        QVERIFY(m_server.isValid());
    }
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void importsAnLxcFolder()
    {
        const QDir dir(m_dir->path());
        writeFile(dir.filePath(QStringLiteral("config.yml")), lxcConfig);
        writeFile(dir.filePath(QStringLiteral("servercerts/second.crt")), m_server.certificatePem);
        writeFile(dir.filePath(QStringLiteral("client.crt")), m_client.certificatePem);
        writeFile(dir.filePath(QStringLiteral("client.key")), m_client.privateKeyPem);
        QFile::setPermissions(dir.filePath(QStringLiteral("client.key")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const auto before = snapshot(m_dir->path());
        QTest::qWait(20); // so that a rewrite would show in the modification times

        const auto source = LxcConfigImporter::sourceAt(m_dir->path(), LxcConfigImporter::Tool::Lxc);
        const auto result = LxcConfigImporter::importFrom(source);
        QVERIFY2(!result.error, qPrintable(result.error.detail()));
        QVERIFY2(result.warnings.isEmpty(), qPrintable(result.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(snapshot(m_dir->path()), before);

        QCOMPARE(result.defaultRemote, QStringLiteral("second"));
        QCOMPARE(result.remotes.size(), 4);
        QCOMPARE(result.servers().size(), 3);
        QCOMPARE(result.imageSources().size(), 1);

        const RemoteConfig *images = find(result.remotes, QStringLiteral("images"));
        QVERIFY(images);
        QVERIFY(images->isImageSource());
        QVERIFY(images->isPublic);
        QCOMPARE(images->url, QUrl(QStringLiteral("https://images.linuxcontainers.org")));
        QVERIFY(images->clientIdentity.isEmpty());

        const RemoteConfig *local = find(result.remotes, QStringLiteral("local"));
        QVERIFY(local);
        QVERIFY(local->isLocal());
        QCOMPARE(local->socketPath, source.localSocket);
        QVERIFY(local->clientIdentity.isEmpty());

        const RemoteConfig *elsewhere = find(result.remotes, QStringLiteral("elsewhere"));
        QVERIFY(elsewhere);
        QCOMPARE(elsewhere->socketPath, QStringLiteral("/run/custom/lxd.socket"));

        const RemoteConfig *second = find(result.remotes, QStringLiteral("second"));
        QVERIFY(second);
        QCOMPARE(second->url, QUrl(QStringLiteral("https://127.0.0.2:8443")));
        QCOMPARE(second->protocol, RemoteConfig::Protocol::Lxd);
        QCOMPARE(second->project, QStringLiteral("berth"));
        QCOMPARE(second->authType, QStringLiteral("tls"));
        QCOMPARE(second->pinnedFingerprint,
                 Lxd::TlsIdentity::fingerprint(m_server.identity().clientCertificate()));
        QCOMPARE(second->clientIdentity, QStringLiteral("lxc"));
        QVERIFY(second->validate().isEmpty());

        QVERIFY(result.hasClientCertificate());
        QCOMPARE(result.clientCertificatePem, m_client.certificatePem);
        QCOMPARE(result.clientKeyPem, m_client.privateKeyPem);
        QVERIFY(Lxd::TlsIdentity::fromPem(result.clientCertificatePem, result.clientKeyPem)
                    .hasClientCertificate());
    }

    void importsAnIncusFolder()
    {
        const QDir dir(m_dir->path());
        writeFile(dir.filePath(QStringLiteral("config.yml")),
                  QByteArrayLiteral("default-remote: local\n"
                                    "remotes:\n"
                                    "  images:\n"
                                    "    addr: https://images.linuxcontainers.org\n"
                                    "    protocol: simplestreams\n"
                                    "    public: true\n"
                                    "  local:\n"
                                    "    addr: unix://\n"
                                    "    protocol: incus\n"
                                    "    public: false\n"));
        const auto source = LxcConfigImporter::sourceAt(m_dir->path(), LxcConfigImporter::Tool::Incus);
        QCOMPARE(source.identityName, QStringLiteral("incus"));
        QVERIFY(source.localSocket.contains(QLatin1String("incus")));
        const auto result = LxcConfigImporter::importFrom(source);
        QVERIFY2(!result.error, qPrintable(result.error.detail()));
        QCOMPARE(result.remotes.size(), 2);
        const RemoteConfig *local = find(result.remotes, QStringLiteral("local"));
        QVERIFY(local);
        QCOMPARE(local->socketPath, source.localSocket);
        QCOMPARE(local->protocol, RemoteConfig::Protocol::Lxd);
        QVERIFY(!result.hasClientCertificate());
    }

    void malformedYamlNamesFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        // Where the parser notices: at the end of the file.
        QTest::newRow("unclosed flow list") << QByteArrayLiteral("default-remote: local\n"
                                                                 "remotes:\n"
                                                                 "  a:\n"
                                                                 "    addr: [https://h:8443\n")
                                            << 5;
        QTest::newRow("bad indentation") << QByteArrayLiteral("remotes:\n"
                                                              "  a:\n"
                                                              "    addr: https://h:8443\n"
                                                              "   protocol: lxd\n")
                                         << 4;
        QTest::newRow("a colon too many") << QByteArrayLiteral("remotes:\n"
                                                               "  a:\n"
                                                               "    addr: a: b\n")
                                          << 3;
        QTest::newRow("remotes is a list") << QByteArrayLiteral("default-remote: a\n"
                                                                "remotes:\n"
                                                                "  - a\n")
                                           << 3;
        QTest::newRow("not a map") << QByteArrayLiteral("just text\n") << 1;
    }
    void malformedYamlNamesFileAndLine()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        const QString path = QDir(m_dir->path()).filePath(QStringLiteral("config.yml"));
        writeFile(path, yaml);
        const auto before = snapshot(m_dir->path());
        const auto result = LxcConfigImporter::importFrom(
            LxcConfigImporter::sourceAt(m_dir->path(), LxcConfigImporter::Tool::Lxc));
        QVERIFY(result.error);
        QCOMPARE(result.error.kind(), Lxd::Error::Kind::Parse);
        const QString detail = result.error.detail();
        QVERIFY2(detail.contains(path), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("line %1,").arg(line)), qPrintable(detail));
        QVERIFY(result.remotes.isEmpty());
        QCOMPARE(snapshot(m_dir->path()), before);
    }

    void oddRemotesAreSkippedWithAWarning()
    {
        const QDir dir(m_dir->path());
        writeFile(dir.filePath(QStringLiteral("config.yml")),
                  QByteArrayLiteral("remotes:\n"
                                    "  good:\n"
                                    "    addr: https://10.0.0.1:8443\n"
                                    "  noaddress:\n"
                                    "    public: false\n"
                                    "  weird:\n"
                                    "    addr: https://10.0.0.2:8443\n"
                                    "    protocol: gopher\n"
                                    "  listy:\n"
                                    "    addr: [a, b]\n"
                                    "  notabool:\n"
                                    "    addr: https://10.0.0.3:8443\n"
                                    "    public: maybe\n"));
        // A key without its certificate is no identity.
        writeFile(dir.filePath(QStringLiteral("client.key")), m_client.privateKeyPem);
        const auto result = LxcConfigImporter::importFrom(
            LxcConfigImporter::sourceAt(m_dir->path(), LxcConfigImporter::Tool::Lxc));
        QVERIFY2(!result.error, qPrintable(result.error.detail()));
        QCOMPARE(result.remotes.size(), 1);
        QCOMPARE(result.remotes.constFirst().name, QStringLiteral("good"));
        QVERIFY(result.remotes.constFirst().clientIdentity.isEmpty());
        QVERIFY(!result.hasClientCertificate());
        const QString warnings = result.warnings.join(QLatin1Char('\n'));
        for (const char *expected : {"noaddress", "gopher", "listy", "notabool", "no server certificate",
                                     "client.key but not client.crt", "line 10,"})
            QVERIFY2(warnings.contains(QLatin1String(expected)),
                     qPrintable(QLatin1String(expected) + QStringLiteral(" in:\n") + warnings));
        // Warnings never quote the key.
        QVERIFY(!warnings.contains(QString::fromLatin1(m_client.privateKeyPem.mid(40, 24))));
    }

    void emptyAndMissingConfigs()
    {
        const QDir dir(m_dir->path());
        auto result = LxcConfigImporter::importFrom(
            LxcConfigImporter::sourceAt(m_dir->path(), LxcConfigImporter::Tool::Lxc));
        QVERIFY(!result.error);
        QVERIFY(result.remotes.isEmpty());

        writeFile(dir.filePath(QStringLiteral("config.yml")), QByteArray());
        result = LxcConfigImporter::importFrom(
            LxcConfigImporter::sourceAt(m_dir->path(), LxcConfigImporter::Tool::Lxc));
        QVERIFY(!result.error);
        QVERIFY(result.remotes.isEmpty());
    }

    void findsTheUsualFolders()
    {
        const QDir home(m_dir->path());
        QVERIFY(LxcConfigImporter::findSources(home.path()).isEmpty());
        writeFile(home.filePath(QStringLiteral(".config/lxc/config.yml")), lxcConfig);
        writeFile(home.filePath(QStringLiteral("snap/lxd/common/config/client.crt")),
                  m_client.certificatePem);
        writeFile(home.filePath(QStringLiteral(".config/incus/config.yml")),
                  QByteArrayLiteral("remotes: {}\n"));
        // A folder with nothing to import is not offered.
        home.mkpath(QStringLiteral(".config/lxc-empty"));

        auto sources = LxcConfigImporter::findSources(home.path());
        QCOMPARE(sources.size(), 3);
        QCOMPARE(sources.at(0).directory, home.filePath(QStringLiteral(".config/lxc")));
        QCOMPARE(sources.at(0).tool, LxcConfigImporter::Tool::Lxc);
        QCOMPARE(sources.at(1).directory, home.filePath(QStringLiteral("snap/lxd/common/config")));
        QCOMPARE(sources.at(1).identityName, QStringLiteral("lxc-snap"));
        QCOMPARE(sources.at(1).localSocket, QStringLiteral("/var/snap/lxd/common/lxd/unix.socket"));
        QCOMPARE(sources.at(2).tool, LxcConfigImporter::Tool::Incus);

        // $LXD_CONF replaces ~/.config/lxc, as it does for lxc.
        QTemporaryDir elsewhere;
        writeFile(QDir(elsewhere.path()).filePath(QStringLiteral("config.yml")), lxcConfig);
        qputenv("LXD_CONF", QFile::encodeName(elsewhere.path()));
        sources = LxcConfigImporter::findSources(home.path());
        qunsetenv("LXD_CONF");
        QCOMPARE(sources.size(), 3);
        QCOMPARE(sources.at(0).directory, elsewhere.path());
        QCOMPARE(sources.at(0).origin, QStringLiteral("$LXD_CONF"));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    ClientCertificateGenerator::Result m_client;
    ClientCertificateGenerator::Result m_server;
};

QTEST_GUILESS_MAIN(LxcConfigImporterTest)

#include "tst_lxcconfigimporter.moc"
