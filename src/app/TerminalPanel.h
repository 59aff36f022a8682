#pragma once

#include "lxd/ExecRequest.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QToolBar;

class TerminalManager;
class TerminalOptionsDialog;
class TerminalPane;
class TerminalWindow;

namespace Models {
class Remote;
}
namespace Terminal {
class TerminalSession;
}

// The instance detail's Terminal (or Console) tab: terminals in tabs, each tab split into panes side
// by side or one above the other. New terminals open in the instance selected in the main window;
// the tabs stay when another instance is selected, so terminals of several instances and remotes
// are open at once. The terminals belong to the TerminalManager: closing a tab ends its terminals,
// but one detached into its own window lives on, and a panel made anew shows the manager's
// terminals again. The first time the tab is shown for a running instance, a terminal opens by itself.
class TerminalPanel final : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { Shell, Console };
    Q_ENUM(Mode)

    TerminalPanel(TerminalManager *manager, Mode mode, QWidget *parent = nullptr);
    ~TerminalPanel() override;

    Mode mode() const { return m_mode; }
    // The instance new terminals open in, and its status ("Running": terminals can open).
    void setInstance(Models::Remote *remote, const QString &project, const QString &instance,
                     const QString &status);
    void clearInstance();

    // A new tab on the instance: the login shell, or the command of `request` (Shell mode); the
    // console (Console mode). Null when no running instance is set.
    TerminalPane *openTerminal(const Lxd::ExecRequest &request = {});
    // Opens the options dialog (window-modal, not blocking); a terminal opens when it is accepted.
    TerminalOptionsDialog *openTerminalWithOptions();
    // Splits the current pane: a new terminal like it beside it (Qt::Horizontal) or below it.
    TerminalPane *split(Qt::Orientation orientation);
    TerminalWindow *detachCurrent();
    void closeCurrent();

    // The pane commands apply to: the last one focused in the current tab.
    TerminalPane *currentPane() const;
    QList<TerminalPane *> panes() const;
    QList<TerminalPane *> panesOfTab(int index) const;
    QTabWidget *tabWidget() const { return m_tabs; }

    QAction *newTerminalAction() const { return m_newTerminal; }
    QAction *newTerminalWithOptionsAction() const { return m_newWithOptions; }
    QAction *splitLeftRightAction() const { return m_splitLeftRight; }
    QAction *splitTopBottomAction() const { return m_splitTopBottom; }
    QAction *detachAction() const { return m_detach; }
    QAction *closeAction() const { return m_close; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    bool accepts(const Terminal::TerminalSession *session) const;
    TerminalPane *createPane(Terminal::TerminalSession *session);
    TerminalPane *addTab(Terminal::TerminalSession *session);
    TerminalPane *paneOf(const Terminal::TerminalSession *session) const;
    // Takes a pane out of its tab, folding splitters left with one pane and tabs left with none.
    void removePane(TerminalPane *pane);
    void closeTab(int index);
    int tabOf(const QWidget *widget) const;
    void updateTabTitle(int index);
    void updateActions();
    void openIfFirstTime();
    QString targetKey() const;

    TerminalManager *m_manager;
    Mode m_mode;
    QPointer<Models::Remote> m_remote;
    QString m_project;
    QString m_instance;
    QString m_status;
    QSet<QString> m_openedOnce;
    QPointer<TerminalPane> m_lastActive;

    QToolBar *m_toolBar;
    QStackedWidget *m_stack;
    QLabel *m_emptyLabel;
    QPushButton *m_emptyButton;
    QTabWidget *m_tabs;
    QAction *m_newTerminal;
    QAction *m_newWithOptions;
    QAction *m_splitLeftRight;
    QAction *m_splitTopBottom;
    QAction *m_detach;
    QAction *m_close;
};
