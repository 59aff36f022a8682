#pragma once

#include "TerminalCell.h"

#include <QList>
#include <QString>

#include <string_view>
#include <vector>

namespace Terminal {

class TerminalScrollback;

// The cells of the normal and the alternate screen, which TerminalEmulator's libvterm state writes
// to in place of libvterm's own screen layer. Rows are kept in a ring: a line feed at the bottom
// turns the ring and erases one row, where libvterm's screen copies every cell of the screen for
// each line (seconds of CPU for a few MiB of output on a large window).
//
// The semantics are libvterm 0.1's screen: the pen's attributes and colours are copied into cells
// written and erased; the second cell of a wide character is a continuation cell, and a cell reads
// as wide when a continuation cell follows it; lines scrolled off the top of the normal screen go
// to the scrollback. Rectangles are [top, bottom) x [left, right), 0-based.
class TerminalScreen final
{
public:
    // What resize() did: lines pushed to and popped from the scrollback, and how far the cursor's
    // row moved with the text.
    struct Resized
    {
        int pushed = 0;
        int popped = 0;
        int cursorRowDelta = 0;
    };

    TerminalScreen(int rows, int columns, TerminalScrollback *scrollback);

    int rows() const { return m_rows; }
    int columns() const { return m_columns; }

    // Attributes and colours for the cells written and erased next (its characters are unused).
    TerminalCell &pen() { return m_pen; }

    bool isAlternate() const { return m_alternate; }
    void setAlternate(bool alternate) { m_alternate = alternate; }
    // DECSCNM: every cell reads with its reverse attribute flipped.
    void setReverseVideo(bool reverse) { m_reverseVideo = reverse; }

    void putGlyph(int row, int column, std::u32string_view chars, int width, bool isProtected);
    // Selective erase (DECSED, DECSEL) spares cells written while DECSCA protection was on.
    void erase(int top, int bottom, int left, int right, bool selective = false);
    // Moves the cells of the rectangle up by `downward` rows (down when negative) and left by
    // `rightward` columns, erasing what they leave; returns the lines pushed to the scrollback.
    int scroll(int top, int bottom, int left, int right, int downward, int rightward);
    // Copies the cells of a rectangle onto another of the same size.
    void moveCells(int destinationTop, int destinationLeft, int sourceTop, int sourceLeft, int height,
                   int width);
    // Shrinking the normal screen pushes its top lines to the scrollback (after the blank rows
    // below the cursor are dropped); growing it takes them back.
    Resized resize(int rows, int columns, int cursorRow);

    // A blank cell when out of range.
    TerminalCell cell(int row, int column) const;
    // All columns() cells of a row into `cells` (resized; its storage is reused).
    void readLine(int row, QList<TerminalCell> &cells) const;
    // The row's text: blank cells before text read as spaces, trailing blank cells are dropped.
    QString lineText(int row) const;

private:
    struct Cell
    {
        TerminalCell cell; // width 0 marks a continuation cell; any other width is read, not kept
        bool isProtected = false;
    };
    struct Buffer
    {
        std::vector<Cell> cells; // rows x columns, in storage rows
        std::vector<int> rowMap; // screen row -> storage row
    };

    Buffer &buffer() { return m_buffers[m_alternate ? 1 : 0]; }
    const Buffer &buffer() const { return m_buffers[m_alternate ? 1 : 0]; }
    Cell *rowCells(int row)
    {
        return buffer().cells.data() + qsizetype(buffer().rowMap[size_t(row)]) * m_columns;
    }
    const Cell *rowCells(int row) const
    {
        return buffer().cells.data() + qsizetype(buffer().rowMap[size_t(row)]) * m_columns;
    }
    bool contains(int row, int column) const
    {
        return row >= 0 && row < m_rows && column >= 0 && column < m_columns;
    }
    // A cell as readers see it: its width worked out, the reverse video applied.
    TerminalCell readCell(const Cell *row, int column) const;
    bool isBlankRow(int row) const;
    // Returns 1 when the row went to the scrollback, 0 when it keeps nothing.
    int pushToScrollback(int row);
    void writeFromScrollback(int row, const QList<TerminalCell> &line);
    Cell blankCell() const;
    // A copy of `source` at another size: the top-left cells kept, the rest blank in the pen.
    Buffer resized(const Buffer &source, int rows, int columns) const;

    int m_rows;
    int m_columns;
    TerminalScrollback *m_scrollback;
    Buffer m_buffers[2];
    TerminalCell m_pen;
    bool m_alternate = false;
    bool m_reverseVideo = false;
    // Reused by pushToScrollback() so that pushing a line does not allocate.
    std::vector<TerminalCell> m_lineBuffer;
};

} // namespace Terminal
