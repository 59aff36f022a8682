#pragma once

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QToolBar;
class QTreeView;

namespace Transfers {
class Transfer;
class TransferQueue;
class TransferQueueModel;
} // namespace Transfers

// Berth's transfers at a glance, under the Files tab: each transfer with a progress bar, speed, time
// left and state; Cancel and Retry for the selected ones, and a way to clear the finished.
class TransferPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit TransferPanel(Transfers::TransferQueue *queue, QWidget *parent = nullptr);
    ~TransferPanel() override;

    Transfers::TransferQueueModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *retryAction() const { return m_retry; }
    QAction *clearAction() const { return m_clear; }
    void select(Transfers::Transfer *transfer);

private:
    QList<Transfers::Transfer *> selectedTransfers() const;
    void updateActions();
    void updateSummary();

    QPointer<Transfers::TransferQueue> m_queue;
    Transfers::TransferQueueModel *m_model;
    QLabel *m_summary;
    QToolBar *m_toolBar;
    QTreeView *m_view;
    QAction *m_cancel;
    QAction *m_retry;
    QAction *m_clear;
};
