#pragma once

#include <QTreeView>

#include <functional>

class QMimeData;

// The Files tab's folder tree and detail list: a tree view that takes drops of local files (a
// desktop file manager's text/uri-list) and of entries dragged from another instance's files, and
// starts drags of its selection. Which folder a drop goes into is asked of the page (the folder under
// the cursor, or the folder shown when the drop lands on a file or on empty space).
class InstanceFileView final : public QTreeView
{
    Q_OBJECT

public:
    // The folder (path in the instance) a drop on `index` goes into; empty refuses the drop.
    using DropFolderResolver = std::function<QString(const QModelIndex &index)>;
    // Whether the page can take this data at all.
    using DropAcceptor = std::function<bool(const QMimeData *mime)>;

    explicit InstanceFileView(QWidget *parent = nullptr);

    void setDropFolderResolver(DropFolderResolver resolver) { m_resolveFolder = std::move(resolver); }
    void setDropAcceptor(DropAcceptor acceptor) { m_acceptDrop = std::move(acceptor); }
    // The folder a drop at `position` (viewport coordinates) would go into.
    QString dropFolderAt(const QPoint &position) const;

Q_SIGNALS:
    void filesDropped(const QMimeData *mime, const QString &folder);
    void dragRequested(Qt::DropActions actions);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void startDrag(Qt::DropActions supportedActions) override;

private:
    bool accepts(const QMimeData *mime) const;

    DropFolderResolver m_resolveFolder;
    DropAcceptor m_acceptDrop;
};
