#include "StoragePoolDetailWidget.h"

#include "ObjectPropertiesWidget.h"
#include "StorageVolumeActions.h"
#include "models/Remote.h"
#include "models/ResourceCache.h"
#include "models/StorageVolumeTableModel.h"

#include <QAction>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

using Models::ResourceTableModel;
using Models::StorageVolumeTableModel;

StoragePoolDetailWidget::StoragePoolDetailWidget(StorageVolumeActions *actions, QWidget *parent)
    : QWidget(parent)
    , m_actions(actions)
    , m_tabs(new QTabWidget(this))
    , m_title(new QLabel(this))
    , m_volumes(new QTableView(this))
    , m_message(new QLabel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_properties(new ObjectPropertiesWidget(this))
{
    setObjectName(QStringLiteral("storagePoolDetailWidget"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    auto *volumesPage = new QWidget(m_tabs);
    auto *toolBar = new QToolBar(volumesPage);
    toolBar->setObjectName(QStringLiteral("volumeToolBar"));
    toolBar->setAccessibleName(tr("Volume actions"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(16, 16));
    for (QAction *action :
         {actions->newAction(), actions->editAction(), actions->renameAction(), actions->deleteAction()})
        toolBar->addAction(action);

    m_sorted->setSortRole(ResourceTableModel::SortRole);
    m_volumes->setObjectName(QStringLiteral("volumeTableView"));
    m_volumes->setAccessibleName(tr("Volumes"));
    m_volumes->setModel(m_sorted);
    m_volumes->setSortingEnabled(true);
    m_volumes->sortByColumn(StorageVolumeTableModel::Name, Qt::AscendingOrder);
    m_volumes->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_volumes->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_volumes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_volumes->setAlternatingRowColors(true);
    m_volumes->setShowGrid(false);
    m_volumes->setWordWrap(false);
    m_volumes->verticalHeader()->hide();
    m_volumes->verticalHeader()->setDefaultSectionSize(m_volumes->fontMetrics().height() + 10);
    m_volumes->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_volumes->horizontalHeader()->setStretchLastSection(true);
    m_volumes->setContextMenuPolicy(Qt::CustomContextMenu);
    m_volumes->installEventFilter(this);
    connect(m_volumes, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        m_actions->addToMenu(menu);
        menu->popup(m_volumes->viewport()->mapToGlobal(position));
    });
    connect(m_volumes, &QAbstractItemView::activated, actions->editAction(), &QAction::trigger);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);

    auto *volumesLayout = new QVBoxLayout(volumesPage);
    volumesLayout->setContentsMargins(0, 0, 0, 0);
    volumesLayout->setSpacing(2);
    volumesLayout->addWidget(toolBar);
    volumesLayout->addWidget(m_volumes, 1);
    volumesLayout->addWidget(m_message, 1);
    m_tabs->addTab(volumesPage, tr("&Volumes"));
    m_tabs->addTab(m_properties, tr("P&roperties"));
    m_tabs->setAccessibleName(tr("Storage pool details"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_tabs, 1);
    clear(QString());
}

StoragePoolDetailWidget::~StoragePoolDetailWidget() = default;

StorageVolumeTableModel *StoragePoolDetailWidget::volumeModel() const
{
    return m_model;
}

void StoragePoolDetailWidget::setPool(Models::Remote *remote, const QString &project, const QString &pool,
                                      const QJsonObject &object)
{
    m_title->setText(tr("Storage pool “%1”").arg(pool));
    m_title->show();
    m_tabs->show();
    m_properties->setObject(pool, object);
    if (remote == m_remote && project == m_project && pool == m_pool && m_model)
        return;
    m_remote = remote;
    m_project = project;
    m_pool = pool;
    const QString key = remote->name() + QLatin1Char('\n') + project + QLatin1Char('\n') + pool;
    StorageVolumeTableModel *model = m_models.value(key);
    if (!model) {
        // Lives as long as its remote, as the main window's tables do: coming back is instant.
        model = new StorageVolumeTableModel(
            remote->cache(Models::ResourceKind::storageVolumes(pool), project), remote);
        m_models.insert(key, model);
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(model, signal, this, &StoragePoolDetailWidget::updateMessage);
        connect(model->store(), &Models::ResourceStore::stateChanged, this,
                &StoragePoolDetailWidget::updateMessage);
        connect(model, &QAbstractItemModel::dataChanged, this, &StoragePoolDetailWidget::onSelectionChanged);
    }
    m_model = model;
    m_sorted->setSourceModel(model);
    m_volumes->horizontalHeader()->setSectionHidden(StorageVolumeTableModel::Project, true);
    m_volumes->horizontalHeader()->setSectionHidden(StorageVolumeTableModel::Location,
                                                    !remote->isClustered());
    m_volumes->horizontalHeader()->resizeSection(StorageVolumeTableModel::Name, 200);
    m_volumes->horizontalHeader()->resizeSection(StorageVolumeTableModel::Description, 200);
    connect(m_volumes->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &StoragePoolDetailWidget::onSelectionChanged, Qt::UniqueConnection);
    m_actions->setContext(remote, project);
    m_actions->setPool(pool);
    onSelectionChanged();
    updateMessage();
}

void StoragePoolDetailWidget::clear(const QString &message)
{
    m_remote = nullptr;
    m_pool.clear();
    m_model = nullptr;
    m_sorted->setSourceModel(nullptr);
    m_title->hide();
    m_tabs->setCurrentIndex(0);
    m_properties->clear(message);
    m_tabs->hide();
    m_actions->setContext(nullptr, QString());
    m_actions->setPool(QString());
    m_actions->setTargets({});
    if (!message.isEmpty()) {
        // The message stands in for the whole pane.
        m_title->setText(message);
        m_title->show();
    }
}

bool StoragePoolDetailWidget::selectVolume(const QString &key)
{
    if (!m_model)
        return false;
    const int row = m_model->rowOf(m_project, key);
    if (row < 0)
        return false;
    const QModelIndex index = m_sorted->mapFromSource(m_model->index(row, 0));
    m_volumes->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

void StoragePoolDetailWidget::onSelectionChanged()
{
    QList<ResourceActions::Target> targets;
    if (m_model && m_volumes->selectionModel()) {
        const QModelIndexList rows = m_volumes->selectionModel()->selectedRows();
        for (const QModelIndex &row : rows) {
            const QModelIndex source = m_sorted->mapToSource(row);
            targets.append({m_remote, source.data(ResourceTableModel::ProjectRole).toString(),
                            source.data(ResourceTableModel::KeyRole).toString(),
                            source.data(ResourceTableModel::ObjectRole).toJsonObject()});
        }
    }
    m_actions->setTargets(targets);
}

void StoragePoolDetailWidget::updateMessage()
{
    QString message;
    if (m_model && m_model->rowCount() == 0) {
        const Models::ResourceStore *store = m_model->store();
        if (store && store->state() == Models::ResourceStore::State::Failed)
            message = tr("Could not list the volumes.\n%1").arg(store->lastError().userMessage());
        else if (store && store->state() == Models::ResourceStore::State::Ready)
            message = tr("This pool has no volumes in this project.");
        else
            message = tr("Loading volumes…");
    }
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    m_volumes->setVisible(message.isEmpty());
}

bool StoragePoolDetailWidget::eventFilter(QObject *watched, QEvent *event)
{
    // The pool's own F2, Del and Ctrl+E are window shortcuts; while the volumes have the focus, these
    // keys mean the volumes.
    if (watched == m_volumes
        && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto *key = static_cast<QKeyEvent *>(event);
        QAction *action = nullptr;
        if (key->matches(QKeySequence::Delete))
            action = m_actions->deleteAction();
        else if (key->key() == Qt::Key_F2 && key->modifiers() == Qt::NoModifier)
            action = m_actions->renameAction();
        else if (key->key() == Qt::Key_E && key->modifiers() == Qt::ControlModifier)
            action = m_actions->editAction();
        if (action) {
            event->accept();
            if (event->type() == QEvent::KeyPress && action->isEnabled())
                action->trigger();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
