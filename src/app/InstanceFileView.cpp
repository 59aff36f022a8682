#include "InstanceFileView.h"

#include <QDragEnterEvent>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QMimeData>

InstanceFileView::InstanceFileView(QWidget *parent)
    : QTreeView(parent)
{
    setAcceptDrops(true);
    viewport()->setAcceptDrops(true);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::CopyAction);
    setDropIndicatorShown(true);
}

bool InstanceFileView::accepts(const QMimeData *mime) const
{
    return mime && m_acceptDrop && m_acceptDrop(mime);
}

QString InstanceFileView::dropFolderAt(const QPoint &position) const
{
    return m_resolveFolder ? m_resolveFolder(indexAt(position)) : QString();
}

void InstanceFileView::dragEnterEvent(QDragEnterEvent *event)
{
    if (!accepts(event->mimeData())) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void InstanceFileView::dragMoveEvent(QDragMoveEvent *event)
{
    // The base class scrolls near the edges and draws the indicator on the folder under the cursor;
    // whether the drop is taken is decided here.
    QTreeView::dragMoveEvent(event);
    const QPoint position = event->position().toPoint();
    if (!accepts(event->mimeData()) || dropFolderAt(position).isEmpty()) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void InstanceFileView::dragLeaveEvent(QDragLeaveEvent *event)
{
    QTreeView::dragLeaveEvent(event);
}

void InstanceFileView::dropEvent(QDropEvent *event)
{
    const QString folder = dropFolderAt(event->position().toPoint());
    if (!accepts(event->mimeData()) || folder.isEmpty()) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
    stopAutoScroll();
    setState(NoState);
    viewport()->update();
    Q_EMIT filesDropped(event->mimeData(), folder);
}

void InstanceFileView::startDrag(Qt::DropActions supportedActions)
{
    Q_EMIT dragRequested(supportedActions);
}
