#include "TerminalPanel.h"

#include "Icons.h"
#include "TerminalManager.h"
#include "TerminalOptionsDialog.h"
#include "TerminalPane.h"
#include "TerminalWindow.h"
#include "models/Remote.h"
#include "terminal/TerminalSession.h"
#include "terminal/TerminalView.h"

#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

using Terminal::TerminalSession;

namespace {

QSplitter *newSplitter(Qt::Orientation orientation)
{
    auto *splitter = new QSplitter(orientation);
    splitter->setObjectName(QStringLiteral("terminalSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(3);
    return splitter;
}

// Equal shares of the splitter's length for each of its widgets.
void shareEqually(QSplitter *splitter)
{
    const int length = splitter->orientation() == Qt::Horizontal ? splitter->width() : splitter->height();
    const int count = splitter->count();
    if (count > 0)
        splitter->setSizes(QList<int>(count, qMax(1, length / count)));
}

} // namespace

TerminalPanel::TerminalPanel(TerminalManager *manager, Mode mode, QWidget *parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_mode(mode)
    , m_toolBar(new QToolBar(this))
    , m_stack(new QStackedWidget(this))
    , m_emptyLabel(new QLabel(this))
    , m_emptyButton(new QPushButton(this))
    , m_tabs(new QTabWidget(this))
{
    const bool shell = mode == Mode::Shell;
    setObjectName(shell ? QStringLiteral("terminalPanel") : QStringLiteral("consolePanel"));
    m_newTerminal = new QAction(Icons::glyph(shell ? Icons::Glyph::Terminal : Icons::Glyph::Console),
                                shell ? tr("&New Terminal") : tr("&Connect to Console"), this);
    m_newTerminal->setObjectName(QStringLiteral("newTerminalAction"));
    m_newTerminal->setToolTip(shell ? tr("Open the instance's login shell in a new tab")
                                    : tr("Attach to the instance's text console in a new tab"));
    m_newWithOptions = new QAction(tr("New Terminal with &Options…"), this);
    m_newWithOptions->setObjectName(QStringLiteral("newTerminalWithOptionsAction"));
    m_newWithOptions->setToolTip(tr("Choose the command, user, group, working directory and environment"));
    m_splitLeftRight = new QAction(QIcon::fromTheme(QStringLiteral("view-split-left-right")),
                                   tr("Split &Left/Right"), this);
    m_splitLeftRight->setObjectName(QStringLiteral("splitLeftRightAction"));
    m_splitLeftRight->setToolTip(tr("Open another terminal like this one beside it"));
    m_splitTopBottom = new QAction(QIcon::fromTheme(QStringLiteral("view-split-top-bottom")),
                                   tr("Split &Top/Bottom"), this);
    m_splitTopBottom->setObjectName(QStringLiteral("splitTopBottomAction"));
    m_splitTopBottom->setToolTip(tr("Open another terminal like this one below it"));
    m_detach = new QAction(QIcon::fromTheme(QStringLiteral("window-new")), tr("&Detach"), this);
    m_detach->setObjectName(QStringLiteral("detachTerminalAction"));
    m_detach->setToolTip(tr("Move this terminal into a window of its own"));
    m_close = new QAction(QIcon::fromTheme(QStringLiteral("window-close")), tr("Cl&ose"), this);
    m_close->setObjectName(QStringLiteral("closeTerminalAction"));
    m_close->setToolTip(tr("End this terminal"));

    m_toolBar->setObjectName(shell ? QStringLiteral("terminalToolBar") : QStringLiteral("consoleToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->addAction(m_newTerminal);
    if (shell) {
        m_toolBar->addAction(m_newWithOptions);
        m_toolBar->addSeparator();
        m_toolBar->addAction(m_splitLeftRight);
        m_toolBar->addAction(m_splitTopBottom);
    }
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_detach);
    m_toolBar->addAction(m_close);

    auto *emptyPage = new QWidget(this);
    m_emptyLabel->setObjectName(QStringLiteral("emptyTerminalLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyButton->setObjectName(QStringLiteral("openTerminalPushButton"));
    m_emptyButton->setText(m_newTerminal->text());
    m_emptyButton->setIcon(m_newTerminal->icon());
    auto *emptyLayout = new QVBoxLayout(emptyPage);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(m_emptyLabel);
    emptyLayout->addWidget(m_emptyButton, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);

    m_tabs->setObjectName(shell ? QStringLiteral("terminalTabWidget") : QStringLiteral("consoleTabWidget"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_stack->addWidget(emptyPage);
    m_stack->addWidget(m_tabs);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_stack, 1);

    connect(m_newTerminal, &QAction::triggered, this, [this] { openTerminal(); });
    connect(m_emptyButton, &QPushButton::clicked, this, [this] { openTerminal(); });
    connect(m_newWithOptions, &QAction::triggered, this, [this] { openTerminalWithOptions(); });
    connect(m_splitLeftRight, &QAction::triggered, this, [this] { split(Qt::Horizontal); });
    connect(m_splitTopBottom, &QAction::triggered, this, [this] { split(Qt::Vertical); });
    connect(m_detach, &QAction::triggered, this, [this] { detachCurrent(); });
    connect(m_close, &QAction::triggered, this, &TerminalPanel::closeCurrent);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &TerminalPanel::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        updateActions();
        if (TerminalPane *pane = currentPane())
            pane->view()->setFocus();
    });

    connect(manager, &TerminalManager::terminalClosed, this, [this](TerminalSession *session) {
        if (TerminalPane *pane = paneOf(session))
            removePane(pane);
    });
    connect(manager, &TerminalManager::terminalDetached, this, [this](TerminalSession *session) {
        if (TerminalPane *pane = paneOf(session)) {
            pane->releaseSession();
            removePane(pane);
        }
    });
    connect(manager, &TerminalManager::terminalAttached, this, [this](TerminalSession *session) {
        if (accepts(session) && !paneOf(session)) {
            TerminalPane *pane = addTab(session);
            window()->activateWindow();
            pane->view()->setFocus();
        }
    });

    // Terminals still open from an earlier panel come back, each in a tab.
    const QList<TerminalSession *> sessions = manager->sessions();
    for (TerminalSession *session : sessions) {
        if (accepts(session) && !manager->isDetached(session))
            addTab(session);
    }
    updateActions();
}

TerminalPanel::~TerminalPanel() = default;

bool TerminalPanel::accepts(const TerminalSession *session) const
{
    return session && session->isConsole() == (m_mode == Mode::Console);
}

QString TerminalPanel::targetKey() const
{
    return m_remote ? m_remote->name() + QLatin1Char('/') + m_project + QLatin1Char('/') + m_instance
                    : QString();
}

void TerminalPanel::setInstance(Models::Remote *remote, const QString &project, const QString &instance,
                                const QString &status)
{
    const bool sameTarget = remote == m_remote && project == m_project && instance == m_instance;
    m_remote = remote;
    m_project = project;
    m_instance = instance;
    m_status = status;
    if (!sameTarget && remote) {
        // Show the instance's own terminal when it has one.
        for (int index = 0; index < m_tabs->count(); ++index) {
            const QList<TerminalPane *> tabPanes = panesOfTab(index);
            for (TerminalPane *pane : tabPanes) {
                if (pane->session() && pane->session()->instance() == instance
                    && m_manager->remoteName(pane->session()) == remote->name()
                    && m_manager->project(pane->session()) == project) {
                    m_tabs->setCurrentIndex(index);
                    index = m_tabs->count();
                    break;
                }
            }
        }
    }
    updateActions();
    openIfFirstTime();
}

void TerminalPanel::clearInstance()
{
    m_remote = nullptr;
    m_project.clear();
    m_instance.clear();
    m_status.clear();
    updateActions();
}

void TerminalPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    openIfFirstTime();
}

void TerminalPanel::openIfFirstTime()
{
    if (!isVisible() || !m_remote || m_status != QLatin1String("Running")
        || m_openedOnce.contains(targetKey()))
        return;
    m_openedOnce.insert(targetKey());
    const QList<TerminalPane *> all = panes();
    for (TerminalPane *pane : all) {
        if (pane->session() && pane->session()->instance() == m_instance
            && m_manager->remoteName(pane->session()) == m_remote->name())
            return;
    }
    openTerminal();
}

TerminalPane *TerminalPanel::openTerminal(const Lxd::ExecRequest &request)
{
    if (!m_remote || m_instance.isEmpty())
        return nullptr;
    m_openedOnce.insert(targetKey());
    TerminalSession *session = m_mode == Mode::Console
        ? m_manager->openConsole(m_remote, m_project, m_instance)
        : m_manager->openShell(m_remote, m_project, m_instance, request);
    TerminalPane *pane = addTab(session);
    pane->view()->setFocus();
    return pane;
}

TerminalOptionsDialog *TerminalPanel::openTerminalWithOptions()
{
    if (!m_remote || m_instance.isEmpty() || m_mode != Mode::Shell)
        return nullptr;
    auto *dialog = new TerminalOptionsDialog(tr("%1 · %2").arg(m_instance, m_remote->name()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The target is the instance of the moment the dialog opened.
    const QPointer<Models::Remote> remote = m_remote;
    const QString project = m_project;
    const QString instance = m_instance;
    connect(dialog, &QDialog::accepted, this, [this, dialog, remote, project, instance] {
        if (!remote)
            return;
        TerminalSession *session = m_manager->openShell(remote, project, instance, dialog->request());
        addTab(session)->view()->setFocus();
    });
    dialog->open();
    return dialog;
}

TerminalPane *TerminalPanel::createPane(TerminalSession *session)
{
    auto *pane = new TerminalPane(m_manager, session);
    connect(pane, &TerminalPane::activated, this, [this](TerminalPane *activated) {
        m_lastActive = activated;
        updateActions();
    });
    connect(pane, &TerminalPane::titleChanged, this, [this, pane] { updateTabTitle(tabOf(pane)); });
    m_lastActive = pane;
    return pane;
}

TerminalPane *TerminalPanel::addTab(TerminalSession *session)
{
    TerminalPane *pane = createPane(session);
    QSplitter *root = newSplitter(Qt::Horizontal);
    root->addWidget(pane);
    const int index = m_tabs->addTab(
        root, Icons::glyph(session->isConsole() ? Icons::Glyph::Console : Icons::Glyph::Terminal),
        pane->title());
    m_stack->setCurrentWidget(m_tabs);
    m_tabs->setCurrentIndex(index);
    updateTabTitle(index);
    updateActions();
    return pane;
}

TerminalPane *TerminalPanel::split(Qt::Orientation orientation)
{
    TerminalPane *pane = currentPane();
    if (!pane || !pane->session() || m_mode != Mode::Shell)
        return nullptr;
    auto *splitter = qobject_cast<QSplitter *>(pane->parentWidget());
    if (!splitter)
        return nullptr;
    TerminalPane *newPane = createPane(m_manager->openLike(pane->session()));
    const int index = splitter->indexOf(pane);
    if (splitter->count() == 1)
        splitter->setOrientation(orientation);
    if (splitter->orientation() == orientation) {
        splitter->insertWidget(index + 1, newPane);
        shareEqually(splitter);
    } else {
        // Split the pane alone: it and the new one share its place, across the parent's direction.
        const QList<int> sizes = splitter->sizes();
        QSplitter *inner = newSplitter(orientation);
        splitter->replaceWidget(index, inner);
        inner->addWidget(pane);
        inner->addWidget(newPane);
        splitter->setSizes(sizes);
        inner->setSizes({1, 1});
    }
    updateTabTitle(tabOf(newPane));
    newPane->view()->setFocus();
    updateActions();
    return newPane;
}

TerminalWindow *TerminalPanel::detachCurrent()
{
    TerminalPane *pane = currentPane();
    if (!pane || !pane->session())
        return nullptr;
    return m_manager->detach(pane->session());
}

void TerminalPanel::closeCurrent()
{
    TerminalPane *pane = currentPane();
    if (!pane)
        return;
    if (pane->session())
        m_manager->closeTerminal(pane->session());
    else
        removePane(pane);
}

void TerminalPanel::closeTab(int index)
{
    const QList<TerminalPane *> tabPanes = panesOfTab(index);
    for (TerminalPane *pane : tabPanes) {
        if (pane->session())
            m_manager->closeTerminal(pane->session());
        else
            removePane(pane);
    }
}

void TerminalPanel::removePane(TerminalPane *pane)
{
    auto *splitter = qobject_cast<QSplitter *>(pane->parentWidget());
    pane->hide();
    pane->setParent(nullptr);
    pane->deleteLater();
    // Fold what is left: an empty splitter goes; a splitter with one widget gives it to its parent.
    while (splitter) {
        auto *parentSplitter = qobject_cast<QSplitter *>(splitter->parentWidget());
        if (splitter->count() == 0) {
            if (!parentSplitter) {
                m_tabs->removeTab(m_tabs->indexOf(splitter));
                splitter->deleteLater();
                break;
            }
            splitter->hide();
            splitter->setParent(nullptr);
            splitter->deleteLater();
            splitter = parentSplitter;
            continue;
        }
        if (splitter->count() == 1 && parentSplitter) {
            QWidget *only = splitter->widget(0);
            const QList<int> sizes = parentSplitter->sizes();
            parentSplitter->replaceWidget(parentSplitter->indexOf(splitter), only);
            parentSplitter->setSizes(sizes);
            splitter->hide();
            splitter->setParent(nullptr);
            splitter->deleteLater();
        }
        break;
    }
    if (m_tabs->count() == 0)
        m_stack->setCurrentIndex(0);
    for (int index = 0; index < m_tabs->count(); ++index)
        updateTabTitle(index);
    if (TerminalPane *current = currentPane())
        current->view()->setFocus();
    updateActions();
}

TerminalPane *TerminalPanel::currentPane() const
{
    const int index = m_tabs->currentIndex();
    if (index < 0)
        return nullptr;
    if (m_lastActive && tabOf(m_lastActive) == index)
        return m_lastActive;
    const QList<TerminalPane *> tabPanes = panesOfTab(index);
    return tabPanes.value(0);
}

QList<TerminalPane *> TerminalPanel::panesOfTab(int index) const
{
    QWidget *root = m_tabs->widget(index);
    return root ? root->findChildren<TerminalPane *>() : QList<TerminalPane *>();
}

QList<TerminalPane *> TerminalPanel::panes() const
{
    QList<TerminalPane *> result;
    for (int index = 0; index < m_tabs->count(); ++index)
        result += panesOfTab(index);
    return result;
}

TerminalPane *TerminalPanel::paneOf(const TerminalSession *session) const
{
    const QList<TerminalPane *> all = panes();
    for (TerminalPane *pane : all) {
        if (pane->session() == session)
            return pane;
    }
    return nullptr;
}

int TerminalPanel::tabOf(const QWidget *widget) const
{
    for (int index = 0; index < m_tabs->count(); ++index) {
        const QWidget *root = m_tabs->widget(index);
        if (root == widget || root->isAncestorOf(widget))
            return index;
    }
    return -1;
}

void TerminalPanel::updateTabTitle(int index)
{
    const QList<TerminalPane *> tabPanes = panesOfTab(index);
    if (tabPanes.isEmpty())
        return;
    const TerminalPane *first = tabPanes.constFirst();
    const QString title
        = tabPanes.size() > 1 ? tr("%1 (%2 panes)").arg(first->title()).arg(tabPanes.size()) : first->title();
    m_tabs->setTabText(index, title);
    const QString program = first->programTitle();
    m_tabs->setTabToolTip(index, program.isEmpty() ? first->title() : program);
}

void TerminalPanel::updateActions()
{
    const bool running = m_remote && m_status == QLatin1String("Running");
    m_newTerminal->setEnabled(running);
    m_newWithOptions->setEnabled(running);
    m_emptyButton->setVisible(running);
    const bool hasPane = currentPane() != nullptr;
    m_splitLeftRight->setEnabled(hasPane);
    m_splitTopBottom->setEnabled(hasPane);
    m_detach->setEnabled(hasPane);
    m_close->setEnabled(hasPane);
    if (!m_remote)
        m_emptyLabel->setText(tr("Select an instance to open a terminal in it."));
    else if (!running)
        m_emptyLabel->setText(
            tr("%1 is %2. Start it to open a terminal in it.")
                .arg(m_instance, m_status.isEmpty() ? tr("not running") : m_status.toLower()));
    else if (m_mode == Mode::Console)
        m_emptyLabel->setText(tr("The console of %1 is not open here.").arg(m_instance));
    else
        m_emptyLabel->setText(tr("No terminal is open in %1.").arg(m_instance));
    m_stack->setCurrentIndex(m_tabs->count() > 0 ? 1 : 0);
}
