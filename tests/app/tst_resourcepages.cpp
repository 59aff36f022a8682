#include "CreateObjectDialog.h"
#include "DesktopNotifier.h"
#include "ImageActions.h"
#include "ImageDetailWidget.h"
#include "ImageImportDialog.h"
#include "LxcCommand.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "NetworkActions.h"
#include "ObjectPropertiesWidget.h"
#include "OperationsDock.h"
#include "ProfileActions.h"
#include "ResourceListWidget.h"
#include "ResourcePages.h"
#include "StoragePoolActions.h"
#include "StoragePoolDetailWidget.h"
#include "StorageVolumeActions.h"
#include "TaskListModel.h"
#include "Testbed.h"
#include "TextPrompt.h"
#include "Theme.h"
#include "models/OperationTableModel.h"
#include "models/Remote.h"
#include "models/RemoteRegistry.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using Models::ResourceTableModel;
using Section = Models::NavigationTreeModel::Section;

// The pages of images, profiles, networks and storage, and the operations dock, against the real daemon,
// driven as a user would (menus' actions, F2 and Del on the table, the dialogs' fields), each outcome
// checked with `lxc`. Everything it makes is named res-… and lives in a project of its own, except the
// network (networks of a project without features.networks live in the default project).
class TestResourcePages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void profilesAreCreatedRenamedAndDeleted();
    void networksAreCreatedRenamedAndDeleted();
    void storageVolumesAreCreatedRenamedAndDeleted();
    void imagesAreImportedAliasedExportedAndDeleted();
    void operationsDockShowsAndCancelsServerOperations();
    void operationsDockCancelsBerthsOwnTransfers();

private:
    LxcResult lxc(QStringList arguments, const QString &project = {}) const
    {
        arguments << QStringLiteral("--project") << (project.isEmpty() ? m_project : project);
        return LxcCommand::run(arguments);
    }
    QJsonValue lxcQuery(const QString &path) const;
    // The SHA-256 of the files one after the other (empty paths skipped); empty when one cannot be read.
    static QString sha256Of(const QStringList &paths);
    ResourceTableModel *tableModel() const { return m_window->resourceList()->model(); }
    QTableView *tableView() const { return m_window->resourceList()->tableView(); }
    // Selects one row of the main table by key; false when it is not listed (yet).
    bool selectRow(const QString &project, const QString &key) const
    {
        return m_window->resourceList()->selectObject(project, key);
    }
    // Waits for a dialog of `T` the window opened.
    template<class T>
    T *openedDialog(const QString &objectName = {}) const;
    void pressOnTable(int key);

    QTemporaryDir m_dir;
    Models::RemoteRegistry *m_registry = nullptr;
    MainWindow *m_window = nullptr;
    QString m_suffix;
    QString m_project;
    QString m_busyboxTarball;
    QString m_busyboxRootfs; // empty when the testbed's busybox is a unified tarball
    QString m_busyboxFingerprint;
    QString m_network;
};

template<class T>
T *TestResourcePages::openedDialog(const QString &objectName) const
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

void TestResourcePages::pressOnTable(int key)
{
    // As a user would: the table has the focus. Its window need not be the active one (a dialog closed
    // on the offscreen platform leaves none active): the keys go to the table, which runs its actions.
    tableView()->setFocus();
    QTest::keyClick(tableView(), Qt::Key(key));
}

void TestResourcePages::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    MessageBox::setTestMode(true);
    TextPrompt::setTestMode(true);
    DesktopNotifier::setTestMode(true);
    Theme::initialize();

    m_suffix = QUuid::createUuid().toString(QUuid::Id128).left(6);
    m_project = QStringLiteral("res-") + m_suffix;
    QVERIFY(LxcCommand::run({QStringLiteral("project"), QStringLiteral("create"), m_project,
                             QStringLiteral("-c"), QStringLiteral("features.images=true"),
                             QStringLiteral("-c"), QStringLiteral("features.profiles=true")})
                .ok());
    // The image to import: the testbed's busybox, exported as `lxc image export` does.
    const QString exportDir = m_dir.filePath(QStringLiteral("busybox"));
    QVERIFY(QDir().mkpath(exportDir));
    const LxcResult exported
        = LxcCommand::run({QStringLiteral("image"), QStringLiteral("export"), Testbed::imageAlias(),
                           exportDir + QStringLiteral("/busybox")});
    QVERIFY2(exported.ok(), qPrintable(exported.errorOutput));
    // A unified tarball (busybox), or a split image: metadata (busybox) and root file system (busybox.root).
    const QStringList files = QDir(exportDir).entryList(QDir::Files, QDir::Name);
    QVERIFY2(files.size() == 1 || files.size() == 2, qPrintable(files.join(QLatin1Char(' '))));
    m_busyboxTarball = QDir(exportDir).filePath(files.first());
    if (files.size() == 2)
        m_busyboxRootfs = QDir(exportDir).filePath(files.last());
    // The fingerprint is the SHA-256 of the tarball, or of the metadata followed by the root file system.
    m_busyboxFingerprint = sha256Of({m_busyboxTarball, m_busyboxRootfs});
    QVERIFY(!m_busyboxFingerprint.isEmpty());

    m_registry = new Models::RemoteRegistry(this);
    QVERIFY(m_registry->add(QStringLiteral("testbed"), Lxd::Client::overUnixSocket(Testbed::socketPath())));
    m_window = new MainWindow(m_registry);
    m_window->resize(1280, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->showSection(QStringLiteral("testbed"), m_project, Section::Profiles),
                             20000);
}

void TestResourcePages::cleanupTestCase()
{
    delete m_window;
    if (m_project.isEmpty())
        return;
    // Whatever a failed test left behind, by name: only this suite's objects.
    const QJsonArray images = lxcQuery(QStringLiteral("/1.0/images")).toArray();
    for (const QJsonValue &image : images)
        lxc({QStringLiteral("image"), QStringLiteral("delete"),
             image.toObject().value(QLatin1String("fingerprint")).toString()});
    const QJsonArray volumes
        = lxcQuery(QStringLiteral("/1.0/storage-pools/default/volumes/custom")).toArray();
    for (const QJsonValue &volume : volumes)
        lxc({QStringLiteral("storage"), QStringLiteral("volume"), QStringLiteral("delete"),
             QStringLiteral("default"), volume.toObject().value(QLatin1String("name")).toString()});
    const QJsonArray profiles = lxcQuery(QStringLiteral("/1.0/profiles")).toArray();
    for (const QJsonValue &profile : profiles) {
        const QString name = profile.toObject().value(QLatin1String("name")).toString();
        if (name != QLatin1String("default"))
            lxc({QStringLiteral("profile"), QStringLiteral("delete"), name});
    }
    for (const QString &network : {QStringLiteral("resn") + m_suffix, QStringLiteral("reso") + m_suffix})
        LxcCommand::run({QStringLiteral("network"), QStringLiteral("delete"), network});
    LxcCommand::run({QStringLiteral("project"), QStringLiteral("delete"), m_project});
}

QString TestResourcePages::sha256Of(const QStringList &paths)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &path : paths) {
        if (path.isEmpty())
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
            return {};
    }
    return QString::fromLatin1(hash.result().toHex());
}

QJsonValue TestResourcePages::lxcQuery(const QString &path) const
{
    const QString separator = path.contains(QLatin1Char('?')) ? QStringLiteral("&") : QStringLiteral("?");
    const LxcResult result = LxcCommand::run(
        {QStringLiteral("query"),
         path + separator + QStringLiteral("project=") + m_project + QStringLiteral("&recursion=1")});
    const QJsonDocument document = QJsonDocument::fromJson(result.output.toUtf8());
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

void TestResourcePages::profilesAreCreatedRenamedAndDeleted()
{
    QVERIFY(m_window->showSection(QStringLiteral("testbed"), m_project, Section::Profiles));
    ProfileActions *actions = m_window->resourcePages()->profileActions();
    // Only the kind on screen is offered (and owns F2 and Del).
    QVERIFY(actions->newAction()->isVisible());
    QVERIFY(!m_window->resourcePages()->networkActions()->newAction()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(actions->newAction()->isEnabled(), 10000);

    // New: the dialog's fields, then Create; the server's refusal (an invalid name) stays on the dialog.
    const QString name = QStringLiteral("res-prof-") + m_suffix;
    actions->newAction()->trigger();
    auto *dialog = openedDialog<CreateObjectDialog>();
    QVERIFY(dialog);
    dialog->setValue(QStringLiteral("name"), QStringLiteral("bad/name"));
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->errorText().isEmpty(), 15000);
    QVERIFY2(dialog->errorText().contains(QLatin1String("bad/name")), qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());
    const QPointer<CreateObjectDialog> guard(dialog);
    dialog->setValue(QStringLiteral("name"), name);
    dialog->setValue(QStringLiteral("description"), QStringLiteral("made by tst_resourcepages"));
    dialog->setOtherConfigText(QStringLiteral("user.marker=created"));
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!guard || !guard->isVisible(), 15000);
    const LxcResult shown = lxc({QStringLiteral("profile"), QStringLiteral("show"), name});
    QVERIFY2(shown.ok(), qPrintable(shown.errorOutput));
    QVERIFY(shown.output.contains(QLatin1String("description: made by tst_resourcepages")));
    QVERIFY(shown.output.contains(QLatin1String("user.marker: created")));
    QTRY_VERIFY_WITH_TIMEOUT(selectRow(m_project, name), 10000);
    QCOMPARE(m_window->propertiesWidget()->isVisible(), true);

    // F2 renames the selected profile, even while another window is the active one.
    const QString renamed = name + QStringLiteral("-b");
    QVERIFY(actions->renameAction()->isEnabled());
    {
        QWidget elsewhere;
        elsewhere.setWindowTitle(QStringLiteral("another window"));
        elsewhere.resize(200, 100);
        elsewhere.show();
        elsewhere.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&elsewhere));
        QVERIFY(QApplication::activeWindow() != m_window);
        TextPrompt::setNextAnswer(renamed);
        pressOnTable(Qt::Key_F2);
    }
    QVERIFY2(TextPrompt::lastLabel().contains(name), qPrintable(TextPrompt::lastLabel()));
    QTRY_VERIFY_WITH_TIMEOUT(lxc({QStringLiteral("profile"), QStringLiteral("show"), renamed}).ok(), 15000);
    QVERIFY(!lxc({QStringLiteral("profile"), QStringLiteral("show"), name}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(selectRow(m_project, renamed), 10000);

    // Del deletes it, once the user agreed to a question naming it; with the window active (where its
    // shortcut would also match) the question comes once.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    MessageBox::clearMessages();
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    pressOnTable(Qt::Key_Delete);
    QCOMPARE(MessageBox::messageCount(), 1);
    QVERIFY2(MessageBox::lastMessage().contains(renamed), qPrintable(MessageBox::lastMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(!lxc({QStringLiteral("profile"), QStringLiteral("show"), renamed}).ok(), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(tableModel()->rowOf(m_project, renamed), -1, 10000);

    // The default profile can be neither renamed nor deleted.
    QTRY_VERIFY_WITH_TIMEOUT(selectRow(m_project, QStringLiteral("default")), 10000);
    QVERIFY(!actions->renameAction()->isEnabled());
    QVERIFY(!actions->deleteAction()->isEnabled());
    QVERIFY(actions->editAction()->isEnabled());
}

void TestResourcePages::networksAreCreatedRenamedAndDeleted()
{
    // A project without features.networks uses the default project's networks: work there.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->showSection(QStringLiteral("testbed"), QStringLiteral("default"), Section::Networks),
        10000);
    NetworkActions *actions = m_window->resourcePages()->networkActions();
    QVERIFY(actions->newAction()->isVisible());
    QVERIFY(!m_window->resourcePages()->profileActions()->newAction()->isVisible());

    // Bridge names are short (15 characters at most).
    m_network = QStringLiteral("resn") + m_suffix;
    actions->newAction()->trigger();
    auto *dialog = openedDialog<CreateObjectDialog>();
    QVERIFY(dialog);
    const QPointer<CreateObjectDialog> guard(dialog);
    // No address unless the user gives one: no traffic leaves this machine.
    QCOMPARE(dialog->value(QStringLiteral("ipv4.address")), QStringLiteral("none"));
    QCOMPARE(dialog->value(QStringLiteral("ipv6.address")), QStringLiteral("none"));
    QCOMPARE(dialog->value(QStringLiteral("type")), QStringLiteral("bridge"));
    dialog->setValue(QStringLiteral("name"), m_network);
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!guard || !guard->isVisible(), 20000);
    const LxcResult shown = LxcCommand::run({QStringLiteral("network"), QStringLiteral("show"), m_network});
    QVERIFY2(shown.ok(), qPrintable(shown.errorOutput));
    QVERIFY2(shown.output.contains(QLatin1String("ipv4.address: none")), qPrintable(shown.output));
    QVERIFY2(shown.output.contains(QLatin1String("ipv6.address: none")), qPrintable(shown.output));
    QTRY_VERIFY_WITH_TIMEOUT(selectRow(QStringLiteral("default"), m_network), 10000);

    // F2: renamed.
    const QString renamed = QStringLiteral("reso") + m_suffix;
    TextPrompt::setNextAnswer(renamed);
    pressOnTable(Qt::Key_F2);
    QTRY_VERIFY_WITH_TIMEOUT(
        LxcCommand::run({QStringLiteral("network"), QStringLiteral("show"), renamed}).ok(), 15000);
    QVERIFY(!LxcCommand::run({QStringLiteral("network"), QStringLiteral("show"), m_network}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(selectRow(QStringLiteral("default"), renamed), 10000);

    // Del: deleted.
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    pressOnTable(Qt::Key_Delete);
    QVERIFY2(MessageBox::lastMessage().contains(renamed), qPrintable(MessageBox::lastMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(
        !LxcCommand::run({QStringLiteral("network"), QStringLiteral("show"), renamed}).ok(), 15000);

    // The host's own interfaces are listed but left alone.
    QTRY_VERIFY_WITH_TIMEOUT(selectRow(QStringLiteral("default"), QStringLiteral("eth0")), 10000);
    QVERIFY(!actions->renameAction()->isEnabled());
    QVERIFY(!actions->deleteAction()->isEnabled());
}

void TestResourcePages::storageVolumesAreCreatedRenamedAndDeleted()
{
    QVERIFY(m_window->showSection(QStringLiteral("testbed"), m_project, Section::Storage));
    QTRY_VERIFY_WITH_TIMEOUT(selectRow(QString(), QStringLiteral("default")), 10000);
    StoragePoolDetailWidget *pool = m_window->resourcePages()->storagePoolDetail();
    QTRY_VERIFY_WITH_TIMEOUT(pool->isVisible(), 5000);
    QCOMPARE(pool->pool(), QStringLiteral("default"));
    StorageVolumeActions *actions = m_window->resourcePages()->storageVolumeActions();
    QTRY_VERIFY_WITH_TIMEOUT(actions->newAction()->isEnabled(), 5000);

    const QString name = QStringLiteral("res-vol-") + m_suffix;
    actions->newAction()->trigger();
    auto *dialog = openedDialog<CreateObjectDialog>();
    QVERIFY(dialog);
    const QPointer<CreateObjectDialog> guard(dialog);
    dialog->setValue(QStringLiteral("name"), name);
    dialog->setValue(QStringLiteral("description"), QStringLiteral("scratch"));
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!guard || !guard->isVisible(), 20000);
    const auto volumeNames = [this] {
        QStringList names;
        const QJsonArray volumes
            = lxcQuery(QStringLiteral("/1.0/storage-pools/default/volumes/custom")).toArray();
        for (const QJsonValue &volume : volumes)
            names.append(volume.toObject().value(QLatin1String("name")).toString());
        return names;
    };
    QCOMPARE(volumeNames(), QStringList {name});
    const QString key = QStringLiteral("custom/") + name;
    QTRY_VERIFY_WITH_TIMEOUT(pool->selectVolume(key), 10000);
    QCOMPARE(actions->targets().size(), 1);

    // F2 and Del on the volume table mean the volume, not the pool.
    const QString renamed = name + QStringLiteral("-b");
    TextPrompt::setNextAnswer(renamed);
    pool->volumeView()->setFocus();
    QTest::keyClick(pool->volumeView(), Qt::Key_F2);
    QVERIFY2(TextPrompt::lastLabel().contains(name), qPrintable(TextPrompt::lastLabel()));
    QTRY_COMPARE_WITH_TIMEOUT(volumeNames(), QStringList {renamed}, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(pool->selectVolume(QStringLiteral("custom/") + renamed), 10000);

    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    pool->volumeView()->setFocus();
    QTest::keyClick(pool->volumeView(), Qt::Key_Delete);
    QVERIFY2(MessageBox::lastMessage().contains(renamed), qPrintable(MessageBox::lastMessage()));
    QVERIFY(!MessageBox::lastMessage().contains(QLatin1String("storage pool")));
    QTRY_COMPARE_WITH_TIMEOUT(volumeNames(), QStringList(), 20000);
    QVERIFY(
        LxcCommand::run({QStringLiteral("storage"), QStringLiteral("show"), QStringLiteral("default")}).ok());
}

void TestResourcePages::imagesAreImportedAliasedExportedAndDeleted()
{
    if (const QString folder = qEnvironmentVariable("BERTH_SCREENSHOT_DIR"); !folder.isEmpty()) {
        // The testbed's busybox image, selected, with its detail pane.
        QVERIFY(m_window->showSection(QStringLiteral("testbed"), QStringLiteral("default"), Section::Images));
        QTRY_VERIFY_WITH_TIMEOUT(selectRow(QStringLiteral("default"), m_busyboxFingerprint), 15000);
        QVERIFY(m_window->resourcePages()->imageDetail()->isVisible());
        QTest::qWait(300);
        QVERIFY(m_window->grab().save(QDir(folder).filePath(QStringLiteral("images-page.png"))));
    }
    QVERIFY(m_window->showSection(QStringLiteral("testbed"), m_project, Section::Images));
    ImageActions *actions = m_window->resourcePages()->imageActions();
    QTRY_VERIFY_WITH_TIMEOUT(actions->importAction()->isEnabled(), 10000);
    TaskListModel *tasks = m_window->operationsDock()->tasks();
    const int tasksBefore = tasks->rowCount();

    // Import from the file, with an alias; the transfer shows in the operations dock.
    const QString alias = QStringLiteral("res-img-") + m_suffix;
    actions->importAction()->trigger();
    auto *dialog = openedDialog<ImageImportDialog>();
    QVERIFY(dialog);
    dialog->setImagePath(m_dir.filePath(QStringLiteral("missing.tar.gz")));
    dialog->accept();
    QVERIFY(dialog->isVisible()); // a file that is not there is refused on the dialog
    dialog->setImagePath(m_busyboxTarball);
    dialog->setRootfsPath(m_busyboxRootfs);
    dialog->setAliases(alias);
    dialog->accept();
    QCOMPARE(tasks->rowCount(), tasksBefore + 1);
    QVERIFY(tasks->title(0).contains(QFileInfo(m_busyboxTarball).fileName()));
    QVERIFY(m_window->operationsDock()->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(tasks->state(0), TaskListModel::State::Succeeded, 60000);
    const auto image = [this] {
        return lxcQuery(QStringLiteral("/1.0/images/") + m_busyboxFingerprint).toObject();
    };
    QCOMPARE(image().value(QLatin1String("fingerprint")).toString(), m_busyboxFingerprint);
    QTRY_VERIFY_WITH_TIMEOUT(selectRow(m_project, m_busyboxFingerprint), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(
        actions->targets().value(0).object.value(QLatin1String("aliases")).toArray().size(), 1, 10000);
    ImageDetailWidget *detail = m_window->resourcePages()->imageDetail();
    QVERIFY(detail->isVisible());
    QCOMPARE(detail->aliasList()->item(0)->text(), alias);

    // Another alias.
    const QString second = alias + QStringLiteral("-b");
    TextPrompt::setNextAnswer(second);
    actions->addAliasAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(lxc({QStringLiteral("image"), QStringLiteral("alias"), QStringLiteral("list"),
                                  QStringLiteral("--format=csv")})
                                 .output.contains(second),
                             15000);
    QTRY_COMPARE_WITH_TIMEOUT(detail->aliasList()->count(), 2, 10000);

    // Public, by the detail pane's switch.
    QVERIFY(!detail->publicCheckBox()->isChecked());
    detail->publicCheckBox()->click();
    QTRY_VERIFY_WITH_TIMEOUT(image().value(QLatin1String("public")).toBool(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(actions->publicAction()->isChecked(), 10000);
    actions->publicAction()->trigger(); // and back
    QTRY_VERIFY_WITH_TIMEOUT(!image().value(QLatin1String("public")).toBool(), 15000);

    // Export: the file dialog's choice, written under a temporary name, then renamed; byte for byte the
    // image (its fingerprint is the tarball's SHA-256).
    const QString exportPath = m_dir.filePath(QStringLiteral("exported.tar.gz"));
    actions->exportAction()->trigger();
    auto *fileDialog = openedDialog<QFileDialog>();
    QVERIFY(fileDialog);
    fileDialog->selectFile(exportPath);
    static_cast<QDialog *>(fileDialog)->accept(); // as its Save button does
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(exportPath), 30000);
    // A split image comes out as the file and its root file system beside it (`path`.rootfs).
    const QString exportRootfs
        = m_busyboxRootfs.isEmpty() ? QString() : exportPath + QStringLiteral(".rootfs");
    if (!exportRootfs.isEmpty())
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(exportRootfs), 30000);
    QVERIFY(!QFile::exists(ImageActions::partialPath(exportPath)));
    QCOMPARE(sha256Of({exportPath, exportRootfs}), m_busyboxFingerprint);

    // Remove the second alias (asked first).
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    actions->removeAlias(actions->targets().first(), second);
    QTRY_VERIFY_WITH_TIMEOUT(!lxc({QStringLiteral("image"), QStringLiteral("alias"), QStringLiteral("list"),
                                   QStringLiteral("--format=csv")})
                                  .output.contains(second),
                             15000);

    // Del: the image goes, and the question named its alias.
    QTRY_VERIFY_WITH_TIMEOUT(selectRow(m_project, m_busyboxFingerprint), 10000);
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    pressOnTable(Qt::Key_Delete);
    QVERIFY2(MessageBox::lastMessage().contains(alias), qPrintable(MessageBox::lastMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(lxcQuery(QStringLiteral("/1.0/images")).toArray().isEmpty(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(tableModel()->rowOf(m_project, m_busyboxFingerprint), -1, 10000);
}

void TestResourcePages::operationsDockShowsAndCancelsServerOperations()
{
    OperationsDock *dock = m_window->operationsDock();
    dock->show();
    QVERIFY(m_window->showSection(QStringLiteral("testbed"), QStringLiteral("default"), Section::Images));
    QTRY_VERIFY_WITH_TIMEOUT(dock->operationsModel() != nullptr, 5000);

    // A running operation that LXD lets one cancel: the one-time download token of an image. The
    // testbed's busybox image is everybody's: the token is only a ticket to it, and this suite cancels it.
    const LxcResult made
        = LxcCommand::run({QStringLiteral("query"), QStringLiteral("-X"), QStringLiteral("POST"),
                           QStringLiteral("/1.0/images/") + m_busyboxFingerprint + QStringLiteral("/secret"),
                           QStringLiteral("-d"), QStringLiteral("{}")});
    QVERIFY2(made.ok(), qPrintable(made.errorOutput));
    const QJsonObject madeOperation = QJsonDocument::fromJson(made.output.toUtf8()).object();
    const QString id = madeOperation.value(QLatin1String("id")).toString();
    QVERIFY(!id.isEmpty());
    const QDateTime created = QDateTime::fromString(
        madeOperation.value(QLatin1String("created_at")).toString(), Qt::ISODateWithMs);
    QVERIFY(created.isValid());

    Models::OperationTableModel *operations = dock->operationsModel();
    QTRY_VERIFY_WITH_TIMEOUT(operations->rowOf(QStringLiteral("default"), id) >= 0, 10000);
    const int row = operations->rowOf(QStringLiteral("default"), id);
    // Under way: LXD 5.0 reports a token's operation Pending or Running, as it likes.
    const QString status = operations->index(row, Models::OperationTableModel::Status).data().toString();
    QVERIFY2(status == QLatin1String("Pending") || status == QLatin1String("Running"), qPrintable(status));
    QCOMPARE(operations->index(row, Models::OperationTableModel::Description).data().toString(),
             QStringLiteral("Image download token"));

    // Selected, it can be cancelled; Berth's window being away, the end is worth a notification
    // (the threshold is lowered from 5 s so that the test need not wait that long: it waits until the
    // operation is older than that, by the clock of this machine, which is the daemon's).
    dock->setNotifyThreshold(1000);
    dock->setWindowActiveCheck([] { return false; });
    DesktopNotifier::clearRecorded();
    QTRY_VERIFY_WITH_TIMEOUT(created.msecsTo(QDateTime::currentDateTimeUtc()) > 1200, 5000);
    dock->operationView()->selectRow(row);
    QTRY_VERIFY_WITH_TIMEOUT(dock->cancelAction()->isEnabled(), 5000);
    dock->cancelAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(
        QJsonDocument::fromJson(
            LxcCommand::run({QStringLiteral("query"), QStringLiteral("/1.0/operations/") + id})
                .output.toUtf8())
            .object()
            .value(QLatin1String("status"))
            .toString(),
        QStringLiteral("Cancelled"), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(DesktopNotifier::recorded().size(), 1, 10000);
    QVERIFY2(DesktopNotifier::recorded().first().contains(QLatin1String("Image download token")),
             qPrintable(DesktopNotifier::recorded().first()));
    QVERIFY2(DesktopNotifier::recorded().first().contains(QLatin1String("cancelled")),
             qPrintable(DesktopNotifier::recorded().first()));

    // With Berth's window active, nobody is told.
    dock->setWindowActiveCheck([] { return true; });
    DesktopNotifier::clearRecorded();
    const LxcResult again
        = LxcCommand::run({QStringLiteral("query"), QStringLiteral("-X"), QStringLiteral("POST"),
                           QStringLiteral("/1.0/images/") + m_busyboxFingerprint + QStringLiteral("/secret"),
                           QStringLiteral("-d"), QStringLiteral("{}")});
    const QJsonObject againOperation = QJsonDocument::fromJson(again.output.toUtf8()).object();
    const QString second = againOperation.value(QLatin1String("id")).toString();
    const QDateTime secondCreated = QDateTime::fromString(
        againOperation.value(QLatin1String("created_at")).toString(), Qt::ISODateWithMs);
    QVERIFY(secondCreated.isValid());
    QTRY_VERIFY_WITH_TIMEOUT(operations->rowOf(QStringLiteral("default"), second) >= 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(secondCreated.msecsTo(QDateTime::currentDateTimeUtc()) > 1200, 5000);
    QVERIFY(LxcCommand::run({QStringLiteral("operation"), QStringLiteral("delete"), second}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(
        operations
            ->index(operations->rowOf(QStringLiteral("default"), second), Models::OperationTableModel::Status)
            .data()
            .toString(),
        QStringLiteral("Cancelled"), 10000);
    QCOMPARE(DesktopNotifier::recorded().size(), 0);

    // Window away, but a short operation (under the threshold): nobody is told either.
    dock->setWindowActiveCheck([] { return false; });
    dock->setNotifyThreshold(3600 * 1000);
    const LxcResult third
        = LxcCommand::run({QStringLiteral("query"), QStringLiteral("-X"), QStringLiteral("POST"),
                           QStringLiteral("/1.0/images/") + m_busyboxFingerprint + QStringLiteral("/secret"),
                           QStringLiteral("-d"), QStringLiteral("{}")});
    const QString thirdId
        = QJsonDocument::fromJson(third.output.toUtf8()).object().value(QLatin1String("id")).toString();
    QTRY_VERIFY_WITH_TIMEOUT(operations->rowOf(QStringLiteral("default"), thirdId) >= 0, 10000);
    QVERIFY(LxcCommand::run({QStringLiteral("operation"), QStringLiteral("delete"), thirdId}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(operations
                                  ->index(operations->rowOf(QStringLiteral("default"), thirdId),
                                          Models::OperationTableModel::Status)
                                  .data()
                                  .toString(),
                              QStringLiteral("Cancelled"), 10000);
    QCOMPARE(DesktopNotifier::recorded().size(), 0);
    dock->setNotifyThreshold(5000);
    dock->setWindowActiveCheck({});
}

void TestResourcePages::operationsDockCancelsBerthsOwnTransfers()
{
    // A long import (a large file): listed with its progress, and Cancel stops it; no image is made.
    QVERIFY(m_window->showSection(QStringLiteral("testbed"), m_project, Section::Images));
    const QString large = m_dir.filePath(QStringLiteral("large.tar"));
    {
        // Sparse: nothing to write to disk, yet 512 MiB to upload.
        QFile file(large);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(qint64(512) << 20));
    }
    OperationsDock *dock = m_window->operationsDock();
    TaskListModel *tasks = dock->tasks();
    ImageActions *actions = m_window->resourcePages()->imageActions();
    actions->importFiles(m_registry->find(QStringLiteral("testbed")), m_project, large, {}, {}, false);
    QCOMPARE(tasks->state(0), TaskListModel::State::Running);
    QVERIFY(tasks->title(0).contains(QLatin1String("large.tar")));
    QVERIFY(dock->isVisible());
    // Cancelled while it uploads, once some of the file went.
    QTRY_VERIFY_WITH_TIMEOUT(tasks->index(0, TaskListModel::Progress).data(TaskListModel::PercentRole).toInt()
                                     > 0
                                 || tasks->state(0) != TaskListModel::State::Running,
                             20000);
    QCOMPARE(tasks->state(0), TaskListModel::State::Running);
    dock->taskView()->selectRow(0);
    QVERIFY(dock->cancelAction()->isEnabled());
    MessageBox::clearMessages();
    dock->cancelAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(tasks->state(0), TaskListModel::State::Cancelled, 15000);
    QCOMPARE(tasks->index(0, TaskListModel::Progress).data().toString(), QStringLiteral("Cancelled"));
    QVERIFY(!dock->cancelAction()->isEnabled());
    QCOMPARE(MessageBox::messageCount(), 0); // a cancel is not a failure to report
    // Once the daemon has no operation running in the project any more, it holds no image either.
    QTRY_VERIFY_WITH_TIMEOUT(lxcQuery(QStringLiteral("/1.0/operations"))
                                 .toObject()
                                 .value(QLatin1String("running"))
                                 .toArray()
                                 .isEmpty(),
                             15000);
    QVERIFY(lxcQuery(QStringLiteral("/1.0/images")).toArray().isEmpty());

    // Finished rows go when asked.
    dock->clearFinishedAction()->trigger();
    QCOMPARE(tasks->rowCount(), 0);
    QFile::remove(large);
}

QTEST_MAIN(TestResourcePages)
#include "tst_resourcepages.moc"
