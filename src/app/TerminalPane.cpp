#include "TerminalPane.h"

#include "TerminalManager.h"
#include "terminal/TerminalEmulator.h"
#include "terminal/TerminalSession.h"
#include "terminal/TerminalView.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using Terminal::TerminalSession;
using Terminal::TerminalView;

TerminalPane::TerminalPane(TerminalManager *manager, TerminalSession *session, QWidget *parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_session(session)
    , m_view(new TerminalView(this))
    , m_banner(new QFrame(this))
    , m_bannerLabel(new QLabel(m_banner))
    , m_bannerButton(new QPushButton(m_banner))
{
    setObjectName(QStringLiteral("terminalPane"));
    m_view->setObjectName(QStringLiteral("terminalView"));
    m_view->setAccessibleName(tr("Terminal"));
    m_view->installEventFilter(this);
    m_view->viewport()->installEventFilter(this);
    m_banner->setObjectName(QStringLiteral("terminalBannerFrame"));
    m_bannerLabel->setObjectName(QStringLiteral("terminalBannerLabel"));
    m_bannerLabel->setWordWrap(true);
    m_bannerLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bannerButton->setObjectName(QStringLiteral("terminalBannerPushButton"));
    m_bannerButton->setFocusPolicy(Qt::NoFocus); // Enter in the terminal does the same
    m_banner->hide();

    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(8, 4, 6, 4);
    bannerLayout->addWidget(m_bannerLabel, 1);
    bannerLayout->addWidget(m_bannerButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);
    setFocusProxy(m_view);

    connect(m_bannerButton, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->restart();
        m_view->setFocus();
    });
    connect(m_view, &TerminalView::titleChanged, this, &TerminalPane::titleChanged);
    if (!session)
        return;
    m_view->setSession(session);
    m_wasRunning = session->isRunning();
    connect(session, &TerminalSession::stateChanged, this, [this](TerminalSession::State state) {
        if (state == TerminalSession::State::Starting)
            m_wasRunning = false;
        else if (state == TerminalSession::State::Running)
            m_wasRunning = true;
        updateBanner();
    });
    updateBanner();
    m_startWhenShown = session->state() == TerminalSession::State::NotStarted;
}

TerminalPane::~TerminalPane() = default;

TerminalSession *TerminalPane::session() const
{
    return m_session;
}

QString TerminalPane::title() const
{
    return m_manager && m_session ? m_manager->title(m_session) : QString();
}

QString TerminalPane::programTitle() const
{
    return m_session ? m_session->emulator()->title() : QString();
}

bool TerminalPane::isBannerShown() const
{
    return !m_banner->isHidden();
}

QString TerminalPane::bannerText() const
{
    return isBannerShown() ? m_bannerLabel->text() : QString();
}

void TerminalPane::releaseSession()
{
    if (m_session)
        m_session->disconnect(this);
    m_session = nullptr;
    m_view->setSession(nullptr);
    updateBanner();
}

void TerminalPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_startWhenShown)
        return;
    m_startWhenShown = false;
    // After the layout gave the view its size: the program starts on a terminal of that size.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_session && m_session->state() == TerminalSession::State::NotStarted)
                m_session->start();
        },
        Qt::QueuedConnection);
}

bool TerminalPane::eventFilter(QObject *watched, QEvent *event)
{
    // A click counts even where the window is not active (and so no focus event comes).
    if ((watched == m_view && event->type() == QEvent::FocusIn)
        || (watched == m_view->viewport() && event->type() == QEvent::MouseButtonPress))
        Q_EMIT activated(this);
    return QWidget::eventFilter(watched, event);
}

void TerminalPane::updateBanner()
{
    if (!m_session || !m_session->hasEnded()) {
        m_banner->hide();
        return;
    }
    const QString remote = m_manager ? m_manager->remoteName(m_session) : QString();
    if (m_session->state() == TerminalSession::State::Finished) {
        if (m_session->isConsole())
            showBanner(tr("The console closed."), tr("Reconnect"), false);
        else
            showBanner(tr("The process exited with status %1. Press Enter to start it again.")
                           .arg(m_session->exitCode()),
                       tr("Start Again"), false);
        return;
    }
    const Lxd::Error error = m_session->error();
    const bool connection
        = error.kind() == Lxd::Error::Kind::Network || error.kind() == Lxd::Error::Kind::Tls;
    if (m_wasRunning || connection) {
        showBanner(m_wasRunning ? tr("The connection to %1 was lost: %2").arg(remote, error.userMessage())
                                : tr("Could not connect to %1: %2").arg(remote, error.userMessage()),
                   tr("Reconnect"), true);
        return;
    }
    showBanner(tr("The terminal could not start: %1").arg(error.userMessage()), tr("Try Again"), true);
}

void TerminalPane::showBanner(const QString &text, const QString &buttonText, bool problem)
{
    m_bannerLabel->setText(text);
    m_bannerButton->setText(buttonText);
    // Translucent tints read on light and dark palettes alike.
    m_banner->setStyleSheet(
        problem ? QStringLiteral("#terminalBannerFrame { background: rgba(237, 21, 21, 0.16); "
                                 "border-bottom: 1px solid rgba(237, 21, 21, 0.55); }")
                : QStringLiteral("#terminalBannerFrame { background: rgba(29, 153, 243, 0.16); "
                                 "border-bottom: 1px solid rgba(29, 153, 243, 0.55); }"));
    m_banner->show();
}
