#include "LxcCommand.h"
#include "ModelChangeRecorder.h"
#include "Testbed.h"
#include "models/CertificateTableModel.h"
#include "models/NetworkTableModel.h"
#include "models/ResourceCache.h"
#include "models/StoragePoolTableModel.h"
#include "models/WarningTableModel.h"
#include "secrets/ClientCertificateGenerator.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using Models::ResourceCache;
using Models::ResourceKind;
using Models::ResourceTableModel;

namespace {

constexpr int Timeout = 5000; // events arrive in milliseconds; this is for a loaded CI machine

} // namespace

// The server-wide kinds (and networks, which live in the default project) against the real daemon.
// Other suites may create such objects at the same time, so each check is about this suite's own
// objects, by name: one insert, changes on that row only, one remove, and never a reset.
class TestServerModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void networks();
    void storagePools();
    void certificates();
    void warnings();

private:
    ResourceCache *loadedCache(const ResourceKind &kind);
    static LxcResult lxc(const QStringList &arguments)
    {
        const LxcResult result = LxcCommand::run(arguments);
        if (!result.ok())
            qWarning("lxc %s: %s", qPrintable(arguments.join(QLatin1Char(' '))),
                     qPrintable(result.errorOutput));
        return result;
    }
    static QJsonValue query(const QString &path);

    Lxd::Client m_client;
    QString m_suffix;
    QStringList m_networks;
    QStringList m_pools;
    QStringList m_certificates;
    QTemporaryDir m_temporary;
};

ResourceCache *TestServerModels::loadedCache(const ResourceKind &kind)
{
    auto *cache = new ResourceCache(m_client, kind, this);
    cache->load();
    return cache;
}

QJsonValue TestServerModels::query(const QString &path)
{
    const LxcResult result = lxc({QStringLiteral("query"), path});
    const QJsonDocument document = QJsonDocument::fromJson(result.output.toUtf8());
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

void TestServerModels::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    QVERIFY(m_temporary.isValid());
    m_suffix = QUuid::createUuid().toString(QUuid::Id128).left(6);
    m_client = Lxd::Client::overUnixSocket(Testbed::socketPath());
}

void TestServerModels::cleanupTestCase()
{
    for (const QString &network : std::as_const(m_networks))
        lxc({QStringLiteral("network"), QStringLiteral("delete"), network});
    for (const QString &pool : std::as_const(m_pools))
        lxc({QStringLiteral("storage"), QStringLiteral("delete"), pool});
    for (const QString &fingerprint : std::as_const(m_certificates))
        lxc({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("remove"), fingerprint});
}

void TestServerModels::networks()
{
    ResourceCache *cache = loadedCache(ResourceKind::networks());
    Models::NetworkTableModel model(cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(cache->state(), ResourceCache::State::Ready, 15000);
    const int lxdbr0 = model.rowOf(QStringLiteral("default"), QStringLiteral("lxdbr0"));
    QVERIFY(lxdbr0 >= 0);
    QCOMPARE(model.index(lxdbr0, Models::NetworkTableModel::Type).data().toString(),
             QStringLiteral("bridge"));
    QCOMPARE(model.index(lxdbr0, Models::NetworkTableModel::IPv4).data().toString(), QStringLiteral("none"));
    ModelChangeRecorder changes(&model);

    // A bridge without addresses (never an address on these machines); names are at most 15 characters.
    const QString network = QStringLiteral("bnet") + m_suffix;
    m_networks.append(network);
    QVERIFY(lxc({QStringLiteral("network"), QStringLiteral("create"), network,
                 QStringLiteral("ipv4.address=none"), QStringLiteral("ipv6.address=none")})
                .ok());
    QTRY_VERIFY_WITH_TIMEOUT(changes.inserted.contains(network), Timeout);
    const int row = model.rowOf(QStringLiteral("default"), network);
    QCOMPARE(model.index(row, Models::NetworkTableModel::Managed).data().toString(), tr("Yes"));

    QVERIFY(lxc({QStringLiteral("network"), QStringLiteral("set"), network, QStringLiteral("user.berth=1")})
                .ok());
    QTRY_COMPARE_WITH_TIMEOUT(model.index(row, 0)
                                  .data(ResourceTableModel::ObjectRole)
                                  .toJsonObject()
                                  .value(QLatin1String("config"))
                                  .toObject()
                                  .value(QLatin1String("user.berth"))
                                  .toString(),
                              QStringLiteral("1"), Timeout);

    const QString renamed = network + QStringLiteral("r");
    m_networks.append(renamed);
    QVERIFY(lxc({QStringLiteral("network"), QStringLiteral("rename"), network, renamed}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(model.index(row, Models::NetworkTableModel::Name).data().toString(), renamed,
                              Timeout);

    QVERIFY(lxc({QStringLiteral("network"), QStringLiteral("delete"), renamed}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(changes.removed.contains(renamed), Timeout);
    QCOMPARE(changes.count(changes.inserted, network), 1);
    QCOMPARE(changes.count(changes.removed, renamed), 1);
    QVERIFY(!changes.changed.contains(QStringLiteral("lxdbr0")));
    QVERIFY(changes.nothingReset());
    QCOMPARE(cache->listingsMade(), 1);
}

void TestServerModels::storagePools()
{
    ResourceCache *cache = loadedCache(ResourceKind::storagePools());
    Models::StoragePoolTableModel model(cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(cache->state(), ResourceCache::State::Ready, 15000);
    const int defaultPool = model.rowOf(QString(), QStringLiteral("default"));
    QVERIFY(defaultPool >= 0);
    QCOMPARE(model.index(defaultPool, Models::StoragePoolTableModel::Driver).data().toString(),
             QStringLiteral("dir"));
    ModelChangeRecorder changes(&model);

    // A `dir` pool in a temporary directory.
    const QString pool = QStringLiteral("berth-pool-") + m_suffix;
    const QString source = m_temporary.filePath(QStringLiteral("pool"));
    m_pools.append(pool);
    QVERIFY(QDir().mkpath(source));
    const LxcResult created = lxc({QStringLiteral("storage"), QStringLiteral("create"), pool,
                                   QStringLiteral("dir"), QStringLiteral("source=") + source});
    QVERIFY2(created.ok(), qPrintable(created.errorOutput));
    QTRY_VERIFY_WITH_TIMEOUT(changes.inserted.contains(pool), Timeout);
    const int row = model.rowOf(QString(), pool);
    QTRY_COMPARE_WITH_TIMEOUT(model.index(row, Models::StoragePoolTableModel::Source).data().toString(),
                              source, Timeout);
    QCOMPARE(model.index(row, 0).data(ResourceTableModel::TypeRole).toString(), QStringLiteral("dir"));

    QVERIFY(
        lxc({QStringLiteral("storage"), QStringLiteral("set"), pool, QStringLiteral("user.berth=1")}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(model.index(row, 0)
                                  .data(ResourceTableModel::ObjectRole)
                                  .toJsonObject()
                                  .value(QLatin1String("config"))
                                  .toObject()
                                  .value(QLatin1String("user.berth"))
                                  .toString(),
                              QStringLiteral("1"), Timeout);

    QVERIFY(lxc({QStringLiteral("storage"), QStringLiteral("delete"), pool}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(changes.removed.contains(pool), Timeout);
    QCOMPARE(changes.count(changes.inserted, pool), 1);
    QCOMPARE(changes.count(changes.removed, pool), 1);
    QVERIFY(!changes.changed.contains(QStringLiteral("default")));
    QVERIFY(changes.nothingReset());
    QCOMPARE(cache->listingsMade(), 1);
}

void TestServerModels::certificates()
{
    ResourceCache *cache = loadedCache(ResourceKind::certificates());
    Models::CertificateTableModel model(cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(cache->state(), ResourceCache::State::Ready, 15000);
    ModelChangeRecorder changes(&model);

    const Secrets::ClientCertificateGenerator::Result generated
        = Secrets::ClientCertificateGenerator::generate();
    QVERIFY2(generated.isValid(), qPrintable(generated.error));
    const QString file = m_temporary.filePath(QStringLiteral("client.crt"));
    QFile pem(file);
    QVERIFY(pem.open(QIODevice::WriteOnly));
    pem.write(generated.certificatePem);
    pem.close();
    const QString fingerprint = QString::fromLatin1(
        QSslCertificate(generated.certificatePem).digest(QCryptographicHash::Sha256).toHex());
    const QString name = QStringLiteral("berth-cert-") + m_suffix;
    m_certificates.append(fingerprint);
    QVERIFY(lxc({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("add"), file,
                 QStringLiteral("--name"), name})
                .ok());
    QTRY_VERIFY_WITH_TIMEOUT(changes.inserted.contains(fingerprint), Timeout);
    const int row = model.rowOf(QString(), fingerprint);
    QCOMPARE(model.index(row, Models::CertificateTableModel::Name).data().toString(), name);
    QCOMPARE(model.index(row, Models::CertificateTableModel::Type).data().toString(),
             QStringLiteral("client"));
    QCOMPARE(model.index(row, Models::CertificateTableModel::Fingerprint).data().toString(),
             fingerprint.left(12));

    // Restricted to the default project: certificate-updated.
    QVERIFY(lxc({QStringLiteral("query"), QStringLiteral("-X"), QStringLiteral("PATCH"),
                 QStringLiteral("/1.0/certificates/") + fingerprint, QStringLiteral("--data"),
                 QStringLiteral(R"({"restricted": true, "projects": ["default"]})")})
                .ok());
    QTRY_COMPARE_WITH_TIMEOUT(model.index(row, Models::CertificateTableModel::Projects).data().toString(),
                              QStringLiteral("default"), Timeout);
    QCOMPARE(model.index(row, Models::CertificateTableModel::Restricted).data().toString(), tr("Yes"));

    QVERIFY(
        lxc({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("remove"), fingerprint}).ok());
    m_certificates.removeAll(fingerprint);
    QTRY_VERIFY_WITH_TIMEOUT(changes.removed.contains(fingerprint), Timeout);
    QCOMPARE(changes.count(changes.inserted, fingerprint), 1);
    QCOMPARE(changes.count(changes.removed, fingerprint), 1);
    QVERIFY(changes.nothingReset());
    QCOMPARE(cache->listingsMade(), 1);
}

void TestServerModels::warnings()
{
    ResourceCache *cache = loadedCache(ResourceKind::warnings());
    Models::WarningTableModel model(cache);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(cache->state(), ResourceCache::State::Ready, 15000);

    // The same warnings as the daemon lists.
    QSet<QString> expected;
    const QJsonArray urls = query(QStringLiteral("/1.0/warnings")).toArray();
    for (const QJsonValue &url : urls)
        expected.insert(url.toString().section(QLatin1Char('/'), -1));
    QSet<QString> keys;
    for (int row = 0; row < model.rowCount(); ++row)
        keys.insert(model.index(row, 0).data(ResourceTableModel::KeyRole).toString());
    QCOMPARE(keys, expected);

    // Acknowledging one and setting it back to new (warning-acknowledged, warning-reset) change its row.
    int row = -1;
    for (int candidate = 0; candidate < model.rowCount() && row < 0; ++candidate) {
        if (model.index(candidate, Models::WarningTableModel::Status).data().toString()
            == QLatin1String("new"))
            row = candidate;
    }
    if (row < 0)
        QSKIP("the daemon has no new warning to acknowledge (it usually has a few on these machines)");
    const QString uuid = model.index(row, 0).data(ResourceTableModel::KeyRole).toString();
    QVERIFY(!model.index(row, Models::WarningTableModel::Type).data().toString().isEmpty());
    ModelChangeRecorder changes(&model);
    QVERIFY(lxc({QStringLiteral("warning"), QStringLiteral("acknowledge"), uuid}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(model.index(row, Models::WarningTableModel::Status).data().toString(),
                              QStringLiteral("acknowledged"), Timeout);
    QVERIFY(lxc({QStringLiteral("query"), QStringLiteral("-X"), QStringLiteral("PUT"),
                 QStringLiteral("/1.0/warnings/") + uuid, QStringLiteral("--data"),
                 QStringLiteral(R"({"status": "new"})")})
                .ok());
    QTRY_COMPARE_WITH_TIMEOUT(model.index(row, Models::WarningTableModel::Status).data().toString(),
                              QStringLiteral("new"), Timeout);
    QCOMPARE(changes.count(changes.changed, uuid), changes.changed.size());
    QVERIFY(changes.inserted.isEmpty());
    QVERIFY(changes.nothingReset());
}

QTEST_GUILESS_MAIN(TestServerModels)
#include "tst_servermodels.moc"
