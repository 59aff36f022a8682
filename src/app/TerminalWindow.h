#pragma once

#include <QWidget>

class QAction;

class TerminalManager;
class TerminalPane;

namespace Terminal {
class TerminalSession;
}

// A terminal detached into a window of its own. It closes like any terminal window, ending the
// terminal; "Attach" puts the terminal back in the main window's panel instead. It does not keep
// the application running when the main window closes.
class TerminalWindow final : public QWidget
{
    Q_OBJECT

public:
    TerminalWindow(TerminalManager *manager, Terminal::TerminalSession *session);
    ~TerminalWindow() override;

    TerminalPane *pane() const { return m_pane; }
    QAction *attachAction() const { return m_attach; }
    // Lets go of the terminal before the window closes, leaving it running.
    void releaseSession();

Q_SIGNALS:
    void closed();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void updateTitle();

    TerminalManager *m_manager;
    TerminalPane *m_pane;
    QAction *m_attach;
};
