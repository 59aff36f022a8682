#pragma once

#include "TerminalCell.h"

#include <QList>

namespace Terminal {

// The lines that scrolled off the top of the normal screen, oldest first, at most limit() of them.
// A ring: once full, each new line replaces the oldest without moving the others, and the replaced
// line's storage is reused, so a program that prints fast does not allocate per line.
// Lines are stored without their trailing blank cells; a line may be shorter than the screen.
class TerminalScrollback final
{
public:
    static constexpr int DefaultLimit = 10000;

    explicit TerminalScrollback(int limit = DefaultLimit);

    int limit() const { return m_limit; }
    // Keeps the newest lines when the limit shrinks; a limit of 0 keeps nothing.
    void setLimit(int limit);

    int size() const { return int(m_size); }
    bool isEmpty() const { return m_size == 0; }
    // 0 is the oldest line, size() - 1 the one just above the screen.
    const QList<TerminalCell> &line(int index) const;

    // Appends the newest line, dropping the oldest when full.
    void push(const TerminalCell *cells, qsizetype count);
    // Removes and returns the newest line (a resize that adds rows takes lines back).
    QList<TerminalCell> takeNewest();
    void clear();

private:
    qsizetype slot(qsizetype index) const { return (m_head + index) % m_lines.size(); }

    QList<QList<TerminalCell>> m_lines;
    qsizetype m_head = 0; // slot of the oldest line
    qsizetype m_size = 0;
    int m_limit;
};

} // namespace Terminal
