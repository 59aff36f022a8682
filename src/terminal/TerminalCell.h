#pragma once

#include "TerminalColor.h"

#include <QString>

#include <string_view>

namespace Terminal {

// One character cell of the screen or of a scrollback line, as a plain value a view can paint from.
// A wide character (CJK, most emoji) occupies two cells: the first has width 2 and the characters,
// the second is a continuation cell with width 0 and no characters.
class TerminalCell final
{
public:
    // libvterm keeps a base character plus up to five combining marks per cell.
    static constexpr int MaxChars = 6;

    enum class Underline : quint8 { None, Single, Double, Curly };

    TerminalCell() = default;

    // The base character and its combining marks as UTF-32; empty for a blank or continuation cell.
    std::u32string_view chars() const;
    void setChars(std::u32string_view chars);
    // The characters as a QString; empty for a blank or continuation cell.
    QString text() const;
    bool isBlank() const { return m_chars[0] == 0; }

    // 1, 2 for the first cell of a wide character, 0 for the cell it covers.
    int width() const { return m_width; }
    void setWidth(int width) { m_width = quint8(width); }
    bool isContinuation() const { return m_width == 0; }

    TerminalColor foreground() const { return m_foreground; }
    void setForeground(const TerminalColor &color) { m_foreground = color; }
    TerminalColor background() const { return m_background; }
    void setBackground(const TerminalColor &color) { m_background = color; }

    bool isBold() const { return m_attributes & Bold; }
    void setBold(bool on) { setAttribute(Bold, on); }
    bool isItalic() const { return m_attributes & Italic; }
    void setItalic(bool on) { setAttribute(Italic, on); }
    bool isBlink() const { return m_attributes & Blink; }
    void setBlink(bool on) { setAttribute(Blink, on); }
    bool isReverse() const { return m_attributes & Reverse; }
    void setReverse(bool on) { setAttribute(Reverse, on); }
    bool isStrikeOut() const { return m_attributes & StrikeOut; }
    void setStrikeOut(bool on) { setAttribute(StrikeOut, on); }
    Underline underline() const { return m_underline; }
    void setUnderline(Underline underline) { m_underline = underline; }
    bool isUnderlined() const { return m_underline != Underline::None; }

    bool operator==(const TerminalCell &other) const;
    bool operator!=(const TerminalCell &other) const { return !(*this == other); }

private:
    enum Attribute : quint8 { Bold = 0x01, Italic = 0x02, Blink = 0x04, Reverse = 0x08, StrikeOut = 0x10 };

    void setAttribute(Attribute attribute, bool on)
    {
        m_attributes = on ? quint8(m_attributes | attribute) : quint8(m_attributes & ~attribute);
    }

    char32_t m_chars[MaxChars] = {};
    // A default cell is a blank in the default colours (with libvterm's RGB for them).
    TerminalColor m_foreground {240, 240, 240, TerminalColor::Role::DefaultForeground};
    TerminalColor m_background {0, 0, 0, TerminalColor::Role::DefaultBackground};
    quint8 m_width = 1;
    quint8 m_attributes = 0;
    Underline m_underline = Underline::None;
};

} // namespace Terminal

Q_DECLARE_TYPEINFO(Terminal::TerminalCell, Q_PRIMITIVE_TYPE);
