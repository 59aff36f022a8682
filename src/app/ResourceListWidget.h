#pragma once

#include "models/ResourceTableModel.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>

class QMimeData;
class QTableView;

namespace Models {
class ResourceFilterProxyModel;
}

namespace Ui {
class ResourceListWidget;
}

class StatusIconProxyModel;

// The table of one kind of object (the section chosen in the tree) with a search field, status and
// type filters built from what the rows hold, a row count, and a message instead of the table while
// the list loads, fails or is empty.
class ResourceListWidget final : public QWidget
{
    Q_OBJECT

public:
    explicit ResourceListWidget(QWidget *parent = nullptr);
    ~ResourceListWidget() override;

    // Shows `model` (not owned; null shows `emptyText`). `title` names the section ("Instances");
    // `noun` and `oneNoun` count its rows ("3 instances", "1 instance").
    void setModel(Models::ResourceTableModel *model, const QString &title, const QString &noun,
                  const QString &oneNoun, const QString &emptyText = {});
    Models::ResourceTableModel *model() const { return m_model; }
    QTableView *tableView() const;
    Models::ResourceFilterProxyModel *filterModel() const { return m_filter; }

    // Column-0 indexes of the source model for the selected rows, in the order the view shows them.
    QList<QModelIndex> selectedSourceIndexes() const;
    QModelIndex currentSourceIndex() const;
    // Selects one object (clearing the rest) and scrolls to it; false when it is not (yet) there.
    bool selectObject(const QString &project, const QString &key);

    // Selected rows can be dragged out when `provider` makes the drag's data for them (the source
    // model's column-0 indexes); null stops it.
    using DragProvider = std::function<QMimeData *(const QList<QModelIndex> &sourceIndexes)>;
    void setDragProvider(DragProvider provider, const QStringList &mimeTypes = {});

    void focusSearch();
    QByteArray headerState() const;
    void restoreHeaderState(const QByteArray &state);

Q_SIGNALS:
    void selectionChanged();
    void contextMenuRequested(const QPoint &globalPosition);
    void activated(const QModelIndex &sourceIndex);

private:
    void updateMessage();
    void updateCount();
    void updateFilterChoices();
    void applyFilters();
    void updateVisibleRows();
    QModelIndex toSource(const QModelIndex &viewIndex) const;

    std::unique_ptr<Ui::ResourceListWidget> m_ui;
    QPointer<Models::ResourceTableModel> m_model;
    Models::ResourceFilterProxyModel *m_filter;
    StatusIconProxyModel *m_decorated;
    QString m_noun;
    QString m_oneNoun;
    QString m_emptyText;
    QList<QMetaObject::Connection> m_modelConnections;
    QTimer m_refreshChoices;
    QTimer m_refreshVisible;
    bool m_headerRestored = false;
    bool m_columnsSized = false;
};
