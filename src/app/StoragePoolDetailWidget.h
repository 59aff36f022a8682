#pragma once

#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

class ObjectPropertiesWidget;
class StorageVolumeActions;

namespace Models {
class Remote;
class StorageVolumeTableModel;
} // namespace Models

// The detail pane of a storage pool: its volumes (a live table with their own actions: new, edit, rename,
// delete, in a toolbar, a context menu and on F2, Del and Ctrl+E while the table has the focus) and every
// field LXD returns about the pool.
class StoragePoolDetailWidget final : public QWidget
{
    Q_OBJECT

public:
    StoragePoolDetailWidget(StorageVolumeActions *actions, QWidget *parent = nullptr);
    ~StoragePoolDetailWidget() override;

    void setPool(Models::Remote *remote, const QString &project, const QString &pool,
                 const QJsonObject &object);
    void clear(const QString &message);
    QString pool() const { return m_pool; }

    QTableView *volumeView() const { return m_volumes; }
    Models::StorageVolumeTableModel *volumeModel() const;
    QTabWidget *tabs() const { return m_tabs; }
    ObjectPropertiesWidget *properties() const { return m_properties; }
    // Selects a volume by its key ("custom/data"); false when it is not listed (yet).
    bool selectVolume(const QString &key);

private:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void onSelectionChanged();
    void updateMessage();

    StorageVolumeActions *m_actions;
    QPointer<Models::Remote> m_remote;
    QString m_project;
    QString m_pool;
    QTabWidget *m_tabs;
    QLabel *m_title;
    QTableView *m_volumes;
    QLabel *m_message;
    QSortFilterProxyModel *m_sorted;
    QPointer<Models::StorageVolumeTableModel> m_model;
    QHash<QString, QPointer<Models::StorageVolumeTableModel>> m_models;
    ObjectPropertiesWidget *m_properties;
};
