#include "CreateInstanceCloudInitPage.h"
#include "CreateInstanceImagePage.h"
#include "CreateInstanceLimitsPage.h"
#include "CreateInstanceNamePage.h"
#include "CreateInstancePlacementPage.h"
#include "CreateInstanceReviewPage.h"
#include "CreateInstanceWizard.h"
#include "InstanceActions.h"
#include "InstanceDetailWidget.h"
#include "InstanceSnapshotsPage.h"
#include "KeyValueTable.h"
#include "LxcCommand.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "ResourceListWidget.h"
#include "Testbed.h"
#include "TextPrompt.h"
#include "Theme.h"
#include "models/Remote.h"
#include "models/RemoteRegistry.h"
#include "models/ResourceTableModel.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUuid>

using Models::ResourceTableModel;
using Section = Models::NavigationTreeModel::Section;

// The create wizard driven as a user drives it, against the real daemon: a container from the busybox
// image with a root disk size, a network, limits, a config key and cloud-init, the YAML edited on the
// last page; then the window's actions start, snapshot, restore, stop, rename and delete it, each
// checked with `lxc`. Errors go back to the page that caused them. Everything is called editors-*.
class TestCreateWizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void namePageChecksNamesAsLxdDoes();
    void createsAContainerFromTheBusyboxImage();
    void aNameInUseIsShownOnTheNamePage();
    void badYamlStaysOnTheReviewPage();
    void imagesOfOtherRemotesAreListed();
    void startsSnapshotsRestoresStopsRenamesAndDeletesIt();

private:
    LxcResult lxc(QStringList arguments) const
    {
        arguments << QStringLiteral("--project") << m_project;
        return LxcCommand::run(arguments);
    }
    QString lxcGet(const QString &name, const QString &key) const
    {
        return lxc({QStringLiteral("config"), QStringLiteral("get"), name, key}).output.trimmed();
    }
    QHash<QString, QString> lxcStatuses() const;
    CreateInstanceWizard *openWizard();
    static void next(CreateInstanceWizard *wizard, int expectedPage);
    // Fills the name and image pages and walks on to `lastPage`.
    void fillTheFirstPages(CreateInstanceWizard *wizard, const QString &name, int lastPage);
    bool selectInstance(const QString &name);
    void screenshot(QWidget *widget, const QString &file);

    QTemporaryDir m_settingsDir;
    Models::RemoteRegistry *m_registry = nullptr;
    MainWindow *m_window = nullptr;
    QString m_suffix;
    QString m_project;
    QString m_name;
};

void TestCreateWizard::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    MessageBox::setTestMode(true);
    TextPrompt::setTestMode(true);
    Theme::initialize();

    m_suffix = QUuid::createUuid().toString(QUuid::Id128).left(8);
    m_project = QStringLiteral("editors-wiz-") + m_suffix;
    m_name = QStringLiteral("editors-w-") + m_suffix;
    QVERIFY(LxcCommand::run({QStringLiteral("project"), QStringLiteral("create"), m_project,
                             QStringLiteral("-c"), QStringLiteral("features.images=false"),
                             QStringLiteral("-c"), QStringLiteral("features.profiles=false")})
                .ok());

    m_registry = new Models::RemoteRegistry(this);
    QVERIFY(m_registry->add(QStringLiteral("testbed"), Lxd::Client::overUnixSocket(Testbed::socketPath())));
    QVERIFY(m_registry->add(QStringLiteral("second"),
                            Lxd::Client::overUnixSocket(Testbed::socketPath(Testbed::Daemon::Second))));
    m_window = new MainWindow(m_registry);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->showSection(QStringLiteral("testbed"), m_project, Section::Instances),
                             15000);
}

void TestCreateWizard::cleanupTestCase()
{
    delete m_window;
    if (m_project.isEmpty())
        return;
    const LxcResult list
        = lxc({QStringLiteral("list"), QStringLiteral("--format=csv"), QStringLiteral("-cn")});
    const QStringList names = list.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &name : names)
        lxc({QStringLiteral("delete"), QStringLiteral("--force"), name});
    LxcCommand::run({QStringLiteral("project"), QStringLiteral("delete"), m_project});
}

QHash<QString, QString> TestCreateWizard::lxcStatuses() const
{
    QHash<QString, QString> statuses;
    const LxcResult list
        = lxc({QStringLiteral("list"), QStringLiteral("--format=csv"), QStringLiteral("-cns")});
    const QStringList lines = list.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines)
        statuses.insert(line.section(QLatin1Char(','), 0, 0), line.section(QLatin1Char(','), 1, 1));
    return statuses;
}

void TestCreateWizard::screenshot(QWidget *widget, const QString &file)
{
    const QString directory = qEnvironmentVariable("BERTH_SCREENSHOT_DIR");
    if (!directory.isEmpty())
        QVERIFY(widget->grab().save(QDir(directory).filePath(file)));
}

CreateInstanceWizard *TestCreateWizard::openWizard()
{
    // Ctrl+N, as the user presses it.
    QAction *action = m_window->newInstanceAction();
    action->trigger();
    auto *wizard = m_window->findChild<CreateInstanceWizard *>();
    if (wizard) {
        if (!QTest::qWaitForWindowExposed(wizard))
            return nullptr;
        QApplication::setActiveWindow(wizard);
    }
    return wizard;
}

void TestCreateWizard::next(CreateInstanceWizard *wizard, int expectedPage)
{
    QAbstractButton *button = wizard->button(QWizard::NextButton);
    QTRY_VERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(wizard->currentId(), expectedPage);
}

void TestCreateWizard::fillTheFirstPages(CreateInstanceWizard *wizard, const QString &name, int lastPage)
{
    QCOMPARE(wizard->currentId(), int(CreateInstanceWizard::NamePage));
    QTest::keyClicks(wizard->namePage()->nameEdit(), name);
    next(wizard, CreateInstanceWizard::ImagePage);
    // The image: typed by its alias; the list follows.
    QTest::keyClicks(wizard->imagePage()->referenceEdit(), Testbed::imageAlias());
    QTRY_VERIFY_WITH_TIMEOUT(wizard->imagePage()->imageTree()->currentItem(), 15000);
    for (int page = CreateInstanceWizard::PlacementPage; page <= lastPage; ++page)
        next(wizard, page);
}

bool TestCreateWizard::selectInstance(const QString &name)
{
    QTableView *view = m_window->resourceList()->tableView();
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex index = view->model()->index(row, 0);
        if (index.data(ResourceTableModel::KeyRole).toString() == name) {
            view->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            return m_window->instanceActions()->targets().size() == 1;
        }
    }
    return false;
}

void TestCreateWizard::namePageChecksNamesAsLxdDoes()
{
    CreateInstanceWizard *wizard = openWizard();
    QVERIFY(wizard);
    QVERIFY(wizard->windowModality() != Qt::NonModal);
    QLineEdit *name = wizard->namePage()->nameEdit();
    QAbstractButton *nextButton = wizard->button(QWizard::NextButton);
    // Empty: the server chooses.
    QVERIFY(nextButton->isEnabled());
    for (const QString &bad : {QStringLiteral("1abc"), QStringLiteral("bad_name"),
                               QStringLiteral("trailing-"), QString(64, QLatin1Char('a'))}) {
        name->clear();
        QTest::keyClicks(name, bad);
        QVERIFY2(!nextButton->isEnabled(), qPrintable(bad));
        QVERIFY2(!wizard->namePage()->nameProblemLabel()->text().startsWith(QLatin1String("Letters")),
                 qPrintable(wizard->namePage()->nameProblemLabel()->text()));
    }
    name->clear();
    QTest::keyClicks(name, QStringLiteral("editors-ok"));
    QVERIFY(nextButton->isEnabled());
    wizard->reject();
    QTRY_VERIFY(!m_window->findChild<CreateInstanceWizard *>());
}

void TestCreateWizard::createsAContainerFromTheBusyboxImage()
{
    CreateInstanceWizard *wizard = openWizard();
    QVERIFY(wizard);
    const QPointer<CreateInstanceWizard> guard(wizard);

    // Name and type.
    CreateInstanceNamePage *namePage = wizard->namePage();
    QTest::keyClicks(namePage->nameEdit(), m_name);
    QTest::keyClicks(namePage->descriptionEdit(), QStringLiteral("made by the wizard"));
    QVERIFY(namePage->containerButton()->isChecked());
    next(wizard, CreateInstanceWizard::ImagePage);

    // The image, picked from the list of this server's images.
    CreateInstanceImagePage *imagePage = wizard->imagePage();
    QTreeWidget *images = imagePage->imageTree();
    QTRY_VERIFY_WITH_TIMEOUT(images->topLevelItemCount() > 0, 15000);
    QTreeWidgetItem *busybox = nullptr;
    for (int row = 0; row < images->topLevelItemCount(); ++row) {
        if (images->topLevelItem(row)->text(0).split(QLatin1String(", ")).contains(Testbed::imageAlias()))
            busybox = images->topLevelItem(row);
    }
    QVERIFY(busybox);
    images->scrollToItem(busybox);
    QTest::mouseClick(images->viewport(), Qt::LeftButton, {}, images->visualItemRect(busybox).center());
    QCOMPARE(imagePage->referenceEdit()->text(), Testbed::imageAlias());
    QVERIFY(!imagePage->needsCopy());
    next(wizard, CreateInstanceWizard::PlacementPage);

    // Profiles, storage and network: the default profile is checked; a pool, a size and a network.
    CreateInstancePlacementPage *placement = wizard->placementPage();
    QTRY_VERIFY_WITH_TIMEOUT(placement->profileList()->count() > 0, 15000);
    QCOMPARE(placement->profiles(), QStringList {QStringLiteral("default")});
    QVERIFY(!placement->memberComboBox()->isVisible()); // not a cluster
    QTRY_VERIFY_WITH_TIMEOUT(placement->poolComboBox()->findData(QStringLiteral("default")) > 0, 15000);
    placement->poolComboBox()->setCurrentIndex(
        placement->poolComboBox()->findData(QStringLiteral("default")));
    QTest::keyClicks(placement->rootSizeEdit(), QStringLiteral("64MiB"));
    QTRY_VERIFY_WITH_TIMEOUT(placement->networkComboBox()->findData(QStringLiteral("lxdbr0")) > 0, 15000);
    placement->networkComboBox()->setCurrentIndex(
        placement->networkComboBox()->findData(QStringLiteral("lxdbr0")));
    next(wizard, CreateInstanceWizard::LimitsPage);

    // Limits, a config key and a device of its own.
    CreateInstanceLimitsPage *limits = wizard->limitsPage();
    QTest::keyClicks(limits->cpuEdit(), QStringLiteral("1"));
    QTest::keyClicks(limits->memoryEdit(), QStringLiteral("128MiB"));
    QTest::mouseClick(limits->configTable()->addButton(), Qt::LeftButton);
    QTableWidget *config = limits->configTable()->tableWidget();
    config->item(config->rowCount() - 1, 0)->setText(QStringLiteral("user.editors"));
    config->item(config->rowCount() - 1, 1)->setText(QStringLiteral("from the wizard"));
    QTableWidget *devices = limits->deviceTable()->tableWidget();
    const QList<QStringList> deviceRows {
        {QStringLiteral("scratch"), QStringLiteral("type"), QStringLiteral("disk")},
        {QStringLiteral("scratch"), QStringLiteral("source"), QStringLiteral("/tmp")},
        {QStringLiteral("scratch"), QStringLiteral("path"), QStringLiteral("/mnt/scratch")}};
    for (const QStringList &values : deviceRows) {
        QTest::mouseClick(limits->deviceTable()->addButton(), Qt::LeftButton);
        for (int column = 0; column < 3; ++column)
            devices->item(devices->rowCount() - 1, column)->setText(values.at(column));
    }
    screenshot(wizard, QStringLiteral("create-wizard-limits.png"));
    next(wizard, CreateInstanceWizard::CloudInitPage);

    // cloud-init: bad YAML holds the wizard here, pointing at its line; fixed, it goes on.
    CreateInstanceCloudInitPage *cloudInit = wizard->cloudInitPage();
    cloudInit->userDataEdit()->setPlainText(QStringLiteral("#cloud-config\nhostname: [editors\n"));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    QVERIFY2(cloudInit->problemLabel()->text().contains(QLatin1String("Line ")),
             qPrintable(cloudInit->problemLabel()->text()));
    cloudInit->userDataEdit()->setPlainText(QStringLiteral("#cloud-config\nhostname: editors\n"));
    next(wizard, CreateInstanceWizard::ReviewPage);

    // The whole request as YAML; an edit there wins over the other pages.
    CreateInstanceReviewPage *review = wizard->reviewPage();
    QString yaml = review->yamlEdit()->toPlainText();
    for (const char *expected : {"alias: busybox", "limits.cpu: \"1\"", "limits.memory: 128MiB",
                                 "size: 64MiB", "network: lxdbr0", "user.editors: from the wizard",
                                 "path: /mnt/scratch", "type: container", "- default", "hostname: editors"})
        QVERIFY2(yaml.contains(QLatin1String(expected)),
                 qPrintable(QStringLiteral("%1 in:\n%2").arg(QLatin1String(expected), yaml)));
    QVERIFY2(review->summaryLabel()->text().contains(m_project), qPrintable(review->summaryLabel()->text()));
    yaml.replace(QLatin1String("user.editors: from the wizard"),
                 QLatin1String("user.editors: edited in the YAML"));
    review->yamlEdit()->setPlainText(yaml);
    QVERIFY(review->isEdited());
    QVERIFY(review->rebuildButton()->isEnabled());
    // Start it later, from the window.
    review->startCheckBox()->setChecked(false);
    screenshot(wizard, QStringLiteral("create-wizard.png"));

    QAbstractButton *create = wizard->button(QWizard::FinishButton);
    QCOMPARE(create->text(), QStringLiteral("&Create"));
    QTest::mouseClick(create, Qt::LeftButton);
    QVERIFY(wizard->isCreating() || !guard);
    QTRY_VERIFY_WITH_TIMEOUT(!guard, 120000);

    // What `lxc` sees.
    QCOMPARE(lxcStatuses().value(m_name), QStringLiteral("STOPPED"));
    QCOMPARE(lxcGet(m_name, QStringLiteral("user.editors")), QStringLiteral("edited in the YAML"));
    QCOMPARE(lxcGet(m_name, QStringLiteral("limits.cpu")), QStringLiteral("1"));
    QCOMPARE(lxcGet(m_name, QStringLiteral("limits.memory")), QStringLiteral("128MiB"));
    QVERIFY(
        lxcGet(m_name, QStringLiteral("cloud-init.user-data")).contains(QLatin1String("hostname: editors")));
    const LxcResult shown = lxc({QStringLiteral("config"), QStringLiteral("show"), m_name});
    QVERIFY2(shown.output.contains(QLatin1String("description: made by the wizard")),
             qPrintable(shown.output));
    const LxcResult root = lxc({QStringLiteral("config"), QStringLiteral("device"), QStringLiteral("get"),
                                m_name, QStringLiteral("root"), QStringLiteral("size")});
    QCOMPARE(root.output.trimmed(), QStringLiteral("64MiB"));
    const LxcResult nic = lxc({QStringLiteral("config"), QStringLiteral("device"), QStringLiteral("get"),
                               m_name, QStringLiteral("eth0"), QStringLiteral("network")});
    QCOMPARE(nic.output.trimmed(), QStringLiteral("lxdbr0"));
    const LxcResult scratch = lxc({QStringLiteral("config"), QStringLiteral("device"), QStringLiteral("get"),
                                   m_name, QStringLiteral("scratch"), QStringLiteral("path")});
    QCOMPARE(scratch.output.trimmed(), QStringLiteral("/mnt/scratch"));

    // And the window's table, from the daemon's event.
    QTRY_VERIFY_WITH_TIMEOUT(selectInstance(m_name), 15000);
}

void TestCreateWizard::aNameInUseIsShownOnTheNamePage()
{
    CreateInstanceWizard *wizard = openWizard();
    QVERIFY(wizard);
    fillTheFirstPages(wizard, m_name, CreateInstanceWizard::ReviewPage);
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    // Back on the page that caused it, saying why in LXD's words.
    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(CreateInstanceWizard::NamePage), 60000);
    const QString error = wizard->namePage()->errorText();
    QVERIFY2(error.contains(QLatin1String("already exists")), qPrintable(error));
    QVERIFY(wizard->namePage()->errorLabel()->isVisible());
    QVERIFY(!wizard->isCreating());

    // Another name, and it works from there.
    QLineEdit *name = wizard->namePage()->nameEdit();
    name->clear();
    const QString other = m_name + QStringLiteral("-b");
    QTest::keyClicks(name, other);
    QVERIFY(wizard->namePage()->errorText().isEmpty());
    for (int page = CreateInstanceWizard::ImagePage; page <= CreateInstanceWizard::ReviewPage; ++page)
        next(wizard, page);
    QVERIFY(wizard->reviewPage()->yamlEdit()->toPlainText().contains(other));
    wizard->reviewPage()->startCheckBox()->setChecked(false);
    const QPointer<CreateInstanceWizard> guard(wizard);
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!guard, 120000);
    QCOMPARE(lxcStatuses().value(other), QStringLiteral("STOPPED"));
    QVERIFY(lxc({QStringLiteral("delete"), other}).ok());
}

void TestCreateWizard::badYamlStaysOnTheReviewPage()
{
    CreateInstanceWizard *wizard = openWizard();
    QVERIFY(wizard);
    fillTheFirstPages(wizard, m_name + QStringLiteral("-c"), CreateInstanceWizard::ReviewPage);
    CreateInstanceReviewPage *review = wizard->reviewPage();
    review->yamlEdit()->setPlainText(review->yamlEdit()->toPlainText() + QStringLiteral("config: [oops\n"));
    QVERIFY(review->yamlProblemLabel()->isVisible());
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(CreateInstanceWizard::ReviewPage));
    QVERIFY2(review->errorText().contains(QLatin1String("Line ")), qPrintable(review->errorText()));
    QVERIFY(!wizard->isCreating());

    // Rebuilt from the pages, the request reads again; an error the server finds in the edited YAML
    // (an unknown key) is shown here too, since the YAML is what was sent.
    QTest::mouseClick(review->rebuildButton(), Qt::LeftButton);
    QVERIFY(!review->isEdited());
    QVERIFY(!review->yamlProblemLabel()->isVisible());
    QString yaml = review->yamlEdit()->toPlainText();
    yaml.replace(QLatin1String("type: container"),
                 QLatin1String("type: container\nconfig:\n  no.such.key: x"));
    review->yamlEdit()->setPlainText(yaml);
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!review->errorText().isEmpty(), 60000);
    QCOMPARE(wizard->currentId(), int(CreateInstanceWizard::ReviewPage));
    QVERIFY2(review->errorText().contains(QLatin1String("no.such.key")), qPrintable(review->errorText()));
    QVERIFY(!lxcStatuses().contains(m_name + QStringLiteral("-c")));
    wizard->reject();
    QTRY_VERIFY(!m_window->findChild<CreateInstanceWizard *>());
}

void TestCreateWizard::imagesOfOtherRemotesAreListed()
{
    CreateInstanceWizard *wizard = openWizard();
    QVERIFY(wizard);
    next(wizard, CreateInstanceWizard::ImagePage);
    CreateInstanceImagePage *imagePage = wizard->imagePage();
    QComboBox *remotes = imagePage->remoteComboBox();
    QCOMPARE(remotes->count(), 2);
    remotes->setCurrentIndex(remotes->findData(QStringLiteral("second")));
    QTRY_VERIFY_WITH_TIMEOUT(imagePage->imageTree()->topLevelItemCount() > 0, 15000);
    QTest::keyClicks(imagePage->referenceEdit(), Testbed::imageAlias());
    QVERIFY(imagePage->needsCopy());
    QVERIFY(!imagePage->fingerprint().isEmpty());
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    // The request names the image by fingerprint (it is copied here first), and the review says so.
    QJsonObject body = wizard->buildRequest();
    QCOMPARE(body.value(QLatin1String("source")).toObject().value(QLatin1String("fingerprint")).toString(),
             imagePage->fingerprint());
    for (int page = CreateInstanceWizard::PlacementPage; page <= CreateInstanceWizard::ReviewPage; ++page)
        next(wizard, page);
    QVERIFY2(
        wizard->reviewPage()->summaryLabel()->text().contains(QLatin1String("copied from <b>second</b>")),
        qPrintable(wizard->reviewPage()->summaryLabel()->text()));
    // A virtual machine needs a VM image: busybox is a container image.
    wizard->back();
    wizard->back();
    wizard->back();
    wizard->back();
    QCOMPARE(wizard->currentId(), int(CreateInstanceWizard::ImagePage));
    wizard->back();
    // On the radio button's label: a click past its text, in the stretched row, misses it.
    QRadioButton *vm = wizard->namePage()->virtualMachineButton();
    QTest::mouseClick(vm, Qt::LeftButton, {}, QPoint(vm->height() / 2, vm->height() / 2));
    QVERIFY(wizard->namePage()->isVirtualMachine());
    next(wizard, CreateInstanceWizard::ImagePage);
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    wizard->reject();
    QTRY_VERIFY(!m_window->findChild<CreateInstanceWizard *>());
}

void TestCreateWizard::startsSnapshotsRestoresStopsRenamesAndDeletesIt()
{
    InstanceActions *actions = m_window->instanceActions();
    QTRY_VERIFY_WITH_TIMEOUT(selectInstance(m_name), 15000);

    // Start.
    QTRY_VERIFY_WITH_TIMEOUT(actions->startAction()->isEnabled(), 5000);
    actions->startAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(lxcStatuses().value(m_name), QStringLiteral("RUNNING"), 30000);

    // Snapshot.
    const QString snapshotsPath
        = QStringLiteral("/1.0/instances/%1/snapshots?project=%2").arg(m_name, m_project);
    TextPrompt::setNextAnswer(QStringLiteral("editors-snap"));
    QVERIFY(actions->snapshotAction()->isEnabled());
    actions->snapshotAction()->trigger();
    const auto snapshots = [&snapshotsPath] {
        const LxcResult result = LxcCommand::run({QStringLiteral("query"), snapshotsPath});
        return QJsonDocument::fromJson(result.output.toUtf8()).array();
    };
    QTRY_COMPARE_WITH_TIMEOUT(snapshots().size(), 1, 30000);
    QVERIFY2(snapshots().at(0).toString().contains(QLatin1String("/snapshots/editors-snap")),
             qPrintable(snapshots().at(0).toString()));

    // Restore: a change made after the snapshot goes away again.
    QVERIFY(
        lxc({QStringLiteral("config"), QStringLiteral("set"), m_name, QStringLiteral("user.editors=after")})
            .ok());
    QCOMPARE(lxcGet(m_name, QStringLiteral("user.editors")), QStringLiteral("after"));
    InstanceSnapshotsPage *page = m_window->instanceDetail()->snapshotsPage();
    m_window->instanceDetail()->tabWidget()->setCurrentWidget(page);
    QTRY_VERIFY_WITH_TIMEOUT(page->selectSnapshot(QStringLiteral("editors-snap")), 15000);
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    page->restoreAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(lxcGet(m_name, QStringLiteral("user.editors")),
                              QStringLiteral("edited in the YAML"), 60000);

    // Stop (LXD renames only stopped instances).
    QTRY_VERIFY_WITH_TIMEOUT(selectInstance(m_name), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(lxcStatuses().value(m_name), QStringLiteral("RUNNING"), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(actions->forceStopAction()->isEnabled(), 10000);
    actions->forceStopAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(lxcStatuses().value(m_name), QStringLiteral("STOPPED"), 30000);

    // Rename.
    const QString renamed = m_name + QStringLiteral("-renamed");
    QTRY_VERIFY_WITH_TIMEOUT(actions->startAction()->isEnabled(), 10000); // the row says Stopped
    TextPrompt::setNextAnswer(renamed);
    actions->renameAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(lxcStatuses().contains(renamed), 30000);
    QVERIFY(!lxcStatuses().contains(m_name));

    // Delete, confirmed.
    QTRY_VERIFY_WITH_TIMEOUT(selectInstance(renamed), 15000);
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    actions->deleteAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!lxcStatuses().contains(renamed), 30000);
    QVERIFY(MessageBox::lastMessage().contains(renamed));
}

QTEST_MAIN(TestCreateWizard)
#include "tst_createwizard.moc"
