#include "Preferences.h"
#include "PreferencesDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

// The preferences a user sets: kept across starts, bounded, applied only when the user says so.
class TestPreferences : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void defaultsBeforeAnyChoice();
    void valuesAreKeptAndBounded();
    void handEditedGarbageFallsBackToTheDefault();
    void changedIsSentOncePerRealChange();
    void dialogAppliesOnlyOnOkOrApply();
    void restoreDefaultsIsNotSavedUntilApplied();

private:
    static QPushButton *button(PreferencesDialog &dialog, QDialogButtonBox::StandardButton which);
    QTemporaryDir m_settingsDir;
};

void TestPreferences::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void TestPreferences::init()
{
    QSettings().clear();
}

QPushButton *TestPreferences::button(PreferencesDialog &dialog, QDialogButtonBox::StandardButton which)
{
    auto *box = dialog.findChild<QDialogButtonBox *>();
    return box ? box->button(which) : nullptr;
}

void TestPreferences::defaultsBeforeAnyChoice()
{
    const Preferences *preferences = Preferences::instance();
    QCOMPARE(preferences->usagePollSeconds(), 5);
    QCOMPARE(preferences->eventLogCapacity(), 100000);
    QCOMPARE(preferences->scrollbackLines(), 10000);
    QVERIFY(preferences->notifyLongOperations());
}

void TestPreferences::valuesAreKeptAndBounded()
{
    Preferences *preferences = Preferences::instance();
    preferences->setUsagePollSeconds(30);
    preferences->setEventLogCapacity(250000);
    preferences->setScrollbackLines(0);
    preferences->setNotifyLongOperations(false);
    // Read back through a fresh QSettings, as the next start would.
    QCOMPARE(QSettings().value(QStringLiteral("Preferences/usagePollSeconds")).toInt(), 30);
    QCOMPARE(preferences->usagePollSeconds(), 30);
    QCOMPARE(preferences->eventLogCapacity(), 250000);
    QCOMPARE(preferences->scrollbackLines(), 0);
    QVERIFY(!preferences->notifyLongOperations());

    preferences->setUsagePollSeconds(100000);
    QCOMPARE(preferences->usagePollSeconds(), Preferences::MaximumUsagePollSeconds);
    preferences->setUsagePollSeconds(-4);
    QCOMPARE(preferences->usagePollSeconds(), 0); // off, not negative
    preferences->setEventLogCapacity(3);
    QCOMPARE(preferences->eventLogCapacity(), Preferences::MinimumEventLogCapacity);
}

void TestPreferences::handEditedGarbageFallsBackToTheDefault()
{
    QSettings settings;
    settings.setValue(QStringLiteral("Preferences/usagePollSeconds"), QStringLiteral("often"));
    settings.setValue(QStringLiteral("Preferences/eventLogCapacity"), QStringLiteral("lots"));
    settings.setValue(QStringLiteral("Preferences/scrollbackLines"), 99999999);
    settings.sync();
    QCOMPARE(Preferences::instance()->usagePollSeconds(), Preferences::DefaultUsagePollSeconds);
    QCOMPARE(Preferences::instance()->eventLogCapacity(), Preferences::DefaultEventLogCapacity);
    QCOMPARE(Preferences::instance()->scrollbackLines(), Preferences::MaximumScrollbackLines);
}

void TestPreferences::changedIsSentOncePerRealChange()
{
    Preferences *preferences = Preferences::instance();
    QSignalSpy changed(preferences, &Preferences::changed);
    preferences->setUsagePollSeconds(12);
    QCOMPARE(changed.count(), 1);
    preferences->setUsagePollSeconds(12);
    QCOMPARE(changed.count(), 1);
    preferences->setNotifyLongOperations(false);
    QCOMPARE(changed.count(), 2);
}

void TestPreferences::dialogAppliesOnlyOnOkOrApply()
{
    PreferencesDialog dialog;
    QCOMPARE(dialog.usagePollBox()->value(), 5);
    dialog.usagePollBox()->setValue(20);
    dialog.scrollbackBox()->setValue(5000);
    // Nothing is kept while the user is still choosing.
    QCOMPARE(Preferences::instance()->usagePollSeconds(), 5);

    QPushButton *apply = button(dialog, QDialogButtonBox::Apply);
    QVERIFY(apply);
    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(Preferences::instance()->usagePollSeconds(), 20);
    QCOMPARE(Preferences::instance()->scrollbackLines(), 5000);

    dialog.usagePollBox()->setValue(60);
    QTest::mouseClick(button(dialog, QDialogButtonBox::Cancel), Qt::LeftButton);
    QCOMPARE(Preferences::instance()->usagePollSeconds(), 20);

    PreferencesDialog again;
    QCOMPARE(again.usagePollBox()->value(), 20); // shows what was kept
    again.notifyBox()->setChecked(false);
    QTest::mouseClick(button(again, QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(!Preferences::instance()->notifyLongOperations());
    QCOMPARE(again.result(), int(QDialog::Accepted));
}

void TestPreferences::restoreDefaultsIsNotSavedUntilApplied()
{
    Preferences::instance()->setUsagePollSeconds(40);
    PreferencesDialog dialog;
    QTest::mouseClick(button(dialog, QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
    QCOMPARE(dialog.usagePollBox()->value(), 5);
    QCOMPARE(Preferences::instance()->usagePollSeconds(), 40);
    dialog.apply();
    QCOMPARE(Preferences::instance()->usagePollSeconds(), 5);
}

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
