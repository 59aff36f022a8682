#pragma once

#include "Theme.h"
#include "models/NavigationTreeModel.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QActionGroup;
class QHBoxLayout;
class QMenu;
class QTreeView;

class CommandPalette;
class EventMonitorWindow;
class InstanceTransferActions;
class OperationsDock;
class ResourcePages;
class InstanceActions;
class InstanceDetailWidget;
class NavigationIconProxyModel;
class ObjectPropertiesWidget;
class RemoteStatusLabel;
class ResourceListWidget;
class TerminalManager;

namespace Models {
class EventLog;
class Remote;
class RemoteRegistry;
class ResourceTableModel;
} // namespace Models

namespace Ui {
class MainWindow;
}

// Berth's main window: the navigation tree of remotes, projects and kinds of object on the left; the
// table of the chosen kind with search and filters; the details of the selected object below it; each
// remote's connection in the status bar. Layout, column widths, theme and the last place visited are
// kept in QSettings and restored at the next start.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    using Section = Models::NavigationTreeModel::Section;

    explicit MainWindow(Models::RemoteRegistry *registry, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Goes to a section of a project in the tree; false when the tree has no such node (yet).
    bool showSection(const QString &remote, const QString &project, Section section);
    QString currentRemote() const { return m_currentRemote; }
    QString currentProject() const { return m_currentProject; }
    Section currentSection() const { return m_currentSection; }

    QTreeView *navigationView() const;
    Models::NavigationTreeModel *navigationModel() const { return m_navigation; }
    ResourceListWidget *resourceList() const;
    InstanceDetailWidget *instanceDetail() const { return m_instanceDetail; }
    TerminalManager *terminalManager() const { return m_terminals; }
    ObjectPropertiesWidget *propertiesWidget() const { return m_properties; }
    InstanceActions *instanceActions() const { return m_instanceActions; }
    QAction *refreshAction() const { return m_refresh; }
    QAction *findAction() const { return m_find; }
    QAction *newInstanceAction() const { return m_newInstance; }
    QAction *themeAction(Theme::Mode mode) const;
    // The text each remote shows in the status bar, in the registry's order.
    QStringList remoteStatusTexts() const;
    // Goes to a section and selects one object in it (an instance, image, operation…), now or as soon
    // as its table has it. False when the tree has no such section.
    bool selectObject(const QString &remote, const QString &project, Section section, const QString &key);
    QAction *eventMonitorAction() const { return m_eventMonitorAction; }
    // Images, profiles, networks and storage: their actions and detail panes.
    ResourcePages *resourcePages() const { return m_resourcePages; }
    InstanceTransferActions *transferActions() const { return m_transferActions; }
    OperationsDock *operationsDock() const { return m_operationsDock; }
    QAction *commandPaletteAction() const { return m_commandPaletteAction; }
    // The command palette, once it was opened (Ctrl+K).
    CommandPalette *commandPalette() const { return m_commandPalette; }
    // The event monitor, once it was opened (View › Event Monitor).
    EventMonitorWindow *eventMonitor() const;

    // The instances of every project of a remote in one table (Project column shown); the tree keeps no
    // current node meanwhile. False when there is no such remote.
    bool showAllProjects(const QString &remote);
    bool isShowingAllProjects() const { return m_hasPlace && m_currentProject.isEmpty(); }

    void saveSettings() const;

Q_SIGNALS:
    // Before a context menu pops up, so that other parts of the app can add their entries. `index` is
    // the tree's node (of navigationModel()), possibly invalid.
    void treeContextMenuAboutToShow(QMenu *menu, const QModelIndex &index);
    void tableContextMenuAboutToShow(QMenu *menu);
    // The remote, project or section shown changed.
    void placeChanged();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct Place
    {
        QString remote;
        QString project;
        Section section = Section::Instances;
        QString objectProject;
        QString objectKey;
    };

    void createActions();
    void createMenus();
    void createToolBar();
    void restoreSettings();
    void onNavigationCurrentChanged(const QModelIndex &current);
    void showPlace(Models::Remote *remote, const QString &project, Section section);
    Models::ResourceTableModel *modelFor(Models::Remote *remote, const QString &project, Section section);
    void onObjectSelectionChanged();
    void updateTitle();
    void refresh();
    void tryRestorePlace();
    void tryRestoreObject();
    void addRemoteStatus(int index);
    void removeRemoteStatus(int index);
    void showTableContextMenu(const QPoint &globalPosition);
    void showTreeContextMenu(const QPoint &position);
    void setTheme(Theme::Mode mode);
    void newInstance();
    void about();
    void showEventMonitor();
    void showCommandPalette();
    void showStatus(const QString &text);
    static QString sectionKey(Section section);
    // Where a table's column layout is kept: a cluster's tables show columns (location) others hide.
    static QString tableKey(Section section, const Models::Remote *remote);
    static Section sectionFromKey(const QString &key);
    static QString sectionNoun(Section section);
    static QString sectionNounOne(Section section);

    std::unique_ptr<Ui::MainWindow> m_ui;
    QPointer<Models::RemoteRegistry> m_registry;
    Models::NavigationTreeModel *m_navigation;
    NavigationIconProxyModel *m_navigationIcons;
    InstanceActions *m_instanceActions;
    InstanceDetailWidget *m_instanceDetail;
    TerminalManager *m_terminals;
    ObjectPropertiesWidget *m_properties;
    QList<RemoteStatusLabel *> m_remoteStatus; // in the registry's order
    QHBoxLayout *m_remoteStatusLayout = nullptr; // holds them, in that order, in the status bar
    QHash<QString, QPointer<Models::ResourceTableModel>> m_models;
    QMetaObject::Connection m_modelChanged;
    QMetaObject::Connection m_modelInserted;
    QHash<QString, QByteArray> m_headerStates; // per section: column order, widths, sort
    QPointer<Models::Remote> m_remote;
    QString m_currentRemote;
    QString m_currentProject;
    Section m_currentSection = Section::Instances;
    bool m_hasPlace = false;
    // Where the last session ended, until the tree and the table have loaded far enough to go back.
    Place m_pendingPlace;
    bool m_restoringPlace = false;
    bool m_restoringObject = false;
    bool m_selectingProgrammatically = false;

    QAction *m_newInstance = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_find = nullptr;
    QAction *m_selectAll = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_showToolBar = nullptr;
    QAction *m_about = nullptr;
    QAction *m_eventMonitorAction = nullptr;
    QPointer<EventMonitorWindow> m_eventMonitor;
    Models::EventLog *m_eventLog = nullptr;
    QAction *m_preferences = nullptr;
    ResourcePages *m_resourcePages = nullptr;
    InstanceTransferActions *m_transferActions = nullptr;
    OperationsDock *m_operationsDock = nullptr;
    QAction *m_commandPaletteAction = nullptr;
    CommandPalette *m_commandPalette = nullptr;
    QActionGroup *m_themeGroup = nullptr;
    QHash<int, QAction *> m_themeActions;
    QToolBar *m_toolBar = nullptr;
};
