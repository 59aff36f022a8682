#pragma once

#include "models/NavigationTreeModel.h"

#include <QList>
#include <QModelIndex>
#include <QObject>
#include <QPointer>

class QMenu;
class QMenuBar;
class QToolBar;
class QWidget;

class ImageActions;
class ImageDetailWidget;
class NetworkActions;
class ObjectPropertiesWidget;
class ProfileActions;
class ResourceActions;
class StoragePoolActions;
class StoragePoolDetailWidget;
class StorageVolumeActions;
class TaskListModel;

namespace Models {
class Remote;
class RemoteRegistry;
} // namespace Models

// The pages of images, profiles, networks and storage in the main window: each kind's actions (in its own
// menu, the toolbar, the Edit menu and the table's context menu, visible only while its section is shown,
// so that F2, Del and Ctrl+E mean the kind on screen) and its detail pane. The window tells it where the
// user is and what is selected.
class ResourcePages final : public QObject
{
    Q_OBJECT

public:
    using Section = Models::NavigationTreeModel::Section;

    // `properties` is the window's generic detail pane, used for profiles and networks.
    ResourcePages(QWidget *window, Models::RemoteRegistry *registry, TaskListModel *tasks,
                  ObjectPropertiesWidget *properties);

    ImageActions *imageActions() const { return m_images; }
    ProfileActions *profileActions() const { return m_profiles; }
    NetworkActions *networkActions() const { return m_networks; }
    StoragePoolActions *storagePoolActions() const { return m_pools; }
    StorageVolumeActions *storageVolumeActions() const { return m_volumes; }
    ImageDetailWidget *imageDetail() const { return m_imageDetail; }
    StoragePoolDetailWidget *storagePoolDetail() const { return m_poolDetail; }
    // The detail panes to add to the window's stack.
    QList<QWidget *> detailWidgets() const;
    // The actions of a section's kind; null for sections this class does not handle.
    ResourceActions *actionsFor(Section section) const;
    QList<ResourceActions *> allActions() const;

    void addMenus(QMenuBar *menuBar);
    void addToEditMenu(QMenu *menu) const;
    void addToToolBar(QToolBar *toolBar) const;
    void addToContextMenu(Section section, QMenu *menu) const;

    // The user went to `section` of `project` on `remote`.
    void setPlace(Section section, Models::Remote *remote, const QString &project);
    // The selection of the table changed (source indexes of its model): updates the actions and the
    // detail pane, and returns the pane to show (null when the section is not one of this class's).
    QWidget *setSelection(Section section, const QList<QModelIndex> &selected, const QModelIndex &current,
                          const QString &emptyMessage);

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    QWidget *m_window;
    ImageActions *m_images;
    ProfileActions *m_profiles;
    NetworkActions *m_networks;
    StoragePoolActions *m_pools;
    StorageVolumeActions *m_volumes;
    ObjectPropertiesWidget *m_properties;
    ImageDetailWidget *m_imageDetail;
    StoragePoolDetailWidget *m_poolDetail;
    QList<std::pair<Section, QMenu *>> m_menus;
    QPointer<Models::Remote> m_remote;
    QString m_project;
};
