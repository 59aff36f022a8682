#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QWidget;

namespace Lxd {
class Error;
class Job;
} // namespace Lxd

namespace Models {
class Remote;
}

// What can be done to the selected instances, one or many: start, stop, force stop, restart, freeze,
// unfreeze, rename, delete, snapshot. Every action is a request through the client library; the rows
// change when the daemon's events say so, never by guessing. Failures are reported naming the
// instance with the server's own words.
class InstanceActions final : public QObject
{
    Q_OBJECT

public:
    struct Target
    {
        QPointer<Models::Remote> remote;
        QString project;
        QString name;
        QString status; // as the table last showed it; decides which actions apply
    };

    // `window` is where questions and messages are shown.
    explicit InstanceActions(QWidget *window);
    ~InstanceActions() override;

    void setTargets(const QList<Target> &targets);
    QList<Target> targets() const { return m_targets; }

    QAction *startAction() const { return m_start; }
    QAction *stopAction() const { return m_stop; }
    QAction *forceStopAction() const { return m_forceStop; }
    QAction *restartAction() const { return m_restart; }
    QAction *freezeAction() const { return m_freeze; }
    QAction *unfreezeAction() const { return m_unfreeze; }
    QAction *renameAction() const { return m_rename; }
    QAction *deleteAction() const { return m_delete; }
    QAction *snapshotAction() const { return m_snapshot; }
    QList<QAction *> actions() const;
    void addToMenu(QMenu *menu) const;

    // How long a clean stop or restart may take before the daemon gives up.
    static constexpr int CleanStopTimeoutSeconds = 30;

    // The part of an error worth showing after "Could not … “c1”: ": the daemon's own words when it
    // gave any, else Berth's description.
    static QString reason(const Lxd::Error &error);

Q_SIGNALS:
    // Progress for the status bar ("Starting c1…", "Started c1").
    void statusMessage(const QString &text);

private:
    QAction *makeAction(const QString &text, const QString &objectName, const QString &toolTip);
    void updateActions();
    void changeState(const QString &action, bool force);
    void renameSelected();
    void deleteSelected();
    void deleteOne(const Target &target);
    void snapshotSelected();
    void reportFailure(const QString &title, const QString &text, const Lxd::Error &error);

    QWidget *m_window;
    QList<Target> m_targets;
    QAction *m_start;
    QAction *m_stop;
    QAction *m_forceStop;
    QAction *m_restart;
    QAction *m_freeze;
    QAction *m_unfreeze;
    QAction *m_rename;
    QAction *m_delete;
    QAction *m_snapshot;
};
