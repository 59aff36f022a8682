#include "TerminalEmulator.h"

#include "TerminalScreen.h"

#include <QPointer>

#include <algorithm>
#include <vterm.h>

namespace Terminal {

static_assert(TerminalCell::MaxChars == VTERM_MAX_CHARS_PER_CELL);

namespace {

TerminalColor toColor(const VTermState *state, VTermColor color)
{
    // The flags are lost by the conversion to RGB, so read them first.
    const auto role = VTERM_COLOR_IS_DEFAULT_FG(&color) ? TerminalColor::Role::DefaultForeground
        : VTERM_COLOR_IS_DEFAULT_BG(&color)             ? TerminalColor::Role::DefaultBackground
                                                        : TerminalColor::Role::Explicit;
    const int index = VTERM_COLOR_IS_INDEXED(&color) ? int(color.indexed.idx) : -1;
    vterm_state_convert_color_to_rgb(state, &color);
    return TerminalColor(color.rgb.red, color.rgb.green, color.rgb.blue, role, index);
}

// Beyond this, an unfinished sequence is passed on rather than held (libvterm drops it anyway).
constexpr qsizetype MaxHeldBytes = 4096;

// Where the unfinished sequence at the end of `data` starts, or data.size() when it ends cleanly.
// libvterm 0.1 loses an OSC or DCS string split across writes and decodes a split UTF-8 character
// as U+FFFD, so feed() holds such a tail back until the rest arrives. Holding back every unfinished
// escape sequence also leaves libvterm's parser at rest between feeds, so the emulator may inject
// sequences of its own (see resize()).
qsizetype completeLength(QByteArrayView data)
{
    const qsizetype size = data.size();
    const auto byte = [&data](qsizetype i) {
        return uchar(data[i]);
    };

    // An OSC or DCS string without its terminator (BEL, ESC \, or CAN/SUB/ESC that abort it).
    const qsizetype opener = std::max(data.lastIndexOf("\033]"), data.lastIndexOf("\033P"));
    if (opener >= 0) {
        bool open = true;
        for (qsizetype i = opener + 2; i < size && open; ++i) {
            const uchar c = byte(i);
            open = !(c == 0x07 || c == 0x18 || c == 0x1a || (c == 0x1b && i + 1 < size));
        }
        if (open)
            return opener;
    }

    // Another escape sequence without its final byte.
    const qsizetype escape = data.lastIndexOf('\033');
    if (escape >= 0) {
        if (escape + 1 == size)
            return escape;
        const uchar kind = byte(escape + 1);
        if (kind == '[' || (kind >= 0x20 && kind <= 0x2f)) {
            // CSI: parameters and intermediates up to a final byte 0x40-0x7e. ESC with intermediates
            // (e.g. ESC ( B): intermediates up to a final byte 0x30-0x7e.
            const uchar firstFinal = kind == '[' ? 0x40 : 0x30;
            bool finished = false;
            for (qsizetype i = escape + 2; i < size && !finished; ++i) {
                const uchar c = byte(i);
                finished = (c >= firstFinal && c <= 0x7e) || c == 0x18 || c == 0x1a;
            }
            if (!finished)
                return escape;
        }
    }

    // A UTF-8 character missing its last bytes.
    for (qsizetype i = size - 1; i >= 0 && i >= size - 3; --i) {
        const uchar c = byte(i);
        if ((c & 0xc0) == 0x80)
            continue; // a continuation byte: look further back for the lead byte
        const qsizetype needed = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 1;
        return size - i < needed ? i : size;
    }
    return size;
}

VTermModifier toVTermModifier(TerminalModifiers modifiers)
{
    int result = VTERM_MOD_NONE;
    if (modifiers & TerminalModifier::Shift)
        result |= VTERM_MOD_SHIFT;
    if (modifiers & TerminalModifier::Alt)
        result |= VTERM_MOD_ALT;
    if (modifiers & TerminalModifier::Control)
        result |= VTERM_MOD_CTRL;
    return VTermModifier(result);
}

VTermKey toVTermKey(TerminalKey key)
{
    switch (key) {
    case TerminalKey::Enter:
        return VTERM_KEY_ENTER;
    case TerminalKey::Tab:
        return VTERM_KEY_TAB;
    case TerminalKey::Backspace:
        return VTERM_KEY_BACKSPACE;
    case TerminalKey::Escape:
        return VTERM_KEY_ESCAPE;
    case TerminalKey::Up:
        return VTERM_KEY_UP;
    case TerminalKey::Down:
        return VTERM_KEY_DOWN;
    case TerminalKey::Left:
        return VTERM_KEY_LEFT;
    case TerminalKey::Right:
        return VTERM_KEY_RIGHT;
    case TerminalKey::Insert:
        return VTERM_KEY_INS;
    case TerminalKey::Delete:
        return VTERM_KEY_DEL;
    case TerminalKey::Home:
        return VTERM_KEY_HOME;
    case TerminalKey::End:
        return VTERM_KEY_END;
    case TerminalKey::PageUp:
        return VTERM_KEY_PAGEUP;
    case TerminalKey::PageDown:
        return VTERM_KEY_PAGEDOWN;
    case TerminalKey::F1:
    case TerminalKey::F2:
    case TerminalKey::F3:
    case TerminalKey::F4:
    case TerminalKey::F5:
    case TerminalKey::F6:
    case TerminalKey::F7:
    case TerminalKey::F8:
    case TerminalKey::F9:
    case TerminalKey::F10:
    case TerminalKey::F11:
    case TerminalKey::F12:
        return VTermKey(VTERM_KEY_FUNCTION(1 + int(key) - int(TerminalKey::F1)));
    case TerminalKey::Keypad0:
    case TerminalKey::Keypad1:
    case TerminalKey::Keypad2:
    case TerminalKey::Keypad3:
    case TerminalKey::Keypad4:
    case TerminalKey::Keypad5:
    case TerminalKey::Keypad6:
    case TerminalKey::Keypad7:
    case TerminalKey::Keypad8:
    case TerminalKey::Keypad9:
        return VTermKey(VTERM_KEY_KP_0 + int(key) - int(TerminalKey::Keypad0));
    case TerminalKey::KeypadMultiply:
        return VTERM_KEY_KP_MULT;
    case TerminalKey::KeypadPlus:
        return VTERM_KEY_KP_PLUS;
    case TerminalKey::KeypadComma:
        return VTERM_KEY_KP_COMMA;
    case TerminalKey::KeypadMinus:
        return VTERM_KEY_KP_MINUS;
    case TerminalKey::KeypadPeriod:
        return VTERM_KEY_KP_PERIOD;
    case TerminalKey::KeypadDivide:
        return VTERM_KEY_KP_DIVIDE;
    case TerminalKey::KeypadEnter:
        return VTERM_KEY_KP_ENTER;
    case TerminalKey::KeypadEqual:
        return VTERM_KEY_KP_EQUAL;
    }
    return VTERM_KEY_NONE;
}

int toVTermButton(TerminalMouseButton button)
{
    switch (button) {
    case TerminalMouseButton::None:
        return 0;
    case TerminalMouseButton::Left:
        return 1;
    case TerminalMouseButton::Middle:
        return 2;
    case TerminalMouseButton::Right:
        return 3;
    case TerminalMouseButton::WheelUp:
        return 4;
    case TerminalMouseButton::WheelDown:
        return 5;
    }
    return 0;
}

TerminalMouseMode toMouseMode(int mode)
{
    switch (mode) {
    case VTERM_PROP_MOUSE_CLICK:
        return TerminalMouseMode::Click;
    case VTERM_PROP_MOUSE_DRAG:
        return TerminalMouseMode::Drag;
    case VTERM_PROP_MOUSE_MOVE:
        return TerminalMouseMode::Move;
    default:
        return TerminalMouseMode::Off;
    }
}

} // namespace

// libvterm's state calls these while it runs (inside vterm_input_write, vterm_set_size, the keyboard
// and mouse functions). They write the cells and record what changed; emitPending() tells the world
// afterwards.
struct TerminalEmulator::Callbacks
{
    static TerminalEmulator *self(void *user) { return static_cast<TerminalEmulator *>(user); }

    static int putGlyph(VTermGlyphInfo *info, VTermPos pos, void *user)
    {
        TerminalEmulator *emulator = self(user);
        char32_t chars[VTERM_MAX_CHARS_PER_CELL];
        size_t count = 0;
        while (count < VTERM_MAX_CHARS_PER_CELL && info->chars[count] != 0) {
            chars[count] = info->chars[count];
            ++count;
        }
        emulator->m_screen->putGlyph(pos.row, pos.col, std::u32string_view(chars, count), info->width,
                                     info->protected_cell);
        emulator->addDamage(pos.row, pos.row + 1, pos.col, pos.col + info->width);
        return 1;
    }

    static int moveCursor(VTermPos, VTermPos, int, void *)
    {
        // emitPending() reads the cursor from the state.
        return 1;
    }

    static int scrollRect(VTermRect rect, int downward, int rightward, void *user)
    {
        TerminalEmulator *emulator = self(user);
        emulator->m_pending.pushed += emulator->m_screen->scroll(rect.start_row, rect.end_row, rect.start_col,
                                                                 rect.end_col, downward, rightward);
        emulator->addDamage(rect.start_row, rect.end_row, rect.start_col, rect.end_col);
        return 1;
    }

    static int moveRect(VTermRect destination, VTermRect source, void *user)
    {
        TerminalEmulator *emulator = self(user);
        emulator->m_screen->moveCells(destination.start_row, destination.start_col, source.start_row,
                                      source.start_col, destination.end_row - destination.start_row,
                                      destination.end_col - destination.start_col);
        emulator->addDamage(destination.start_row, destination.end_row, destination.start_col,
                            destination.end_col);
        return 1;
    }

    static int erase(VTermRect rect, int selective, void *user)
    {
        TerminalEmulator *emulator = self(user);
        emulator->m_screen->erase(rect.start_row, rect.end_row, rect.start_col, rect.end_col, selective != 0);
        emulator->addDamage(rect.start_row, rect.end_row, rect.start_col, rect.end_col);
        return 1;
    }

    static int setPenAttribute(VTermAttr attribute, VTermValue *value, void *user)
    {
        TerminalEmulator *emulator = self(user);
        TerminalCell &pen = emulator->m_screen->pen();
        switch (attribute) {
        case VTERM_ATTR_BOLD:
            pen.setBold(value->boolean);
            break;
        case VTERM_ATTR_UNDERLINE:
            pen.setUnderline(TerminalCell::Underline(std::clamp(value->number, 0, 3)));
            break;
        case VTERM_ATTR_ITALIC:
            pen.setItalic(value->boolean);
            break;
        case VTERM_ATTR_BLINK:
            pen.setBlink(value->boolean);
            break;
        case VTERM_ATTR_REVERSE:
            pen.setReverse(value->boolean);
            break;
        case VTERM_ATTR_STRIKE:
            pen.setStrikeOut(value->boolean);
            break;
        case VTERM_ATTR_FOREGROUND:
            // Resolved once here rather than for every cell read.
            pen.setForeground(toColor(emulator->m_state, value->color));
            break;
        case VTERM_ATTR_BACKGROUND:
            pen.setBackground(toColor(emulator->m_state, value->color));
            break;
        default:
            break; // alternative fonts are not shown
        }
        return 1;
    }

    static int setTermProp(VTermProp prop, VTermValue *value, void *user)
    {
        TerminalEmulator *emulator = self(user);
        switch (prop) {
        case VTERM_PROP_CURSORVISIBLE:
            emulator->m_cursorVisible = value->boolean;
            break;
        case VTERM_PROP_ALTSCREEN:
            emulator->m_alternateScreen = value->boolean;
            emulator->m_screen->setAlternate(value->boolean);
            // Entering erases the screen, which is damage already; leaving shows the other screen.
            if (!value->boolean)
                emulator->addDamage(0, emulator->m_rows, 0, emulator->m_columns);
            break;
        case VTERM_PROP_REVERSE:
            emulator->m_screen->setReverseVideo(value->boolean);
            emulator->addDamage(0, emulator->m_rows, 0, emulator->m_columns);
            break;
        case VTERM_PROP_TITLE:
            emulator->m_title = QString::fromUtf8(value->string);
            break;
        case VTERM_PROP_MOUSE:
            emulator->m_mouseMode = toMouseMode(value->number);
            break;
        default:
            break;
        }
        // 0 would make libvterm refuse the change (e.g. not record the mouse mode).
        return 1;
    }

    static int bell(void *user)
    {
        self(user)->m_pending.bell = true;
        return 1;
    }

    static int resize(int rows, int columns, VTermPos *delta, void *user)
    {
        TerminalEmulator *emulator = self(user);
        VTermPos cursor;
        vterm_state_get_cursorpos(emulator->m_state, &cursor);
        const TerminalScreen::Resized resized = emulator->m_screen->resize(rows, columns, cursor.row);
        delta->row += resized.cursorRowDelta;
        emulator->m_pending.pushed += resized.pushed;
        emulator->m_pending.popped += resized.popped;
        return 1;
    }

    static int setLineInfo(int, const VTermLineInfo *, const VTermLineInfo *, void *)
    {
        return 1; // double-width and double-height lines are shown as normal ones
    }

    static void output(const char *bytes, size_t length, void *user)
    {
        self(user)->m_outputSink->append(bytes, qsizetype(length));
    }

    static const VTermStateCallbacks state;
};

const VTermStateCallbacks TerminalEmulator::Callbacks::state = {
    &TerminalEmulator::Callbacks::putGlyph,
    &TerminalEmulator::Callbacks::moveCursor,
    &TerminalEmulator::Callbacks::scrollRect,
    &TerminalEmulator::Callbacks::moveRect,
    &TerminalEmulator::Callbacks::erase,
    nullptr, // initpen: setPenAttribute() hears every attribute on reset
    &TerminalEmulator::Callbacks::setPenAttribute,
    &TerminalEmulator::Callbacks::setTermProp,
    &TerminalEmulator::Callbacks::bell,
    &TerminalEmulator::Callbacks::resize,
    &TerminalEmulator::Callbacks::setLineInfo,
};

void TerminalEmulator::VTermDeleter::operator()(VTerm *vterm) const
{
    vterm_free(vterm);
}

TerminalEmulator::TerminalEmulator(int rows, int columns, QObject *parent)
    : QObject(parent)
    , m_rows(std::max(rows, 1))
    , m_columns(std::max(columns, 1))
{
    m_outputSink = &m_pending.output;
    m_vterm.reset(vterm_new(m_rows, m_columns));
    VTerm *vterm = m_vterm.get();
    vterm_set_utf8(vterm, 1);
    vterm_output_set_callback(vterm, &Callbacks::output, this);
    m_state = vterm_obtain_state(vterm);
    // libvterm's screen layer is never created: its cells are TerminalScreen's. Damage is merged in
    // m_pending until emitPending(): one report per feed().
    m_screen = std::make_unique<TerminalScreen>(m_rows, m_columns, &m_scrollback);
    vterm_state_set_callbacks(m_state, &Callbacks::state, this);
    vterm_state_reset(m_state, 1);
    // Nobody can be listening yet: start from a clean slate.
    m_pending = Pending();
}

TerminalEmulator::~TerminalEmulator() = default;

void TerminalEmulator::feed(QByteArrayView bytes)
{
    QByteArray joined;
    QByteArrayView data = bytes;
    if (!m_heldBack.isEmpty()) {
        joined = std::exchange(m_heldBack, QByteArray());
        joined.append(bytes);
        data = joined;
    }
    const qsizetype complete = completeLength(data);
    if (data.size() - complete <= MaxHeldBytes) {
        m_heldBack = data.sliced(complete).toByteArray();
        data = data.first(complete);
    }
    if (!data.isEmpty())
        vterm_input_write(m_vterm.get(), data.data(), size_t(data.size()));
    emitPending();
}

void TerminalEmulator::resize(int rows, int columns)
{
    rows = std::max(rows, 1);
    columns = std::max(columns, 1);
    if (rows == m_rows && columns == m_columns)
        return;
    vterm_set_size(m_vterm.get(), rows, columns);
    m_rows = rows;
    m_columns = columns;
    if (cursorRow() < 0) {
        // libvterm 0.1.4 pushes the lines below the cursor to the scrollback too and leaves the
        // cursor above the screen, where the next character would be written out of bounds.
        // Put it on the top row, as later libvterm does. The parser is at rest (see feed()).
        const QByteArray home = "\x18\033[1;" + QByteArray::number(std::max(cursorColumn(), 0) + 1) + 'H';
        vterm_input_write(m_vterm.get(), home.constData(), size_t(home.size()));
    }
    // A view repaints everything after a resize anyway: report exactly the new screen.
    m_pending.damageTop = -1;
    addDamage(0, rows, 0, columns);
    emitPending();
}

TerminalCell TerminalEmulator::cell(int row, int column) const
{
    return m_screen->cell(row, column);
}

QList<TerminalCell> TerminalEmulator::line(int row) const
{
    QList<TerminalCell> cells;
    m_screen->readLine(row, cells);
    return cells;
}

void TerminalEmulator::readLine(int row, QList<TerminalCell> &cells) const
{
    m_screen->readLine(row, cells);
}

QString TerminalEmulator::lineText(int row) const
{
    return m_screen->lineText(row);
}

QString TerminalEmulator::screenText() const
{
    QStringList lines;
    lines.reserve(m_rows);
    for (int row = 0; row < m_rows; ++row)
        lines.append(lineText(row));
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines.join(QLatin1Char('\n'));
}

int TerminalEmulator::cursorRow() const
{
    VTermPos pos;
    vterm_state_get_cursorpos(m_state, &pos);
    return pos.row;
}

int TerminalEmulator::cursorColumn() const
{
    VTermPos pos;
    vterm_state_get_cursorpos(m_state, &pos);
    return pos.col;
}

void TerminalEmulator::setScrollbackLimit(int lines)
{
    const int before = m_scrollback.size();
    m_scrollback.setLimit(lines);
    // Dropping the oldest lines does not move the newest ones: nothing pushed, nothing popped,
    // but a view must re-read scrollbackLines().
    if (m_scrollback.size() != before)
        Q_EMIT scrollbackChanged(0, 0);
}

QList<TerminalCell> TerminalEmulator::scrollbackLine(int index) const
{
    return m_scrollback.line(index);
}

QString TerminalEmulator::scrollbackLineText(int index) const
{
    QString text;
    qsizetype end = 0; // after the last cell with text: trailing blank cells are dropped
    for (const TerminalCell &cell : m_scrollback.line(index)) {
        if (cell.isContinuation())
            continue;
        if (cell.isBlank()) {
            text += QLatin1Char(' ');
            continue;
        }
        for (char32_t c : cell.chars())
            text += QChar::fromUcs4(c);
        end = text.size();
    }
    text.truncate(end);
    return text;
}

bool TerminalEmulator::isBracketedPasteEnabled() const
{
    // libvterm keeps DECSET 2004 to itself; it shows only in whether start_paste writes anything,
    // and start_paste changes no state, so ask it with the output diverted.
    QByteArray probe;
    QByteArray *const sink = std::exchange(m_outputSink, &probe);
    vterm_keyboard_start_paste(m_vterm.get());
    m_outputSink = sink;
    return !probe.isEmpty();
}

void TerminalEmulator::pasteText(const QString &text)
{
    // Lines are sent as typed, with CR, which is what a shell or editor expects from Enter.
    QString pasted = text;
    pasted.replace(QStringLiteral("\r\n"), QStringLiteral("\r"));
    pasted.replace(QLatin1Char('\n'), QLatin1Char('\r'));
    if (isBracketedPasteEnabled()) {
        // A pasted end marker would end the paste early and run the rest as typed commands.
        pasted.remove(QStringLiteral("\x1b[201~"));
    }
    vterm_keyboard_start_paste(m_vterm.get());
    m_pending.output.append(pasted.toUtf8());
    vterm_keyboard_end_paste(m_vterm.get());
    emitPending();
}

bool TerminalEmulator::mouseEvent(TerminalMouseAction action, TerminalMouseButton button, int row, int column,
                                  TerminalModifiers modifiers)
{
    // libvterm 0.1 reports buttons even when the program did not ask for it.
    if (m_mouseMode == TerminalMouseMode::Off)
        return false;
    row = std::clamp(row, 0, m_rows - 1);
    column = std::clamp(column, 0, m_columns - 1);
    const VTermModifier mod = toVTermModifier(modifiers);
    const qsizetype before = m_pending.output.size();

    // Moving first puts the event at the right cell, and reports motion when the mode wants it.
    vterm_mouse_move(m_vterm.get(), row, column, mod);
    const int vtermButton = toVTermButton(button);
    const bool wheel = button == TerminalMouseButton::WheelUp || button == TerminalMouseButton::WheelDown;
    if (action != TerminalMouseAction::Move && vtermButton != 0
        && !(wheel && action == TerminalMouseAction::Release)) { // a wheel has no release to report
        vterm_mouse_button(m_vterm.get(), vtermButton, action == TerminalMouseAction::Press, mod);
    }
    const bool sent = m_pending.output.size() > before;
    emitPending();
    return sent;
}

void TerminalEmulator::keyPress(TerminalKey key, TerminalModifiers modifiers)
{
    vterm_keyboard_key(m_vterm.get(), toVTermKey(key), toVTermModifier(modifiers));
    emitPending();
}

void TerminalEmulator::typeText(const QString &text, TerminalModifiers modifiers)
{
    // Shift is already in the text ("A", "?"); libvterm would turn Shift+Space into CSI 32;2u.
    const int mod = toVTermModifier(modifiers) & ~VTERM_MOD_SHIFT;
    const bool control = mod & VTERM_MOD_CTRL;
    const bool alt = mod & VTERM_MOD_ALT;
    for (char32_t c : text.toUcs4()) {
        if (control && c >= U'A' && c <= U'Z')
            c += U'a' - U'A'; // Control+Shift+C is ^C, as in xterm
        if (control && (c == U'i' || c == U'j' || c == U'm' || c == U'[')) {
            // libvterm sends CSI u for these to tell them from Tab, LF, CR and Escape; programs in a
            // container expect the C0 control every terminal sends.
            if (alt)
                m_pending.output.append('\x1b');
            m_pending.output.append(char(c & 0x1f));
        } else if (alt && !control && c >= 0x80) {
            // libvterm writes Alt+<non-ASCII> as ESC and one truncated byte: send ESC and UTF-8.
            QString character;
            character += QChar::fromUcs4(c);
            m_pending.output.append('\x1b');
            m_pending.output.append(character.toUtf8());
        } else {
            vterm_keyboard_unichar(m_vterm.get(), uint32_t(c), VTermModifier(mod));
        }
    }
    emitPending();
}

void TerminalEmulator::setFocused(bool focused)
{
    if (focused)
        vterm_state_focus_in(m_state);
    else
        vterm_state_focus_out(m_state);
    emitPending();
}

void TerminalEmulator::addDamage(int top, int bottom, int left, int right)
{
    top = std::max(top, 0);
    left = std::max(left, 0);
    bottom = std::min(bottom, m_rows);
    right = std::min(right, m_columns);
    if (top >= bottom || left >= right)
        return;
    Pending &p = m_pending;
    if (p.damageTop < 0) {
        p.damageTop = top;
        p.damageBottom = bottom;
        p.damageLeft = left;
        p.damageRight = right;
        return;
    }
    p.damageTop = std::min(p.damageTop, top);
    p.damageBottom = std::max(p.damageBottom, bottom);
    p.damageLeft = std::min(p.damageLeft, left);
    p.damageRight = std::max(p.damageRight, right);
}

void TerminalEmulator::emitPending()
{
    // Take everything first: a slot may feed() again, or delete this emulator.
    const Pending pending = std::exchange(m_pending, Pending());
    const QPointer<TerminalEmulator> alive(this);

    if (pending.damageTop >= 0) {
        Q_EMIT damaged(QRect(pending.damageLeft, pending.damageTop, pending.damageRight - pending.damageLeft,
                             pending.damageBottom - pending.damageTop));
        if (!alive)
            return;
    }
    if (pending.pushed > 0 || pending.popped > 0) {
        Q_EMIT scrollbackChanged(pending.pushed, pending.popped);
        if (!alive)
            return;
    }
    if (m_alternateScreen != m_published.alternateScreen) {
        m_published.alternateScreen = m_alternateScreen;
        Q_EMIT alternateScreenChanged(m_alternateScreen);
        if (!alive)
            return;
    }
    const int row = cursorRow();
    const int column = cursorColumn();
    if (row != m_published.cursorRow || column != m_published.cursorColumn) {
        m_published.cursorRow = row;
        m_published.cursorColumn = column;
        Q_EMIT cursorMoved(row, column);
        if (!alive)
            return;
    }
    if (m_cursorVisible != m_published.cursorVisible) {
        m_published.cursorVisible = m_cursorVisible;
        Q_EMIT cursorVisibilityChanged(m_cursorVisible);
        if (!alive)
            return;
    }
    if (m_title != m_published.title) {
        m_published.title = m_title;
        Q_EMIT titleChanged(m_title);
        if (!alive)
            return;
    }
    if (m_mouseMode != m_published.mouseMode) {
        m_published.mouseMode = m_mouseMode;
        Q_EMIT mouseModeChanged(m_mouseMode);
        if (!alive)
            return;
    }
    if (pending.bell) {
        Q_EMIT bell();
        if (!alive)
            return;
    }
    if (!pending.output.isEmpty())
        Q_EMIT outputReady(pending.output);
}

} // namespace Terminal
