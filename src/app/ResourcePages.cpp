#include "ResourcePages.h"

#include "ImageActions.h"
#include "ImageDetailWidget.h"
#include "NetworkActions.h"
#include "ObjectPropertiesWidget.h"
#include "ProfileActions.h"
#include "StoragePoolActions.h"
#include "StoragePoolDetailWidget.h"
#include "StorageVolumeActions.h"
#include "models/Remote.h"
#include "models/ResourceTableModel.h"
#include "models/StorageVolumeTableModel.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>

using Models::ResourceTableModel;

ResourcePages::ResourcePages(QWidget *window, Models::RemoteRegistry *registry, TaskListModel *tasks,
                             ObjectPropertiesWidget *properties)
    : QObject(window)
    , m_window(window)
    , m_images(new ImageActions(window, tasks, registry))
    , m_profiles(new ProfileActions(window, tasks))
    , m_networks(new NetworkActions(window, tasks))
    , m_pools(new StoragePoolActions(window, tasks))
    , m_volumes(new StorageVolumeActions(window, tasks))
    , m_properties(properties)
    , m_imageDetail(new ImageDetailWidget(m_images, window))
    , m_poolDetail(new StoragePoolDetailWidget(m_volumes, window))
{
    for (ResourceActions *actions : allActions()) {
        connect(actions, &ResourceActions::statusMessage, this, &ResourcePages::statusMessage);
        actions->setVisible(false);
    }
    connect(m_volumes, &ResourceActions::statusMessage, this, &ResourcePages::statusMessage);
    m_volumes->setVisible(false);
}

QList<QWidget *> ResourcePages::detailWidgets() const
{
    return {m_imageDetail, m_poolDetail};
}

QList<ResourceActions *> ResourcePages::allActions() const
{
    return {m_images, m_profiles, m_networks, m_pools};
}

ResourceActions *ResourcePages::actionsFor(Section section) const
{
    switch (section) {
    case Section::Images:
        return m_images;
    case Section::Profiles:
        return m_profiles;
    case Section::Networks:
        return m_networks;
    case Section::Storage:
        return m_pools;
    default:
        return nullptr;
    }
}

void ResourcePages::addMenus(QMenuBar *menuBar)
{
    const QList<std::pair<Section, QString>> titles {{Section::Images, tr("I&mage")},
                                                     {Section::Profiles, tr("&Profile")},
                                                     {Section::Networks, tr("&Network")},
                                                     {Section::Storage, tr("&Storage")}};
    for (const auto &[section, title] : titles) {
        QMenu *menu = new QMenu(title, menuBar);
        actionsFor(section)->addToMenu(menu);
        if (section == Section::Storage) {
            QMenu *volumes = menu->addMenu(tr("&Volume"));
            m_volumes->addToMenu(volumes);
        }
        // Hidden actions stay out of a menu built once: rebuild it as it opens.
        const Section kind = section;
        connect(menu, &QMenu::aboutToShow, this, [this, menu, kind] {
            menu->clear();
            actionsFor(kind)->addToMenu(menu);
            if (kind == Section::Storage) {
                menu->addSeparator();
                QMenu *volumes = menu->addMenu(tr("&Volume"));
                m_volumes->addToMenu(volumes);
            }
        });
        menuBar->addMenu(menu);
        menu->menuAction()->setVisible(false);
        m_menus.append({section, menu});
    }
}

void ResourcePages::addToEditMenu(QMenu *menu) const
{
    for (ResourceActions *actions : allActions()) {
        menu->addAction(actions->editAction());
        menu->addAction(actions->renameAction());
        menu->addAction(actions->deleteAction());
    }
}

void ResourcePages::addToToolBar(QToolBar *toolBar) const
{
    for (ResourceActions *actions : allActions()) {
        toolBar->addAction(actions->newAction());
        if (actions == m_images) {
            toolBar->addAction(m_images->exportAction());
            toolBar->addAction(m_images->copyAction());
        }
        toolBar->addAction(actions->editAction());
        toolBar->addAction(actions->deleteAction());
    }
}

void ResourcePages::addToContextMenu(Section section, QMenu *menu) const
{
    if (ResourceActions *actions = actionsFor(section)) {
        actions->addToMenu(menu);
        menu->addSeparator();
    }
}

void ResourcePages::setPlace(Section section, Models::Remote *remote, const QString &project)
{
    m_remote = remote;
    m_project = project;
    for (ResourceActions *actions : allActions()) {
        const bool current = actions == actionsFor(section);
        actions->setContext(current ? remote : nullptr, project);
        actions->setTargets({});
        actions->setVisible(current);
    }
    for (const auto &[menuSection, menu] : std::as_const(m_menus))
        menu->menuAction()->setVisible(menuSection == section);
    m_volumes->setVisible(section == Section::Storage);
    if (section != Section::Storage)
        m_poolDetail->clear(QString());
}

QWidget *ResourcePages::setSelection(Section section, const QList<QModelIndex> &selected,
                                     const QModelIndex &current, const QString &emptyMessage)
{
    ResourceActions *actions = actionsFor(section);
    if (!actions)
        return nullptr;
    QList<ResourceActions::Target> targets;
    for (const QModelIndex &index : selected)
        targets.append({m_remote, index.data(ResourceTableModel::ProjectRole).toString(),
                        index.data(ResourceTableModel::KeyRole).toString(),
                        index.data(ResourceTableModel::ObjectRole).toJsonObject()});
    actions->setTargets(targets);
    const ResourceActions::Target shown = current.isValid()
        ? ResourceActions::Target {m_remote, current.data(ResourceTableModel::ProjectRole).toString(),
                                   current.data(ResourceTableModel::KeyRole).toString(),
                                   current.data(ResourceTableModel::ObjectRole).toJsonObject()}
        : ResourceActions::Target {};
    switch (section) {
    case Section::Images:
        if (current.isValid())
            m_imageDetail->setImage(shown);
        else
            m_imageDetail->clear(emptyMessage);
        return m_imageDetail;
    case Section::Storage:
        if (current.isValid() && m_remote)
            m_poolDetail->setPool(m_remote, m_project, shown.key, shown.object);
        else
            m_poolDetail->clear(emptyMessage);
        return m_poolDetail;
    default:
        if (current.isValid())
            m_properties->setObject(actions->displayName(shown), shown.object);
        else
            m_properties->clear(emptyMessage);
        return m_properties;
    }
}
