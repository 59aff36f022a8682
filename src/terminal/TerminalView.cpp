#include "TerminalView.h"

#include "TerminalEmulator.h"
#include "TerminalSession.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPainter>
#include <QScrollBar>
#include <QStyle>
#include <QtMath>

namespace Terminal {

namespace {

constexpr int MinimumPointSize = 4;
constexpr int MaximumPointSize = 72;
// Lines scrolled per wheel notch (120 units of angle delta), as most terminals do.
constexpr int LinesPerNotch = 3;
// Besides letters and digits, what a double-click takes as part of a word: paths, URLs, e-mail.
const QString WordCharacters = QStringLiteral(":@-./_~?&=%+#");

TerminalModifiers toTerminalModifiers(Qt::KeyboardModifiers modifiers)
{
    TerminalModifiers result;
    if (modifiers & Qt::ShiftModifier)
        result |= TerminalModifier::Shift;
    if (modifiers & Qt::AltModifier)
        result |= TerminalModifier::Alt;
    if (modifiers & Qt::ControlModifier)
        result |= TerminalModifier::Control;
    return result;
}

std::optional<TerminalKey> toTerminalKey(int key)
{
    switch (key) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        return TerminalKey::Enter;
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        return TerminalKey::Tab;
    case Qt::Key_Backspace:
        return TerminalKey::Backspace;
    case Qt::Key_Escape:
        return TerminalKey::Escape;
    case Qt::Key_Up:
        return TerminalKey::Up;
    case Qt::Key_Down:
        return TerminalKey::Down;
    case Qt::Key_Left:
        return TerminalKey::Left;
    case Qt::Key_Right:
        return TerminalKey::Right;
    case Qt::Key_Insert:
        return TerminalKey::Insert;
    case Qt::Key_Delete:
        return TerminalKey::Delete;
    case Qt::Key_Home:
        return TerminalKey::Home;
    case Qt::Key_End:
        return TerminalKey::End;
    case Qt::Key_PageUp:
        return TerminalKey::PageUp;
    case Qt::Key_PageDown:
        return TerminalKey::PageDown;
    default:
        break;
    }
    if (key >= Qt::Key_F1 && key <= Qt::Key_F12)
        return TerminalKey(int(TerminalKey::F1) + (key - Qt::Key_F1));
    return std::nullopt;
}

TerminalMouseButton toTerminalButton(Qt::MouseButton button)
{
    switch (button) {
    case Qt::LeftButton:
        return TerminalMouseButton::Left;
    case Qt::MiddleButton:
        return TerminalMouseButton::Middle;
    case Qt::RightButton:
        return TerminalMouseButton::Right;
    default:
        return TerminalMouseButton::None;
    }
}

// A line's text with, for each QChar, the column it came from (wide and combined characters make
// the two differ).
struct LineString
{
    QString text;
    QList<int> columns;
};

LineString lineString(const QList<TerminalCell> &cells, int columnCount)
{
    LineString result;
    for (int column = 0; column < columnCount; ++column) {
        const TerminalCell cell = column < cells.size() ? cells.at(column) : TerminalCell();
        if (cell.isContinuation())
            continue;
        const QString text = cell.isBlank() ? QStringLiteral(" ") : cell.text();
        result.text += text;
        for (qsizetype i = 0; i < text.size(); ++i)
            result.columns.append(column);
    }
    return result;
}

// Cells painted alike, whatever their characters.
bool sameLook(const TerminalCell &a, const TerminalCell &b)
{
    return a.foreground() == b.foreground() && a.background() == b.background() && a.isBold() == b.isBold()
        && a.isItalic() == b.isItalic() && a.isReverse() == b.isReverse() && a.underline() == b.underline()
        && a.isStrikeOut() == b.isStrikeOut();
}

int fontIndex(bool bold, bool italic)
{
    return (bold ? 1 : 0) | (italic ? 2 : 0);
}

} // namespace

TerminalView::TerminalView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    m_font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_font.setStyleHint(QFont::Monospace);
    m_font.setFixedPitch(true);
    m_font.setKerning(false);
    if (m_font.pointSize() > 0)
        m_defaultPointSize = m_font.pointSize();
    else
        m_font.setPointSize(m_defaultPointSize);

    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setCursor(Qt::IBeamCursor);
    // Every pixel is painted: skip Qt's background fill.
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setMouseTracking(true);

    const int flashTime = QApplication::cursorFlashTime();
    m_blinkTimer.setInterval(flashTime > 0 ? flashTime / 2 : 500);
    connect(&m_blinkTimer, &QTimer::timeout, this, &TerminalView::onBlink);
    m_frameTimer.setSingleShot(true);
    connect(&m_frameTimer, &QTimer::timeout, this, &TerminalView::onFrame);

    m_ansiColors = {
        QColor(0x23, 0x26, 0x27), QColor(0xed, 0x15, 0x15), QColor(0x11, 0xd1, 0x16),
        QColor(0xf6, 0x74, 0x00), QColor(0x1d, 0x99, 0xf3), QColor(0x9b, 0x59, 0xb6),
        QColor(0x1a, 0xbc, 0x9c), QColor(0xfc, 0xfc, 0xfc), QColor(0x7f, 0x8c, 0x8d),
        QColor(0xc0, 0x39, 0x2b), QColor(0x1c, 0xdc, 0x9a), QColor(0xfd, 0xbc, 0x4b),
        QColor(0x3d, 0xae, 0xe9), QColor(0x8e, 0x44, 0xad), QColor(0x16, 0xa0, 0x85),
        QColor(0xff, 0xff, 0xff),
    };
    updateFontMetrics();
    updateScrollBar();
}

TerminalView::~TerminalView() = default;

void TerminalView::setSession(TerminalSession *session)
{
    if (m_session)
        m_session->disconnect(this);
    m_session = session;
    attachEmulator(session ? session->emulator() : nullptr);
    if (session) {
        // A restart key is offered when it ends: the cursor shows where the notice was written.
        connect(session, &TerminalSession::stateChanged, this, [this] { viewport()->update(); });
    }
}

void TerminalView::setEmulator(TerminalEmulator *emulator)
{
    if (m_session) {
        m_session->disconnect(this);
        m_session = nullptr;
    }
    attachEmulator(emulator);
}

void TerminalView::attachEmulator(TerminalEmulator *emulator)
{
    if (m_emulator)
        m_emulator->disconnect(this);
    m_emulator = emulator;
    m_scrollOffset = 0;
    m_droppedLines = 0;
    m_knownScrollback = emulator ? emulator->scrollbackLines() : 0;
    m_hasSelection = false;
    m_selecting = false;
    m_mouseReporting = false;
    if (emulator) {
        connect(emulator, &TerminalEmulator::damaged, this, &TerminalView::onDamaged);
        connect(emulator, &TerminalEmulator::cursorMoved, this, &TerminalView::onCursorMoved);
        connect(emulator, &TerminalEmulator::cursorVisibilityChanged, this, &TerminalView::updateCursorCell);
        connect(emulator, &TerminalEmulator::scrollbackChanged, this, &TerminalView::onScrollbackChanged);
        connect(emulator, &TerminalEmulator::titleChanged, this, &TerminalView::titleChanged);
        connect(emulator, &TerminalEmulator::alternateScreenChanged, this, [this] {
            // The history belongs to the normal screen: a full-screen program is shown as it is.
            m_scrollOffset = 0;
            updateScrollBar();
            viewport()->update();
        });
        connect(emulator, &QObject::destroyed, this, [this] { attachEmulator(nullptr); });
        if (hasFocus())
            emulator->setFocused(true);
    }
    updateGrid();
    updateScrollBar();
    viewport()->update();
    Q_EMIT selectionChanged();
}

// --- font and geometry ---------------------------------------------------------------------------

void TerminalView::setTerminalFont(const QFont &font)
{
    m_font = font;
    m_font.setStyleHint(QFont::Monospace);
    m_font.setFixedPitch(true);
    m_font.setKerning(false);
    updateFontMetrics();
    updateGrid();
    viewport()->update();
}

void TerminalView::zoomIn()
{
    QFont font = m_font;
    font.setPointSize(qMin(MaximumPointSize, m_font.pointSize() + 1));
    setTerminalFont(font);
}

void TerminalView::zoomOut()
{
    QFont font = m_font;
    font.setPointSize(qMax(MinimumPointSize, m_font.pointSize() - 1));
    setTerminalFont(font);
}

void TerminalView::resetZoom()
{
    QFont font = m_font;
    font.setPointSize(m_defaultPointSize);
    setTerminalFont(font);
}

void TerminalView::updateFontMetrics()
{
    const QFontMetricsF metrics(m_font);
    const qreal advance = qMax<qreal>(1.0, metrics.horizontalAdvance(QLatin1Char('M')));
    // Cells are whole pixels wide; spacing the glyphs by the difference keeps a run of text drawn
    // in one call exactly on the grid.
    m_cellWidth = qCeil(advance);
    m_paintFont = m_font;
    m_paintFont.setLetterSpacing(QFont::AbsoluteSpacing, m_cellWidth - advance);
    m_cellHeight = qMax(1, qCeil(metrics.height()));
    m_ascent = qCeil(metrics.ascent());
    for (const bool bold : {false, true}) {
        for (const bool italic : {false, true}) {
            QFont &font = m_styleFonts[fontIndex(bold, italic)];
            font = m_paintFont;
            font.setBold(bold);
            font.setItalic(italic);
        }
    }
}

int TerminalView::columnX(int column) const
{
    return column * m_cellWidth;
}

QPoint TerminalView::cellTopLeft(int row, int column) const
{
    return QPoint(columnX(column), row * m_cellHeight);
}

QSize TerminalView::sizeHint() const
{
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
    return QSize(80 * m_cellWidth + scrollBar + 2 * frameWidth(), 24 * m_cellHeight + 2 * frameWidth());
}

void TerminalView::setColors(const QColor &foreground, const QColor &background)
{
    m_foreground = foreground;
    m_background = background;
    viewport()->update();
}

void TerminalView::setAnsiColors(const QList<QColor> &colors)
{
    if (colors.size() != 16)
        return;
    m_ansiColors = colors;
    viewport()->update();
}

void TerminalView::updateGrid()
{
    const QSize size = viewport()->size();
    m_columns = qMax(1, size.width() / m_cellWidth);
    m_rows = qMax(1, size.height() / m_cellHeight);
    // A hidden view has no size of its own yet (a new one is a few pixels wide): resizing the
    // program's terminal to it would cut its lines. It tells its size when shown.
    if (isVisible()) {
        if (m_session)
            m_session->resize(m_rows, m_columns);
        else if (m_emulator)
            m_emulator->resize(m_rows, m_columns);
    }
    m_scrollOffset = qMin(m_scrollOffset, m_emulator ? m_emulator->scrollbackLines() : 0);
    updateScrollBar();
}

void TerminalView::showEvent(QShowEvent *event)
{
    QAbstractScrollArea::showEvent(event);
    updateGrid();
    viewport()->update();
}

void TerminalView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateGrid();
    if (m_searchField) {
        const QSize hint = m_searchField->sizeHint();
        const int width = qMin(viewport()->width(), qMax(hint.width(), viewport()->width() / 3));
        m_searchField->setGeometry(viewport()->width() - width, 0, width, hint.height());
    }
    viewport()->update();
}

// --- history and scrolling -----------------------------------------------------------------------

qint64 TerminalView::lineCount() const
{
    if (!m_emulator)
        return 0;
    return m_droppedLines + m_emulator->scrollbackLines() + m_emulator->rows();
}

qint64 TerminalView::topLine() const
{
    const int scrollback = m_emulator ? m_emulator->scrollbackLines() : 0;
    return m_droppedLines + scrollback - m_scrollOffset;
}

QList<TerminalCell> TerminalView::lineCells(qint64 line) const
{
    if (!m_emulator)
        return {};
    const qint64 index = line - m_droppedLines;
    const int scrollback = m_emulator->scrollbackLines();
    if (index < 0)
        return {};
    if (index < scrollback)
        return m_emulator->scrollbackLine(int(index));
    const qint64 row = index - scrollback;
    if (row < m_emulator->rows())
        return m_emulator->line(int(row));
    return {};
}

void TerminalView::readLineCells(qint64 line, QList<TerminalCell> &cells) const
{
    const qint64 index = line - m_droppedLines;
    const int scrollback = m_emulator ? m_emulator->scrollbackLines() : 0;
    if (!m_emulator || index < 0) {
        cells.clear();
    } else if (index < scrollback) {
        cells = m_emulator->scrollbackLine(int(index)); // shared, not copied
    } else {
        // A screen row: into the storage of the last one, unless a scrollback line shares it.
        if (!cells.isDetached())
            cells = QList<TerminalCell>();
        m_emulator->readLine(int(index - scrollback), cells);
    }
}

QString TerminalView::lineText(qint64 line, int from, int to) const
{
    const QList<TerminalCell> cells = lineCells(line);
    QString text;
    for (int column = qMax(0, from); column <= to; ++column) {
        const TerminalCell cell = column < cells.size() ? cells.at(column) : TerminalCell();
        if (cell.isContinuation())
            continue;
        text += cell.isBlank() ? QStringLiteral(" ") : cell.text();
    }
    while (text.endsWith(QLatin1Char(' ')))
        text.chop(1);
    return text;
}

QString TerminalView::visibleLineText(int row) const
{
    return lineText(topLine() + row, 0, m_columns - 1);
}

TerminalView::Position TerminalView::positionAt(int row, int column) const
{
    return Position {topLine() + row, column};
}

void TerminalView::onScrollbackChanged(int pushed, int popped)
{
    const int size = m_emulator->scrollbackLines();
    // At the limit each push also drops the oldest line: history positions stay attached to text.
    const qint64 dropped = qint64(m_knownScrollback) + pushed - popped - size;
    if (dropped > 0)
        m_droppedLines += dropped;
    m_knownScrollback = size;
    if (m_scrollOffset > 0) {
        // Keep showing the same lines while output arrives below.
        m_scrollOffset = qBound(0, m_scrollOffset + pushed - popped, size);
        scheduleRepaint(viewport()->rect());
    }
    if (m_hasSelection && selectionStart().line < firstLine())
        clearSelection();
    updateScrollBar();
}

void TerminalView::updateScrollBar()
{
    const int scrollback = m_emulator && !m_emulator->isAlternateScreen() ? m_emulator->scrollbackLines() : 0;
    m_scrollOffset = qBound(0, m_scrollOffset, scrollback);
    m_updatingScrollBar = true;
    QScrollBar *bar = verticalScrollBar();
    bar->setRange(0, scrollback);
    bar->setPageStep(m_rows);
    bar->setSingleStep(1);
    bar->setValue(scrollback - m_scrollOffset);
    m_updatingScrollBar = false;
}

void TerminalView::scrollContentsBy(int dx, int dy)
{
    Q_UNUSED(dx)
    Q_UNUSED(dy)
    if (m_updatingScrollBar)
        return;
    m_scrollOffset = verticalScrollBar()->maximum() - verticalScrollBar()->value();
    viewport()->update();
}

void TerminalView::scrollLines(int lines)
{
    if (!m_emulator || m_emulator->isAlternateScreen())
        return;
    const int offset = qBound(0, m_scrollOffset + lines, m_emulator->scrollbackLines());
    if (offset == m_scrollOffset)
        return;
    m_scrollOffset = offset;
    updateScrollBar();
    viewport()->update();
}

void TerminalView::scrollToBottom()
{
    if (m_scrollOffset == 0)
        return;
    m_scrollOffset = 0;
    updateScrollBar();
    viewport()->update();
}

void TerminalView::ensureVisible(qint64 line)
{
    if (!m_emulator)
        return;
    const qint64 top = topLine();
    if (line >= top && line < top + m_rows)
        return;
    const int scrollback = m_emulator->isAlternateScreen() ? 0 : m_emulator->scrollbackLines();
    // A third of the way down, with some context above.
    const qint64 wantedTop = qBound(m_droppedLines, line - m_rows / 3, m_droppedLines + scrollback);
    m_scrollOffset = int(m_droppedLines + scrollback - wantedTop);
    updateScrollBar();
    viewport()->update();
}

// --- painting ------------------------------------------------------------------------------------

void TerminalView::onDamaged(const QRect &cells)
{
    const int row = cells.y() + m_scrollOffset;
    const QRect pixels(
        QPoint(columnX(cells.x()), row * m_cellHeight),
        QPoint(columnX(cells.x() + cells.width()) - 1, (row + cells.height()) * m_cellHeight - 1));
    scheduleRepaint(pixels);
}

void TerminalView::scheduleRepaint(const QRect &pixels)
{
    m_dirty += pixels;
    if (m_frameTimer.isActive())
        return;
    // One frame per FrameIntervalMs at most, and no more than a quarter of the time spent painting:
    // a flood of output shows its latest state at the screen's pace, and the frames in between are
    // never painted. After a quiet spell the change is painted at once (a typed key echoes now).
    const qint64 interval = qMax<qint64>(FrameIntervalMs, 4 * m_lastPaintMs);
    const qint64 since = m_sinceFrame.isValid() ? m_sinceFrame.elapsed() : interval;
    m_frameTimer.start(int(qBound<qint64>(0, interval - since, interval)));
}

void TerminalView::onFrame()
{
    if (!m_dirty.isEmpty())
        viewport()->update(m_dirty);
    m_dirty = QRegion();
}

void TerminalView::onCursorMoved(int row, int column)
{
    Q_UNUSED(row)
    Q_UNUSED(column)
    updateCursorCell();
}

void TerminalView::updateCursorCell()
{
    scheduleRepaint(m_cursorCell);
    if (!m_emulator)
        return;
    const int row = m_emulator->cursorRow() + m_scrollOffset;
    const int column = m_emulator->cursorColumn();
    const int width = qMax(1, m_emulator->cell(m_emulator->cursorRow(), column).width());
    m_cursorCell = QRect(QPoint(columnX(column), row * m_cellHeight),
                         QPoint(columnX(column + width) - 1, (row + 1) * m_cellHeight - 1));
    scheduleRepaint(m_cursorCell);
}

void TerminalView::onBlink()
{
    m_cursorBlinkOn = !m_cursorBlinkOn;
    viewport()->update(m_cursorCell);
}

void TerminalView::restartBlinking()
{
    m_cursorBlinkOn = true;
    if (hasFocus())
        m_blinkTimer.start();
    viewport()->update(m_cursorCell);
}

QColor TerminalView::colorOf(const TerminalColor &color, bool bold) const
{
    if (color.isDefaultForeground())
        return m_foreground;
    if (color.isDefaultBackground())
        return m_background;
    int index = color.paletteIndex();
    if (index >= 0 && index < 16) {
        if (bold && index < 8)
            index += 8;
        return m_ansiColors.at(index);
    }
    return QColor::fromRgb(color.toRgb());
}

TerminalView::Style TerminalView::styleOf(const TerminalCell &cell, bool selected) const
{
    Style style;
    style.foreground = colorOf(cell.foreground(), cell.isBold());
    style.background = colorOf(cell.background());
    if (cell.isReverse())
        std::swap(style.foreground, style.background);
    if (selected) {
        style.foreground = palette().color(QPalette::HighlightedText);
        style.background = palette().color(QPalette::Highlight);
    }
    style.bold = cell.isBold();
    style.italic = cell.isItalic();
    style.underline = cell.isUnderlined();
    style.strikeOut = cell.isStrikeOut();
    return style;
}

void TerminalView::paintEvent(QPaintEvent *event)
{
    QElapsedTimer paintTime;
    paintTime.start();
    QPainter painter(viewport());
    const QRect area = event->rect();
    painter.fillRect(area, m_background);
    if (m_emulator) {
        const qint64 top = topLine();
        const int firstRow = qMax(0, area.top() / m_cellHeight);
        const int lastRow = qMin(m_rows - 1, area.bottom() / m_cellHeight);
        // Worked out once: in word mode each end looks at the text around it.
        const Position start = m_hasSelection ? selectionStart() : Position();
        const Position end = m_hasSelection ? selectionEnd() : Position();
        for (int row = firstRow; row <= lastRow; ++row) {
            const qint64 line = top + row;
            int selectedFrom = m_columns;
            int selectedTo = -1;
            if (m_hasSelection && line >= start.line && line <= end.line) {
                selectedFrom = line == start.line ? start.column : 0;
                selectedTo = line == end.line ? end.column : m_columns - 1;
            }
            paintLine(painter, row, line, selectedFrom, selectedTo);
        }
        paintCursor(painter);
    }
    m_lastPaintMs = paintTime.elapsed();
    m_sinceFrame.start();
}

void TerminalView::paintLine(QPainter &painter, int row, qint64 line, int selectedFrom, int selectedTo)
{
    readLineCells(line, m_paintCells);
    const QList<TerminalCell> &cells = m_paintCells;
    const TerminalCell blank;
    const int y = row * m_cellHeight;
    const auto cellAtColumn = [&cells, &blank](int column) -> const TerminalCell & {
        return column < cells.size() ? cells.at(column) : blank;
    };
    // Neighbouring cells mostly look alike: work a style out only when the look changes.
    const TerminalCell *styledCell = nullptr;
    bool styledSelected = false;
    Style style;
    const auto styleFor = [&](const TerminalCell &cell, int column) -> const Style & {
        const bool selected = column >= selectedFrom && column <= selectedTo;
        if (!styledCell || selected != styledSelected || !sameLook(cell, *styledCell)) {
            style = styleOf(cell, selected);
            styledCell = &cell;
            styledSelected = selected;
        }
        return style;
    };

    // Backgrounds first, a run of one colour at a time: a glyph may overhang its cell and must not
    // be painted over.
    int fillStart = -1;
    QColor fillColor;
    const auto fill = [&](int endColumn) {
        if (fillStart >= 0)
            painter.fillRect(
                QRect(QPoint(columnX(fillStart), y), QPoint(columnX(endColumn) - 1, y + m_cellHeight - 1)),
                fillColor);
        fillStart = -1;
    };
    for (int column = 0; column < m_columns;) {
        const TerminalCell &cell = cellAtColumn(column);
        if (cell.isContinuation()) {
            ++column;
            continue;
        }
        const QColor &background = styleFor(cell, column).background;
        if (fillStart >= 0 && background != fillColor)
            fill(column);
        if (fillStart < 0 && background != m_background) {
            fillStart = column;
            fillColor = background;
        }
        column += qMax(1, cell.width());
    }
    fill(m_columns);

    // Then text, in runs of narrow ASCII cells of one style (one drawText each, trailing blanks
    // left out); anything else is drawn in its own cell so that fallback fonts cannot shift the grid.
    int currentFont = -1;
    QColor currentPen;
    const auto usePainterStyle = [&](const Style &textStyle) {
        const int font = fontIndex(textStyle.bold, textStyle.italic);
        if (font != currentFont) {
            painter.setFont(m_styleFonts[font]);
            currentFont = font;
        }
        if (!currentPen.isValid() || textStyle.foreground != currentPen) {
            painter.setPen(textStyle.foreground);
            currentPen = textStyle.foreground;
        }
    };
    QString run;
    run.reserve(m_columns);
    int runStart = 0;
    Style runStyle;
    const auto flush = [&] {
        if (run.isEmpty())
            return;
        const int runEnd = runStart + int(run.size());
        qsizetype visible = run.size();
        while (visible > 0 && run.at(visible - 1) == QLatin1Char(' '))
            --visible;
        if (visible > 0) {
            usePainterStyle(runStyle);
            run.truncate(visible);
            painter.drawText(QPointF(columnX(runStart), y + m_ascent), run);
        }
        drawDecorations(painter, runStart, runEnd, y, runStyle);
        currentPen = QColor(); // drawDecorations() may have set the pen
        run.clear();
    };
    for (int column = 0; column < m_columns;) {
        const TerminalCell &cell = cellAtColumn(column);
        if (cell.isContinuation()) {
            ++column;
            continue;
        }
        const int width = qMax(1, cell.width());
        const std::u32string_view chars = cell.chars();
        const Style &cellStyle = styleFor(cell, column);
        if (width == 1 && chars.size() <= 1 && (chars.empty() || chars.front() < 0x80)) {
            if (!run.isEmpty() && cellStyle != runStyle)
                flush();
            if (run.isEmpty()) {
                runStart = column;
                runStyle = cellStyle;
            }
            run += chars.empty() ? QLatin1Char(' ') : QLatin1Char(char(chars.front()));
        } else {
            flush();
            usePainterStyle(cellStyle);
            painter.drawText(QPointF(columnX(column), y + m_ascent), cell.text());
            drawDecorations(painter, column, column + width, y, cellStyle);
            currentPen = QColor();
        }
        column += width;
    }
    flush();
}

void TerminalView::drawDecorations(QPainter &painter, int fromColumn, int toColumn, int y,
                                   const Style &style) const
{
    if (!style.underline && !style.strikeOut)
        return;
    painter.setPen(style.foreground);
    const int left = columnX(fromColumn);
    const int right = columnX(toColumn) - 1;
    if (style.underline) {
        const int underlineY = qMin(y + m_ascent + 1, y + m_cellHeight - 1);
        painter.drawLine(left, underlineY, right, underlineY);
    }
    if (style.strikeOut) {
        const int strikeY = y + m_ascent / 2 + 1;
        painter.drawLine(left, strikeY, right, strikeY);
    }
}

void TerminalView::paintCursor(QPainter &painter)
{
    if (!m_emulator || !m_emulator->isCursorVisible())
        return;
    if (m_session && !m_session->isRunning())
        return;
    const int screenRow = m_emulator->cursorRow();
    const int row = screenRow + m_scrollOffset;
    const int column = m_emulator->cursorColumn();
    if (row < 0 || row >= m_rows || column < 0 || column >= m_columns)
        return;
    const TerminalCell cell = m_emulator->cell(screenRow, column);
    const int width = qMax(1, cell.width());
    const QRect rect(QPoint(columnX(column), row * m_cellHeight),
                     QPoint(columnX(column + width) - 1, (row + 1) * m_cellHeight - 1));
    Style style = styleOf(cell, false);
    if (!hasFocus()) {
        painter.setPen(style.foreground);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect.adjusted(0, 0, -1, -1));
        return;
    }
    if (!m_cursorBlinkOn)
        return;
    // A block in the text colour, with the character in the background colour.
    painter.fillRect(rect, style.foreground);
    if (!cell.isBlank()) {
        painter.setFont(m_styleFonts[fontIndex(style.bold, style.italic)]);
        painter.setPen(style.background);
        painter.drawText(QPointF(rect.left(), rect.top() + m_ascent), cell.text());
    }
}

// --- selection -----------------------------------------------------------------------------------

TerminalView::Position TerminalView::selectionStart() const
{
    const Position first = qMin(m_anchor, m_extent);
    switch (m_selectionMode) {
    case SelectionMode::Character:
        return first;
    case SelectionMode::Word:
        return wordStart(first);
    case SelectionMode::Line:
        return Position {first.line, 0};
    }
    return first;
}

TerminalView::Position TerminalView::selectionEnd() const
{
    const Position last = qMax(m_anchor, m_extent);
    switch (m_selectionMode) {
    case SelectionMode::Character:
        return last;
    case SelectionMode::Word:
        return wordEnd(last);
    case SelectionMode::Line:
        return Position {last.line, m_columns - 1};
    }
    return last;
}

bool TerminalView::isSelected(qint64 line, int column) const
{
    if (!m_hasSelection)
        return false;
    const Position position {line, column};
    return !(position < selectionStart()) && !(selectionEnd() < position);
}

QString TerminalView::selectedText() const
{
    if (!m_hasSelection)
        return {};
    const Position start = selectionStart();
    const Position end = selectionEnd();
    QStringList lines;
    for (qint64 line = start.line; line <= end.line; ++line) {
        const int from = line == start.line ? start.column : 0;
        const int to = line == end.line ? end.column : m_columns - 1;
        lines.append(lineText(line, from, to));
    }
    return lines.join(QLatin1Char('\n'));
}

void TerminalView::setSelection(const Position &start, const Position &end)
{
    m_selectionMode = SelectionMode::Character;
    m_anchor = start;
    m_extent = end;
    m_hasSelection = true;
    viewport()->update();
    Q_EMIT selectionChanged();
}

void TerminalView::clearSelection()
{
    if (!m_hasSelection)
        return;
    m_hasSelection = false;
    viewport()->update();
    Q_EMIT selectionChanged();
}

void TerminalView::repaintSelection()
{
    // Selections span whole lines more often than not: repaint the view.
    viewport()->update();
}

bool TerminalView::isWordCharacter(const TerminalCell &cell) const
{
    if (cell.isBlank() || cell.isContinuation())
        return false;
    const QString text = cell.text();
    const QChar c = text.at(0);
    return c.isLetterOrNumber() || c.isMark() || WordCharacters.contains(c) || c.unicode() >= 0x80;
}

TerminalView::Position TerminalView::wordStart(const Position &position) const
{
    const QList<TerminalCell> cells = lineCells(position.line);
    const auto cellAt = [&cells](int column) {
        return column >= 0 && column < cells.size() ? cells.at(column) : TerminalCell();
    };
    int column = position.column;
    if (cellAt(column).isContinuation())
        --column;
    if (!isWordCharacter(cellAt(column)))
        return Position {position.line, column};
    while (column > 0 && (isWordCharacter(cellAt(column - 1)) || cellAt(column - 1).isContinuation()))
        --column;
    return Position {position.line, column};
}

TerminalView::Position TerminalView::wordEnd(const Position &position) const
{
    const QList<TerminalCell> cells = lineCells(position.line);
    const auto cellAt = [&cells](int column) {
        return column >= 0 && column < cells.size() ? cells.at(column) : TerminalCell();
    };
    int column = position.column;
    if (!isWordCharacter(cellAt(column)) && !cellAt(column).isContinuation())
        return Position {position.line, column};
    while (column + 1 < m_columns
           && (isWordCharacter(cellAt(column + 1)) || cellAt(column + 1).isContinuation()))
        ++column;
    return Position {position.line, column};
}

void TerminalView::extendSelection(const Position &to)
{
    if (m_selectionMode == SelectionMode::Character && !m_hasSelection && to == m_anchor)
        return;
    m_extent = to;
    m_hasSelection = true;
    repaintSelection();
    Q_EMIT selectionChanged();
}

void TerminalView::selectionFinished()
{
    QClipboard *clipboard = QGuiApplication::clipboard();
    if (m_hasSelection && clipboard->supportsSelection())
        clipboard->setText(selectedText(), QClipboard::Selection);
}

void TerminalView::copy()
{
    if (m_hasSelection)
        QGuiApplication::clipboard()->setText(selectedText(), QClipboard::Clipboard);
}

void TerminalView::paste()
{
    const QString text = QGuiApplication::clipboard()->text(QClipboard::Clipboard);
    if (m_emulator && !text.isEmpty() && !(m_session && m_session->hasEnded())) {
        scrollToBottom();
        m_emulator->pasteText(text);
    }
}

void TerminalView::pasteSelection()
{
    QClipboard *clipboard = QGuiApplication::clipboard();
    const QString text
        = clipboard->text(clipboard->supportsSelection() ? QClipboard::Selection : QClipboard::Clipboard);
    if (m_emulator && !text.isEmpty() && !(m_session && m_session->hasEnded())) {
        scrollToBottom();
        m_emulator->pasteText(text);
    }
}

// --- search --------------------------------------------------------------------------------------

bool TerminalView::find(const QString &text, FindFlags flags)
{
    if (!m_emulator || text.isEmpty())
        return false;
    const Qt::CaseSensitivity sensitivity
        = flags & FindCaseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
    const bool forward = flags & FindForward;
    const qint64 first = firstLine();
    const qint64 last = lineCount() - 1;

    // Start just past the current match, or at the end the search moves away from.
    Position from = forward ? Position {first, 0} : Position {last, m_columns};
    if (m_hasSelection)
        from = forward ? Position {selectionEnd().line, selectionEnd().column + 1} : selectionStart();

    for (int pass = 0; pass < 2; ++pass) {
        for (qint64 line = from.line; forward ? line <= last : line >= first; line += forward ? 1 : -1) {
            const LineString haystack = lineString(lineCells(line), m_columns);
            qsizetype index = -1;
            if (forward) {
                qsizetype startIndex = 0;
                if (line == from.line) {
                    startIndex = haystack.columns.indexOf(from.column);
                    if (startIndex < 0)
                        startIndex = from.column >= m_columns ? haystack.text.size() : 0;
                }
                index = haystack.text.indexOf(text, startIndex, sensitivity);
            } else {
                qsizetype limit = haystack.text.size() - 1;
                if (line == from.line) {
                    // Matches must begin before the column the search started from.
                    limit = -1;
                    for (qsizetype i = 0; i < haystack.columns.size() && haystack.columns.at(i) < from.column;
                         ++i)
                        limit = i;
                }
                if (limit >= 0)
                    index = haystack.text.lastIndexOf(text, limit, sensitivity);
            }
            if (index < 0)
                continue;
            const int startColumn = haystack.columns.at(index);
            const int endColumn = haystack.columns.at(index + text.size() - 1);
            const TerminalCell endCell = lineCells(line).value(endColumn);
            setSelection(Position {line, startColumn},
                         Position {line, endColumn + qMax(1, endCell.width()) - 1});
            ensureVisible(line);
            return true;
        }
        // Wrap around once.
        from = forward ? Position {first, 0} : Position {last, m_columns};
    }
    return false;
}

void TerminalView::showSearchBar()
{
    if (!m_searchField) {
        m_searchField = new QLineEdit(this);
        m_searchField->setPlaceholderText(tr("Search the scrollback"));
        m_searchField->setClearButtonEnabled(true);
        m_searchField->setToolTip(tr("Enter: previous match, Shift+Enter: next, Escape: close"));
        m_searchField->installEventFilter(this);
        connect(m_searchField, &QLineEdit::textEdited, this, [this](const QString &text) {
            clearSelection();
            find(text);
        });
        connect(m_searchField, &QLineEdit::returnPressed, this, [this] { find(m_searchField->text()); });
    }
    const QSize hint = m_searchField->sizeHint();
    const int width = qMin(viewport()->width(), qMax(hint.width(), viewport()->width() / 3));
    m_searchField->setGeometry(viewport()->width() - width, 0, width, hint.height());
    m_searchField->show();
    m_searchField->raise();
    m_searchField->setFocus();
    m_searchField->selectAll();
}

bool TerminalView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_searchField && event->type() == QEvent::KeyPress) {
        auto *keyEvent = static_cast<QKeyEvent *>(event);
        if (keyEvent->key() == Qt::Key_Escape) {
            m_searchField->hide();
            setFocus();
            return true;
        }
        if ((keyEvent->key() == Qt::Key_Return || keyEvent->key() == Qt::Key_Enter)
            && keyEvent->modifiers() & Qt::ShiftModifier) {
            find(m_searchField->text(), FindForward);
            return true;
        }
    }
    return QAbstractScrollArea::eventFilter(watched, event);
}

// --- input ---------------------------------------------------------------------------------------

bool TerminalView::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride && m_emulator) {
        // Control and Alt combinations belong to the program in the terminal, not to menu shortcuts.
        const auto *keyEvent = static_cast<QKeyEvent *>(event);
        if (keyEvent->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) {
            event->accept();
            return true;
        }
    }
    return QAbstractScrollArea::event(event);
}

bool TerminalView::focusNextPrevChild(bool next)
{
    // Tab is a key for the terminal, not a way out of it.
    Q_UNUSED(next)
    return false;
}

void TerminalView::keyPressEvent(QKeyEvent *event)
{
    const Qt::KeyboardModifiers modifiers = event->modifiers();
    const bool control = modifiers & Qt::ControlModifier;
    const bool shift = modifiers & Qt::ShiftModifier;
    const bool alt = modifiers & Qt::AltModifier;
    const int key = event->key();
    event->accept();

    if (control && shift && !alt) {
        switch (key) {
        case Qt::Key_C:
            copy();
            return;
        case Qt::Key_V:
            paste();
            return;
        case Qt::Key_F:
            showSearchBar();
            return;
        default:
            break;
        }
    }
    if (control && !alt) {
        if (key == Qt::Key_Equal || key == Qt::Key_Plus) {
            zoomIn();
            return;
        }
        if (key == Qt::Key_Minus) {
            zoomOut();
            return;
        }
        if (key == Qt::Key_0) {
            resetZoom();
            return;
        }
    }
    if (shift && !control && !alt && m_emulator && !m_emulator->isAlternateScreen()) {
        if (key == Qt::Key_PageUp) {
            scrollLines(qMax(1, m_rows - 1));
            return;
        }
        if (key == Qt::Key_PageDown) {
            scrollLines(-qMax(1, m_rows - 1));
            return;
        }
    }
    if (m_session && m_session->hasEnded()) {
        if (key == Qt::Key_Return || key == Qt::Key_Enter)
            m_session->restart();
        return;
    }
    if (m_session && !m_session->isRunning())
        return; // still connecting: keys would go nowhere
    if (!m_emulator || !sendKey(event)) {
        event->ignore();
        return;
    }
    scrollToBottom();
    restartBlinking();
}

bool TerminalView::sendKey(QKeyEvent *event)
{
    const Qt::KeyboardModifiers qtModifiers = event->modifiers();
    TerminalModifiers modifiers = toTerminalModifiers(qtModifiers);
    const int key = event->key();
    if (const std::optional<TerminalKey> terminalKey = toTerminalKey(key)) {
        if (key == Qt::Key_Backtab)
            modifiers |= TerminalModifier::Shift;
        m_emulator->keyPress(*terminalKey, modifiers);
        return true;
    }
    QString text = event->text();
    if (qtModifiers & Qt::ControlModifier) {
        // Platforms report Control+C as the text "\x03"; the emulator wants the key and the modifier.
        if (key >= Qt::Key_A && key <= Qt::Key_Z)
            text = QChar(QLatin1Char(char('a' + (key - Qt::Key_A))));
        else if (text.size() == 1 && text.at(0).unicode() < 0x20)
            text = QChar(QLatin1Char(char(text.at(0).unicode() + 0x40))).toLower();
    }
    if (text.isEmpty())
        return false;
    m_emulator->typeText(text, modifiers);
    return true;
}

QPoint TerminalView::cellAt(const QPoint &point) const
{
    const int column = qBound(0, point.x() / m_cellWidth, m_columns - 1);
    const int row = qBound(0, point.y() / m_cellHeight, m_rows - 1);
    return QPoint(column, row);
}

bool TerminalView::wantsMouseReports(const QMouseEvent *event) const
{
    return m_emulator && m_emulator->mouseMode() != TerminalMouseMode::Off
        && !(event->modifiers() & Qt::ShiftModifier) && m_scrollOffset == 0
        && !(m_session && !m_session->isRunning());
}

void TerminalView::reportMouse(QMouseEvent *event, int action)
{
    const QPoint cell = cellAt(event->position().toPoint());
    TerminalMouseButton button = toTerminalButton(event->button());
    if (TerminalMouseAction(action) == TerminalMouseAction::Move) {
        button = event->buttons() & Qt::LeftButton ? TerminalMouseButton::Left
            : event->buttons() & Qt::MiddleButton  ? TerminalMouseButton::Middle
            : event->buttons() & Qt::RightButton   ? TerminalMouseButton::Right
                                                   : TerminalMouseButton::None;
    }
    m_emulator->mouseEvent(TerminalMouseAction(action), button, cell.y(), cell.x(),
                           toTerminalModifiers(event->modifiers()));
}

void TerminalView::mousePressEvent(QMouseEvent *event)
{
    if (!m_emulator)
        return;
    if (wantsMouseReports(event)) {
        m_mouseReporting = true;
        reportMouse(event, int(TerminalMouseAction::Press));
        return;
    }
    if (event->button() == Qt::MiddleButton) {
        pasteSelection();
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    const QPoint point = event->position().toPoint();
    const QPoint cell = cellAt(point);
    const Position position = positionAt(cell.y(), cell.x());
    const bool tripleClick = m_sinceDoubleClick.isValid()
        && m_sinceDoubleClick.elapsed() < QApplication::doubleClickInterval()
        && (point - m_doubleClickPoint).manhattanLength() <= QApplication::startDragDistance();
    m_sinceDoubleClick.invalidate();
    m_selecting = true;
    m_anchor = position;
    m_extent = position;
    if (tripleClick) {
        m_selectionMode = SelectionMode::Line;
        m_hasSelection = true;
        repaintSelection();
        Q_EMIT selectionChanged();
        return;
    }
    m_selectionMode = SelectionMode::Character;
    clearSelection();
}

void TerminalView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (!m_emulator)
        return;
    if (wantsMouseReports(event)) {
        m_mouseReporting = true;
        reportMouse(event, int(TerminalMouseAction::Press));
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    const QPoint point = event->position().toPoint();
    const QPoint cell = cellAt(point);
    m_selectionMode = SelectionMode::Word;
    m_anchor = positionAt(cell.y(), cell.x());
    m_extent = m_anchor;
    m_hasSelection = true;
    m_selecting = true;
    m_sinceDoubleClick.start();
    m_doubleClickPoint = point;
    repaintSelection();
    Q_EMIT selectionChanged();
}

void TerminalView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_emulator)
        return;
    if (m_mouseReporting
        || (wantsMouseReports(event) && m_emulator->mouseMode() == TerminalMouseMode::Move)) {
        reportMouse(event, int(TerminalMouseAction::Move));
        return;
    }
    if (!m_selecting || !(event->buttons() & Qt::LeftButton))
        return;
    const QPoint point = event->position().toPoint();
    // Dragging past the top or bottom edge scrolls the history along.
    if (point.y() < 0)
        scrollLines(1);
    else if (point.y() >= viewport()->height())
        scrollLines(-1);
    const QPoint cell = cellAt(point);
    extendSelection(positionAt(cell.y(), cell.x()));
}

void TerminalView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_emulator)
        return;
    if (m_mouseReporting) {
        reportMouse(event, int(TerminalMouseAction::Release));
        if (event->buttons() == Qt::NoButton)
            m_mouseReporting = false;
        return;
    }
    if (event->button() == Qt::LeftButton && m_selecting) {
        m_selecting = false;
        selectionFinished();
    }
}

void TerminalView::wheelEvent(QWheelEvent *event)
{
    event->accept();
    if (!m_emulator)
        return;
    const int lines = event->angleDelta().y() * LinesPerNotch / 120;
    if (lines == 0)
        return;
    const bool reports = m_emulator->mouseMode() != TerminalMouseMode::Off
        && !(event->modifiers() & Qt::ShiftModifier) && m_scrollOffset == 0;
    if (reports) {
        const QPoint cell = cellAt(event->position().toPoint());
        const TerminalMouseButton button
            = lines > 0 ? TerminalMouseButton::WheelUp : TerminalMouseButton::WheelDown;
        const int notches = qMax(1, qAbs(lines) / LinesPerNotch);
        for (int i = 0; i < notches; ++i)
            m_emulator->mouseEvent(TerminalMouseAction::Press, button, cell.y(), cell.x(),
                                   toTerminalModifiers(event->modifiers()));
        return;
    }
    if (m_emulator->isAlternateScreen()) {
        // A pager or editor with no mouse support: the wheel moves its cursor, as in most terminals.
        if (!(m_session && !m_session->isRunning())) {
            for (int i = 0; i < qAbs(lines); ++i)
                m_emulator->keyPress(lines > 0 ? TerminalKey::Up : TerminalKey::Down);
        }
        return;
    }
    scrollLines(lines);
}

void TerminalView::focusInEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusInEvent(event);
    if (m_emulator)
        m_emulator->setFocused(true);
    restartBlinking();
}

void TerminalView::focusOutEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusOutEvent(event);
    if (m_emulator)
        m_emulator->setFocused(false);
    m_blinkTimer.stop();
    m_cursorBlinkOn = true;
    viewport()->update(m_cursorCell);
}

} // namespace Terminal
