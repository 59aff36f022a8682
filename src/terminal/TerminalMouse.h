#pragma once

namespace Terminal {

// What the program asked to be told about the mouse (DECSET 1000, 1002, 1003). The encoding
// (X10 bytes or SGR 1006) is the emulator's business.
enum class TerminalMouseMode {
    Off,
    Click, // presses and releases (1000)
    Drag, // and motion while a button is held (1002)
    Move, // and all motion (1003)
};

enum class TerminalMouseButton {
    None, // motion with no button
    Left,
    Middle,
    Right,
    WheelUp,
    WheelDown,
};

enum class TerminalMouseAction {
    Press,
    Release,
    Move,
};

} // namespace Terminal
