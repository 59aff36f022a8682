#include "DesktopNotifier.h"

#include "Icons.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCall>
#include <QSystemTrayIcon>
#include <QVariantMap>
#include <QWidget>

namespace {

bool testMode = false;
QStringList recordedNotifications;
constexpr int NotificationTimeoutMs = 8000;

} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
{ }

DesktopNotifier::~DesktopNotifier() = default;

void DesktopNotifier::notify(const QString &title, const QString &body, bool failed)
{
    if (testMode) {
        recordedNotifications.append(title + QLatin1Char('\n') + body);
        return;
    }
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(Icons::glyph(Icons::Glyph::Instances), this);
            m_tray->setToolTip(QApplication::applicationDisplayName());
            // Clicking the bubble or the icon brings Berth's window back.
            const auto raise = [] {
                if (QWidget *window = QApplication::activeWindow()
                        ? QApplication::activeWindow()
                        : QApplication::topLevelWidgets().value(0)) {
                    window->showNormal();
                    window->raise();
                    window->activateWindow();
                }
            };
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, raise);
            connect(m_tray, &QSystemTrayIcon::activated, this, raise);
        }
        m_tray->show();
        m_tray->showMessage(title, body, failed ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information,
                            NotificationTimeoutMs);
        return;
    }
    notifyOverDBus(title, body, failed);
}

void DesktopNotifier::notifyOverDBus(const QString &title, const QString &body, bool failed)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return; // no desktop session: nobody to tell
    QDBusMessage message = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("/org/freedesktop/Notifications"),
        QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("Notify"));
    QVariantMap hints;
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue(uchar(failed ? 2 : 1)));
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("berth"));
    message << QApplication::applicationDisplayName() << uint(0) << QStringLiteral("berth") << title << body
            << QStringList() << hints << NotificationTimeoutMs;
    // Asynchronous: the reply (the notification's id) is not needed, and the UI never waits on the bus.
    bus.asyncCall(message);
}

void DesktopNotifier::setTestMode(bool on)
{
    testMode = on;
}

QStringList DesktopNotifier::recorded()
{
    return recordedNotifications;
}

void DesktopNotifier::clearRecorded()
{
    recordedNotifications.clear();
}
