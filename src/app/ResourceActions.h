#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QWidget;

class CreateObjectDialog;
class TaskListModel;

namespace Lxd {
class Error;
class Job;
} // namespace Lxd

namespace Models {
class Remote;
}

// What can be done to the selected objects of one kind (profiles, networks, storage pools and volumes,
// images): new, edit, rename, delete, and what the kind adds. The kinds differ in their requests and
// their words; the confirmation, the progress in the status bar and the reports of failure, naming the
// object with the server's own words, are the same for all and live here. The rows change when the
// daemon's events say so, never by guessing.
class ResourceActions : public QObject
{
    Q_OBJECT

public:
    struct Target
    {
        QPointer<Models::Remote> remote;
        QString project;
        QString key; // as the table keys it: name, fingerprint, "custom/name"
        QJsonObject object; // as the table last showed it
    };

    ~ResourceActions() override;

    // Where New creates: the remote and project shown.
    void setContext(Models::Remote *remote, const QString &project);
    Models::Remote *remote() const { return m_remote; }
    QString project() const { return m_project; }
    void setTargets(const QList<Target> &targets);
    QList<Target> targets() const { return m_targets; }

    QAction *newAction() const { return m_new; }
    QAction *editAction() const { return m_edit; }
    QAction *renameAction() const { return m_rename; }
    QAction *deleteAction() const { return m_delete; }
    // Every action of the kind, in menu order (separators as null).
    virtual QList<QAction *> actions() const;
    void addToMenu(QMenu *menu) const;
    // Only the actions of the kind shown are visible (and so reachable by their shortcuts).
    void setVisible(bool visible);

    // "profile" / "profiles" and the like, for messages; `count` chooses.
    virtual QString noun(int count = 1) const = 0;
    // How one object is named to the user: its name, an image's first alias.
    virtual QString displayName(const Target &target) const;

    static QString quoted(const QString &name);
    static QString quotedList(const QStringList &names);

Q_SIGNALS:
    void statusMessage(const QString &text);

protected:
    // `window` shows the questions; `tasks` lists long jobs (may be null). `kindKey` names the actions
    // ("Profile": newProfileAction…); `kindTitle` is in their texts ("New Profile…").
    ResourceActions(QWidget *window, TaskListModel *tasks, const QString &kindKey, const QString &kindTitle);

    QAction *makeAction(const QString &text, const QString &objectName, const QString &toolTip);
    QWidget *window() const { return m_window; }
    TaskListModel *tasks() const { return m_tasks; }

    virtual void updateActions();
    virtual void createNew() = 0;
    virtual void edit(const Target &target) = 0;
    // Null when the kind cannot be renamed (the rename action then stays hidden).
    virtual Lxd::Job *startRename(const Target &target, const QString &newName);
    virtual bool canRename(const Target &target) const;
    virtual Lxd::Job *startRemove(const Target &target) = 0;
    virtual bool canRemove(const Target &target) const;
    // What goes with the objects, said before the user agrees ("It is used by 2 instances.").
    virtual QString deleteDetails(const QList<Target> &targets) const;

    // Follows `job`: the status bar says `doing`, then `done` or the failure.
    void follow(Lxd::Job *job, const QString &doing, const QString &done, const QString &failedTitle,
                const QString &failedText);
    // Follows the job a create dialog started: its error stays on the dialog; success closes it.
    void followCreate(Lxd::Job *job, CreateObjectDialog *dialog, const QString &name);
    void reportFailure(const QString &title, const QString &text, const Lxd::Error &error);
    // "It is used by 2 instances: “c1”, “c2”." from the object's used_by URLs; empty when unused. `one`
    // takes the name (%1), `many` the count (%1) and the names (%2).
    static QString usedByText(const QJsonObject &object, const QString &one, const QString &many);

    QList<Target> m_targets;
    QPointer<Models::Remote> m_remote;
    QString m_project;
    bool m_visible = true;

private:
    void renameSelected();
    void deleteSelected();

    QWidget *m_window;
    TaskListModel *m_tasks;
    QString m_kindTitle;
    QAction *m_new;
    QAction *m_edit;
    QAction *m_rename;
    QAction *m_delete;
};
