#include "ConfigConflictView.h"
#include "ConfigEditor.h"
#include "ConfigEditorDialog.h"
#include "InstanceConfigPage.h"
#include "InstanceDetailWidget.h"
#include "InstanceDevicesPage.h"
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

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QUuid>

using Section = Models::NavigationTreeModel::Section;

#define OPEN_EDITOR(editor)                                                                                  \
    ConfigEditor *editor = openInstanceEditor();                                                             \
    QVERIFY(editor);                                                                                         \
    QTRY_COMPARE_WITH_TIMEOUT(editor->state(), ConfigEditor::State::Editing, 15000)

// The configuration editor against the real daemon: edits made in the form, the key table and the YAML
// are saved (checked with `lxc config get`); a change made with `lxc` while the editor is open is a
// conflict that shows both versions, and both ways out work; bad YAML and rejected values point at
// their line and key; closing with unsaved changes asks. Everything it makes is called editors-*.
class TestConfigEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void savesAnEditMadeInTheForm();
    void savesAnEditMadeInTheKeyTable();
    void savesAnEditMadeInTheYaml();
    void conflictShowsBothVersionsAndOverwriteWins();
    void conflictShowsBothVersionsAndReloadTakesTheServers();
    void conflictKeepEditingThenSaveReplaces();
    void invalidYamlPointsAtTheLineAndSavesNothing();
    void rejectedValueNamesTheKey();
    void closingWithUnsavedChangesAsks();
    void editsAProfileAndAProject();
    void editsANetworkAPoolAndAVolume();
    void editActionOfTheMainWindowOpensTheEditor();

private:
    LxcResult lxc(QStringList arguments) const
    {
        arguments << QStringLiteral("--project") << m_project;
        return LxcCommand::run(arguments);
    }
    QString lxcGet(const QString &key) const
    {
        return lxc({QStringLiteral("config"), QStringLiteral("get"), m_instance, key}).output.trimmed();
    }
    // Opens the editor of the suite's instance (OPEN_EDITOR also waits until it has read it).
    ConfigEditor *openInstanceEditor();
    void closeWithoutAsking(ConfigEditor *editor);
    // Sets a key in the Keys tab the way a user does: a new row, or the value of the key's row.
    static void setKeyInTable(ConfigEditor *editor, const QString &key, const QString &value);
    static void saveAndWait(ConfigEditor *editor,
                            ConfigEditor::State expected = ConfigEditor::State::Editing);
    void screenshot(ConfigEditor *editor);

    QTemporaryDir m_settingsDir;
    Models::RemoteRegistry *m_registry = nullptr;
    Models::Remote *m_remote = nullptr;
    QString m_suffix;
    QString m_project;
    QString m_instance;
    QString m_profile;
    QString m_network;
    QString m_pool;
    QString m_volume;
};

void TestConfigEditor::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    MessageBox::setTestMode(true);
    TextPrompt::setTestMode(true);
    Theme::initialize();

    m_suffix = QUuid::createUuid().toString(QUuid::Id128).left(8);
    m_project = QStringLiteral("editors-cfg-") + m_suffix;
    m_instance = QStringLiteral("editors-c-") + m_suffix;
    m_profile = QStringLiteral("editors-p-") + m_suffix;
    m_network = QStringLiteral("editors-n") + m_suffix.left(5); // a bridge's name has at most 15 bytes
    m_pool = QStringLiteral("editors-pool-") + m_suffix;
    m_volume = QStringLiteral("editors-v-") + m_suffix;
    QVERIFY(LxcCommand::run({QStringLiteral("project"), QStringLiteral("create"), m_project,
                             QStringLiteral("-c"), QStringLiteral("features.images=false"),
                             QStringLiteral("-c"), QStringLiteral("features.profiles=false")})
                .ok());
    QVERIFY(lxc({QStringLiteral("init"), Testbed::imageAlias(), m_instance}).ok());
    QVERIFY(LxcCommand::run({QStringLiteral("profile"), QStringLiteral("create"), m_profile}).ok());

    m_registry = new Models::RemoteRegistry(this);
    m_remote = m_registry->add(QStringLiteral("testbed"), Lxd::Client::overUnixSocket(Testbed::socketPath()));
    QVERIFY(m_remote);
}

void TestConfigEditor::cleanupTestCase()
{
    const QWidgetList windows = QApplication::topLevelWidgets();
    for (QWidget *window : windows)
        delete window;
    if (m_project.isEmpty())
        return;
    lxc({QStringLiteral("delete"), QStringLiteral("--force"), m_instance});
    LxcCommand::run({QStringLiteral("profile"), QStringLiteral("delete"), m_profile});
    LxcCommand::run({QStringLiteral("network"), QStringLiteral("delete"), m_network});
    lxc({QStringLiteral("storage"), QStringLiteral("volume"), QStringLiteral("delete"), m_pool, m_volume});
    LxcCommand::run({QStringLiteral("storage"), QStringLiteral("delete"), m_pool});
    LxcCommand::run({QStringLiteral("project"), QStringLiteral("delete"), m_project});
}

ConfigEditor *TestConfigEditor::openInstanceEditor()
{
    ConfigEditorDialog *dialog
        = ConfigEditorDialog::open(ConfigObject::instance(m_remote, m_project, m_instance), nullptr);
    if (!dialog)
        return nullptr;
    if (!QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog->editor();
}

void TestConfigEditor::closeWithoutAsking(ConfigEditor *editor)
{
    const QPointer<QWidget> dialog = editor->window();
    if (editor->isDirty())
        editor->revert();
    dialog->close();
    QTRY_VERIFY(!dialog);
}

void TestConfigEditor::setKeyInTable(ConfigEditor *editor, const QString &key, const QString &value)
{
    editor->tabWidget()->setCurrentIndex(ConfigEditor::KeysTab);
    KeyValueTable *keys = editor->keyTable();
    QTableWidget *table = keys->tableWidget();
    if (keys->selectRow({key})) {
        table->item(table->currentRow(), 1)->setText(value);
        return;
    }
    QTest::mouseClick(keys->addButton(), Qt::LeftButton);
    const int row = table->rowCount() - 1;
    // Typing into the new row's cells, as the item editor would commit them.
    table->item(row, 0)->setText(key);
    table->item(row, 1)->setText(value);
}

void TestConfigEditor::saveAndWait(ConfigEditor *editor, ConfigEditor::State expected)
{
    QVERIFY(editor->saveButton()->isEnabled());
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(editor->state() != ConfigEditor::State::Saving, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(editor->state(), expected, 15000);
}

void TestConfigEditor::screenshot(ConfigEditor *editor)
{
    const QString directory = qEnvironmentVariable("BERTH_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    // The form, the key table and the YAML tab, side by side in one picture.
    QWidget *window = editor->window();
    QList<QPixmap> shots;
    int width = 0;
    int height = 0;
    for (int tab : {int(ConfigEditor::FormTab), int(ConfigEditor::KeysTab), int(ConfigEditor::YamlTab)}) {
        editor->tabWidget()->setCurrentIndex(tab);
        QCoreApplication::processEvents();
        shots.append(window->grab());
        width += shots.last().width() + (shots.size() > 1 ? 16 : 0);
        height = qMax(height, shots.last().height());
    }
    QPixmap combined(width, height);
    combined.fill(window->palette().color(QPalette::Mid));
    QPainter painter(&combined);
    int x = 0;
    for (const QPixmap &shot : std::as_const(shots)) {
        painter.drawPixmap(x, 0, shot);
        x += shot.width() + 16;
    }
    painter.end();
    QVERIFY(combined.save(QDir(directory).filePath(QStringLiteral("config-editor.png"))));
}

void TestConfigEditor::savesAnEditMadeInTheForm()
{
    OPEN_EDITOR(editor);
    QVERIFY(!editor->isDirty());
    QVERIFY(!editor->saveButton()->isEnabled());
    QCOMPARE(editor->serverObject().value(QLatin1String("profiles")).toArray(),
             QJsonArray {QStringLiteral("default")});

    // The form: typed into the CPU field, the key appears in the table and in the YAML at once.
    editor->tabWidget()->setCurrentIndex(ConfigEditor::FormTab);
    auto *cpu = qobject_cast<QLineEdit *>(editor->fieldWidget(QStringLiteral("limits.cpu")));
    QVERIFY(cpu);
    QTest::keyClicks(cpu, QStringLiteral("1"));
    QVERIFY(editor->isDirty());
    QVERIFY(editor->keyTable()->selectRow({QStringLiteral("limits.cpu")}));
    QVERIFY2(editor->yamlEdit()->toPlainText().contains(QLatin1String("limits.cpu: \"1\"")),
             qPrintable(editor->yamlEdit()->toPlainText()));
    QVERIFY(editor->window()->isWindowModified());

    auto *autostart = qobject_cast<QComboBox *>(editor->fieldWidget(QStringLiteral("boot.autostart")));
    QVERIFY(autostart);
    autostart->setCurrentIndex(autostart->findData(QStringLiteral("false")));
    auto *description = qobject_cast<QLineEdit *>(editor->fieldWidget(QStringLiteral("description")));
    QTest::keyClicks(description, QStringLiteral("edited by Berth"));

    saveAndWait(editor);
    QCOMPARE(lxcGet(QStringLiteral("limits.cpu")), QStringLiteral("1"));
    QCOMPARE(lxcGet(QStringLiteral("boot.autostart")), QStringLiteral("false"));
    const LxcResult shown = lxc({QStringLiteral("config"), QStringLiteral("show"), m_instance});
    QVERIFY2(shown.output.contains(QLatin1String("description: edited by Berth")), qPrintable(shown.output));
    QVERIFY(!editor->isDirty());
    QVERIFY(!editor->window()->isWindowModified());
    QVERIFY2(editor->messageLabel()->text().contains(QLatin1String("Saved")),
             qPrintable(editor->messageLabel()->text()));
    closeWithoutAsking(editor);
}

void TestConfigEditor::savesAnEditMadeInTheKeyTable()
{
    OPEN_EDITOR(editor);
    setKeyInTable(editor, QStringLiteral("user.editors"), QStringLiteral("from the table"));
    QVERIFY(editor->isDirty());
    QCOMPARE(
        editor->editedObject().value(QLatin1String("config")).toObject().value(QLatin1String("user.editors")),
        QJsonValue(QStringLiteral("from the table")));
    saveAndWait(editor);
    QCOMPARE(lxcGet(QStringLiteral("user.editors")), QStringLiteral("from the table"));

    // Removing the row unsets the key.
    QVERIFY(editor->keyTable()->selectRow({QStringLiteral("user.editors")}));
    QTest::mouseClick(editor->keyTable()->removeButton(), Qt::LeftButton);
    saveAndWait(editor);
    QCOMPARE(lxcGet(QStringLiteral("user.editors")), QString());
    closeWithoutAsking(editor);
}

void TestConfigEditor::savesAnEditMadeInTheYaml()
{
    OPEN_EDITOR(editor);
    editor->tabWidget()->setCurrentIndex(ConfigEditor::YamlTab);
    QString yaml = editor->yamlEdit()->toPlainText();
    // As in `lxc config edit`: the whole writable object, in LXD's order.
    QVERIFY2(yaml.startsWith(QLatin1String("architecture: ")), qPrintable(yaml));
    QVERIFY2(yaml.contains(QLatin1String("\nprofiles:\n")), qPrintable(yaml));
    QVERIFY2(yaml.contains(QLatin1String("volatile.base_image")), qPrintable(yaml));
    yaml.replace(QLatin1String("config:\n"), QLatin1String("config:\n  user.yaml: written as YAML\n"));
    editor->yamlEdit()->setPlainText(yaml);
    QVERIFY(editor->yamlProblem().isNull());
    QVERIFY(editor->isDirty());
    // The other views follow the YAML.
    QVERIFY(editor->keyTable()->selectRow({QStringLiteral("user.yaml")}));
    saveAndWait(editor);
    QCOMPARE(lxcGet(QStringLiteral("user.yaml")), QStringLiteral("written as YAML"));
    screenshot(editor);
    closeWithoutAsking(editor);
}

void TestConfigEditor::conflictShowsBothVersionsAndOverwriteWins()
{
    OPEN_EDITOR(editor);
    setKeyInTable(editor, QStringLiteral("user.race"), QStringLiteral("mine"));
    // Meanwhile, someone else changes the same key.
    QVERIFY(
        lxc({QStringLiteral("config"), QStringLiteral("set"), m_instance, QStringLiteral("user.race=theirs")})
            .ok());
    saveAndWait(editor, ConfigEditor::State::Conflict);

    ConfigConflictView *conflict = editor->conflictView();
    QTRY_VERIFY(conflict->isVisible());
    const QString mine = conflict->mineEdit()->toPlainText();
    const QString theirs = conflict->theirsEdit()->toPlainText();
    QVERIFY2(mine.contains(QLatin1String("user.race: mine")), qPrintable(mine));
    QVERIFY2(theirs.contains(QLatin1String("user.race: theirs")), qPrintable(theirs));
    QVERIFY(!conflict->mineEdit()->extraSelections().isEmpty());
    QVERIFY(!conflict->theirsEdit()->extraSelections().isEmpty());
    // Nothing of the user's was lost, and nothing was written.
    QVERIFY(editor->isDirty());
    QCOMPARE(lxcGet(QStringLiteral("user.race")), QStringLiteral("theirs"));

    if (!qEnvironmentVariable("BERTH_SCREENSHOT_DIR").isEmpty())
        QVERIFY(editor->window()->grab().save(QDir(qEnvironmentVariable("BERTH_SCREENSHOT_DIR"))
                                                  .filePath(QStringLiteral("config-conflict.png"))));

    QTest::mouseClick(conflict->overwriteButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(editor->state() == ConfigEditor::State::Editing && !editor->isDirty(), 30000);
    QCOMPARE(lxcGet(QStringLiteral("user.race")), QStringLiteral("mine"));
    closeWithoutAsking(editor);
}

void TestConfigEditor::conflictShowsBothVersionsAndReloadTakesTheServers()
{
    OPEN_EDITOR(editor);
    setKeyInTable(editor, QStringLiteral("user.race"), QStringLiteral("mine again"));
    QVERIFY(lxc({QStringLiteral("config"), QStringLiteral("set"), m_instance,
                 QStringLiteral("user.race=theirs again")})
                .ok());
    saveAndWait(editor, ConfigEditor::State::Conflict);
    QVERIFY(editor->conflictView()->theirsEdit()->toPlainText().contains(QLatin1String("theirs again")));
    QVERIFY(editor->conflictView()->mineEdit()->toPlainText().contains(QLatin1String("mine again")));

    QTest::mouseClick(editor->conflictView()->reloadButton(), Qt::LeftButton);
    QCOMPARE(editor->state(), ConfigEditor::State::Editing);
    QVERIFY(!editor->isDirty());
    QVERIFY(editor->keyTable()->selectRow({QStringLiteral("user.race")}));
    QTableWidget *table = editor->keyTable()->tableWidget();
    QCOMPARE(table->item(table->currentRow(), 1)->text(), QStringLiteral("theirs again"));
    QVERIFY(editor->yamlEdit()->toPlainText().contains(QLatin1String("user.race: theirs again")));
    QCOMPARE(lxcGet(QStringLiteral("user.race")), QStringLiteral("theirs again"));

    // And the editor goes on from the server's version: the next save is not a conflict.
    setKeyInTable(editor, QStringLiteral("user.race"), QStringLiteral("after reload"));
    saveAndWait(editor);
    QCOMPARE(lxcGet(QStringLiteral("user.race")), QStringLiteral("after reload"));
    closeWithoutAsking(editor);
}

void TestConfigEditor::conflictKeepEditingThenSaveReplaces()
{
    OPEN_EDITOR(editor);
    setKeyInTable(editor, QStringLiteral("user.other"), QStringLiteral("mine"));
    QVERIFY(
        lxc({QStringLiteral("config"), QStringLiteral("set"), m_instance, QStringLiteral("user.race=third")})
            .ok());
    saveAndWait(editor, ConfigEditor::State::Conflict);
    QTest::mouseClick(editor->conflictView()->keepEditingButton(), Qt::LeftButton);
    QCOMPARE(editor->state(), ConfigEditor::State::Editing);
    // The user's version is still there, and differs from the server's new one.
    QVERIFY(editor->isDirty());
    QVERIFY(editor->keyTable()->selectRow({QStringLiteral("user.other")}));
    saveAndWait(editor);
    QCOMPARE(lxcGet(QStringLiteral("user.other")), QStringLiteral("mine"));
    // Saving the user's version replaced the other change, knowingly.
    QCOMPARE(lxcGet(QStringLiteral("user.race")), QStringLiteral("after reload"));
    closeWithoutAsking(editor);
}

void TestConfigEditor::invalidYamlPointsAtTheLineAndSavesNothing()
{
    OPEN_EDITOR(editor);
    editor->tabWidget()->setCurrentIndex(ConfigEditor::YamlTab);
    QString yaml = editor->yamlEdit()->toPlainText();
    const int line = int(yaml.left(yaml.indexOf(QLatin1String("config:"))).count(QLatin1Char('\n'))) + 2;
    yaml.replace(QLatin1String("config:\n"), QLatin1String("config:\n  user.broken: [not closed\n"));
    editor->yamlEdit()->setPlainText(yaml);

    QVERIFY(!editor->yamlProblem().isNull());
    QVERIFY(editor->yamlProblemLabel()->isVisible());
    const QString shown = editor->yamlProblemLabel()->text();
    QVERIFY2(shown.contains(QStringLiteral("Line ")), qPrintable(shown));
    QVERIFY2(editor->yamlProblem().line >= line, qPrintable(shown));
    QVERIFY(!editor->yamlEdit()->extraSelections().isEmpty());
    // The other views wait for the YAML to be readable.
    QVERIFY(!editor->tabWidget()->isTabEnabled(ConfigEditor::FormTab));
    QVERIFY(!editor->tabWidget()->isTabEnabled(ConfigEditor::KeysTab));

    // Save refuses, and says where.
    QVERIFY(editor->isDirty());
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QCOMPARE(editor->state(), ConfigEditor::State::Editing);
    QVERIFY2(editor->messageLabel()->text().contains(QLatin1String("Line ")),
             qPrintable(editor->messageLabel()->text()));
    QCOMPARE(editor->yamlEdit()->textCursor().blockNumber() + 1, editor->yamlProblem().line);
    QCOMPARE(lxcGet(QStringLiteral("user.broken")), QString());

    // A structural mistake is pointed at too: a config value that is a mapping.
    yaml = editor->yamlEdit()->toPlainText();
    yaml.replace(QLatin1String("  user.broken: [not closed\n"),
                 QLatin1String("  user.broken:\n    nested: x\n"));
    editor->yamlEdit()->setPlainText(yaml);
    QVERIFY(!editor->yamlProblem().isNull());
    QVERIFY2(editor->yamlProblem().message.contains(QLatin1String("user.broken")),
             qPrintable(editor->yamlProblem().message));

    // Fixed, the views come back.
    yaml.replace(QLatin1String("  user.broken:\n    nested: x\n"), QLatin1String("  user.broken: fixed\n"));
    editor->yamlEdit()->setPlainText(yaml);
    QVERIFY(editor->yamlProblem().isNull());
    QVERIFY(editor->tabWidget()->isTabEnabled(ConfigEditor::KeysTab));
    saveAndWait(editor);
    QCOMPARE(lxcGet(QStringLiteral("user.broken")), QStringLiteral("fixed"));
    closeWithoutAsking(editor);
}

void TestConfigEditor::rejectedValueNamesTheKey()
{
    OPEN_EDITOR(editor);
    editor->tabWidget()->setCurrentIndex(ConfigEditor::FormTab);
    auto *memory = qobject_cast<QLineEdit *>(editor->fieldWidget(QStringLiteral("limits.memory")));
    QVERIFY(memory);
    QTest::keyClicks(memory, QStringLiteral("lots"));
    saveAndWait(editor);
    // LXD 5.0 says only "Invalid value: lots"; the editor names the key, and marks it in every view.
    const QString message = editor->messageLabel()->text();
    QVERIFY2(message.contains(QLatin1String("limits.memory")) && message.contains(QLatin1String("lots")),
             qPrintable(message));
    QCOMPARE(editor->rejectedKey(), QStringLiteral("limits.memory"));
    QVERIFY(!memory->styleSheet().isEmpty());
    const int row = editor->keyTable()->tableWidget()->currentRow();
    QCOMPARE(editor->keyTable()->tableWidget()->item(row, 0)->text(), QStringLiteral("limits.memory"));
    const int line = editor->yamlEdit()->textCursor().blockNumber();
    QVERIFY2(editor->yamlEdit()->document()->findBlockByNumber(line).text().contains(
                 QLatin1String("limits.memory")),
             qPrintable(editor->yamlEdit()->document()->findBlockByNumber(line).text()));
    // Nothing was saved; the edit is still there to fix.
    QVERIFY(editor->isDirty());
    QCOMPARE(lxcGet(QStringLiteral("limits.memory")), QString());

    // An unknown key: LXD names it itself.
    memory->clear();
    QTest::keyClicks(memory, QStringLiteral("64MiB"));
    setKeyInTable(editor, QStringLiteral("no.such.key"), QStringLiteral("1"));
    saveAndWait(editor);
    QCOMPARE(editor->rejectedKey(), QStringLiteral("no.such.key"));
    QCOMPARE(lxcGet(QStringLiteral("limits.memory")), QString());
    closeWithoutAsking(editor);
}

void TestConfigEditor::closingWithUnsavedChangesAsks()
{
    OPEN_EDITOR(editor);
    const QPointer<QWidget> dialog = editor->window();
    setKeyInTable(editor, QStringLiteral("user.unsaved"), QStringLiteral("x"));

    // Declined (test mode declines): the window stays, with the edit.
    MessageBox::clearMessages();
    dialog->close();
    QVERIFY2(MessageBox::lastMessage().contains(QLatin1String("Discard")),
             qPrintable(MessageBox::lastMessage()));
    // Whatever the answer queued (a close, a deferred delete) has run once these are processed.
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(editor->isDirty());
    // Escape asks the same.
    MessageBox::clearMessages();
    QTest::keyClick(dialog, Qt::Key_Escape);
    QCOMPARE(MessageBox::messageCount(), 1);
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(dialog && dialog->isVisible());

    // Accepted: it closes, and nothing was written.
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    dialog->close();
    QTRY_VERIFY(!dialog);
    QCOMPARE(lxcGet(QStringLiteral("user.unsaved")), QString());
}

void TestConfigEditor::editsAProfileAndAProject()
{
    // The same editor, another kind: a profile (with devices) and a project.
    ConfigEditorDialog *dialog = ConfigEditorDialog::open(
        ConfigObject::profile(m_remote, QStringLiteral("default"), m_profile), nullptr);
    ConfigEditor *editor = dialog->editor();
    QTRY_COMPARE_WITH_TIMEOUT(editor->state(), ConfigEditor::State::Editing, 15000);
    QVERIFY(editor->fieldWidget(QStringLiteral("limits.memory")));
    QVERIFY(!editor->fieldWidget(QStringLiteral("profiles")));
    auto *memory = qobject_cast<QLineEdit *>(editor->fieldWidget(QStringLiteral("limits.memory")));
    QTest::keyClicks(memory, QStringLiteral("256MiB"));
    QString yaml = editor->yamlEdit()->toPlainText();
    yaml.replace(QLatin1String("devices: {}"),
                 QLatin1String("devices:\n  data:\n    type: disk\n    source: /tmp\n"
                               "    path: /mnt/data\n"));
    editor->yamlEdit()->setPlainText(yaml);
    QVERIFY2(editor->yamlProblem().isNull(), qPrintable(editor->yamlProblem().text()));
    saveAndWait(editor);
    const LxcResult profile = LxcCommand::run({QStringLiteral("profile"), QStringLiteral("show"), m_profile});
    QVERIFY2(profile.output.contains(QLatin1String("limits.memory: 256MiB")), qPrintable(profile.output));
    QVERIFY2(profile.output.contains(QLatin1String("path: /mnt/data")), qPrintable(profile.output));
    closeWithoutAsking(editor);

    dialog = ConfigEditorDialog::open(ConfigObject::project(m_remote, m_project), nullptr);
    editor = dialog->editor();
    QTRY_COMPARE_WITH_TIMEOUT(editor->state(), ConfigEditor::State::Editing, 15000);
    auto *instances = qobject_cast<QLineEdit *>(editor->fieldWidget(QStringLiteral("limits.instances")));
    QVERIFY(instances);
    QTest::keyClicks(instances, QStringLiteral("5"));
    saveAndWait(editor);
    const LxcResult project = LxcCommand::run(
        {QStringLiteral("project"), QStringLiteral("get"), m_project, QStringLiteral("limits.instances")});
    QCOMPARE(project.output.trimmed(), QStringLiteral("5"));
    closeWithoutAsking(editor);
}

void TestConfigEditor::editsANetworkAPoolAndAVolume()
{
    // A bridge without addresses (nothing may leave loopback), a dir pool and a custom volume in it.
    QVERIFY(LxcCommand::run({QStringLiteral("network"), QStringLiteral("create"), m_network,
                             QStringLiteral("ipv4.address=none"), QStringLiteral("ipv6.address=none")})
                .ok());
    QVERIFY(
        LxcCommand::run({QStringLiteral("storage"), QStringLiteral("create"), m_pool, QStringLiteral("dir")})
            .ok());
    QVERIFY(
        lxc({QStringLiteral("storage"), QStringLiteral("volume"), QStringLiteral("create"), m_pool, m_volume})
            .ok());

    // The network: a field of the form, and a change made meanwhile is a conflict here too.
    ConfigEditorDialog *dialog
        = ConfigEditorDialog::open(ConfigObject::network(m_remote, m_project, m_network), nullptr);
    ConfigEditor *editor = dialog->editor();
    QTRY_COMPARE_WITH_TIMEOUT(editor->state(), ConfigEditor::State::Editing, 15000);
    QVERIFY(editor->yamlEdit()->toPlainText().contains(QLatin1String("ipv4.address: none")));
    auto *domain = qobject_cast<QLineEdit *>(editor->fieldWidget(QStringLiteral("dns.domain")));
    QVERIFY(domain);
    QTest::keyClicks(domain, QStringLiteral("editors.test"));
    QVERIFY(LxcCommand::run({QStringLiteral("network"), QStringLiteral("set"), m_network,
                             QStringLiteral("user.meanwhile=theirs")})
                .ok());
    saveAndWait(editor, ConfigEditor::State::Conflict);
    QVERIFY(editor->conflictView()->theirsEdit()->toPlainText().contains(
        QLatin1String("user.meanwhile: theirs")));
    QVERIFY(editor->conflictView()->mineEdit()->toPlainText().contains(
        QLatin1String("dns.domain: editors.test")));
    QTest::mouseClick(editor->conflictView()->overwriteButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(editor->state() == ConfigEditor::State::Editing && !editor->isDirty(), 30000);
    const auto networkGet = [this](const QString &key) {
        return LxcCommand::run({QStringLiteral("network"), QStringLiteral("get"), m_network, key})
            .output.trimmed();
    };
    QCOMPARE(networkGet(QStringLiteral("dns.domain")), QStringLiteral("editors.test"));
    QCOMPARE(networkGet(QStringLiteral("user.meanwhile")), QString());
    QCOMPARE(networkGet(QStringLiteral("ipv4.address")), QStringLiteral("none"));
    closeWithoutAsking(editor);

    // The pool.
    dialog = ConfigEditorDialog::open(ConfigObject::storagePool(m_remote, m_pool), nullptr);
    editor = dialog->editor();
    QTRY_COMPARE_WITH_TIMEOUT(editor->state(), ConfigEditor::State::Editing, 15000);
    auto *bandwidth = qobject_cast<QLineEdit *>(editor->fieldWidget(QStringLiteral("rsync.bwlimit")));
    QVERIFY(bandwidth);
    QTest::keyClicks(bandwidth, QStringLiteral("50MiB"));
    saveAndWait(editor);
    const LxcResult pool = LxcCommand::run(
        {QStringLiteral("storage"), QStringLiteral("get"), m_pool, QStringLiteral("rsync.bwlimit")});
    QCOMPARE(pool.output.trimmed(), QStringLiteral("50MiB"));
    closeWithoutAsking(editor);

    // The volume, in the suite's project.
    dialog = ConfigEditorDialog::open(ConfigObject::storageVolume(m_remote, m_project, m_pool, m_volume),
                                      nullptr);
    editor = dialog->editor();
    QTRY_COMPARE_WITH_TIMEOUT(editor->state(), ConfigEditor::State::Editing, 15000);
    auto *expiry = qobject_cast<QLineEdit *>(editor->fieldWidget(QStringLiteral("snapshots.expiry")));
    QVERIFY(expiry);
    QTest::keyClicks(expiry, QStringLiteral("2w"));
    auto *volumeDescription = qobject_cast<QLineEdit *>(editor->fieldWidget(QStringLiteral("description")));
    QTest::keyClicks(volumeDescription, QStringLiteral("scratch space"));
    saveAndWait(editor);
    const LxcResult volume = lxc({QStringLiteral("storage"), QStringLiteral("volume"), QStringLiteral("get"),
                                  m_pool, m_volume, QStringLiteral("snapshots.expiry")});
    QCOMPARE(volume.output.trimmed(), QStringLiteral("2w"));
    const LxcResult shown = lxc(
        {QStringLiteral("storage"), QStringLiteral("volume"), QStringLiteral("show"), m_pool, m_volume});
    QVERIFY2(shown.output.contains(QLatin1String("description: scratch space")), qPrintable(shown.output));
    closeWithoutAsking(editor);
}

void TestConfigEditor::editActionOfTheMainWindowOpensTheEditor()
{
    MainWindow window(m_registry);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(window.showSection(QStringLiteral("testbed"), m_project, Section::Instances),
                             15000);
    QTableView *view = window.resourceList()->tableView();
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 1, 15000);
    view->selectionModel()->setCurrentIndex(view->model()->index(0, 0),
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QAction *edit = window.instanceDetail()->configPage()->editAction();
    QTRY_VERIFY(edit->isEnabled());
    // Ctrl+E in the main window, as in its Instance menu and the table's context menu.
    QCOMPARE(edit->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
    edit->trigger();
    ConfigEditorDialog *dialog
        = ConfigEditorDialog::find(ConfigObject::instance(m_remote, m_project, m_instance));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->parentWidget(), &window);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->editor()->state(), ConfigEditor::State::Editing, 15000);
    // Opening it again raises the same window.
    edit->trigger();
    QCOMPARE(ConfigEditorDialog::find(ConfigObject::instance(m_remote, m_project, m_instance)), dialog);
    // The Devices tab's Edit action opens the same editor on its YAML, where devices are edited.
    QAction *editDevices = window.instanceDetail()->devicesPage()->editAction();
    QVERIFY(editDevices->isEnabled());
    window.instanceDetail()->tabWidget()->setCurrentWidget(window.instanceDetail()->devicesPage());
    if (!qEnvironmentVariable("BERTH_SCREENSHOT_DIR").isEmpty())
        QVERIFY(window.grab().save(QDir(qEnvironmentVariable("BERTH_SCREENSHOT_DIR"))
                                       .filePath(QStringLiteral("instance-devices.png"))));
    editDevices->trigger();
    QCOMPARE(ConfigEditorDialog::find(ConfigObject::instance(m_remote, m_project, m_instance)), dialog);
    QCOMPARE(dialog->editor()->tabWidget()->currentIndex(), int(ConfigEditor::YamlTab));
    closeWithoutAsking(dialog->editor());
}

QTEST_MAIN(TestConfigEditor)
#include "tst_configeditor.moc"
