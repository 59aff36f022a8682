#include "FakeLxdTransport.h"
#include "models/InstanceTableModel.h"
#include "models/ResourceCache.h"
#include "models/ResourceFilterProxyModel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

using Models::InstanceTableModel;
using Models::ResourceCache;
using Models::ResourceFilterProxyModel;
using Models::ResourceTableModel;

// Sorting and filtering for the views, over the instance model of a fake daemon with instances in two
// projects, on two cluster members, of both types.
class TestFilterProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void searchesEveryColumn();
    void filtersByStatusTypeLocationProject();
    void sortsBySortRole();
    void followsChangesWithoutReset();

private:
    QStringList names() const;
    void put(const QString &name, const QString &project, const QString &status, const QString &type,
             const QString &location, double memory = 0);

    FakeLxdTransport *m_fake = nullptr;
    ResourceCache *m_cache = nullptr;
    InstanceTableModel *m_model = nullptr;
    ResourceFilterProxyModel *m_proxy = nullptr;
};

void TestFilterProxy::put(const QString &name, const QString &project, const QString &status,
                          const QString &type, const QString &location, double memory)
{
    m_fake->putObject(QStringLiteral("/instances"), name,
                      {{QStringLiteral("name"), name},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("type"), type},
                       {QStringLiteral("location"), location},
                       {QStringLiteral("description"), QString()}},
                      project);
    if (memory > 0)
        m_fake->putState(QStringLiteral("/instances"), name,
                         {{QStringLiteral("memory"), QJsonObject {{QStringLiteral("usage"), memory}}}},
                         project);
}

void TestFilterProxy::init()
{
    const Lxd::Client client = FakeLxdTransport::makeClient(&m_fake);
    const QString container = QStringLiteral("container");
    const QString vm = QStringLiteral("virtual-machine");
    put(QStringLiteral("web10"), QStringLiteral("prod"), QStringLiteral("Running"), container,
        QStringLiteral("m1"), 300e6);
    put(QStringLiteral("web2"), QStringLiteral("prod"), QStringLiteral("Running"), container,
        QStringLiteral("m2"), 40e6);
    put(QStringLiteral("db1"), QStringLiteral("prod"), QStringLiteral("Stopped"), vm, QStringLiteral("m1"));
    put(QStringLiteral("web1"), QStringLiteral("dev"), QStringLiteral("Running"), container,
        QStringLiteral("m2"), 2e9);
    put(QStringLiteral("scratch"), QStringLiteral("dev"), QStringLiteral("Frozen"), vm, QStringLiteral("m2"),
        5e6);

    m_cache = new ResourceCache(client, Models::ResourceKind::instances(), this); // all projects
    m_model = new InstanceTableModel(m_cache, this);
    m_proxy = new ResourceFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
    new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest, m_proxy);
    m_cache->load();
    QTRY_COMPARE(m_cache->state(), ResourceCache::State::Ready);
    QVERIFY(m_fake->requests().constFirst().contains("all-projects=true"));
    // Every running or frozen row has its usage.
    QTRY_COMPARE(m_fake->requestCount("/state"), 4);
    QTRY_VERIFY(!m_model->index(m_model->rowOf(QStringLiteral("dev"), QStringLiteral("scratch")), 0)
                     .data(ResourceTableModel::StateRole)
                     .toJsonObject()
                     .isEmpty());
    QCOMPARE(m_proxy->rowCount(), 5);
}

void TestFilterProxy::cleanup()
{
    delete m_proxy;
    delete m_model;
    delete m_cache;
}

QStringList TestFilterProxy::names() const
{
    QStringList names;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        names.append(m_proxy->index(row, InstanceTableModel::Name).data().toString());
    return names;
}

void TestFilterProxy::searchesEveryColumn()
{
    m_proxy->sort(InstanceTableModel::Name);
    m_proxy->setSearchText(QStringLiteral("WEB"));
    QCOMPARE(names(), QStringList({QStringLiteral("web1"), QStringLiteral("web2"), QStringLiteral("web10")}));
    // Every word must match, each in any column: the name and the project here.
    m_proxy->setSearchText(QStringLiteral("web prod"));
    QCOMPARE(names(), QStringList({QStringLiteral("web2"), QStringLiteral("web10")}));
    // The type column shows "VM".
    m_proxy->setSearchText(QStringLiteral("vm"));
    QCOMPARE(names(), QStringList({QStringLiteral("db1"), QStringLiteral("scratch")}));
    m_proxy->setSearchText(QStringLiteral("nothing-like-this"));
    QCOMPARE(m_proxy->rowCount(), 0);
    m_proxy->setSearchText(QString());
    QCOMPARE(m_proxy->rowCount(), 5);
}

void TestFilterProxy::filtersByStatusTypeLocationProject()
{
    m_proxy->sort(InstanceTableModel::Name);
    m_proxy->setStatusFilter({QStringLiteral("running"), QStringLiteral("Frozen")});
    QCOMPARE(names(),
             QStringList({QStringLiteral("scratch"), QStringLiteral("web1"), QStringLiteral("web2"),
                          QStringLiteral("web10")}));
    m_proxy->setTypeFilter({QStringLiteral("virtual-machine")});
    QCOMPARE(names(), QStringList {QStringLiteral("scratch")});
    m_proxy->setStatusFilter({});
    QCOMPARE(names(), QStringList({QStringLiteral("db1"), QStringLiteral("scratch")}));
    m_proxy->setLocationFilter({QStringLiteral("m1")});
    QCOMPARE(names(), QStringList {QStringLiteral("db1")});
    m_proxy->setTypeFilter({});
    m_proxy->setProjectFilter({QStringLiteral("prod")});
    QCOMPARE(names(), QStringList({QStringLiteral("db1"), QStringLiteral("web10")}));
    m_proxy->setLocationFilter({});
    m_proxy->setProjectFilter({QStringLiteral("dev")});
    QCOMPARE(names(), QStringList({QStringLiteral("scratch"), QStringLiteral("web1")}));
}

void TestFilterProxy::sortsBySortRole()
{
    // Names naturally: web2 before web10.
    m_proxy->sort(InstanceTableModel::Name);
    QCOMPARE(names(),
             QStringList({QStringLiteral("db1"), QStringLiteral("scratch"), QStringLiteral("web1"),
                          QStringLiteral("web2"), QStringLiteral("web10")}));
    // Memory as a number of bytes, not as the text "2 GB" / "300 MB".
    m_proxy->sort(InstanceTableModel::Memory, Qt::DescendingOrder);
    QCOMPARE(names().mid(0, 4),
             QStringList({QStringLiteral("web1"), QStringLiteral("web10"), QStringLiteral("web2"),
                          QStringLiteral("scratch")}));
}

void TestFilterProxy::followsChangesWithoutReset()
{
    m_proxy->sort(InstanceTableModel::Name);
    m_proxy->setStatusFilter({QStringLiteral("Running")});
    QItemSelectionModel selection(m_proxy);
    const QModelIndex web2 = m_proxy->index(names().indexOf(QStringLiteral("web2")), 0);
    selection.select(web2, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QSignalSpy reset(m_proxy, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_proxy, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_proxy, &QAbstractItemModel::rowsRemoved);

    // db1 starts: it enters the filtered view; web1 stops: it leaves.
    put(QStringLiteral("db1"), QStringLiteral("prod"), QStringLiteral("Running"),
        QStringLiteral("virtual-machine"), QStringLiteral("m1"), 1e6);
    m_fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-started"),
                                                  QStringLiteral("/1.0/instances/db1?project=prod"),
                                                  QStringLiteral("prod")));
    put(QStringLiteral("web1"), QStringLiteral("dev"), QStringLiteral("Stopped"), QStringLiteral("container"),
        QStringLiteral("m2"));
    m_fake->sendEvent(FakeLxdTransport::lifecycle(QStringLiteral("instance-stopped"),
                                                  QStringLiteral("/1.0/instances/web1?project=dev"),
                                                  QStringLiteral("dev")));
    QTRY_COMPARE(names(),
                 QStringList({QStringLiteral("db1"), QStringLiteral("web2"), QStringLiteral("web10")}));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(reset.count(), 0);
    const QModelIndexList selected = selection.selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.constFirst().data().toString(), QStringLiteral("web2"));
}

QTEST_GUILESS_MAIN(TestFilterProxy)
#include "tst_filterproxy.moc"
