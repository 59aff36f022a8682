#pragma once

#include <QPointer>
#include <QWidget>

class QFrame;
class QLabel;
class QPushButton;

class TerminalManager;

namespace Terminal {
class TerminalSession;
class TerminalView;
} // namespace Terminal

// One terminal on screen: a TerminalView on a session the TerminalManager owns, and above it a
// banner that appears when the terminal stops working: the process ended (its exit status, and a
// button besides Enter to start it again), or the connection was lost (a Reconnect button).
// A session not started yet is started when the pane is first shown, at the view's size.
class TerminalPane final : public QWidget
{
    Q_OBJECT

public:
    TerminalPane(TerminalManager *manager, Terminal::TerminalSession *session, QWidget *parent = nullptr);
    ~TerminalPane() override;

    Terminal::TerminalSession *session() const;
    Terminal::TerminalView *view() const { return m_view; }
    // "c1 · local", as the manager names the terminal.
    QString title() const;
    // The title the program set (OSC 0/2), if any.
    QString programTitle() const;

    bool isBannerShown() const;
    QString bannerText() const;
    QPushButton *bannerButton() const { return m_bannerButton; }

    // Lets go of the session without ending it: the view shows nothing afterwards.
    void releaseSession();

Q_SIGNALS:
    // The view took the keyboard focus: this is the pane commands apply to.
    void activated(TerminalPane *pane);
    void titleChanged();

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateBanner();
    void showBanner(const QString &text, const QString &buttonText, bool problem);

    QPointer<TerminalManager> m_manager;
    QPointer<Terminal::TerminalSession> m_session;
    Terminal::TerminalView *m_view;
    QFrame *m_banner;
    QLabel *m_bannerLabel;
    QPushButton *m_bannerButton;
    // The session had connected since it was last started: a failure now is a lost connection.
    bool m_wasRunning = false;
    // A new session starts when the pane is first shown, at the size the layout gives it.
    bool m_startWhenShown = false;
};
