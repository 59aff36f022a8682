#include "TransferPanel.h"

#include "Icons.h"
#include "ProgressBarDelegate.h"
#include "transfers/Transfer.h"
#include "transfers/TransferQueue.h"
#include "transfers/TransferQueueModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

using Transfers::Transfer;
using Transfers::TransferQueueModel;

TransferPanel::TransferPanel(Transfers::TransferQueue *queue, QWidget *parent)
    : QWidget(parent)
    , m_queue(queue)
    , m_model(new TransferQueueModel(queue, this))
    , m_summary(new QLabel(this))
    , m_toolBar(new QToolBar(this))
    , m_view(new QTreeView(this))
{
    m_cancel = new QAction(Icons::icon(Icons::Glyph::Stop), tr("&Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelTransferAction"));
    m_cancel->setToolTip(tr("Stop the selected transfers; what they left half-written is removed"));
    m_retry = new QAction(Icons::icon(Icons::Glyph::Refresh), tr("&Retry"), this);
    m_retry->setObjectName(QStringLiteral("retryTransferAction"));
    m_retry->setToolTip(tr("Run the selected failed or cancelled transfers again"));
    m_clear = new QAction(Icons::icon(Icons::Glyph::Delete), tr("C&lear Finished"), this);
    m_clear->setObjectName(QStringLiteral("clearTransfersAction"));
    m_clear->setToolTip(tr("Remove the finished transfers from the list"));

    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_summary->setObjectName(QStringLiteral("transferSummaryLabel"));
    m_toolBar->setObjectName(QStringLiteral("transfersToolBar"));
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_cancel);
    m_toolBar->addAction(m_retry);
    m_toolBar->addAction(m_clear);

    m_view->setObjectName(QStringLiteral("transfersTreeView"));
    m_view->setAccessibleName(tr("Transfers"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setItemDelegateForColumn(
        TransferQueueModel::ProgressColumn,
        new ProgressBarDelegate(
            [](const QModelIndex &index) {
                ProgressBarDelegate::Progress progress;
                progress.percent = index.data(TransferQueueModel::PercentRole).toInt();
                progress.text = index.data(Qt::DisplayRole).toString();
                const int state = index.data(TransferQueueModel::StateRole).toInt();
                if (state == static_cast<int>(Transfer::State::Queued))
                    progress.percent = -1;
                else if (progress.percent >= 0)
                    progress.text = tr("%1 % · %2").arg(progress.percent).arg(progress.text);
                return progress;
            },
            m_view));
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(true);
    header->resizeSection(TransferQueueModel::TitleColumn, 300);
    header->resizeSection(TransferQueueModel::ProgressColumn, 240);
    header->resizeSection(TransferQueueModel::SpeedColumn, 90);
    header->resizeSection(TransferQueueModel::TimeLeftColumn, 80);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(4, 0, 0, 0);
    top->addWidget(m_summary, 1);
    top->addWidget(m_toolBar);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    connect(m_cancel, &QAction::triggered, this, [this] {
        const QList<Transfer *> transfers = selectedTransfers();
        for (Transfer *transfer : transfers)
            m_queue->cancel(transfer);
    });
    connect(m_retry, &QAction::triggered, this, [this] {
        const QList<Transfer *> transfers = selectedTransfers();
        for (Transfer *transfer : transfers)
            m_queue->retry(transfer);
    });
    connect(m_clear, &QAction::triggered, this, [this] { m_queue->removeFinished(); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TransferPanel::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        updateActions();
        updateSummary();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        // A new transfer is the one the user wants to follow.
        m_view->scrollTo(m_model->index(first, 0));
        updateSummary();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] {
        updateActions();
        updateSummary();
    });
    updateActions();
    updateSummary();
}

TransferPanel::~TransferPanel() = default;

QList<Transfer *> TransferPanel::selectedTransfers() const
{
    QList<Transfer *> transfers;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows) {
        if (Transfer *transfer = m_model->transferAt(row))
            transfers.append(transfer);
    }
    return transfers;
}

void TransferPanel::select(Transfer *transfer)
{
    const QModelIndex index = m_model->indexOf(transfer);
    if (index.isValid()) {
        m_view->selectionModel()->select(index,
                                         QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(index);
    }
}

void TransferPanel::updateActions()
{
    bool canCancel = false;
    bool canRetry = false;
    const QList<Transfer *> transfers = selectedTransfers();
    for (const Transfer *transfer : transfers) {
        canCancel = canCancel || !transfer->isFinished();
        canRetry = canRetry || transfer->state() == Transfer::State::Failed
            || transfer->state() == Transfer::State::Cancelled;
    }
    m_cancel->setEnabled(canCancel);
    m_retry->setEnabled(canRetry);
    bool anyFinished = false;
    if (m_queue) {
        const QList<Transfer *> all = m_queue->transfers();
        anyFinished
            = std::any_of(all.cbegin(), all.cend(), [](const Transfer *t) { return t->isFinished(); });
    }
    m_clear->setEnabled(anyFinished);
}

void TransferPanel::updateSummary()
{
    if (!m_queue)
        return;
    int active = 0;
    double speed = 0;
    const QList<Transfer *> all = m_queue->transfers();
    for (const Transfer *transfer : all) {
        if (!transfer->isFinished()) {
            ++active;
            speed += transfer->bytesPerSecond();
        }
    }
    if (active == 0)
        m_summary->setText(all.isEmpty() ? tr("Transfers") : tr("Transfers: all finished"));
    else if (speed > 0)
        m_summary->setText(
            tr("Transfers: %n active, %1", nullptr, active).arg(TransferQueueModel::speedText(speed)));
    else
        m_summary->setText(tr("Transfers: %n active", nullptr, active));
}
