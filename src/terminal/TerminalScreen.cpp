#include "TerminalScreen.h"

#include "TerminalScrollback.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <type_traits>

namespace Terminal {

namespace {

// A cell that needs no storage at the end of a scrollback line: nothing in it and nothing to paint
// (`reverseVideo` flips what the cell's own reverse attribute says).
bool isTrailingBlank(const TerminalCell &cell, bool reverseVideo)
{
    return cell.isBlank() && !cell.isContinuation() && cell.background().isDefaultBackground()
        && cell.isReverse() == reverseVideo;
}

} // namespace

TerminalScreen::TerminalScreen(int rows, int columns, TerminalScrollback *scrollback)
    : m_rows(std::max(rows, 1))
    , m_columns(std::max(columns, 1))
    , m_scrollback(scrollback)
{
    static_assert(std::is_trivially_copyable_v<Cell>, "cells are moved with memmove");
    for (Buffer &stored : m_buffers)
        stored = resized(Buffer(), m_rows, m_columns);
}

TerminalScreen::Cell TerminalScreen::blankCell() const
{
    Cell cell;
    cell.cell = m_pen;
    cell.cell.setChars({});
    cell.cell.setWidth(1);
    return cell;
}

void TerminalScreen::putGlyph(int row, int column, std::u32string_view chars, int width, bool isProtected)
{
    if (!contains(row, column))
        return;
    Cell *cells = rowCells(row);
    Cell &cell = cells[column];
    cell.cell = m_pen;
    cell.cell.setChars(chars);
    cell.cell.setWidth(1);
    cell.isProtected = isProtected;
    // The cells the character covers keep their pen, as in libvterm; only the marker changes.
    for (int next = column + 1; next < column + width && next < m_columns; ++next) {
        cells[next].cell.setChars({});
        cells[next].cell.setWidth(0);
    }
}

void TerminalScreen::erase(int top, int bottom, int left, int right, bool selective)
{
    top = std::max(top, 0);
    left = std::max(left, 0);
    bottom = std::min(bottom, m_rows);
    right = std::min(right, m_columns);
    const Cell blank = blankCell();
    for (int row = top; row < bottom; ++row) {
        Cell *cells = rowCells(row);
        for (int column = left; column < right; ++column) {
            if (!(selective && cells[column].isProtected))
                cells[column] = blank;
        }
    }
}

int TerminalScreen::scroll(int top, int bottom, int left, int right, int downward, int rightward)
{
    top = std::max(top, 0);
    left = std::max(left, 0);
    bottom = std::min(bottom, m_rows);
    right = std::min(right, m_columns);
    const int height = bottom - top;
    const int width = right - left;
    if (height <= 0 || width <= 0 || (downward == 0 && rightward == 0))
        return 0;
    if (std::abs(downward) >= height || std::abs(rightward) >= width) {
        // More than the area: libvterm erases it all, and nothing goes to the scrollback.
        erase(top, bottom, left, right);
        return 0;
    }

    int pushed = 0;
    if (rightward == 0 && left == 0 && right == m_columns) {
        // Whole rows: turn the ring instead of moving cells.
        std::vector<int> &map = buffer().rowMap;
        if (downward > 0) {
            if (top == 0 && !m_alternate) {
                for (int row = 0; row < downward; ++row)
                    pushed += pushToScrollback(row);
            }
            std::rotate(map.begin() + top, map.begin() + top + downward, map.begin() + bottom);
            erase(bottom - downward, bottom, left, right);
        } else {
            std::rotate(map.begin() + top, map.begin() + bottom + downward, map.begin() + bottom);
            erase(top, top - downward, left, right);
        }
        return pushed;
    }

    // Part of a row (insert or delete characters, a left/right margin): move the cells, as
    // vterm_scroll_rect() does.
    const int movedHeight = height - std::abs(downward);
    const int movedWidth = width - std::abs(rightward);
    const int destinationTop = downward >= 0 ? top : top - downward;
    const int sourceTop = downward >= 0 ? top + downward : top;
    const int destinationLeft = rightward >= 0 ? left : left - rightward;
    const int sourceLeft = rightward >= 0 ? left + rightward : left;
    moveCells(destinationTop, destinationLeft, sourceTop, sourceLeft, movedHeight, movedWidth);

    int eraseTop = top;
    int eraseBottom = bottom;
    int eraseLeft = left;
    int eraseRight = right;
    if (downward > 0)
        eraseTop = bottom - downward;
    else if (downward < 0)
        eraseBottom = top - downward;
    if (rightward > 0)
        eraseLeft = right - rightward;
    else if (rightward < 0)
        eraseRight = left - rightward;
    erase(eraseTop, eraseBottom, eraseLeft, eraseRight);
    return pushed;
}

void TerminalScreen::moveCells(int destinationTop, int destinationLeft, int sourceTop, int sourceLeft,
                               int height, int width)
{
    if (height <= 0 || width <= 0 || !contains(destinationTop, destinationLeft)
        || !contains(sourceTop, sourceLeft)
        || !contains(destinationTop + height - 1, destinationLeft + width - 1)
        || !contains(sourceTop + height - 1, sourceLeft + width - 1))
        return;
    // Rows in the order that reads each source row before it is overwritten.
    const bool downwards = destinationTop > sourceTop;
    for (int i = 0; i < height; ++i) {
        const int offset = downwards ? height - 1 - i : i;
        std::memmove(static_cast<void *>(rowCells(destinationTop + offset) + destinationLeft),
                     static_cast<const void *>(rowCells(sourceTop + offset) + sourceLeft),
                     size_t(width) * sizeof(Cell));
    }
}

TerminalScreen::Buffer TerminalScreen::resized(const Buffer &source, int rows, int columns) const
{
    Buffer result;
    result.cells.assign(size_t(rows) * size_t(columns), blankCell());
    result.rowMap.resize(size_t(rows));
    for (int row = 0; row < rows; ++row)
        result.rowMap[size_t(row)] = row;
    if (source.rowMap.empty())
        return result;
    const int keepRows = std::min(rows, m_rows);
    const int keepColumns = std::min(columns, m_columns);
    for (int row = 0; row < keepRows; ++row) {
        const Cell *cells = source.cells.data() + qsizetype(source.rowMap[size_t(row)]) * m_columns;
        std::copy_n(cells, keepColumns, result.cells.data() + qsizetype(row) * columns);
    }
    return result;
}

TerminalScreen::Resized TerminalScreen::resize(int rows, int columns, int cursorRow)
{
    rows = std::max(rows, 1);
    columns = std::max(columns, 1);
    Resized result;
    if (!m_alternate && rows < m_rows) {
        // Drop the blank rows below the cursor first, then push lines off the top.
        int firstBlankRow = m_rows;
        for (int row = m_rows - 1; row >= rows; --row) {
            if (!isBlankRow(row) || row == cursorRow)
                break;
            firstBlankRow = row;
        }
        if (firstBlankRow > rows) {
            result.pushed += scroll(0, m_rows, 0, m_columns, firstBlankRow - rows, 0);
            result.cursorRowDelta -= firstBlankRow - rows;
        }
    }

    const int oldRows = m_rows;
    for (Buffer &stored : m_buffers)
        stored = resized(stored, rows, columns);
    m_rows = rows;
    m_columns = columns;

    if (!m_alternate && rows > oldRows && m_scrollback) {
        for (int missing = rows - oldRows; missing > 0 && !m_scrollback->isEmpty(); --missing) {
            const QList<TerminalCell> line = m_scrollback->takeNewest();
            scroll(0, m_rows, 0, m_columns, -1, 0);
            writeFromScrollback(0, line);
            ++result.popped;
            ++result.cursorRowDelta;
        }
    }
    return result;
}

void TerminalScreen::writeFromScrollback(int row, const QList<TerminalCell> &line)
{
    Cell *cells = rowCells(row);
    const Cell blank {};
    bool leadKept = false; // the cell before was the first half of a wide character
    for (int column = 0; column < m_columns; ++column) {
        Cell &target = cells[column];
        target = blank;
        if (column >= line.size())
            continue;
        TerminalCell source = line.at(column);
        if (source.isContinuation()) {
            if (leadKept)
                target.cell = source;
            leadKept = false;
            continue;
        }
        // A wide character cut by a narrower screen is dropped.
        leadKept = source.width() == 2;
        if (leadKept && column + 1 >= m_columns)
            continue;
        if (m_reverseVideo)
            source.setReverse(!source.isReverse());
        source.setWidth(1);
        target.cell = source;
    }
}

int TerminalScreen::pushToScrollback(int row)
{
    if (!m_scrollback || m_scrollback->limit() == 0)
        return 0;
    const Cell *cells = rowCells(row);
    int count = m_columns;
    while (count > 0 && isTrailingBlank(cells[count - 1].cell, m_reverseVideo))
        --count;
    m_lineBuffer.resize(size_t(count));
    for (int column = 0; column < count; ++column)
        m_lineBuffer[size_t(column)] = readCell(cells, column);
    m_scrollback->push(m_lineBuffer.data(), count);
    return 1;
}

TerminalCell TerminalScreen::readCell(const Cell *row, int column) const
{
    TerminalCell cell = row[column].cell;
    if (!cell.isContinuation())
        cell.setWidth(column + 1 < m_columns && row[column + 1].cell.isContinuation() ? 2 : 1);
    if (m_reverseVideo)
        cell.setReverse(!cell.isReverse());
    return cell;
}

bool TerminalScreen::isBlankRow(int row) const
{
    const Cell *cells = rowCells(row);
    return std::all_of(cells, cells + m_columns,
                       [](const Cell &cell) { return cell.cell.isBlank() && !cell.cell.isContinuation(); });
}

TerminalCell TerminalScreen::cell(int row, int column) const
{
    if (!contains(row, column))
        return TerminalCell();
    return readCell(rowCells(row), column);
}

void TerminalScreen::readLine(int row, QList<TerminalCell> &cells) const
{
    if (row < 0 || row >= m_rows) {
        cells.clear();
        return;
    }
    cells.resize(m_columns);
    const Cell *source = rowCells(row);
    TerminalCell *target = cells.data();
    for (int column = 0; column < m_columns; ++column)
        target[column] = readCell(source, column);
}

QString TerminalScreen::lineText(int row) const
{
    if (row < 0 || row >= m_rows)
        return QString();
    const Cell *cells = rowCells(row);
    QString text;
    int padding = 0; // blank cells since the last text: spaces only if more text follows
    for (int column = 0; column < m_columns; ++column) {
        const TerminalCell &cell = cells[column].cell;
        if (cell.isContinuation())
            continue;
        if (cell.isBlank()) {
            ++padding;
            continue;
        }
        if (padding > 0) {
            text += QString(padding, QLatin1Char(' '));
            padding = 0;
        }
        for (char32_t c : cell.chars())
            text += QChar::fromUcs4(c);
    }
    return text;
}

} // namespace Terminal
