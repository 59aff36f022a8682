#pragma once

#include <QFrame>
#include <QIcon>
#include <QPointer>

#include <functional>

class QAction;
class QLabel;
class QLineEdit;
class QListWidget;

// The command palette (Ctrl+K): a line to type in and a list of what matches, best first: the window's
// actions by their text, and the objects of the loaded lists (instances, images, profiles…) and the
// places of the tree by their names. Enter runs the highlighted entry (triggers the action, or goes to
// the object and selects it); Escape closes. Arrow keys move in the list while typing.
class CommandPalette final : public QFrame
{
    Q_OBJECT

public:
    struct Entry
    {
        QString text; // what is matched: "Refresh", "c1"
        QString detail; // where it is or what it is: "View", "Instance · local › default"
        QString shortcut; // "F5"
        QIcon icon;
        std::function<void()> run;
        bool enabled = true;
    };
    using Provider = std::function<QList<Entry>()>;

    CommandPalette(QWidget *window, Provider provider);

    // Shows the palette over the top of its window, with every entry, the line focused.
    void popup();
    QLineEdit *lineEdit() const { return m_line; }
    QListWidget *listWidget() const { return m_list; }
    // The entries shown, best first.
    QList<Entry> matches() const { return m_matches; }
    // Runs the entry of `row` of the list (the current one when -1) and closes the palette.
    void activate(int row = -1);

    // How well `text` matches `query`: 0 not at all; more is better (the whole text, its start, the start
    // of a word, anywhere, then the letters in order).
    static int score(const QString &text, const QString &query);
    // Every action of a menu bar or menu, with the menus that lead to it ("View › Theme"), skipping
    // separators and invisible actions.
    static QList<Entry> actionEntries(const QList<QAction *> &actions, const QString &path = {});

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void refilter();

    Provider m_provider;
    QList<Entry> m_entries;
    QList<Entry> m_matches;
    QLineEdit *m_line;
    QListWidget *m_list;
    QLabel *m_hint;
    QPointer<QWidget> m_previousFocus; // gets the keyboard back when the palette closes
};
