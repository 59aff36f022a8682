#include "CommandPalette.h"

#include <QAction>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr int MaxShown = 200;
constexpr int DetailRole = Qt::UserRole + 1;

QString plainText(QString text)
{
    // "&New Instance…" -> "New Instance"; a literal "&&" stays one "&".
    text.replace(QLatin1String("&&"), QLatin1String("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
    if (text.endsWith(QChar(0x2026)))
        text.chop(1);
    else if (text.endsWith(QLatin1String("...")))
        text.chop(3);
    return text.trimmed();
}

} // namespace

CommandPalette::CommandPalette(QWidget *window, Provider provider)
    : QFrame(window, Qt::Popup)
    , m_provider(std::move(provider))
    , m_line(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("commandPalette"));
    setAccessibleName(tr("Command palette"));
    setFrameShape(QFrame::StyledPanel);
    m_line->setObjectName(QStringLiteral("commandPaletteLineEdit"));
    m_line->setAccessibleName(tr("Find an action or an object"));
    m_line->setPlaceholderText(tr("Find an action, an instance, an image, a profile…"));
    m_line->setClearButtonEnabled(true);
    m_line->installEventFilter(this);
    m_list->setObjectName(QStringLiteral("commandPaletteListWidget"));
    m_list->setAccessibleName(tr("Matches"));
    m_list->setUniformItemSizes(true);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setIconSize(QSize(16, 16));
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setText(tr("Enter runs or goes to it · ↑↓ choose · Esc closes"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(m_line);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_hint);
    connect(m_line, &QLineEdit::textChanged, this, &CommandPalette::refilter);
    connect(m_line, &QLineEdit::returnPressed, this, [this] { activate(); });
    connect(m_list, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { activate(m_list->row(item)); });
    connect(m_list, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { activate(m_list->row(item)); });
}

void CommandPalette::popup()
{
    QWidget *window = parentWidget();
    m_previousFocus = window->focusWidget();
    m_entries = m_provider ? m_provider() : QList<Entry>();
    const int width = qBound(420, window->width() / 2, 720);
    const int height = qBound(240, window->height() * 2 / 3, 520);
    const QPoint topLeft = window->mapToGlobal(QPoint((window->width() - width) / 2, window->height() / 10));
    setGeometry(QRect(topLeft, QSize(width, height)));
    m_line->clear();
    refilter();
    show();
    raise();
    activateWindow();
    m_line->setFocus(Qt::PopupFocusReason);
}

int CommandPalette::score(const QString &text, const QString &query)
{
    if (query.isEmpty())
        return 1;
    const QString haystack = text.toCaseFolded();
    const QString needle = query.toCaseFolded().trimmed();
    if (needle.isEmpty())
        return 1;
    if (haystack == needle)
        return 1000;
    if (haystack.startsWith(needle))
        return 800 - int(haystack.size());
    const int at = haystack.indexOf(needle);
    if (at > 0) {
        const QChar before = haystack.at(at - 1);
        const bool wordStart = !before.isLetterOrNumber();
        return (wordStart ? 600 : 400) - at;
    }
    // The letters in order ("nwi" finds "New Instance"), worth less the more they are spread out.
    int position = 0;
    int gaps = 0;
    for (const QChar letter : needle) {
        if (letter.isSpace())
            continue;
        const int found = haystack.indexOf(letter, position);
        if (found < 0)
            return 0;
        gaps += found - position;
        position = found + 1;
    }
    return qMax(1, 200 - gaps);
}

QList<CommandPalette::Entry> CommandPalette::actionEntries(const QList<QAction *> &actions,
                                                           const QString &path)
{
    QList<Entry> entries;
    for (QAction *action : actions) {
        if (!action || action->isSeparator() || !action->isVisible())
            continue;
        const QString text = plainText(action->text());
        if (QMenu *menu = action->menu()) {
            // A menu of the menu bar, or a submenu ("Theme"), or an action with a menu of choices
            // ("Remove Alias ▸ busybox").
            const QString inner = path.isEmpty() ? text : path + QStringLiteral(" › ") + text;
            entries += actionEntries(menu->actions(), inner);
            if (path.isEmpty() || action->objectName().isEmpty())
                continue;
        }
        if (text.isEmpty())
            continue;
        const QPointer<QAction> guard(action);
        entries.append({text, path, action->shortcut().toString(QKeySequence::NativeText), action->icon(),
                        [guard] {
                            if (guard && guard->isEnabled())
                                guard->trigger();
                        },
                        action->isEnabled()});
    }
    return entries;
}

void CommandPalette::refilter()
{
    const QString query = m_line->text();
    QList<std::pair<int, int>> ranked; // score, index
    for (int index = 0; index < m_entries.size(); ++index) {
        const Entry &entry = m_entries.at(index);
        int best = score(entry.text, query);
        // The place ("local › default") also finds an entry, but less than its own name does.
        if (!query.isEmpty())
            best = qMax(best, score(entry.detail + QLatin1Char(' ') + entry.text, query) / 4);
        if (best > 0)
            ranked.append({best + (entry.enabled ? 0 : -100), index});
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto &left, const auto &right) { return left.first > right.first; });
    m_matches.clear();
    m_list->clear();
    for (const auto &[rank, index] : std::as_const(ranked)) {
        if (m_matches.size() >= MaxShown)
            break;
        Q_UNUSED(rank)
        const Entry &entry = m_entries.at(index);
        m_matches.append(entry);
        QString label = entry.text;
        if (!entry.detail.isEmpty())
            label += QStringLiteral("   —   ") + entry.detail;
        if (!entry.shortcut.isEmpty())
            label += QStringLiteral("   (") + entry.shortcut + QLatin1Char(')');
        auto *item = new QListWidgetItem(entry.icon, label, m_list);
        item->setData(DetailRole, entry.detail);
        item->setToolTip(label);
        if (!entry.enabled)
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void CommandPalette::activate(int row)
{
    if (row < 0)
        row = m_list->currentRow();
    if (row < 0 || row >= m_matches.size())
        return;
    const Entry entry = m_matches.at(row);
    if (!entry.enabled)
        return;
    hide();
    // After the popup is gone, so that what runs (a dialog, a selection) gets the focus.
    if (entry.run)
        QMetaObject::invokeMethod(this, entry.run, Qt::QueuedConnection);
}

void CommandPalette::hideEvent(QHideEvent *event)
{
    QFrame::hideEvent(event);
    // Back to the window and where its keyboard was (what an entry runs may move it on from there).
    if (QWidget *window = parentWidget()) {
        window->activateWindow();
        if (m_previousFocus && m_previousFocus->isVisible())
            m_previousFocus->setFocus(Qt::PopupFocusReason);
    }
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_line && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const int count = m_list->count();
        int row = m_list->currentRow();
        switch (key->key()) {
        case Qt::Key_Down:
            row = count == 0 ? -1 : (row + 1) % count;
            break;
        case Qt::Key_Up:
            row = count == 0 ? -1 : (row - 1 + count) % count;
            break;
        case Qt::Key_PageDown:
            row = qMin(count - 1, row + 10);
            break;
        case Qt::Key_PageUp:
            row = qMax(0, row - 10);
            break;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            return QFrame::eventFilter(watched, event);
        }
        m_list->setCurrentRow(row);
        return true;
    }
    return QFrame::eventFilter(watched, event);
}
