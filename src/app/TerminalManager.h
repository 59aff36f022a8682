#pragma once

#include "lxd/Client.h"
#include "lxd/ExecRequest.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace Models {
class Remote;
}
namespace Terminal {
class TerminalSession;
}

class TerminalWindow;

// Owns every terminal the application has open: shells and consoles of any instance on any remote.
// A terminal lives here, not in the widget that shows it, so it carries on while its tab is hidden,
// while the panel that showed it is gone, and while it sits in a window of its own (detach()).
// Only closeTerminal() ends one.
class TerminalManager final : public QObject
{
    Q_OBJECT

public:
    explicit TerminalManager(QObject *parent = nullptr);
    ~TerminalManager() override;

    // A new session, not yet started (the view that shows it starts it, at its size). An empty
    // command in `request` means the instance's login shell.
    Terminal::TerminalSession *openShell(const Models::Remote *remote, const QString &project,
                                         const QString &instance, const Lxd::ExecRequest &request = {});
    Terminal::TerminalSession *openConsole(const Models::Remote *remote, const QString &project,
                                           const QString &instance);
    // Another session on the same instance with the same settings (splitting a pane).
    Terminal::TerminalSession *openLike(const Terminal::TerminalSession *session);

    // In the order they were opened.
    QList<Terminal::TerminalSession *> sessions() const;
    bool contains(const Terminal::TerminalSession *session) const { return indexOf(session) >= 0; }
    QString remoteName(const Terminal::TerminalSession *session) const;
    QString project(const Terminal::TerminalSession *session) const;
    // "c1 · local", or "Console of c1 · local".
    QString title(const Terminal::TerminalSession *session) const;

    // Ends the session (hangs up) and deletes it; terminalClosed() comes first, so views let go.
    void closeTerminal(Terminal::TerminalSession *session);

    // Moves a terminal into a window of its own; whoever showed it before should let it go
    // (terminalDetached()). The window is the manager's: it is closed with it.
    TerminalWindow *detach(Terminal::TerminalSession *session);
    TerminalWindow *windowOf(const Terminal::TerminalSession *session) const;
    bool isDetached(const Terminal::TerminalSession *session) const { return windowOf(session); }
    // Closes the terminal's window, keeping the terminal, and asks a panel to show it again.
    void attach(Terminal::TerminalSession *session);

Q_SIGNALS:
    void terminalOpened(Terminal::TerminalSession *session);
    void terminalDetached(Terminal::TerminalSession *session);
    // A panel of the right kind (shell or console) takes the terminal back as a tab.
    void terminalAttached(Terminal::TerminalSession *session);
    // The session is deleted right after.
    void terminalClosed(Terminal::TerminalSession *session);

private:
    struct Entry
    {
        Terminal::TerminalSession *session = nullptr;
        Lxd::Client client; // scoped to the project
        QString remoteName;
        QString project;
        QString instance;
        Lxd::ExecRequest request;
        QPointer<TerminalWindow> window;
    };

    Terminal::TerminalSession *add(Entry entry);
    int indexOf(const Terminal::TerminalSession *session) const;
    void onWindowClosed(TerminalWindow *window);

    QList<Entry> m_entries;
};
