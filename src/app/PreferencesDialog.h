#pragma once

#include <QDialog>

class QCheckBox;
class QSpinBox;

// Edit → Preferences: the values of Preferences, applied when the user presses OK or Apply.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    QSpinBox *usagePollBox() const { return m_usagePoll; }
    QSpinBox *eventLogCapacityBox() const { return m_eventLogCapacity; }
    QSpinBox *scrollbackBox() const { return m_scrollback; }
    QCheckBox *notifyBox() const { return m_notify; }

    void apply();

private:
    void load();
    void restoreDefaults();

    QSpinBox *m_usagePoll;
    QSpinBox *m_eventLogCapacity;
    QSpinBox *m_scrollback;
    QCheckBox *m_notify;
};
