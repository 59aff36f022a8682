#include "CreateObjectDialog.h"
#include "DesktopNotifier.h"
#include "InstanceActions.h"
#include "InstanceTransferActions.h"
#include "InstanceTransferDialog.h"
#include "LxcCommand.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "OperationsDock.h"
#include "ResourceListWidget.h"
#include "TaskListModel.h"
#include "Testbed.h"
#include "TextPrompt.h"
#include "Theme.h"
#include "models/RemoteRegistry.h"
#include "models/ResourceTableModel.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using Models::ResourceTableModel;
using Section = Models::NavigationTreeModel::Section;
using Daemon = Testbed::Daemon;

// Copy, move (to another project, to the second remote), publish as image and export a backup, each from
// the Instance menu's action and its dialog, on one instance and on a multi-selection, against the real
// daemons; every outcome checked with `lxc`. Instances are named res-…; they start in a project of this
// suite and go to a second project of it, or to the default project of the second daemon.
class TestInstanceTransfers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void copiesASelectionToAnotherProject();
    void movesOneToAnotherProjectUnderANewName();
    void movesASelectionToTheSecondRemote();
    void copiesOneToTheSecondRemote();
    void publishesOneAndASelectionAsImages();
    void exportsBackupsOfOneAndOfASelection();

private:
    // Instance names of a project, from `lxc list`.
    static QStringList lxcNames(const QString &project, Daemon daemon = Daemon::Local);
    static QJsonValue lxcQuery(const QString &path, Daemon daemon = Daemon::Local);
    // Goes to the Instances of `project` and selects `names` there, as a user would with Ctrl+click.
    bool select(const QString &project, const QStringList &names);
    // Waits for a visible dialog of `T` the window opened.
    template<class T>
    T *openedDialog(const QString &objectName = {}) const;
    // Every task in the operations dock has ended, none failed, and no error was shown.
    void verifyAllTasksSucceeded(int timeoutMs);
    InstanceTransferActions *actions() const { return m_window->transferActions(); }
    TaskListModel *tasks() const { return m_window->operationsDock()->tasks(); }
    QString name(const QString &letter) const { return QStringLiteral("res-%1-").arg(letter) + m_suffix; }

    QTemporaryDir m_dir;
    Models::RemoteRegistry *m_registry = nullptr;
    MainWindow *m_window = nullptr;
    QString m_suffix;
    QString m_source; // project where the instances are made
    QString m_target; // the other project
    QStringList m_aliases; // of the images this suite published
};

template<class T>
T *TestInstanceTransfers::openedDialog(const QString &objectName) const
{
    T *found = nullptr;
    const bool appeared = QTest::qWaitFor(
        [&] {
            const QList<T *> dialogs = m_window->findChildren<T *>(objectName);
            for (T *dialog : dialogs) {
                if (dialog->isVisible())
                    found = dialog;
            }
            return found != nullptr;
        },
        5000);
    return appeared ? found : nullptr;
}

void TestInstanceTransfers::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    const QString secondMissing = Testbed::unavailableReason(Daemon::Second);
    if (!secondMissing.isEmpty()) {
        if (Testbed::mustBePresent())
            QFAIL(qPrintable(QStringLiteral("the second daemon is required here: ") + secondMissing));
        QSKIP(qPrintable(QStringLiteral("no second daemon: ") + secondMissing));
    }
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    MessageBox::setTestMode(true);
    TextPrompt::setTestMode(true);
    DesktopNotifier::setTestMode(true);
    Theme::initialize();

    m_suffix = QUuid::createUuid().toString(QUuid::Id128).left(6);
    m_source = QStringLiteral("res-s-") + m_suffix;
    m_target = QStringLiteral("res-t-") + m_suffix;
    // Images and profiles of the default project: the instances need its busybox image and root disk.
    for (const QString &project : {m_source, m_target})
        QVERIFY(LxcCommand::run({QStringLiteral("project"), QStringLiteral("create"), project,
                                 QStringLiteral("-c"), QStringLiteral("features.images=false"),
                                 QStringLiteral("-c"), QStringLiteral("features.profiles=false")})
                    .ok());
    // Four stopped containers, each with a file of its own (so that no two published images are alike).
    const QString marker = m_dir.filePath(QStringLiteral("marker"));
    for (const QString &letter :
         {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}) {
        const LxcResult made = LxcCommand::run({QStringLiteral("init"), Testbed::imageAlias(), name(letter),
                                                QStringLiteral("--project"), m_source});
        QVERIFY2(made.ok(), qPrintable(made.errorOutput));
        QFile file(marker);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(name(letter).toUtf8());
        file.close();
        const LxcResult pushed = LxcCommand::run({QStringLiteral("file"), QStringLiteral("push"), marker,
                                                  name(letter) + QStringLiteral("/etc/res-marker"),
                                                  QStringLiteral("--project"), m_source});
        QVERIFY2(pushed.ok(), qPrintable(pushed.errorOutput));
    }

    // Both daemons, as Berth names remotes it found or was given.
    m_registry = new Models::RemoteRegistry(this);
    QVERIFY(m_registry->add(QStringLiteral("local"), Lxd::Client::overUnixSocket(Testbed::socketPath())));
    QVERIFY(m_registry->add(QStringLiteral("second"),
                            Lxd::Client::overUnixSocket(Testbed::socketPath(Daemon::Second))));
    m_window = new MainWindow(m_registry);
    m_window->resize(1280, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->showSection(QStringLiteral("local"), m_source, Section::Instances),
                             20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->resourceList()->model()->rowCount(), 4, 15000);
}

void TestInstanceTransfers::cleanupTestCase()
{
    delete m_window;
    if (m_suffix.isEmpty())
        return;
    for (const QString &project : {m_source, m_target}) {
        for (const QString &instance : lxcNames(project))
            LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), instance,
                             QStringLiteral("--project"), project});
        LxcCommand::run({QStringLiteral("project"), QStringLiteral("delete"), project});
    }
    // On the second daemon, only what this suite put there (its names carry the suffix).
    for (const QString &instance : lxcNames(QStringLiteral("default"), Daemon::Second)) {
        if (instance.startsWith(QLatin1String("res-")) && instance.contains(m_suffix))
            LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), instance}, Daemon::Second);
    }
    for (const QString &alias : std::as_const(m_aliases)) {
        const QString fingerprint = lxcQuery(QStringLiteral("/1.0/images/aliases/") + alias)
                                        .toObject()
                                        .value(QLatin1String("target"))
                                        .toString();
        if (!fingerprint.isEmpty())
            LxcCommand::run({QStringLiteral("image"), QStringLiteral("delete"), fingerprint});
    }
}

QStringList TestInstanceTransfers::lxcNames(const QString &project, Daemon daemon)
{
    const LxcResult list = LxcCommand::run({QStringLiteral("list"), QStringLiteral("--format=csv"),
                                            QStringLiteral("-cn"), QStringLiteral("--project"), project},
                                           daemon);
    QStringList names = list.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    names.sort();
    return names;
}

QJsonValue TestInstanceTransfers::lxcQuery(const QString &path, Daemon daemon)
{
    const LxcResult result = LxcCommand::run({QStringLiteral("query"), path}, daemon);
    const QJsonDocument document = QJsonDocument::fromJson(result.output.toUtf8());
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

bool TestInstanceTransfers::select(const QString &project, const QStringList &names)
{
    if (!m_window->showSection(QStringLiteral("local"), project, Section::Instances))
        return false;
    QTableView *view = m_window->resourceList()->tableView();
    view->clearSelection();
    for (const QString &wanted : names) {
        bool found = false;
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QModelIndex index = view->model()->index(row, 0);
            if (index.data(ResourceTableModel::KeyRole).toString() == wanted) {
                view->selectionModel()->setCurrentIndex(
                    index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
                found = true;
            }
        }
        if (!found)
            return false;
    }
    return actions()->targets().size() == names.size();
}

void TestInstanceTransfers::verifyAllTasksSucceeded(int timeoutMs)
{
    QTRY_VERIFY_WITH_TIMEOUT(tasks()->runningCount() == 0 || MessageBox::messageCount() > 0, timeoutMs);
    QVERIFY2(MessageBox::messageCount() == 0, qPrintable(MessageBox::lastMessage()));
    for (int row = 0; row < tasks()->rowCount(); ++row)
        QVERIFY2(tasks()->state(row) == TaskListModel::State::Succeeded, qPrintable(tasks()->title(row)));
}

void TestInstanceTransfers::copiesASelectionToAnotherProject()
{
    const QStringList both {name(QStringLiteral("a")), name(QStringLiteral("b"))};
    QVERIFY(select(m_source, both));
    QVERIFY(actions()->copyAction()->isEnabled());
    MessageBox::clearMessages();
    actions()->copyAction()->trigger();
    auto *dialog = openedDialog<InstanceTransferDialog>();
    QVERIFY(dialog);
    QVERIFY(!dialog->isMove());
    QCOMPARE(dialog->remoteName(), QStringLiteral("local"));
    // Copies beside their originals would need new names: refused on the dialog, which stays open.
    dialog->accept();
    QVERIFY(dialog->isVisible());
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
    QVERIFY(error && error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("new names")), qPrintable(error->text()));

    // The remote's projects are offered.
    auto *projects = dialog->findChild<QComboBox *>(QStringLiteral("projectField"));
    QVERIFY(projects);
    QVERIFY(projects->findText(m_target) >= 0);
    dialog->setProject(m_target);
    dialog->accept();
    QVERIFY(!dialog->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(lxcNames(m_target), both, 30000);
    verifyAllTasksSucceeded(30000);
    QCOMPARE(tasks()->rowCount(), 2);
    QVERIFY(tasks()->title(0).contains(m_target));
    // Copies: the originals stay, and so do their files.
    QCOMPARE(lxcNames(m_source).size(), 4);
    const LxcResult marker = LxcCommand::run({QStringLiteral("file"), QStringLiteral("pull"),
                                              name(QStringLiteral("b")) + QStringLiteral("/etc/res-marker"),
                                              QStringLiteral("-"), QStringLiteral("--project"), m_target});
    QCOMPARE(marker.output, name(QStringLiteral("b")));
    // The other project's table lists them, live.
    QVERIFY(m_window->showSection(QStringLiteral("local"), m_target, Section::Instances));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->resourceList()->model()->rowCount(), 2, 10000);
}

void TestInstanceTransfers::movesOneToAnotherProjectUnderANewName()
{
    const QString moved = name(QStringLiteral("c")) + QStringLiteral("-moved");
    QVERIFY(select(m_source, {name(QStringLiteral("c"))}));
    MessageBox::clearMessages();
    tasks()->clearFinished();
    actions()->moveAction()->trigger();
    auto *dialog = openedDialog<InstanceTransferDialog>();
    QVERIFY(dialog);
    QVERIFY(dialog->isMove());
    // Moving within its own project is a rename: refused, said on the dialog.
    dialog->accept();
    QVERIFY(dialog->isVisible());
    dialog->setProject(m_target);
    dialog->setNewName(moved);
    dialog->accept();
    QVERIFY(!dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(lxcNames(m_target).contains(moved), 30000);
    verifyAllTasksSucceeded(30000);
    QVERIFY(!lxcNames(m_source).contains(name(QStringLiteral("c"))));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->resourceList()->model()->rowOf(m_source, name(QStringLiteral("c"))),
                              -1, 10000);
}

void TestInstanceTransfers::movesASelectionToTheSecondRemote()
{
    const QStringList both {name(QStringLiteral("a")), name(QStringLiteral("b"))};
    QVERIFY(select(m_source, both));
    MessageBox::clearMessages();
    tasks()->clearFinished();
    actions()->moveAction()->trigger();
    auto *dialog = openedDialog<InstanceTransferDialog>();
    QVERIFY(dialog);
    dialog->setRemoteName(QStringLiteral("second"));
    QCOMPARE(dialog->remoteName(), QStringLiteral("second"));
    // The source's project is not one of the second daemon's: its default project is offered instead.
    QCOMPARE(dialog->project(), QStringLiteral("default"));
    dialog->accept();
    QVERIFY(!dialog->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(tasks()->rowCount(), 2, 5000);
    verifyAllTasksSucceeded(60000);
    const QStringList there = lxcNames(QStringLiteral("default"), Daemon::Second);
    for (const QString &instance : both) {
        QVERIFY2(there.contains(instance), qPrintable(there.join(QLatin1Char(' '))));
        QVERIFY(!lxcNames(m_source).contains(instance));
    }
    // Their files went with them.
    const LxcResult marker = LxcCommand::run({QStringLiteral("file"), QStringLiteral("pull"),
                                              name(QStringLiteral("a")) + QStringLiteral("/etc/res-marker"),
                                              QStringLiteral("-")},
                                             Daemon::Second);
    QCOMPARE(marker.output, name(QStringLiteral("a")));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->resourceList()->model()->rowCount(), 1, 10000);
}

void TestInstanceTransfers::copiesOneToTheSecondRemote()
{
    const QString copy = name(QStringLiteral("d")) + QStringLiteral("-copy");
    QVERIFY(select(m_source, {name(QStringLiteral("d"))}));
    MessageBox::clearMessages();
    tasks()->clearFinished();
    actions()->copyAction()->trigger();
    auto *dialog = openedDialog<InstanceTransferDialog>();
    QVERIFY(dialog);
    dialog->setRemoteName(QStringLiteral("second"));
    dialog->setProject(QStringLiteral("default"));
    dialog->setNewName(copy);
    dialog->accept();
    QVERIFY(!dialog->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(tasks()->rowCount(), 1, 5000);
    verifyAllTasksSucceeded(60000);
    QVERIFY(lxcNames(QStringLiteral("default"), Daemon::Second).contains(copy));
    QVERIFY(lxcNames(m_source).contains(name(QStringLiteral("d"))));
}

void TestInstanceTransfers::publishesOneAndASelectionAsImages()
{
    // One, with an alias of the user's choice, public.
    const QString alias = name(QStringLiteral("img"));
    m_aliases << alias;
    QVERIFY(select(m_source, {name(QStringLiteral("d"))}));
    MessageBox::clearMessages();
    tasks()->clearFinished();
    actions()->publishAction()->trigger();
    auto *dialog = openedDialog<CreateObjectDialog>(QStringLiteral("publishDialog"));
    QVERIFY(dialog);
    QCOMPARE(dialog->value(QStringLiteral("alias")), name(QStringLiteral("d")));
    dialog->setValue(QStringLiteral("alias"), alias);
    dialog->setValue(QStringLiteral("public"), tr("yes"));
    dialog->accept();
    QTRY_COMPARE_WITH_TIMEOUT(tasks()->rowCount(), 1, 5000);
    verifyAllTasksSucceeded(60000);
    const QJsonObject aliasObject = lxcQuery(QStringLiteral("/1.0/images/aliases/") + alias).toObject();
    const QString fingerprint = aliasObject.value(QLatin1String("target")).toString();
    QVERIFY2(!fingerprint.isEmpty(), qPrintable(alias));
    QVERIFY(lxcQuery(QStringLiteral("/1.0/images/") + fingerprint)
                .toObject()
                .value(QLatin1String("public"))
                .toBool());

    // Two at once: an image each, named after its instance.
    const QStringList both {name(QStringLiteral("a")), name(QStringLiteral("b"))};
    m_aliases << both;
    QVERIFY(select(m_target, both));
    tasks()->clearFinished();
    actions()->publishAction()->trigger();
    dialog = openedDialog<CreateObjectDialog>(QStringLiteral("publishDialog"));
    QVERIFY(dialog);
    dialog->accept();
    QTRY_COMPARE_WITH_TIMEOUT(tasks()->rowCount(), 2, 5000);
    verifyAllTasksSucceeded(60000);
    QStringList fingerprints {fingerprint};
    for (const QString &instance : both) {
        const QJsonObject image = lxcQuery(QStringLiteral("/1.0/images/aliases/") + instance).toObject();
        QVERIFY2(!image.value(QLatin1String("target")).toString().isEmpty(), qPrintable(instance));
        fingerprints << image.value(QLatin1String("target")).toString();
    }
    fingerprints.removeDuplicates();
    QCOMPARE(fingerprints.size(), 3);
}

void TestInstanceTransfers::exportsBackupsOfOneAndOfASelection()
{
    // One: the save dialog's file; a tarball the daemon takes back (`lxc import`); the server keeps no
    // backup and no partial file is left.
    const QString path = m_dir.filePath(QStringLiteral("one.tar.gz"));
    QVERIFY(select(m_source, {name(QStringLiteral("d"))}));
    MessageBox::clearMessages();
    tasks()->clearFinished();
    actions()->exportBackupAction()->trigger();
    auto *fileDialog = openedDialog<QFileDialog>();
    QVERIFY(fileDialog);
    QCOMPARE(fileDialog->acceptMode(), QFileDialog::AcceptSave);
    fileDialog->selectFile(path);
    static_cast<QDialog *>(fileDialog)->accept(); // as its Save button does
    QTRY_COMPARE_WITH_TIMEOUT(tasks()->rowCount(), 1, 5000);
    verifyAllTasksSucceeded(60000);
    QVERIFY(QFile::exists(path));
    QVERIFY(!QFile::exists(path + QStringLiteral(".part")));
    QCOMPARE(lxcQuery(QStringLiteral("/1.0/instances/") + name(QStringLiteral("d"))
                      + QStringLiteral("/backups?project=") + m_source)
                 .toArray()
                 .size(),
             0);
    const QString restored = name(QStringLiteral("e"));
    const LxcResult imported
        = LxcCommand::run({QStringLiteral("import"), path, restored, QStringLiteral("--project"), m_target});
    QVERIFY2(imported.ok(), qPrintable(imported.errorOutput));
    const LxcResult marker = LxcCommand::run({QStringLiteral("file"), QStringLiteral("pull"),
                                              restored + QStringLiteral("/etc/res-marker"),
                                              QStringLiteral("-"), QStringLiteral("--project"), m_target});
    QCOMPARE(marker.output, name(QStringLiteral("d")));

    // Two: a folder, one "<name>.tar.gz" each.
    const QString folder = m_dir.filePath(QStringLiteral("backups"));
    QVERIFY(QDir().mkpath(folder));
    const QStringList both {name(QStringLiteral("a")), name(QStringLiteral("b"))};
    QVERIFY(select(m_target, both));
    tasks()->clearFinished();
    actions()->exportBackupAction()->trigger();
    fileDialog = openedDialog<QFileDialog>();
    QVERIFY(fileDialog);
    QCOMPARE(fileDialog->fileMode(), QFileDialog::Directory);
    fileDialog->selectFile(folder);
    static_cast<QDialog *>(fileDialog)->accept();
    QTRY_COMPARE_WITH_TIMEOUT(tasks()->rowCount(), 2, 5000);
    verifyAllTasksSucceeded(60000);
    QStringList files = QDir(folder).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files,
             QStringList({both.at(0) + QStringLiteral(".tar.gz"), both.at(1) + QStringLiteral(".tar.gz")}));
    for (const QString &file : std::as_const(files)) {
        QFile tarball(QDir(folder).filePath(file));
        QVERIFY(tarball.open(QIODevice::ReadOnly));
        QCOMPARE(tarball.read(2), QByteArray("\x1f\x8b")); // gzip
        QVERIFY(tarball.size() > 1024);
    }
}

QTEST_MAIN(TestInstanceTransfers)
#include "tst_instancetransfers.moc"
