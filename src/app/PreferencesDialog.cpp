#include "PreferencesDialog.h"

#include "Preferences.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent)
    , m_usagePoll(new QSpinBox(this))
    , m_eventLogCapacity(new QSpinBox(this))
    , m_scrollback(new QSpinBox(this))
    , m_notify(new QCheckBox(tr("&Notify when an operation that took over 5 seconds ends while Berth is "
                                "in the background"),
                             this))
{
    setWindowTitle(tr("Preferences"));

    m_usagePoll->setRange(0, Preferences::MaximumUsagePollSeconds);
    m_usagePoll->setSuffix(tr(" s"));
    m_usagePoll->setSpecialValueText(tr("Never"));
    m_usagePoll->setAccessibleName(tr("Usage refresh interval"));
    m_usagePoll->setToolTip(tr("LXD sends no events for CPU, memory and network usage: Berth asks for it, "
                               "for the running instances on screen only."));

    m_eventLogCapacity->setRange(Preferences::MinimumEventLogCapacity, Preferences::MaximumEventLogCapacity);
    m_eventLogCapacity->setSingleStep(10000);
    m_eventLogCapacity->setGroupSeparatorShown(true);
    m_eventLogCapacity->setSuffix(tr(" events"));
    m_eventLogCapacity->setAccessibleName(tr("Event monitor capacity"));

    m_scrollback->setRange(Preferences::MinimumScrollbackLines, Preferences::MaximumScrollbackLines);
    m_scrollback->setSingleStep(1000);
    m_scrollback->setGroupSeparatorShown(true);
    m_scrollback->setSuffix(tr(" lines"));
    m_scrollback->setAccessibleName(tr("Terminal scrollback"));

    auto *instances = new QGroupBox(tr("Instances"), this);
    auto *instancesForm = new QFormLayout(instances);
    instancesForm->addRow(tr("Refresh &usage every:"), m_usagePoll);

    auto *events = new QGroupBox(tr("Event monitor"), this);
    auto *eventsForm = new QFormLayout(events);
    eventsForm->addRow(tr("&Keep at most:"), m_eventLogCapacity);

    auto *terminal = new QGroupBox(tr("Terminal"), this);
    auto *terminalForm = new QFormLayout(terminal);
    terminalForm->addRow(tr("&Scrollback:"), m_scrollback);

    auto *notifications = new QGroupBox(tr("Notifications"), this);
    auto *notificationsLayout = new QVBoxLayout(notifications);
    notificationsLayout->addWidget(m_notify);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel
                                             | QDialogButtonBox::Apply | QDialogButtonBox::RestoreDefaults,
                                         this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &PreferencesDialog::apply);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &PreferencesDialog::restoreDefaults);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(instances);
    layout->addWidget(events);
    layout->addWidget(terminal);
    layout->addWidget(notifications);
    layout->addStretch();
    layout->addWidget(buttons);

    load();
}

void PreferencesDialog::load()
{
    const Preferences *preferences = Preferences::instance();
    m_usagePoll->setValue(preferences->usagePollSeconds());
    m_eventLogCapacity->setValue(preferences->eventLogCapacity());
    m_scrollback->setValue(preferences->scrollbackLines());
    m_notify->setChecked(preferences->notifyLongOperations());
}

void PreferencesDialog::restoreDefaults()
{
    // Shown only; nothing is kept until OK or Apply.
    m_usagePoll->setValue(Preferences::DefaultUsagePollSeconds);
    m_eventLogCapacity->setValue(Preferences::DefaultEventLogCapacity);
    m_scrollback->setValue(Preferences::DefaultScrollbackLines);
    m_notify->setChecked(true);
}

void PreferencesDialog::apply()
{
    Preferences *preferences = Preferences::instance();
    preferences->setUsagePollSeconds(m_usagePoll->value());
    preferences->setEventLogCapacity(m_eventLogCapacity->value());
    preferences->setScrollbackLines(m_scrollback->value());
    preferences->setNotifyLongOperations(m_notify->isChecked());
}
