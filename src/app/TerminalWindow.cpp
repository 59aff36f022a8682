#include "TerminalWindow.h"

#include "TerminalManager.h"
#include "TerminalPane.h"
#include "terminal/TerminalSession.h"
#include "terminal/TerminalView.h"

#include <QAction>
#include <QCloseEvent>
#include <QIcon>
#include <QToolBar>
#include <QVBoxLayout>

TerminalWindow::TerminalWindow(TerminalManager *manager, Terminal::TerminalSession *session)
    : QWidget(nullptr, Qt::Window)
    , m_manager(manager)
    , m_pane(new TerminalPane(manager, session, this))
    , m_attach(
          new QAction(QIcon::fromTheme(QStringLiteral("window-restore")), tr("&Attach to Main Window"), this))
{
    setObjectName(QStringLiteral("terminalWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    setAttribute(Qt::WA_QuitOnClose, false);
    m_attach->setObjectName(QStringLiteral("attachTerminalAction"));
    m_attach->setToolTip(tr("Put this terminal back in a tab of the main window"));

    auto *toolBar = new QToolBar(this);
    toolBar->setObjectName(QStringLiteral("terminalWindowToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(16, 16));
    toolBar->addAction(m_attach);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolBar);
    layout->addWidget(m_pane, 1);
    setFocusProxy(m_pane);
    resize(m_pane->view()->sizeHint() + QSize(0, toolBar->sizeHint().height()));

    connect(m_attach, &QAction::triggered, this, [this] {
        if (m_manager && m_pane->session())
            m_manager->attach(m_pane->session());
    });
    connect(m_pane, &TerminalPane::titleChanged, this, &TerminalWindow::updateTitle);
    updateTitle();
}

TerminalWindow::~TerminalWindow() = default;

void TerminalWindow::releaseSession()
{
    m_pane->releaseSession();
}

void TerminalWindow::closeEvent(QCloseEvent *event)
{
    QWidget::closeEvent(event);
    if (event->isAccepted())
        Q_EMIT closed();
}

void TerminalWindow::updateTitle()
{
    const QString program = m_pane->programTitle();
    const QString title = m_pane->title();
    setWindowTitle(program.isEmpty() ? tr("%1 — Berth").arg(title)
                                     : tr("%1 — %2 — Berth").arg(program, title));
}
