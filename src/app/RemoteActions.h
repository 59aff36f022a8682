#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QLabel;
class QMenu;
class QModelIndex;
class QToolBar;

class MainWindow;
class ProjectSwitcher;
class RemotesDialog;
class SavedRemotes;

namespace Models {
class Remote;
}

// What the main window offers about remotes, projects and clusters, kept out of MainWindow itself: the
// Remotes menu (manage, add, import, projects, trust a new certificate), the project switcher in a
// toolbar, entries in the tree's and the table's context menus (project create/edit/delete, evacuate
// and restore a cluster member, "Move to Member" for instances), and a warning in the status bar while a
// server presents a certificate Berth does not trust. Every dialog is asynchronous.
class RemoteActions final : public QObject
{
    Q_OBJECT

public:
    RemoteActions(MainWindow *window, SavedRemotes *saved);
    ~RemoteActions() override;

    QAction *manageRemotesAction() const { return m_manage; }
    QAction *addRemoteAction() const { return m_add; }
    QAction *importRemotesAction() const { return m_import; }
    QAction *newProjectAction() const { return m_newProject; }
    QAction *editProjectAction() const { return m_editProject; }
    QAction *deleteProjectAction() const { return m_deleteProject; }
    QAction *trustCertificateAction() const { return m_trust; }
    QAction *evacuateAction() const { return m_evacuate; }
    QAction *restoreAction() const { return m_restore; }
    QMenu *remotesMenu() const { return m_menu; }
    ProjectSwitcher *projectSwitcher() const { return m_switcher; }
    // The text of the certificate warning in the status bar; empty while there is none.
    QString certificateWarning() const;

    // The entries of "Move to Member" for the selected instances: the other members of the cluster.
    QMenu *moveToMemberMenu(QMenu *parent);

    void manageRemotes();
    void newProject(const QString &remote);
    void editProject(const QString &remote, const QString &project);
    void deleteProject(const QString &remote, const QString &project);
    void trustNewCertificate(const QString &remote);
    // The cluster member selected in the members table (the first one when several are).
    void evacuateSelectedMember();
    void restoreSelectedMember();
    void moveSelectedInstances(const QString &member);

private:
    void createActions();
    void createMenu();
    void createToolBar();
    void addTreeEntries(QMenu *menu, const QModelIndex &index);
    void addTableEntries(QMenu *menu);
    void updateActions();
    void updateCertificateWarning();
    void syncSwitcher();
    QString selectedMember() const;
    void refreshMember(Models::Remote *remote, const QString &member);
    void showWhenListed(const QString &remote, const QString &project);
    void status(const QString &text);

    MainWindow *m_window;
    SavedRemotes *m_saved;
    QMenu *m_menu = nullptr;
    QToolBar *m_toolBar = nullptr;
    ProjectSwitcher *m_switcher = nullptr;
    QLabel *m_certificateWarning = nullptr;
    QPointer<RemotesDialog> m_remotesDialog;
    QAction *m_manage = nullptr;
    QAction *m_add = nullptr;
    QAction *m_import = nullptr;
    QAction *m_newProject = nullptr;
    QAction *m_editProject = nullptr;
    QAction *m_deleteProject = nullptr;
    QAction *m_trust = nullptr;
    QAction *m_evacuate = nullptr;
    QAction *m_restore = nullptr;
};
