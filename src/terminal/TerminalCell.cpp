#include "TerminalCell.h"

#include <algorithm>

namespace Terminal {

std::u32string_view TerminalCell::chars() const
{
    // Not NUL-terminated when all MaxChars slots are used.
    const auto end = std::find(std::begin(m_chars), std::end(m_chars), char32_t(0));
    return std::u32string_view(m_chars, size_t(end - std::begin(m_chars)));
}

void TerminalCell::setChars(std::u32string_view chars)
{
    const size_t count = std::min(chars.size(), size_t(MaxChars));
    std::fill(std::begin(m_chars), std::end(m_chars), char32_t(0));
    std::copy_n(chars.begin(), count, std::begin(m_chars));
}

QString TerminalCell::text() const
{
    const std::u32string_view c = chars();
    return QString::fromUcs4(c.data(), qsizetype(c.size()));
}

bool TerminalCell::operator==(const TerminalCell &other) const
{
    return std::equal(std::begin(m_chars), std::end(m_chars), std::begin(other.m_chars))
        && m_foreground == other.m_foreground && m_background == other.m_background
        && m_width == other.m_width && m_attributes == other.m_attributes && m_underline == other.m_underline;
}

} // namespace Terminal
