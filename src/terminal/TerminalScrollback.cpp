#include "TerminalScrollback.h"

#include <algorithm>

namespace Terminal {

TerminalScrollback::TerminalScrollback(int limit)
    : m_limit(std::max(limit, 0))
{ }

void TerminalScrollback::setLimit(int limit)
{
    limit = std::max(limit, 0);
    if (limit == m_limit)
        return;
    const qsizetype keep = std::min(m_size, qsizetype(limit));
    QList<QList<TerminalCell>> lines;
    lines.reserve(keep);
    for (qsizetype i = m_size - keep; i < m_size; ++i)
        lines.append(std::move(m_lines[slot(i)]));
    m_lines = std::move(lines);
    m_head = 0;
    m_size = keep;
    m_limit = limit;
}

const QList<TerminalCell> &TerminalScrollback::line(int index) const
{
    static const QList<TerminalCell> empty;
    if (index < 0 || index >= m_size)
        return empty;
    return m_lines[slot(index)];
}

void TerminalScrollback::push(const TerminalCell *cells, qsizetype count)
{
    if (m_limit == 0)
        return;
    QList<TerminalCell> *target;
    if (m_size < m_lines.size()) {
        // A slot freed by takeNewest().
        target = &m_lines[slot(m_size)];
        ++m_size;
    } else if (m_lines.size() < m_limit) {
        // Still growing: nothing was ever overwritten, so the ring is linear from slot 0.
        m_lines.append(QList<TerminalCell>());
        target = &m_lines.last();
        ++m_size;
    } else {
        // Full: the oldest line's slot becomes the newest.
        target = &m_lines[m_head];
        m_head = (m_head + 1) % m_lines.size();
    }
    // resize() keeps the capacity, so a reused slot does not allocate.
    target->resize(count);
    std::copy_n(cells, count, target->data());
}

QList<TerminalCell> TerminalScrollback::takeNewest()
{
    if (m_size == 0)
        return {};
    QList<TerminalCell> line = std::move(m_lines[slot(m_size - 1)]);
    --m_size;
    return line;
}

void TerminalScrollback::clear()
{
    m_lines.clear();
    m_head = 0;
    m_size = 0;
}

} // namespace Terminal
