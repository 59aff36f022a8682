#include "TerminalManager.h"

#include "TerminalWindow.h"
#include "models/Remote.h"
#include "terminal/TerminalSession.h"

using Terminal::TerminalSession;

TerminalManager::TerminalManager(QObject *parent)
    : QObject(parent)
{ }

TerminalManager::~TerminalManager()
{
    // Windows are top-level widgets with no parent: they go with the manager, before the sessions
    // they show (children of the manager, deleted after this).
    for (Entry &entry : m_entries) {
        if (TerminalWindow *window = entry.window) {
            entry.window = nullptr;
            window->disconnect(this);
            delete window;
        }
    }
}

TerminalSession *TerminalManager::openShell(const Models::Remote *remote, const QString &project,
                                            const QString &instance, const Lxd::ExecRequest &request)
{
    Entry entry;
    entry.client = remote ? remote->client().useProject(project) : Lxd::Client();
    entry.remoteName = remote ? remote->name() : QString();
    entry.project = project;
    entry.instance = instance;
    entry.request = request;
    entry.session = new TerminalSession(this);
    entry.session->setExec(entry.client, instance, request);
    return add(entry);
}

TerminalSession *TerminalManager::openConsole(const Models::Remote *remote, const QString &project,
                                              const QString &instance)
{
    Entry entry;
    entry.client = remote ? remote->client().useProject(project) : Lxd::Client();
    entry.remoteName = remote ? remote->name() : QString();
    entry.project = project;
    entry.instance = instance;
    entry.session = new TerminalSession(this);
    entry.session->setConsole(entry.client, instance);
    return add(entry);
}

TerminalSession *TerminalManager::openLike(const TerminalSession *session)
{
    const int index = indexOf(session);
    if (index < 0)
        return nullptr;
    Entry entry = m_entries.at(index);
    entry.window = nullptr;
    entry.session = new TerminalSession(this);
    if (session->isConsole())
        entry.session->setConsole(entry.client, entry.instance);
    else
        entry.session->setExec(entry.client, entry.instance, entry.request);
    return add(entry);
}

TerminalSession *TerminalManager::add(Entry entry)
{
    TerminalSession *session = entry.session;
    m_entries.append(std::move(entry));
    Q_EMIT terminalOpened(session);
    return session;
}

int TerminalManager::indexOf(const TerminalSession *session) const
{
    for (int index = 0; index < m_entries.size(); ++index) {
        if (m_entries.at(index).session == session)
            return index;
    }
    return -1;
}

QList<TerminalSession *> TerminalManager::sessions() const
{
    QList<TerminalSession *> result;
    result.reserve(m_entries.size());
    for (const Entry &entry : m_entries)
        result.append(entry.session);
    return result;
}

QString TerminalManager::remoteName(const TerminalSession *session) const
{
    const int index = indexOf(session);
    return index < 0 ? QString() : m_entries.at(index).remoteName;
}

QString TerminalManager::project(const TerminalSession *session) const
{
    const int index = indexOf(session);
    return index < 0 ? QString() : m_entries.at(index).project;
}

QString TerminalManager::title(const TerminalSession *session) const
{
    const int index = indexOf(session);
    if (index < 0)
        return QString();
    const Entry &entry = m_entries.at(index);
    const QString place = tr("%1 · %2").arg(entry.instance, entry.remoteName);
    return session->isConsole() ? tr("Console of %1").arg(place) : place;
}

void TerminalManager::closeTerminal(TerminalSession *session)
{
    const int index = indexOf(session);
    if (index < 0)
        return;
    const Entry entry = m_entries.takeAt(index);
    Q_EMIT terminalClosed(session);
    if (TerminalWindow *window = entry.window) {
        window->disconnect(this);
        window->releaseSession();
        window->close();
    }
    session->close();
    session->deleteLater();
}

TerminalWindow *TerminalManager::detach(TerminalSession *session)
{
    const int index = indexOf(session);
    if (index < 0)
        return nullptr;
    if (m_entries.at(index).window)
        return m_entries.at(index).window;
    // Let the panel drop its view first: a session is shown by one view at a time.
    Q_EMIT terminalDetached(session);
    auto *window = new TerminalWindow(this, session);
    m_entries[index].window = window;
    connect(window, &TerminalWindow::closed, this, [this, window] { onWindowClosed(window); });
    window->show();
    return window;
}

TerminalWindow *TerminalManager::windowOf(const TerminalSession *session) const
{
    const int index = indexOf(session);
    return index < 0 ? nullptr : m_entries.at(index).window.data();
}

void TerminalManager::attach(TerminalSession *session)
{
    const int index = indexOf(session);
    if (index < 0)
        return;
    if (TerminalWindow *window = m_entries.at(index).window) {
        m_entries[index].window = nullptr;
        window->disconnect(this);
        window->releaseSession();
        window->close();
    }
    Q_EMIT terminalAttached(session);
}

void TerminalManager::onWindowClosed(TerminalWindow *window)
{
    // Closing a terminal's own window ends the terminal, as closing any terminal window does.
    for (const Entry &entry : std::as_const(m_entries)) {
        if (entry.window == window) {
            closeTerminal(entry.session);
            return;
        }
    }
}
