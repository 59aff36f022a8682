#pragma once

#include "TerminalCell.h"
#include "TerminalKey.h"
#include "TerminalMouse.h"
#include "TerminalScrollback.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QObject>
#include <QRect>
#include <QString>

#include <memory>

// libvterm's opaque handles, kept out of this header so views and sessions need not see vterm.h.
struct VTerm;
struct VTermState;

namespace Terminal {

class TerminalScreen;

// A VT220/xterm terminal emulator on libvterm, with no widget: the program's bytes go in through
// feed(), the screen, cursor and scrollback come out as plain values, and everything the terminal
// sends back to the program (keys, pastes, mouse reports, answers to queries) comes out of
// outputReady() alone.
//
// Change notifications are coalesced: each call to feed(), resize() or an input function emits at
// most one damaged(), one cursorMoved() and so on, after the state is complete, never per byte.
// Rows and columns are 0-based throughout.
class TerminalEmulator final : public QObject
{
    Q_OBJECT

public:
    explicit TerminalEmulator(int rows = 24, int columns = 80, QObject *parent = nullptr);
    ~TerminalEmulator() override;

    // Bytes from the program (UTF-8 and escape sequences); a character or sequence may be split
    // across calls: an unfinished one at the end is kept until the rest arrives.
    void feed(QByteArrayView bytes);
    // Sizes below 1x1 are taken as 1x1. Shrinking pushes the top lines to the scrollback so the
    // cursor stays on screen; growing takes them back.
    void resize(int rows, int columns);

    int rows() const { return m_rows; }
    int columns() const { return m_columns; }

    // A blank cell when out of range.
    TerminalCell cell(int row, int column) const;
    // All columns() cells of a row: what a view paints a damaged row from.
    QList<TerminalCell> line(int row) const;
    // The same into `cells`, reusing its storage (empty when out of range).
    void readLine(int row, QList<TerminalCell> &cells) const;
    // The row's text: blank cells before text read as spaces, trailing blank cells are dropped.
    QString lineText(int row) const;
    // Every row's text joined with '\n', without the blank rows at the bottom.
    QString screenText() const;

    int cursorRow() const;
    int cursorColumn() const;
    bool isCursorVisible() const { return m_cursorVisible; }

    bool isAlternateScreen() const { return m_alternateScreen; }
    QString title() const { return m_title; }

    // Lines that scrolled off the top of the normal screen (never the alternate screen's).
    int scrollbackLimit() const { return m_scrollback.limit(); }
    void setScrollbackLimit(int lines);
    int scrollbackLines() const { return m_scrollback.size(); }
    // 0 is the oldest line. Trailing blank cells are not stored, so a line may have fewer than
    // columns() cells; the rest are blank.
    QList<TerminalCell> scrollbackLine(int index) const;
    QString scrollbackLineText(int index) const;

    bool isBracketedPasteEnabled() const;
    // Sends text as a paste: line breaks become CR, as typed; wrapped in ESC[200~ ... ESC[201~ when
    // the program enabled bracketed paste (DECSET 2004).
    void pasteText(const QString &text);

    TerminalMouseMode mouseMode() const { return m_mouseMode; }
    // Reports a mouse event at a cell to the program when it asked for mouse reports; returns
    // whether anything was sent (if not, the view may use the mouse itself, e.g. to select).
    bool mouseEvent(TerminalMouseAction action, TerminalMouseButton button, int row, int column,
                    TerminalModifiers modifiers = {});

    void keyPress(TerminalKey key, TerminalModifiers modifiers = {});
    // Text typed on the keyboard, with the modifiers held: Control+c sends 0x03, Alt+x ESC x.
    void typeText(const QString &text, TerminalModifiers modifiers = {});
    // Reports focus changes to programs that asked for them (DECSET 1004).
    void setFocused(bool focused);

Q_SIGNALS:
    // Bytes for the program: send them to its input.
    void outputReady(const QByteArray &bytes);
    // The cells that changed, as x = column, y = row; one rectangle covering all changes.
    void damaged(const QRect &cells);
    void cursorMoved(int row, int column);
    void cursorVisibilityChanged(bool visible);
    // Lines entered (pushed) and left (popped, on resize) the scrollback. At the limit a push also
    // drops the oldest line, so a view scrolled into the history shifts by `pushed - popped`.
    void scrollbackChanged(int pushed, int popped);
    void alternateScreenChanged(bool active);
    void titleChanged(const QString &title);
    void mouseModeChanged(Terminal::TerminalMouseMode mode);
    void bell();

private:
    // libvterm's C callbacks; defined in the .cpp, where vterm.h is included.
    struct Callbacks;
    struct VTermDeleter
    {
        void operator()(VTerm *vterm) const;
    };

    // What changed while libvterm ran; emitted once afterwards by emitPending().
    struct Pending
    {
        int damageTop = -1; // -1: nothing damaged
        int damageBottom = -1; // exclusive
        int damageLeft = -1;
        int damageRight = -1; // exclusive
        int pushed = 0;
        int popped = 0;
        bool bell = false;
        QByteArray output;
    };
    // The state last announced by a signal, so a change undone within one feed() emits nothing.
    struct Published
    {
        int cursorRow = 0;
        int cursorColumn = 0;
        bool cursorVisible = true;
        bool alternateScreen = false;
        TerminalMouseMode mouseMode = TerminalMouseMode::Off;
        QString title;
    };

    void addDamage(int top, int bottom, int left, int right);
    void emitPending();

    std::unique_ptr<VTerm, VTermDeleter> m_vterm;
    VTermState *m_state = nullptr;
    TerminalScrollback m_scrollback;
    // The cells: libvterm's state writes here rather than to libvterm's screen (see TerminalScreen).
    std::unique_ptr<TerminalScreen> m_screen;
    Pending m_pending;
    Published m_published;
    // Where libvterm's output goes: m_pending.output, or a probe buffer (isBracketedPasteEnabled()).
    mutable QByteArray *m_outputSink = nullptr;
    int m_rows;
    int m_columns;
    bool m_cursorVisible = true;
    bool m_alternateScreen = false;
    TerminalMouseMode m_mouseMode = TerminalMouseMode::Off;
    QString m_title;
    // The unfinished escape sequence or UTF-8 character at the end of the last feed().
    QByteArray m_heldBack;
};

} // namespace Terminal
