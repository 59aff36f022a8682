#pragma once

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;

// Tells the desktop that something finished, in a notification bubble: through the system tray where
// there is one (QSystemTrayIcon::showMessage), else through the freedesktop notification service on the
// session bus (org.freedesktop.Notifications), asynchronously. Tests switch to test mode, where nothing
// is shown and the notifications are recorded.
class DesktopNotifier final : public QObject
{
    Q_OBJECT

public:
    explicit DesktopNotifier(QObject *parent = nullptr);
    ~DesktopNotifier() override;

    void notify(const QString &title, const QString &body, bool failed = false);

    // Tests: record instead of showing.
    static void setTestMode(bool on);
    static QStringList recorded(); // "title\nbody", oldest first
    static void clearRecorded();

private:
    void notifyOverDBus(const QString &title, const QString &body, bool failed);

    QPointer<QSystemTrayIcon> m_tray;
};
