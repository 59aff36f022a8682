#pragma once

#include "TerminalCell.h"
#include "TerminalEmulator.h"
#include "TerminalSession.h"

#include <QAbstractScrollArea>
#include <QColor>
#include <QElapsedTimer>
#include <QFont>
#include <QPointer>
#include <QRegion>
#include <QTimer>

class QLineEdit;

namespace Terminal {

// Paints a TerminalEmulator's cells and turns keys, mouse and clipboard into terminal input.
// - A monospace font, zoomed with Ctrl+= / Ctrl+- (Ctrl+0 resets); a blinking block cursor (an
//   outline without focus).
// - Mouse selection: drag for characters, double-click for a word, triple-click for lines; the
//   selection is kept by line through scrolling. Ctrl+Shift+C copies, Ctrl+Shift+V and the middle
//   button paste (the middle button from the X11 selection where there is one).
// - The scroll bar (and Shift+PageUp/PageDown, the wheel) moves through the scrollback; search it
//   with Ctrl+Shift+F or find().
// - Programs that ask for the mouse get it; Shift overrides that, to select.
// - Only damaged cells are repainted, at most once a frame (FrameIntervalMs) however fast output
//   arrives; resizing the widget resizes the emulator and the session.
// - With a session that has ended, Enter starts it again.
class TerminalView final : public QAbstractScrollArea
{
    Q_OBJECT

public:
    // A cell of the whole history: `line` counts from the first line ever kept, so it stays put as
    // output scrolls; `column` is 0-based.
    struct Position
    {
        qint64 line = 0;
        int column = 0;
        bool operator==(const Position &other) const { return line == other.line && column == other.column; }
        bool operator<(const Position &other) const
        {
            return line < other.line || (line == other.line && column < other.column);
        }
    };

    enum FindFlag { FindForward = 0x1, FindCaseSensitive = 0x2 };
    Q_DECLARE_FLAGS(FindFlags, FindFlag)

    // The shortest time between two repaints caused by output (about the screen's refresh rate).
    static constexpr int FrameIntervalMs = 16;

    explicit TerminalView(QWidget *parent = nullptr);
    ~TerminalView() override;

    // The session to show and drive (not owned); its emulator is shown.
    void setSession(TerminalSession *session);
    TerminalSession *session() const { return m_session; }
    // An emulator without a session (not owned): keys go to it and the program is whoever listens.
    void setEmulator(TerminalEmulator *emulator);
    TerminalEmulator *emulator() const { return m_emulator; }

    QFont terminalFont() const { return m_font; }
    void setTerminalFont(const QFont &font);
    void zoomIn();
    void zoomOut();
    void resetZoom();
    // Pixel size of one cell.
    QSize cellSize() const { return QSize(m_cellWidth, m_cellHeight); }
    // The grid that fits the viewport (what the emulator is resized to).
    int rows() const { return m_rows; }
    int columns() const { return m_columns; }

    // The default colours, and the 16 ANSI colours programs pick by number (bold text in one of
    // the first 8 is drawn in its bright twin, as xterm does).
    void setColors(const QColor &foreground, const QColor &background);
    void setAnsiColors(const QList<QColor> &colors);

    // Lines scrolled back into the history: 0 follows the output.
    int scrollOffset() const { return m_scrollOffset; }
    void scrollLines(int lines); // positive: back into the history
    void scrollToBottom();

    // The text of a row of the view as shown now (0 is the top row), trailing blanks dropped.
    QString visibleLineText(int row) const;
    // The history position shown at a row and column of the view.
    Position positionAt(int row, int column) const;
    // Top-left pixel of a cell of the view, in viewport coordinates.
    QPoint cellTopLeft(int row, int column) const;

    bool hasSelection() const { return m_hasSelection; }
    Position selectionStart() const;
    Position selectionEnd() const; // inclusive
    QString selectedText() const;
    void setSelection(const Position &start, const Position &end);
    void clearSelection();

    void copy();
    void paste();
    // From the X11 selection, or the clipboard where there is no selection.
    void pasteSelection();

    // Looks for `text` in the scrollback and the screen, starting next to the selection (or at the
    // bottom), backwards unless FindForward. Selects it and scrolls to it; false when not found.
    bool find(const QString &text, FindFlags flags = {});
    void showSearchBar();

    QSize sizeHint() const override;

Q_SIGNALS:
    void titleChanged(const QString &title);
    void selectionChanged();

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool focusNextPrevChild(bool next) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class SelectionMode { Character, Word, Line };

    struct Style
    {
        QColor foreground;
        QColor background;
        bool bold = false;
        bool italic = false;
        bool underline = false;
        bool strikeOut = false;
        bool operator==(const Style &other) const
        {
            return foreground == other.foreground && background == other.background && bold == other.bold
                && italic == other.italic && underline == other.underline && strikeOut == other.strikeOut;
        }
        bool operator!=(const Style &other) const { return !(*this == other); }
    };

    void attachEmulator(TerminalEmulator *emulator);
    void updateFontMetrics();
    void updateGrid();
    void updateScrollBar();
    void onDamaged(const QRect &cells);
    void onCursorMoved(int row, int column);
    void onScrollbackChanged(int pushed, int popped);
    void onBlink();
    void restartBlinking();
    void updateCursorCell();
    // Output repaints at most once a frame: changes are gathered here until the frame timer fires.
    void scheduleRepaint(const QRect &pixels);
    void onFrame();

    // History lines: scrollback lines first, then the screen's rows.
    qint64 firstLine() const { return m_droppedLines; }
    qint64 lineCount() const;
    // The top line of the view.
    qint64 topLine() const;
    QList<TerminalCell> lineCells(qint64 line) const;
    // The same into `cells`, reusing its storage where it can.
    void readLineCells(qint64 line, QList<TerminalCell> &cells) const;
    QString lineText(qint64 line, int from, int to) const; // columns [from, to], trailing blanks dropped

    // Columns selectedFrom..selectedTo (inclusive) are drawn selected.
    void paintLine(QPainter &painter, int row, qint64 line, int selectedFrom, int selectedTo);
    void paintCursor(QPainter &painter);
    void drawDecorations(QPainter &painter, int fromColumn, int toColumn, int y, const Style &style) const;
    // Left edge of a column, in pixels.
    int columnX(int column) const;
    Style styleOf(const TerminalCell &cell, bool selected) const;
    QColor colorOf(const TerminalColor &color, bool bold = false) const;
    bool isSelected(qint64 line, int column) const;

    // Row and column of the view under a viewport point, clamped to the grid.
    QPoint cellAt(const QPoint &point) const;
    bool wantsMouseReports(const QMouseEvent *event) const;
    void reportMouse(QMouseEvent *event, int action);
    void extendSelection(const Position &to);
    Position wordStart(const Position &position) const;
    Position wordEnd(const Position &position) const;
    bool isWordCharacter(const TerminalCell &cell) const;
    void selectionFinished();
    void repaintSelection();

    bool sendKey(QKeyEvent *event);
    void ensureVisible(qint64 line);

    QPointer<TerminalSession> m_session;
    QPointer<TerminalEmulator> m_emulator;

    QFont m_font;
    int m_defaultPointSize = 10;
    QFont m_paintFont; // m_font spaced to whole-pixel cells
    QFont m_styleFonts[4]; // m_paintFont: regular, bold, italic, bold italic (see fontIndex())
    int m_cellWidth = 8;
    int m_cellHeight = 16;
    int m_ascent = 12;
    int m_rows = 24;
    int m_columns = 80;
    // Breeze, as Konsole has it.
    QColor m_foreground {0xfc, 0xfc, 0xfc};
    QColor m_background {0x23, 0x26, 0x27};
    QList<QColor> m_ansiColors;

    int m_scrollOffset = 0;
    qint64 m_droppedLines = 0; // lines that fell off the top of a full scrollback, ever
    int m_knownScrollback = 0;
    bool m_updatingScrollBar = false;

    // Frames: the region waiting for the next one, when the last one was painted and what it cost.
    QRegion m_dirty;
    QTimer m_frameTimer;
    QElapsedTimer m_sinceFrame;
    qint64 m_lastPaintMs = 0;
    QList<TerminalCell> m_paintCells; // reused by paintLine()

    bool m_cursorBlinkOn = true;
    QTimer m_blinkTimer;
    QRect m_cursorCell; // row/column of the view where the cursor was painted

    bool m_hasSelection = false;
    Position m_anchor;
    Position m_extent;
    SelectionMode m_selectionMode = SelectionMode::Character;
    bool m_selecting = false;
    bool m_mouseReporting = false; // a press went to the program: so do its moves and release
    QPoint m_pressPoint;
    QElapsedTimer m_sinceDoubleClick;
    QPoint m_doubleClickPoint;

    QLineEdit *m_searchField = nullptr;
};

} // namespace Terminal

Q_DECLARE_OPERATORS_FOR_FLAGS(Terminal::TerminalView::FindFlags)
