#pragma once

#include <QtGlobal>

namespace Terminal {

// A cell's colour as the emulator resolved it: always a usable RGB value, plus where it came from,
// so a view can substitute its own theme for the default colours and for the 16 ANSI palette
// entries. Qt Core only: the view turns it into a QColor.
class TerminalColor final
{
public:
    enum class Role : quint8 {
        Explicit, // set by SGR (palette index or truecolour)
        DefaultForeground, // no SGR foreground in effect
        DefaultBackground, // no SGR background in effect
    };

    constexpr TerminalColor() = default;
    constexpr TerminalColor(quint8 red, quint8 green, quint8 blue, Role role = Role::Explicit,
                            int paletteIndex = -1)
        : m_red(red)
        , m_green(green)
        , m_blue(blue)
        , m_role(role)
        , m_indexed(paletteIndex >= 0 && paletteIndex <= 255)
        , m_index(m_indexed ? quint8(paletteIndex) : quint8(0))
    { }

    constexpr quint8 red() const { return m_red; }
    constexpr quint8 green() const { return m_green; }
    constexpr quint8 blue() const { return m_blue; }
    // 0xRRGGBB
    constexpr quint32 toRgb() const { return (quint32(m_red) << 16) | (quint32(m_green) << 8) | m_blue; }

    constexpr Role role() const { return m_role; }
    constexpr bool isDefaultForeground() const { return m_role == Role::DefaultForeground; }
    constexpr bool isDefaultBackground() const { return m_role == Role::DefaultBackground; }
    constexpr bool isDefault() const { return m_role != Role::Explicit; }
    // 0-255 when the program chose a palette entry (SGR 30-37, 90-97, 38;5;n ...), -1 otherwise.
    constexpr int paletteIndex() const { return m_indexed ? int(m_index) : -1; }

    constexpr bool operator==(const TerminalColor &other) const
    {
        return m_red == other.m_red && m_green == other.m_green && m_blue == other.m_blue
            && m_role == other.m_role && m_indexed == other.m_indexed && m_index == other.m_index;
    }
    constexpr bool operator!=(const TerminalColor &other) const { return !(*this == other); }

private:
    quint8 m_red = 0;
    quint8 m_green = 0;
    quint8 m_blue = 0;
    Role m_role = Role::Explicit;
    bool m_indexed = false;
    quint8 m_index = 0;
};

} // namespace Terminal

Q_DECLARE_TYPEINFO(Terminal::TerminalColor, Q_PRIMITIVE_TYPE);
