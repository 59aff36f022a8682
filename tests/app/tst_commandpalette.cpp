#include "CommandPalette.h"
#include "InstanceActions.h"
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
#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTreeView>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using Section = Models::NavigationTreeModel::Section;

// The command palette: Ctrl+K opens it over the window; typing finds actions by their text and objects by
// their names; Enter triggers the action or goes to the object and selects it. First how it ranks (no
// daemon), then in the main window against the testbed.
class TestCommandPalette : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void ranksWholeNamesThenStartsThenWordsThenLetters();
    void listsTheActionsOfTheMenus();
    void ctrlKFindsAndTriggersAnAction();
    void ctrlKFindsAndSelectsAnInstance();
    void escapeCloses();

private:
    CommandPalette *openPalette();

    QTemporaryDir m_settingsDir;
    Models::RemoteRegistry *m_registry = nullptr;
    MainWindow *m_window = nullptr;
    QString m_project;
    QString m_instance;
    bool m_testbed = false;
};

void TestCommandPalette::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    MessageBox::setTestMode(true);
    TextPrompt::setTestMode(true);
    Theme::initialize();
}

void TestCommandPalette::cleanupTestCase()
{
    delete m_window;
    if (m_project.isEmpty())
        return;
    LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), m_instance,
                     QStringLiteral("--project"), m_project});
    LxcCommand::run({QStringLiteral("project"), QStringLiteral("delete"), m_project});
}

void TestCommandPalette::ranksWholeNamesThenStartsThenWordsThenLetters()
{
    const QString query = QStringLiteral("web");
    const int whole = CommandPalette::score(QStringLiteral("Web"), query);
    const int start = CommandPalette::score(QStringLiteral("web-server"), query);
    const int word = CommandPalette::score(QStringLiteral("my-web"), query);
    const int inside = CommandPalette::score(QStringLiteral("cobweb"), query);
    const int letters = CommandPalette::score(QStringLiteral("wide-open-box"), query);
    QVERIFY(whole > start);
    QVERIFY(start > word);
    QVERIFY(word > inside);
    QVERIFY(inside > letters);
    QVERIFY(letters > 0);
    QCOMPARE(CommandPalette::score(QStringLiteral("database"), query), 0);
    // Case does not matter; an empty query matches everything.
    QVERIFY(CommandPalette::score(QStringLiteral("New Instance"), QStringLiteral("new inst")) > 0);
    QVERIFY(CommandPalette::score(QStringLiteral("anything"), QString()) > 0);
}

void TestCommandPalette::listsTheActionsOfTheMenus()
{
    QMenu menu(QStringLiteral("&View"));
    QAction *refresh = menu.addAction(QStringLiteral("&Refresh"));
    refresh->setShortcut(QKeySequence(Qt::Key_F5));
    menu.addSeparator();
    QMenu *theme = menu.addMenu(QStringLiteral("&Theme"));
    theme->addAction(QStringLiteral("&Dark"));
    QAction *hidden = menu.addAction(QStringLiteral("Hidden"));
    hidden->setVisible(false);
    QAction *disabled = menu.addAction(QStringLiteral("&Disabled…"));
    disabled->setEnabled(false);
    QSignalSpy triggered(refresh, &QAction::triggered);

    const QList<CommandPalette::Entry> entries = CommandPalette::actionEntries({menu.menuAction()});
    QStringList texts;
    for (const CommandPalette::Entry &entry : entries)
        texts.append(entry.text + QLatin1Char('|') + entry.detail);
    QCOMPARE(texts,
             (QStringList {QStringLiteral("Refresh|View"), QStringLiteral("Dark|View › Theme"),
                           QStringLiteral("Disabled|View")}));
    QCOMPARE(entries.first().shortcut, QKeySequence(Qt::Key_F5).toString(QKeySequence::NativeText));
    QVERIFY(!entries.last().enabled);
    entries.first().run();
    QCOMPARE(triggered.size(), 1);
}

CommandPalette *TestCommandPalette::openPalette()
{
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window)) {
        qWarning() << "window not active; active:" << QApplication::activeWindow() << QApplication::activePopupWidget();
        return nullptr;
    }
    // Where the keyboard is, as a user would have it: the tree of remotes.
    m_window->navigationView()->setFocus();
    QTest::keyClick(m_window->navigationView(), Qt::Key_K, Qt::ControlModifier);
    CommandPalette *palette = m_window->commandPalette();
    if (!palette || !palette->isVisible()) {
        qWarning() << "palette" << palette << (palette ? palette->isVisible() : false) << "action enabled"
                   << m_window->commandPaletteAction()->isEnabled() << m_window->commandPaletteAction()->isVisible()
                   << "focus" << QApplication::focusWidget() << "popup" << QApplication::activePopupWidget();
        return nullptr;
    }
    return palette;
}

void TestCommandPalette::ctrlKFindsAndTriggersAnAction()
{
    BERTH_REQUIRE_TESTBED();
    m_testbed = true;
    const QString suffix = QUuid::createUuid().toString(QUuid::Id128).left(6);
    m_project = QStringLiteral("res-pal-") + suffix;
    m_instance = QStringLiteral("res-palette-") + suffix;
    QVERIFY(LxcCommand::run({QStringLiteral("project"), QStringLiteral("create"), m_project,
                             QStringLiteral("-c"), QStringLiteral("features.images=false"),
                             QStringLiteral("-c"), QStringLiteral("features.profiles=false")})
                .ok());
    QVERIFY(LxcCommand::run({QStringLiteral("init"), Testbed::imageAlias(), m_instance,
                             QStringLiteral("--project"), m_project})
                .ok());
    m_registry = new Models::RemoteRegistry(this);
    QVERIFY(m_registry->add(QStringLiteral("testbed"), Lxd::Client::overUnixSocket(Testbed::socketPath())));
    m_window = new MainWindow(m_registry);
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->showSection(QStringLiteral("testbed"), m_project, Section::Instances),
                             20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->resourceList()->model()
                                 && m_window->resourceList()->model()->rowOf(m_project, m_instance) >= 0,
                             20000);
    QCOMPARE(m_window->commandPaletteAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_K));

    CommandPalette *palette = openPalette();
    QVERIFY(palette);
    QVERIFY(palette->lineEdit()->hasFocus());
    QVERIFY(palette->listWidget()->count() > 10); // actions, places and objects before anything is typed

    QSignalSpy refreshed(m_window->refreshAction(), &QAction::triggered);
    QTest::keyClicks(palette->lineEdit(), QStringLiteral("refresh"));
    QVERIFY(!palette->matches().isEmpty());
    QCOMPARE(palette->matches().first().text, QStringLiteral("Refresh"));
    QCOMPARE(palette->matches().first().detail, QStringLiteral("View"));
    QTest::keyClick(palette->lineEdit(), Qt::Key_Return);
    QVERIFY(!palette->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.size(), 1, 5000);
}

void TestCommandPalette::ctrlKFindsAndSelectsAnInstance()
{
    if (!m_testbed)
        QSKIP("needs the testbed");
    // From another section: the palette goes back to the instances and selects the one found.
    QVERIFY(m_window->showSection(QStringLiteral("testbed"), m_project, Section::Networks));
    QCOMPARE(m_window->currentSection(), Section::Networks);
    CommandPalette *palette = openPalette();
    QVERIFY(palette);
    QTest::keyClicks(palette->lineEdit(), m_instance.left(m_instance.size() - 2)); // a prefix of the name
    QVERIFY(!palette->matches().isEmpty());
    QCOMPARE(palette->matches().first().text, m_instance);
    QVERIFY2(palette->matches().first().detail.contains(m_project),
             qPrintable(palette->matches().first().detail));
    // Arrow keys move the choice; back up to the first, then Enter.
    if (palette->listWidget()->count() > 1) {
        QTest::keyClick(palette->lineEdit(), Qt::Key_Down);
        QCOMPARE(palette->listWidget()->currentRow(), 1);
        QTest::keyClick(palette->lineEdit(), Qt::Key_Up);
    }
    QCOMPARE(palette->listWidget()->currentRow(), 0);
    QTest::keyClick(palette->lineEdit(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentSection(), Section::Instances, 5000);
    QCOMPARE(m_window->currentProject(), m_project);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->instanceActions()->targets().size(), 1, 5000);
    QCOMPARE(m_window->instanceActions()->targets().first().name, m_instance);
}

void TestCommandPalette::escapeCloses()
{
    if (!m_testbed)
        QSKIP("needs the testbed");
    CommandPalette *palette = openPalette();
    QVERIFY(palette);
    if (const QString folder = qEnvironmentVariable("BERTH_SCREENSHOT_DIR"); !folder.isEmpty()) {
        // The palette is a window of its own: paint it where it stands over the main window.
        QTest::keyClicks(palette->lineEdit(), QStringLiteral("sta"));
        QTest::qWait(300);
        QPixmap shot = m_window->grab();
        QPainter painter(&shot);
        painter.drawPixmap(m_window->mapFromGlobal(palette->geometry().topLeft()), palette->grab());
        painter.end();
        QVERIFY(shot.save(QDir(folder).filePath(QStringLiteral("command-palette.png"))));
        palette->lineEdit()->clear();
    }
    QTest::keyClicks(palette->lineEdit(), QStringLiteral("zzzz-nothing-is-called-this"));
    QVERIFY(palette->matches().isEmpty());
    QTest::keyClick(palette->lineEdit(), Qt::Key_Return); // nothing to run: nothing happens
    QVERIFY(palette->isVisible());
    QTest::keyClick(palette->lineEdit(), Qt::Key_Escape);
    QVERIFY(!palette->isVisible());
}

QTEST_MAIN(TestCommandPalette)
#include "tst_commandpalette.moc"
