#pragma once

#include <QFlags>

namespace Terminal {

// Keys that do not produce text; text goes through TerminalEmulator::typeText(). The emulator
// encodes them as the program expects (cursor keys follow application cursor mode, DECCKM).
enum class TerminalKey {
    Enter,
    Tab,
    Backspace,
    Escape,
    Up,
    Down,
    Left,
    Right,
    Insert,
    Delete,
    Home,
    End,
    PageUp,
    PageDown,
    F1,
    F2,
    F3,
    F4,
    F5,
    F6,
    F7,
    F8,
    F9,
    F10,
    F11,
    F12,
    Keypad0,
    Keypad1,
    Keypad2,
    Keypad3,
    Keypad4,
    Keypad5,
    Keypad6,
    Keypad7,
    Keypad8,
    Keypad9,
    KeypadMultiply,
    KeypadPlus,
    KeypadComma,
    KeypadMinus,
    KeypadPeriod,
    KeypadDivide,
    KeypadEnter,
    KeypadEqual,
};

enum class TerminalModifier {
    None = 0x0,
    Shift = 0x1,
    Alt = 0x2,
    Control = 0x4,
};
Q_DECLARE_FLAGS(TerminalModifiers, TerminalModifier)
Q_DECLARE_OPERATORS_FOR_FLAGS(TerminalModifiers)

} // namespace Terminal
