#pragma once

#include <QList>
#include <QObject>

#include <functional>

class QAction;
class QKeyEvent;
class QWidget;

// Delivers the keys of a table's actions (F2, Del, Ctrl+E…) to those actions while the table has the
// focus. A window shortcut needs an active window: none is active on the offscreen and Xvfb platforms
// once a dialog closed, nor while another window (a floating dock, the event monitor) holds the
// activation; a key typed into the table must still mean the table's objects, and only them.
class TableKeyActions final : public QObject
{
    Q_OBJECT

public:
    // `actions` returns the actions that apply to what the table shows now (nulls are skipped); only
    // the visible ones are considered.
    using ActionSource = std::function<QList<QAction *>()>;

    TableKeyActions(QWidget *table, ActionSource actions);

    // The action a key press stands for, or null.
    QAction *actionFor(const QKeyEvent *event) const;

private:
    bool eventFilter(QObject *watched, QEvent *event) override;

    QWidget *m_table;
    ActionSource m_actions;
};
