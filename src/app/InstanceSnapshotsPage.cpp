#include "InstanceSnapshotsPage.h"

#include "Icons.h"
#include "InstanceActions.h"
#include "MessageBox.h"
#include "RowPaddingDelegate.h"
#include "lxd/InstanceManager.h"
#include "models/Remote.h"
#include "models/ResourceCache.h"
#include "models/SnapshotTableModel.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

using Models::ResourceTableModel;

namespace {

QString quoted(const QString &name)
{
    return InstanceSnapshotsPage::tr("“%1”").arg(name);
}

} // namespace

InstanceSnapshotsPage::InstanceSnapshotsPage(QAction *createAction, QWidget *parent)
    : QWidget(parent)
    , m_sorted(new QSortFilterProxyModel(this))
    , m_toolBar(new QToolBar(this))
    , m_view(new QTreeView(this))
    , m_emptyLabel(new QLabel(this))
{
    m_restore = new QAction(Icons::icon(Icons::Glyph::Restore), tr("&Restore…"), this);
    m_restore->setObjectName(QStringLiteral("restoreSnapshotAction"));
    m_restore->setToolTip(tr("Put the instance back as it was in the selected snapshot"));
    m_delete = new QAction(Icons::icon(Icons::Glyph::Delete), tr("&Delete…"), this);
    m_delete->setObjectName(QStringLiteral("deleteSnapshotAction"));
    m_delete->setToolTip(tr("Delete the selected snapshot"));

    m_toolBar->setObjectName(QStringLiteral("snapshotsToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->addAction(createAction);
    m_toolBar->addAction(m_restore);
    m_toolBar->addAction(m_delete);

    m_sorted->setSortRole(ResourceTableModel::SortRole);
    m_view->setObjectName(QStringLiteral("snapshotsTreeView"));
    m_view->setAccessibleName(tr("Snapshots"));
    m_view->setModel(m_sorted);
    m_view->setRootIsDecorated(false);
    m_view->setAlternatingRowColors(true);
    m_view->setItemDelegate(new RowPaddingDelegate(m_view));
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(1, Qt::DescendingOrder); // newest first
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setDefaultSectionSize(180);
    m_view->header()->setMinimumSectionSize(80);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    // A role, not a colour: it follows the palette when the theme changes.
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_emptyLabel, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InstanceSnapshotsPage::updateActions);
    connect(m_restore, &QAction::triggered, this, &InstanceSnapshotsPage::restoreSelected);
    connect(m_delete, &QAction::triggered, this, &InstanceSnapshotsPage::deleteSelected);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this, createAction](const QPoint &position) {
        // popup(), not exec(): no nested event loop.
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addAction(createAction);
        menu->addAction(m_restore);
        menu->addAction(m_delete);
        menu->popup(m_view->viewport()->mapToGlobal(position));
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_sorted, signal, this, &InstanceSnapshotsPage::updateEmptyState);
    connect(m_sorted, &QAbstractItemModel::modelReset, this, &InstanceSnapshotsPage::updateEmptyState);
    updateActions();
    updateEmptyState();
}

InstanceSnapshotsPage::~InstanceSnapshotsPage() = default;

void InstanceSnapshotsPage::setInstance(Models::Remote *remote, const QString &project, const QString &name)
{
    if (remote == m_remote && project == m_project && name == m_name)
        return;
    m_remote = remote;
    m_project = project;
    m_name = name;
    Models::SnapshotTableModel *previous = m_model;
    m_model = nullptr;
    if (remote && !name.isEmpty()) {
        // The cache lives with the remote: coming back to an instance shows its snapshots at once.
        Models::ResourceCache *cache = remote->cache(Models::ResourceKind::snapshots(name), project);
        m_model = new Models::SnapshotTableModel(cache, this);
        if (Models::ResourceStore *store = m_model->store())
            connect(store, &Models::ResourceStore::stateChanged, this,
                    &InstanceSnapshotsPage::updateEmptyState);
    }
    m_sorted->setSourceModel(m_model);
    delete previous;
    if (m_model)
        m_view->header()->resizeSection(0, 280); // names are what tells snapshots apart
    updateActions();
    updateEmptyState();
}

void InstanceSnapshotsPage::clear()
{
    setInstance(nullptr, {}, {});
}

void InstanceSnapshotsPage::updateEmptyState()
{
    const bool empty = !m_model || m_model->rowCount() == 0;
    QString text;
    if (!m_model)
        text = tr("No instance selected.");
    else if (m_model->store() && m_model->store()->state() == Models::ResourceStore::State::Loading)
        text = tr("Loading snapshots…");
    else
        text = tr("%1 has no snapshots yet. A snapshot keeps the instance as it is now, to go back to later.")
                   .arg(quoted(m_name));
    m_emptyLabel->setText(text);
    m_view->setVisible(!empty);
    m_emptyLabel->setVisible(empty);
}

QString InstanceSnapshotsPage::selectedSnapshot() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.size() != 1)
        return {};
    return rows.first().data(ResourceTableModel::KeyRole).toString().section(QLatin1Char('/'), -1);
}

bool InstanceSnapshotsPage::selectSnapshot(const QString &name)
{
    for (int row = 0; row < m_sorted->rowCount(); ++row) {
        const QModelIndex index = m_sorted->index(row, 0);
        if (index.data(ResourceTableModel::KeyRole).toString().section(QLatin1Char('/'), -1) == name) {
            m_view->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            return true;
        }
    }
    return false;
}

void InstanceSnapshotsPage::updateActions()
{
    const bool one = !selectedSnapshot().isEmpty() && m_remote;
    m_restore->setEnabled(one);
    m_delete->setEnabled(one);
}

void InstanceSnapshotsPage::restoreSelected()
{
    const QString snapshot = selectedSnapshot();
    if (snapshot.isEmpty() || !m_remote)
        return;
    const QPointer<Models::Remote> remote = m_remote;
    const QString project = m_project;
    const QString instance = m_name;
    MessageBox::confirm(
        window(), tr("Restore Snapshot"),
        tr("Restore %1 to its snapshot %2?").arg(quoted(instance), quoted(snapshot)), tr("Restore"), this,
        [this, remote, project, instance, snapshot] {
            if (!remote)
                return;
            const Lxd::InstanceManager instances(remote->client().useProject(project));
            Lxd::OperationJob *job = instances.snapshots(instance).restore(snapshot);
            Q_EMIT statusMessage(tr("Restoring %1 to %2…").arg(quoted(instance), quoted(snapshot)));
            connect(job, &Lxd::Job::finished, this, [this, job, instance, snapshot] {
                if (job->error()) {
                    const QString text
                        = tr("Could not restore %1 to %2: %3")
                              .arg(quoted(instance), quoted(snapshot), InstanceActions::reason(job->error()));
                    Q_EMIT statusMessage(text);
                    MessageBox::error(window(), tr("Could Not Restore"), text, job->error().detail());
                    return;
                }
                Q_EMIT statusMessage(tr("Restored %1 to %2").arg(quoted(instance), quoted(snapshot)));
            });
        },
        true, tr("Everything that changed in the instance since the snapshot was taken is lost."));
}

void InstanceSnapshotsPage::deleteSelected()
{
    const QString snapshot = selectedSnapshot();
    if (snapshot.isEmpty() || !m_remote)
        return;
    const QPointer<Models::Remote> remote = m_remote;
    const QString project = m_project;
    const QString instance = m_name;
    MessageBox::confirm(
        window(), tr("Delete Snapshot"),
        tr("Delete the snapshot %1 of %2?").arg(quoted(snapshot), quoted(instance)), tr("Delete"), this,
        [this, remote, project, instance, snapshot] {
            if (!remote)
                return;
            const Lxd::InstanceManager instances(remote->client().useProject(project));
            Lxd::OperationJob *job = instances.snapshots(instance).remove(snapshot);
            Q_EMIT statusMessage(tr("Deleting snapshot %1 of %2…").arg(quoted(snapshot), quoted(instance)));
            connect(job, &Lxd::Job::finished, this, [this, job, instance, snapshot] {
                if (job->error()) {
                    const QString text
                        = tr("Could not delete the snapshot %1 of %2: %3")
                              .arg(quoted(snapshot), quoted(instance), InstanceActions::reason(job->error()));
                    Q_EMIT statusMessage(text);
                    MessageBox::error(window(), tr("Could Not Delete Snapshot"), text, job->error().detail());
                    return;
                }
                Q_EMIT statusMessage(
                    tr("Deleted the snapshot %1 of %2").arg(quoted(snapshot), quoted(instance)));
            });
        },
        true, tr("This cannot be undone."));
}
