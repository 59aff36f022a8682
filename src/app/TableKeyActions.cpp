#include "TableKeyActions.h"

#include <QAction>
#include <QKeyEvent>
#include <QWidget>

TableKeyActions::TableKeyActions(QWidget *table, ActionSource actions)
    : QObject(table)
    , m_table(table)
    , m_actions(std::move(actions))
{
    table->installEventFilter(this);
}

QAction *TableKeyActions::actionFor(const QKeyEvent *event) const
{
    if (!m_actions || event->key() == 0 || event->key() == Qt::Key_unknown)
        return nullptr;
    const QKeySequence pressed(event->keyCombination());
    const QList<QAction *> candidates = m_actions();
    for (QAction *action : candidates) {
        if (!action || !action->isVisible())
            continue;
        const QList<QKeySequence> shortcuts = action->shortcuts();
        for (const QKeySequence &shortcut : shortcuts) {
            if (shortcut.matches(pressed) == QKeySequence::ExactMatch)
                return action;
        }
    }
    return nullptr;
}

bool TableKeyActions::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_table
        || (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress))
        return QObject::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    QAction *action = actionFor(key);
    if (!action)
        return QObject::eventFilter(watched, event);
    // Accepting the override makes the key come here as a key press instead of going to the window's
    // shortcut: the action runs once, whether or not the window is active.
    event->accept();
    if (event->type() == QEvent::KeyPress && action->isEnabled())
        action->trigger();
    return true;
}
