#include "LxcCommand.h"
#include "TestClients.h"
#include "Testbed.h"
#include "lxd/Connection.h"
#include "models/NavigationTreeModel.h"
#include "models/Remote.h"
#include "models/RemoteRegistry.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using Models::NavigationTreeModel;
using Models::Remote;
using Models::RemoteRegistry;
using Section = NavigationTreeModel::Section;

// The navigation tree against the real daemon: remotes with their connection state, projects as the
// server lists them and as `lxc project` changes them, and the sections of each project.
class TestNavigationTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void remoteConnectsAndListsProjects();
    void projectsFollowLxc();
    void clusteredServerShowsClusterMembers();
    void realClusterShowsClusterMembers();
    void unreachableRemoteSaysWhy();
    void remoteInsertedAheadTakesItsRow();
    void untrustedRemoteIsAnError();

private:
    QStringList sectionTitles(const QModelIndex &project) const;

    RemoteRegistry *m_registry = nullptr;
    NavigationTreeModel *m_model = nullptr;
    Remote *m_remote = nullptr;
    QStringList m_projects; // made by this suite, deleted at the end
};

void TestNavigationTreeModel::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    m_registry = new RemoteRegistry(this);
    m_model = new NavigationTreeModel(m_registry, this);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_remote = m_registry->add(QStringLiteral("testbed"), Lxd::Client::overUnixSocket(Testbed::socketPath()));
    QVERIFY(m_remote);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_model->rowCount(), 1);
    // A second remote of the same name is refused.
    QVERIFY(!m_registry->add(QStringLiteral("testbed"), Lxd::Client::overUnixSocket(Testbed::socketPath())));
}

void TestNavigationTreeModel::cleanupTestCase()
{
    for (const QString &project : std::as_const(m_projects))
        LxcCommand::run({QStringLiteral("project"), QStringLiteral("delete"), project});
}

QStringList TestNavigationTreeModel::sectionTitles(const QModelIndex &project) const
{
    QStringList titles;
    for (int row = 0; row < m_model->rowCount(project); ++row)
        titles.append(m_model->index(row, 0, project).data().toString());
    return titles;
}

void TestNavigationTreeModel::remoteConnectsAndListsProjects()
{
    const QModelIndex remote = m_model->remoteIndex(QStringLiteral("testbed"));
    QVERIFY(remote.isValid());
    QTRY_COMPARE_WITH_TIMEOUT(m_remote->state(), Remote::State::Connected, 30000);
    QCOMPARE(remote.data().toString(), QStringLiteral("testbed"));
    QCOMPARE(remote.data(NavigationTreeModel::NodeTypeRole).value<NavigationTreeModel::NodeType>(),
             NavigationTreeModel::NodeType::Remote);
    QCOMPARE(remote.data(NavigationTreeModel::StateTextRole).toString(), QStringLiteral("Connected"));
    QCOMPARE(remote.data(NavigationTreeModel::EndpointRole).toString(), m_remote->endpoint());
    QVERIFY2(remote.data(Qt::ToolTipRole).toString().contains(QLatin1String("LXD 5.")),
             qPrintable(remote.data(Qt::ToolTipRole).toString()));

    // Every project `lxc project list` shows is a child of the remote, with the sections below it.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_model->projectIndex(QStringLiteral("testbed"), QStringLiteral("default")).isValid(), 30000);
    const LxcResult list = LxcCommand::run(
        {QStringLiteral("project"), QStringLiteral("list"), QStringLiteral("--format=csv")});
    QVERIFY(list.ok());
    const QStringList lines = list.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(remote), lines.size(), 5000);
    for (const QString &line : lines) {
        const QString name = line.section(QLatin1Char(','), 0, 0).section(QLatin1Char(' '), 0, 0);
        QVERIFY2(m_model->projectIndex(QStringLiteral("testbed"), name).isValid(), qPrintable(name));
    }

    const QModelIndex project = m_model->projectIndex(QStringLiteral("testbed"), QStringLiteral("default"));
    QCOMPARE(project.parent(), remote);
    QCOMPARE(sectionTitles(project),
             (QStringList {QStringLiteral("Instances"), QStringLiteral("Images"), QStringLiteral("Profiles"),
                           QStringLiteral("Networks"), QStringLiteral("Storage"),
                           QStringLiteral("Operations"), QStringLiteral("Warnings")}));
    const QModelIndex images
        = m_model->sectionIndex(QStringLiteral("testbed"), QStringLiteral("default"), Section::Images);
    QCOMPARE(images.parent(), project);
    QCOMPARE(images.data(NavigationTreeModel::SectionRole).value<Section>(), Section::Images);
    QCOMPARE(images.data(NavigationTreeModel::ProjectRole).toString(), QStringLiteral("default"));
    QCOMPARE(images.data(NavigationTreeModel::RemoteNameRole).toString(), QStringLiteral("testbed"));
    QCOMPARE(m_model->remoteAt(images), m_remote);
    QCOMPARE(m_model->rowCount(images), 0);
}

void TestNavigationTreeModel::projectsFollowLxc()
{
    const QModelIndex remote = m_model->remoteIndex(QStringLiteral("testbed"));
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount(remote) > 0, 30000);
    const QString suffix = QUuid::createUuid().toString(QUuid::Id128).left(8);
    const QString name = QStringLiteral("berth-nav-") + suffix;
    m_projects.append(name);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    const int before = m_model->rowCount(remote);

    // Created: one project row under the remote, with its sections.
    QVERIFY(LxcCommand::run({QStringLiteral("project"), QStringLiteral("create"), name}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(m_model->projectIndex(QStringLiteral("testbed"), name).isValid(), 5000);
    QCOMPARE(m_model->rowCount(remote), before + 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(0).toModelIndex(), remote);
    const QPersistentModelIndex project = m_model->projectIndex(QStringLiteral("testbed"), name);
    QCOMPARE(m_model->rowCount(project), NavigationTreeModel::sections(false).size());

    // Renamed: the same row takes the new name, and its sections follow.
    const QString renamed = name + QStringLiteral("-renamed");
    m_projects.append(renamed);
    QVERIFY(LxcCommand::run({QStringLiteral("project"), QStringLiteral("rename"), name, renamed}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(project.data().toString(), renamed, 5000);
    QCOMPARE(m_model->index(0, 0, project).data(NavigationTreeModel::ProjectRole).toString(), renamed);
    QVERIFY(!m_model->projectIndex(QStringLiteral("testbed"), name).isValid());
    QCOMPARE(removed.count(), 0);

    // Deleted: one row removed.
    QVERIFY(LxcCommand::run({QStringLiteral("project"), QStringLiteral("delete"), renamed}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 5000);
    QCOMPARE(removed.at(0).at(0).toModelIndex(), QModelIndex(remote));
    QVERIFY(!project.isValid());
    QCOMPARE(m_model->rowCount(remote), before);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(reset.count(), 0);
}

void TestNavigationTreeModel::clusteredServerShowsClusterMembers()
{
    // The standalone daemon is no cluster; what the tree does when a server says it is one (after an
    // upgrade or on reconnect) is checked by giving the connection such a description.
    const QModelIndex remote = m_model->remoteIndex(QStringLiteral("testbed"));
    QTRY_VERIFY_WITH_TIMEOUT(m_model->rowCount(remote) > 0, 30000);
    QVERIFY(!m_remote->isClustered());
    const int projects = m_model->rowCount(remote);
    Lxd::Connection *connection = m_remote->client().connection();
    const QJsonObject standalone = connection->server();
    QJsonObject clustered = standalone;
    QJsonObject environment = clustered.value(QLatin1String("environment")).toObject();
    environment.insert(QStringLiteral("server_clustered"), true);
    clustered.insert(QStringLiteral("environment"), environment);

    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    connection->setServer(clustered);
    QCOMPARE(inserted.count(), projects);
    const QModelIndex members = m_model->sectionIndex(QStringLiteral("testbed"), QStringLiteral("default"),
                                                      Section::ClusterMembers);
    QVERIFY(members.isValid());
    QCOMPARE(members.data().toString(), QStringLiteral("Cluster members"));
    QCOMPARE(members.row(), NavigationTreeModel::sections(false).size());
    QVERIFY(m_model->remoteIndex(QStringLiteral("testbed"))
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("clustered")));

    connection->setServer(standalone);
    QCOMPARE(removed.count(), projects);
    QVERIFY(
        !m_model->sectionIndex(QStringLiteral("testbed"), QStringLiteral("default"), Section::ClusterMembers)
             .isValid());
}

void TestNavigationTreeModel::realClusterShowsClusterMembers()
{
    const QString reason = Testbed::unavailableReason(Testbed::Daemon::Cluster);
    if (!reason.isEmpty())
        QSKIP(qPrintable(QStringLiteral("the testbed's cluster is not up: ") + reason));
    Remote *cluster
        = m_registry->add(QStringLiteral("cluster"),
                          Lxd::Client::overUnixSocket(Testbed::socketPath(Testbed::Daemon::Cluster)));
    QVERIFY(cluster);
    QTRY_COMPARE_WITH_TIMEOUT(cluster->state(), Remote::State::Connected, 30000);
    QVERIFY(cluster->isClustered());
    QTRY_VERIFY_WITH_TIMEOUT(
        m_model->sectionIndex(QStringLiteral("cluster"), QStringLiteral("default"), Section::ClusterMembers)
            .isValid(),
        30000);
    m_registry->remove(QStringLiteral("cluster"));
    QVERIFY(!m_model->remoteIndex(QStringLiteral("cluster")).isValid());
}

void TestNavigationTreeModel::unreachableRemoteSaysWhy()
{
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    Remote *gone
        = m_registry->add(QStringLiteral("gone"),
                          Lxd::Client::overUnixSocket(QStringLiteral("/nonexistent/berth/unix.socket")));
    QVERIFY(gone);
    const QPersistentModelIndex index = m_model->remoteIndex(QStringLiteral("gone"));
    QCOMPARE(index.row(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(gone->state(), Remote::State::Reconnecting, 10000);
    QCOMPARE(index.data().toString(), QStringLiteral("gone (reconnecting)"));
    const QString stateText = index.data(NavigationTreeModel::StateTextRole).toString();
    QVERIFY2(stateText.startsWith(QLatin1String("Reconnecting: ")) && stateText.size() > 20,
             qPrintable(stateText));
    QVERIFY(index.data(Qt::ToolTipRole).toString().contains(stateText));
    QCOMPARE(m_model->rowCount(index), 0);

    m_registry->remove(QStringLiteral("gone"));
    QCOMPARE(removed.count(), 1);
    QVERIFY(!index.isValid());
    QCOMPARE(m_model->rowCount(), 1);
}

void TestNavigationTreeModel::remoteInsertedAheadTakesItsRow()
{
    // A remote put back where it was (renamed, say) is shown there, and the others move down under it.
    const QPersistentModelIndex testbed = m_model->remoteIndex(QStringLiteral("testbed"));
    QCOMPARE(testbed.row(), 0);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QVERIFY(
        m_registry->insert(0, QStringLiteral("ahead"),
                           Lxd::Client::overUnixSocket(QStringLiteral("/nonexistent/berth/unix.socket"))));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(m_model->remoteIndex(QStringLiteral("ahead")).row(), 0);
    QCOMPARE(m_model->index(0, 0).data(NavigationTreeModel::RemoteNameRole).toString(),
             QStringLiteral("ahead"));
    QCOMPARE(testbed.row(), 1);
    QCOMPARE(m_model->index(1, 0).data(NavigationTreeModel::RemoteNameRole).toString(),
             QStringLiteral("testbed"));
    // Past the end is the end.
    QVERIFY(
        m_registry->insert(99, QStringLiteral("behind"),
                           Lxd::Client::overUnixSocket(QStringLiteral("/nonexistent/berth/unix.socket"))));
    QCOMPARE(m_model->remoteIndex(QStringLiteral("behind")).row(), 2);
    m_registry->remove(QStringLiteral("ahead"));
    m_registry->remove(QStringLiteral("behind"));
    QCOMPARE(testbed.row(), 0);
    QCOMPARE(m_model->rowCount(), 1);
}

void TestNavigationTreeModel::untrustedRemoteIsAnError()
{
    QString why;
    const Lxd::Client stranger = TestClients::untrustedHttpsClient(Testbed::httpsAddress(), nullptr, &why);
    QVERIFY2(stranger.isValid(), qPrintable(why));
    Remote *remote = m_registry->add(QStringLiteral("stranger"), stranger);
    QVERIFY(remote);
    QTRY_COMPARE_WITH_TIMEOUT(remote->state(), Remote::State::Failed, 30000);
    const QModelIndex index = m_model->remoteIndex(QStringLiteral("stranger"));
    QCOMPARE(index.data().toString(), QStringLiteral("stranger (error)"));
    QVERIFY2(index.data(NavigationTreeModel::StateTextRole).toString().contains(QLatin1String("trust")),
             qPrintable(index.data(NavigationTreeModel::StateTextRole).toString()));
    m_registry->remove(QStringLiteral("stranger"));
}

QTEST_GUILESS_MAIN(TestNavigationTreeModel)
#include "tst_navigationtreemodel.moc"
