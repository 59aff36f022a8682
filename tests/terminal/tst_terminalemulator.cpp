#include "terminal/TerminalEmulator.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using Terminal::TerminalCell;
using Terminal::TerminalColor;
using Terminal::TerminalEmulator;
using Terminal::TerminalKey;
using Terminal::TerminalModifier;
using Terminal::TerminalModifiers;
using Terminal::TerminalMouseAction;
using Terminal::TerminalMouseButton;
using Terminal::TerminalMouseMode;

Q_DECLARE_METATYPE(Terminal::TerminalColor)
Q_DECLARE_METATYPE(Terminal::TerminalKey)
Q_DECLARE_METATYPE(Terminal::TerminalModifiers)
Q_DECLARE_METATYPE(Terminal::TerminalMouseMode)

// The emulator with no widget, in the spirit of Konsole's Vt102EmulationTest: feed what a program
// writes, then check the screen a user would see and the bytes the terminal sends back.
class TestTerminalEmulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainTextAndWrapping();
    void controlCharacters();
    void cursorMovement_data();
    void cursorMovement();
    void erase_data();
    void erase();
    void textAttributes();
    void colors_data();
    void colors();
    void utf8SplitAtEveryByte();
    void wideCharacters();
    void combiningMarks();
    void scrollRegions();
    void cellsKeepWhatLibvtermScreenKept();
    void alternateScreen();
    void scrollbackKeepsLinesScrolledOff();
    void scrollbackRespectsLimit();
    void resizeKeepsContent();
    void resizeWithCursorAboveText();
    void resizeOnAlternateScreen();
    void title();
    void bellIsCoalesced();
    void bracketedPaste();
    void mouseReporting();
    void keys_data();
    void keys();
    void typedText_data();
    void typedText();
    void deviceStatusReport();
    void damageIsCoalesced();
    void cursorSignals();
    void throughput();
};

namespace {

// Everything the emulator sends toward the program while `action` runs.
template<typename Action>
QByteArray outputOf(TerminalEmulator &terminal, Action action)
{
    QSignalSpy spy(&terminal, &TerminalEmulator::outputReady);
    action();
    QByteArray all;
    for (const QList<QVariant> &arguments : spy)
        all += arguments.at(0).toByteArray();
    return all;
}

QString text(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

QString cellText(const TerminalEmulator &terminal, int row, int column)
{
    return terminal.cell(row, column).text();
}

// "prefix1\r\nprefix2\r\n...prefixN", with a final "\r\n" when `trailingNewline`.
QByteArray numberedLines(const char *prefix, int first, int last, bool trailingNewline)
{
    QByteArray bytes;
    for (int i = first; i <= last; ++i) {
        bytes += prefix + QByteArray::number(i);
        if (i < last || trailingNewline)
            bytes += "\r\n";
    }
    return bytes;
}

} // namespace

void TestTerminalEmulator::plainTextAndWrapping()
{
    TerminalEmulator terminal(24, 80);
    QCOMPARE(terminal.rows(), 24);
    QCOMPARE(terminal.columns(), 80);
    QCOMPARE(terminal.screenText(), QString());

    terminal.feed("hello");
    QCOMPARE(terminal.lineText(0), QStringLiteral("hello"));
    QCOMPARE(terminal.cursorRow(), 0);
    QCOMPARE(terminal.cursorColumn(), 5);

    terminal.feed(QByteArray(80, 'x'));
    QCOMPARE(terminal.lineText(0), QStringLiteral("hello") + QString(75, QLatin1Char('x')));
    QCOMPARE(terminal.lineText(1), QString(5, QLatin1Char('x')));
    QCOMPARE(terminal.cursorRow(), 1);
    QCOMPARE(terminal.cursorColumn(), 5);
    QCOMPARE(terminal.screenText(), terminal.lineText(0) + QLatin1Char('\n') + terminal.lineText(1));

    // A full line leaves the cursor on the last column until the next character wraps.
    TerminalEmulator small(5, 10);
    small.feed("0123456789");
    QCOMPARE(small.cursorRow(), 0);
    QCOMPARE(small.cursorColumn(), 9);
    small.feed("a");
    QCOMPARE(small.lineText(0), QStringLiteral("0123456789"));
    QCOMPARE(small.lineText(1), QStringLiteral("a"));
    QCOMPARE(small.cursorColumn(), 1);

    // Out of range reads are blank, not a crash.
    QCOMPARE(small.lineText(-1), QString());
    QCOMPARE(small.lineText(5), QString());
    QVERIFY(small.cell(99, 99).isBlank());
    QCOMPARE(small.cell(99, 99), small.cell(4, 9));
    QVERIFY(small.cell(99, 99).foreground().isDefaultForeground());
    QVERIFY(small.cell(99, 99).background().isDefaultBackground());
    QVERIFY(small.line(5).isEmpty());
    QCOMPARE(small.line(0).size(), 10);
}

void TestTerminalEmulator::controlCharacters()
{
    TerminalEmulator terminal(24, 80);
    terminal.feed("abc\rX");
    QCOMPARE(terminal.lineText(0), QStringLiteral("Xbc"));

    terminal.feed("\r\nab\bY");
    QCOMPARE(terminal.lineText(1), QStringLiteral("aY"));

    terminal.feed("\r\na\tb");
    QCOMPARE(terminal.lineText(2), QStringLiteral("a       b"));
    QCOMPARE(cellText(terminal, 2, 8), QStringLiteral("b"));

    // LF alone moves down and keeps the column (the tty's onlcr adds the CR, not the terminal).
    terminal.feed("\nc");
    QCOMPARE(terminal.lineText(3), QString(9, QLatin1Char(' ')) + QLatin1Char('c'));

    // Backspace stops at the left margin.
    terminal.feed("\r\b\b\bZ");
    QCOMPARE(terminal.lineText(3), QStringLiteral("Z        c"));
}

void TestTerminalEmulator::cursorMovement_data()
{
    QTest::addColumn<QByteArray>("sequence");
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");

    QTest::newRow("CUP") << QByteArray("\033[5;10H") << 4 << 9;
    QTest::newRow("CUP home") << QByteArray("\033[5;10H\033[H") << 0 << 0;
    QTest::newRow("CUP clamped") << QByteArray("\033[100;100H") << 23 << 79;
    QTest::newRow("HVP") << QByteArray("\033[3;4f") << 2 << 3;
    QTest::newRow("CUU") << QByteArray("\033[5;10H\033[2A") << 2 << 9;
    QTest::newRow("CUU clamped") << QByteArray("\033[5;10H\033[100A") << 0 << 9;
    QTest::newRow("CUD") << QByteArray("\033[5;10H\033[3B") << 7 << 9;
    QTest::newRow("CUF") << QByteArray("\033[5;10H\033[4C") << 4 << 13;
    QTest::newRow("CUB") << QByteArray("\033[5;10H\033[4D") << 4 << 5;
    QTest::newRow("CUB default 1") << QByteArray("\033[5;10H\033[D") << 4 << 8;
    QTest::newRow("CNL") << QByteArray("\033[5;10H\033[2E") << 6 << 0;
    QTest::newRow("CPL") << QByteArray("\033[5;10H\033[2F") << 2 << 0;
    QTest::newRow("CHA") << QByteArray("\033[5;10H\033[20G") << 4 << 19;
    QTest::newRow("VPA") << QByteArray("\033[5;10H\033[12d") << 11 << 9;
    QTest::newRow("DECSC/DECRC") << QByteArray("\033[5;10H\0337\033[H\0338") << 4 << 9;
    QTest::newRow("RI at top stays") << QByteArray("\033M") << 0 << 0;
}

void TestTerminalEmulator::cursorMovement()
{
    QFETCH(QByteArray, sequence);
    QFETCH(int, row);
    QFETCH(int, column);

    TerminalEmulator terminal(24, 80);
    terminal.feed(sequence);
    QCOMPARE(terminal.cursorRow(), row);
    QCOMPARE(terminal.cursorColumn(), column);

    // Text goes where the cursor is.
    terminal.feed("@");
    QCOMPARE(cellText(terminal, row, column), QStringLiteral("@"));
}

void TestTerminalEmulator::erase_data()
{
    QTest::addColumn<QByteArray>("sequence");
    QTest::addColumn<QString>("screen");

    // The screen holds rows of A..E, and the cursor is on the C row, column 4.
    const QString a(10, QLatin1Char('A'));
    const QString b(10, QLatin1Char('B'));
    const QString c(10, QLatin1Char('C'));
    const QString d(10, QLatin1Char('D'));
    const QString e(10, QLatin1Char('E'));
    const QString nl(QLatin1Char('\n'));

    QTest::newRow("EL to end") << QByteArray("\033[K")
                               << a + nl + b + nl + QStringLiteral("CCCC") + nl + d + nl + e;
    QTest::newRow("EL to start") << QByteArray("\033[1K")
                                 << a + nl + b + nl + QStringLiteral("     CCCCC") + nl + d + nl + e;
    QTest::newRow("EL line") << QByteArray("\033[2K") << a + nl + b + nl + nl + d + nl + e;
    QTest::newRow("ED to end") << QByteArray("\033[J") << a + nl + b + nl + QStringLiteral("CCCC");
    QTest::newRow("ED to start") << QByteArray("\033[1J")
                                 << nl + nl + QStringLiteral("     CCCCC") + nl + d + nl + e;
    QTest::newRow("ED all") << QByteArray("\033[2J") << QString();
    QTest::newRow("ECH") << QByteArray("\033[3X")
                         << a + nl + b + nl + QStringLiteral("CCCC   CCC") + nl + d + nl + e;
    QTest::newRow("DCH") << QByteArray("\033[2P")
                         << a + nl + b + nl + QStringLiteral("CCCCCCCC") + nl + d + nl + e;
    QTest::newRow("ICH") << QByteArray("\033[2@")
                         << a + nl + b + nl + QStringLiteral("CCCC  CCCC") + nl + d + nl + e;
    QTest::newRow("DL") << QByteArray("\033[M") << a + nl + b + nl + d + nl + e;
    QTest::newRow("IL") << QByteArray("\033[L") << a + nl + b + nl + nl + c + nl + d;
}

void TestTerminalEmulator::erase()
{
    QFETCH(QByteArray, sequence);
    QFETCH(QString, screen);

    TerminalEmulator terminal(5, 10);
    terminal.feed("\033[1;1HAAAAAAAAAA\033[2;1HBBBBBBBBBB\033[3;1HCCCCCCCCCC\033[4;1HDDDDDDDDDD"
                  "\033[5;1HEEEEEEEEEE\033[3;5H");
    terminal.feed(sequence);
    QCOMPARE(terminal.screenText(), screen);
    QCOMPARE(terminal.scrollbackLines(), 0);
}

void TestTerminalEmulator::textAttributes()
{
    TerminalEmulator terminal(24, 80);
    terminal.feed("\033[1mB\033[3mI\033[4mU\033[7mR\033[9mS\033[5mK\033[0mN");

    const TerminalCell bold = terminal.cell(0, 0);
    QCOMPARE(bold.text(), QStringLiteral("B"));
    QVERIFY(bold.isBold());
    QVERIFY(!bold.isItalic());
    QVERIFY(!bold.isUnderlined());
    QVERIFY(!bold.isReverse());

    const TerminalCell all = terminal.cell(0, 5);
    QVERIFY(all.isBold());
    QVERIFY(all.isItalic());
    QCOMPARE(all.underline(), TerminalCell::Underline::Single);
    QVERIFY(all.isReverse());
    QVERIFY(all.isStrikeOut());
    QVERIFY(all.isBlink());

    const TerminalCell reset = terminal.cell(0, 6);
    QCOMPARE(reset.text(), QStringLiteral("N"));
    QVERIFY(!reset.isBold());
    QVERIFY(!reset.isItalic());
    QVERIFY(!reset.isUnderlined());
    QVERIFY(!reset.isReverse());
    QVERIFY(!reset.isStrikeOut());
    QVERIFY(!reset.isBlink());

    // Each attribute has its own reset.
    terminal.feed("\r\n\033[1;3;4;7;9;5mA\033[22mB\033[23mC\033[24mD\033[27mE\033[29mF\033[25mG");
    QVERIFY(terminal.cell(1, 0).isBold());
    QVERIFY(!terminal.cell(1, 1).isBold());
    QVERIFY(terminal.cell(1, 1).isItalic());
    QVERIFY(!terminal.cell(1, 2).isItalic());
    QVERIFY(terminal.cell(1, 2).isUnderlined());
    QVERIFY(!terminal.cell(1, 3).isUnderlined());
    QVERIFY(terminal.cell(1, 3).isReverse());
    QVERIFY(!terminal.cell(1, 4).isReverse());
    QVERIFY(terminal.cell(1, 4).isStrikeOut());
    QVERIFY(!terminal.cell(1, 5).isStrikeOut());
    QVERIFY(terminal.cell(1, 5).isBlink());
    QVERIFY(!terminal.cell(1, 6).isBlink());

    // Underline styles: double (SGR 21) and curly (SGR 4:3).
    terminal.feed("\r\n\033[21mD\033[4:3mC\033[0m");
    QCOMPARE(terminal.cell(2, 0).underline(), TerminalCell::Underline::Double);
    QCOMPARE(terminal.cell(2, 1).underline(), TerminalCell::Underline::Curly);
}

void TestTerminalEmulator::colors_data()
{
    QTest::addColumn<QByteArray>("sequence");
    QTest::addColumn<TerminalColor>("foreground");
    QTest::addColumn<TerminalColor>("background");

    using Role = TerminalColor::Role;
    const TerminalColor defaultForeground(240, 240, 240, Role::DefaultForeground);
    const TerminalColor defaultBackground(0, 0, 0, Role::DefaultBackground);

    QTest::newRow("defaults") << QByteArray() << defaultForeground << defaultBackground;
    QTest::newRow("16: red fg") << QByteArray("\033[31m") << TerminalColor(224, 0, 0, Role::Explicit, 1)
                                << defaultBackground;
    QTest::newRow("16: bright red fg")
        << QByteArray("\033[91m") << TerminalColor(255, 64, 64, Role::Explicit, 9) << defaultBackground;
    QTest::newRow("16: green bg") << QByteArray("\033[42m") << defaultForeground
                                  << TerminalColor(0, 224, 0, Role::Explicit, 2);
    QTest::newRow("16: bright blue bg")
        << QByteArray("\033[104m") << defaultForeground << TerminalColor(64, 64, 255, Role::Explicit, 12);
    QTest::newRow("256: cube fg") << QByteArray("\033[38;5;196m")
                                  << TerminalColor(255, 0, 0, Role::Explicit, 196) << defaultBackground;
    QTest::newRow("256: cube blue fg")
        << QByteArray("\033[38;5;21m") << TerminalColor(0, 0, 255, Role::Explicit, 21) << defaultBackground;
    QTest::newRow("256: grey bg") << QByteArray("\033[48;5;244m") << defaultForeground
                                  << TerminalColor(0x85, 0x85, 0x85, Role::Explicit, 244);
    QTest::newRow("256: low index fg")
        << QByteArray("\033[38;5;3m") << TerminalColor(224, 224, 0, Role::Explicit, 3) << defaultBackground;
    QTest::newRow("truecolour fg") << QByteArray("\033[38;2;10;20;30m") << TerminalColor(10, 20, 30)
                                   << defaultBackground;
    QTest::newRow("truecolour both") << QByteArray("\033[38;2;1;2;3;48;2;255;128;0m")
                                     << TerminalColor(1, 2, 3) << TerminalColor(255, 128, 0);
    QTest::newRow("SGR 39 resets fg") << QByteArray("\033[31;41m\033[39m") << defaultForeground
                                      << TerminalColor(224, 0, 0, Role::Explicit, 1);
    QTest::newRow("SGR 49 resets bg") << QByteArray("\033[31;41m\033[49m")
                                      << TerminalColor(224, 0, 0, Role::Explicit, 1) << defaultBackground;
    QTest::newRow("SGR 0 resets both")
        << QByteArray("\033[38;2;1;2;3;48;5;100m\033[0m") << defaultForeground << defaultBackground;
}

void TestTerminalEmulator::colors()
{
    QFETCH(QByteArray, sequence);
    QFETCH(TerminalColor, foreground);
    QFETCH(TerminalColor, background);

    TerminalEmulator terminal(24, 80);
    terminal.feed(sequence + "X");
    const TerminalCell cell = terminal.cell(0, 0);
    QCOMPARE(cell.text(), QStringLiteral("X"));
    QCOMPARE(cell.foreground().toRgb(), foreground.toRgb());
    QCOMPARE(cell.foreground().role(), foreground.role());
    QCOMPARE(cell.foreground().paletteIndex(), foreground.paletteIndex());
    QCOMPARE(cell.background().toRgb(), background.toRgb());
    QCOMPARE(cell.background().role(), background.role());
    QCOMPARE(cell.background().paletteIndex(), background.paletteIndex());
    QVERIFY(cell.foreground() == foreground);
    QVERIFY(cell.background() == background);
}

void TestTerminalEmulator::utf8SplitAtEveryByte()
{
    const QByteArray bytes = QStringLiteral(u"aé中😀b").toUtf8();
    QCOMPARE(bytes.size(), 11);
    const QString expected = text("aé中😀b");

    for (int split = 0; split <= bytes.size(); ++split) {
        TerminalEmulator terminal(24, 80);
        terminal.feed(bytes.left(split));
        terminal.feed(bytes.mid(split));
        QVERIFY2(terminal.lineText(0) == expected, qPrintable(QStringLiteral("split at %1").arg(split)));
        QCOMPARE(terminal.cursorColumn(), 7);
    }

    TerminalEmulator byteByByte(24, 80);
    for (char byte : bytes)
        byteByByte.feed(QByteArrayView(&byte, 1));
    QCOMPARE(byteByByte.lineText(0), expected);

    // An escape sequence split the same way.
    const QByteArray sequence("\033[38;5;196mR");
    for (int split = 0; split <= sequence.size(); ++split) {
        TerminalEmulator terminal(24, 80);
        terminal.feed(sequence.left(split));
        terminal.feed(sequence.mid(split));
        QCOMPARE(terminal.lineText(0), QStringLiteral("R"));
        QCOMPARE(terminal.cell(0, 0).foreground().paletteIndex(), 196);
    }
}

void TestTerminalEmulator::wideCharacters()
{
    TerminalEmulator terminal(24, 80);
    terminal.feed(QStringLiteral(u"中文😀x").toUtf8());
    QCOMPARE(terminal.lineText(0), text("中文😀x"));
    QCOMPARE(terminal.cursorColumn(), 7);

    QCOMPARE(cellText(terminal, 0, 0), text("中"));
    QCOMPARE(terminal.cell(0, 0).width(), 2);
    QVERIFY(terminal.cell(0, 1).isContinuation());
    QCOMPARE(terminal.cell(0, 1).text(), QString());
    QCOMPARE(cellText(terminal, 0, 2), text("文"));
    QCOMPARE(terminal.cell(0, 2).width(), 2);
    QCOMPARE(cellText(terminal, 0, 4), text("😀"));
    QCOMPARE(terminal.cell(0, 4).width(), 2);
    QCOMPARE(terminal.cell(0, 5).width(), 0);
    QCOMPARE(cellText(terminal, 0, 6), QStringLiteral("x"));
    QCOMPARE(terminal.cell(0, 6).width(), 1);

    // A wide character that does not fit in the last column goes to the next line whole.
    TerminalEmulator narrow(5, 10);
    narrow.feed(QStringLiteral(u"123456789中").toUtf8());
    QCOMPARE(narrow.lineText(0), QStringLiteral("123456789"));
    QCOMPARE(narrow.lineText(1), text("中"));
    QCOMPARE(narrow.cell(1, 0).width(), 2);
}

void TestTerminalEmulator::combiningMarks()
{
    const QString accented = QString::fromUcs4(U"e\u0301");
    TerminalEmulator terminal(24, 80);
    terminal.feed(accented.toUtf8() + "x");
    QCOMPARE(terminal.cell(0, 0).chars(), std::u32string_view(U"e\u0301"));
    QCOMPARE(terminal.cell(0, 0).width(), 1);
    QCOMPARE(cellText(terminal, 0, 1), QStringLiteral("x"));
    QCOMPARE(terminal.lineText(0), accented + QLatin1Char('x'));

    // The mark arrives in a later feed(), itself split: it still joins the character before it.
    TerminalEmulator split(24, 80);
    split.feed("e");
    split.feed("\xcc");
    split.feed("\x81");
    QCOMPARE(split.cell(0, 0).chars(), std::u32string_view(U"e\u0301"));
    QCOMPARE(split.cursorColumn(), 1);

    // Several marks, and a mark on a wide character.
    TerminalEmulator several(24, 80);
    several.feed(QString::fromUcs4(U"a\u0301\u0323\u4e2d\u0301").toUtf8());
    QCOMPARE(several.cell(0, 0).chars(), std::u32string_view(U"a\u0301\u0323"));
    QCOMPARE(several.cell(0, 1).chars(), std::u32string_view(U"\u4e2d\u0301"));
    QCOMPARE(several.cell(0, 1).width(), 2);
    QCOMPARE(several.cursorColumn(), 3);
}

void TestTerminalEmulator::scrollRegions()
{
    TerminalEmulator terminal(6, 20);
    terminal.feed("r0\r\nr1\r\nr2\r\nr3\r\nr4\r\nr5");

    // DECSTBM rows 2-4 (1-based); a line feed at its bottom scrolls only the region.
    terminal.feed("\033[2;4r");
    QCOMPARE(terminal.cursorRow(), 0);
    terminal.feed("\033[4;1H\n");
    QCOMPARE(terminal.screenText(), QStringLiteral("r0\nr2\nr3\n\nr4\nr5"));

    // Reverse index at the region's top scrolls it down.
    terminal.feed("\033[2;1H\033M");
    QCOMPARE(terminal.screenText(), QStringLiteral("r0\n\nr2\nr3\nr4\nr5"));

    // SU and SD scroll the region.
    terminal.feed("\033[2S");
    QCOMPARE(terminal.screenText(), QStringLiteral("r0\nr3\n\n\nr4\nr5"));
    terminal.feed("\033[T");
    QCOMPARE(terminal.screenText(), QStringLiteral("r0\n\nr3\n\nr4\nr5"));

    // Nothing scrolled off the top of the screen so far.
    QCOMPARE(terminal.scrollbackLines(), 0);

    // Without a region the whole screen scrolls and the top line goes to the scrollback.
    terminal.feed("\033[r\033[6;1H\n");
    QCOMPARE(terminal.screenText(), QStringLiteral("\nr3\n\nr4\nr5"));
    QCOMPARE(terminal.scrollbackLines(), 1);
    QCOMPARE(terminal.scrollbackLineText(0), QStringLiteral("r0"));
}

void TestTerminalEmulator::cellsKeepWhatLibvtermScreenKept()
{
    // The emulator keeps its own cells (TerminalScreen) instead of libvterm's screen: what that
    // screen did and no other test covers.
    TerminalEmulator terminal(5, 10);

    // Erasing paints with the current background, as a status bar expects.
    terminal.feed("\033[44m\033[K\033[0mab");
    QCOMPARE(terminal.cell(0, 9).background().paletteIndex(), 4);
    QVERIFY(terminal.cell(0, 0).background().isDefaultBackground());

    // DECSCNM shows every cell reversed, until it is turned off.
    terminal.feed("\033[?5h");
    QVERIFY(terminal.cell(0, 0).isReverse());
    QVERIFY(terminal.cell(4, 9).isReverse());
    terminal.feed("\033[?5l");
    QVERIFY(!terminal.cell(0, 0).isReverse());

    // DECSCA protects cells from a selective erase (DECSEL), not from a plain one (EL).
    terminal.feed("\033[2;1H\033[1\"qKEEP\033[0\"qgone\033[2;1H\033[?2K");
    QCOMPARE(terminal.lineText(1), QStringLiteral("KEEP"));
    terminal.feed("\033[2K");
    QCOMPARE(terminal.lineText(1), QString());

    // A narrow character over the first half of a wide one leaves no half character behind.
    terminal.feed(QByteArray("\033[3;1H") + QStringLiteral(u"中").toUtf8() + "\033[3;1Hx");
    QCOMPARE(terminal.lineText(2), QStringLiteral("x"));

    // Lines scrolled off keep their text through a screen full of line feeds.
    terminal.feed("\033[5;1Hlast\r\n\n\n\n\n");
    QCOMPARE(terminal.screenText(), QString());
    QCOMPARE(terminal.scrollbackLineText(terminal.scrollbackLines() - 1), QStringLiteral("last"));
}

void TestTerminalEmulator::alternateScreen()
{
    TerminalEmulator terminal(5, 20);
    QSignalSpy alternateSpy(&terminal, &TerminalEmulator::alternateScreenChanged);
    QSignalSpy scrollbackSpy(&terminal, &TerminalEmulator::scrollbackChanged);
    terminal.feed("main1\r\n\033[1mmain2\033[0m");
    QVERIFY(!terminal.isAlternateScreen());

    terminal.feed("\033[?1049h");
    QVERIFY(terminal.isAlternateScreen());
    QCOMPARE(alternateSpy.size(), 1);
    QCOMPARE(alternateSpy.at(0).at(0).toBool(), true);
    QCOMPARE(terminal.screenText(), QString());

    // A full-screen program scrolls a lot: none of it reaches the scrollback.
    terminal.feed(numberedLines("alt ", 1, 50, true));
    QCOMPARE(terminal.lineText(3), QStringLiteral("alt 50"));
    QCOMPARE(terminal.scrollbackLines(), 0);
    QCOMPARE(scrollbackSpy.size(), 0);

    terminal.feed("\033[?1049l");
    QVERIFY(!terminal.isAlternateScreen());
    QCOMPARE(alternateSpy.size(), 2);
    QCOMPARE(alternateSpy.at(1).at(0).toBool(), false);
    QCOMPARE(terminal.screenText(), QStringLiteral("main1\nmain2"));
    QVERIFY(terminal.cell(1, 0).isBold());
    QCOMPARE(terminal.cursorRow(), 1);
    QCOMPARE(terminal.cursorColumn(), 5);
    QCOMPARE(terminal.scrollbackLines(), 0);

    // Entering and leaving within one feed() announces nothing.
    terminal.feed("\033[?1049h\033[?1049l");
    QCOMPARE(alternateSpy.size(), 2);
}

void TestTerminalEmulator::scrollbackKeepsLinesScrolledOff()
{
    TerminalEmulator terminal(24, 80);
    QSignalSpy spy(&terminal, &TerminalEmulator::scrollbackChanged);
    terminal.feed("\033[1;31mline\033[0m 1\r\n\033[44m\033[K\033[0m\r\n"
                  + numberedLines("line ", 3, 30, true));

    // 30 lines and the cursor on the 31st: 7 lines went off the top.
    QCOMPARE(terminal.scrollbackLines(), 7);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 7);
    QCOMPARE(spy.at(0).at(1).toInt(), 0);
    QCOMPARE(terminal.scrollbackLineText(0), QStringLiteral("line 1"));
    QCOMPARE(terminal.scrollbackLineText(1), QString());
    QCOMPARE(terminal.scrollbackLineText(6), QStringLiteral("line 7"));
    QCOMPARE(terminal.lineText(0), QStringLiteral("line 8"));
    QCOMPARE(terminal.lineText(22), QStringLiteral("line 30"));
    QCOMPARE(terminal.lineText(23), QString());

    // Attributes and colours are kept; trailing blanks are not stored unless they are painted.
    const QList<TerminalCell> first = terminal.scrollbackLine(0);
    QCOMPARE(first.size(), 6);
    QVERIFY(first.at(0).isBold());
    QCOMPARE(first.at(0).foreground().paletteIndex(), 1);
    QVERIFY(!first.at(5).isBold());
    const QList<TerminalCell> painted = terminal.scrollbackLine(1);
    QCOMPARE(painted.size(), 80);
    QCOMPARE(painted.at(79).background().paletteIndex(), 4);
    QVERIFY(terminal.scrollbackLine(7).isEmpty());
}

void TestTerminalEmulator::scrollbackRespectsLimit()
{
    TerminalEmulator terminal(24, 80);
    QCOMPARE(terminal.scrollbackLimit(), 10000);
    terminal.feed(numberedLines("", 1, 12000, true));

    // 12,000 lines plus the cursor's empty line on 24 rows: 11,977 scrolled off, the newest 10,000 kept.
    QCOMPARE(terminal.scrollbackLines(), 10000);
    QCOMPARE(terminal.scrollbackLineText(0), QStringLiteral("1978"));
    QCOMPARE(terminal.scrollbackLineText(9999), QStringLiteral("11977"));
    QCOMPARE(terminal.lineText(0), QStringLiteral("11978"));
    QCOMPARE(terminal.lineText(22), QStringLiteral("12000"));

    QSignalSpy spy(&terminal, &TerminalEmulator::scrollbackChanged);
    terminal.setScrollbackLimit(100);
    QCOMPARE(terminal.scrollbackLimit(), 100);
    QCOMPARE(terminal.scrollbackLines(), 100);
    QCOMPARE(terminal.scrollbackLineText(0), QStringLiteral("11878"));
    QCOMPARE(spy.size(), 1);

    terminal.feed("more\r\n");
    QCOMPARE(terminal.scrollbackLines(), 100);
    QCOMPARE(terminal.scrollbackLineText(99), QStringLiteral("11978"));

    terminal.setScrollbackLimit(0);
    terminal.feed("again\r\n");
    QCOMPARE(terminal.scrollbackLines(), 0);
}

void TestTerminalEmulator::resizeKeepsContent()
{
    TerminalEmulator terminal(24, 80);
    terminal.feed(numberedLines("line ", 1, 14, true));
    terminal.feed("\033[1;32mline 15\033[0m\r\n");
    terminal.feed(QStringLiteral(u"line 16 中\r\n").toUtf8());
    terminal.feed(numberedLines("line ", 17, 30, false));
    QCOMPARE(terminal.scrollbackLines(), 6);
    const QString before = terminal.screenText();
    QCOMPARE(terminal.lineText(0), QStringLiteral("line 7"));

    QSignalSpy scrollbackSpy(&terminal, &TerminalEmulator::scrollbackChanged);
    QSignalSpy damageSpy(&terminal, &TerminalEmulator::damaged);

    // Fewer rows: the top lines go to the scrollback so the cursor's line stays on screen.
    terminal.resize(10, 80);
    QCOMPARE(terminal.rows(), 10);
    QCOMPARE(terminal.scrollbackLines(), 20);
    QCOMPARE(terminal.lineText(0), QStringLiteral("line 21"));
    QCOMPARE(terminal.lineText(9), QStringLiteral("line 30"));
    QCOMPARE(terminal.cursorRow(), 9);
    QCOMPARE(terminal.cursorColumn(), 7);
    QCOMPARE(scrollbackSpy.size(), 1);
    QCOMPARE(scrollbackSpy.at(0).at(0).toInt(), 14);
    QCOMPARE(damageSpy.size(), 1);
    QCOMPARE(damageSpy.at(0).at(0).toRect(), QRect(0, 0, 80, 10));

    // More rows again: those lines come back from the scrollback, attributes and all.
    terminal.resize(24, 80);
    QCOMPARE(terminal.screenText(), before);
    QCOMPARE(terminal.scrollbackLines(), 6);
    QCOMPARE(terminal.cursorRow(), 23);
    QCOMPARE(terminal.cursorColumn(), 7);
    QCOMPARE(scrollbackSpy.size(), 2);
    QCOMPARE(scrollbackSpy.at(1).at(1).toInt(), 14);
    QVERIFY(terminal.cell(8, 0).isBold());
    QCOMPARE(terminal.cell(8, 0).foreground().paletteIndex(), 2);
    QVERIFY(terminal.cell(8, 0).foreground() == TerminalColor(0, 224, 0, TerminalColor::Role::Explicit, 2));
    QVERIFY(terminal.cell(8, 0).background().isDefaultBackground());
    QVERIFY(terminal.cell(9, 0).foreground().isDefaultForeground());
    QCOMPARE(terminal.cell(9, 8).width(), 2);
    QVERIFY(terminal.cell(9, 9).isContinuation());

    // Fewer columns keep the left part; more columns keep everything.
    terminal.feed("\033[1;1H0123456789abcdefghij");
    terminal.resize(24, 15);
    QCOMPARE(terminal.columns(), 15);
    QCOMPARE(terminal.lineText(0), QStringLiteral("0123456789abcde"));
    QCOMPARE(terminal.lineText(23), QStringLiteral("line 30"));
    terminal.resize(24, 100);
    QCOMPARE(terminal.lineText(0), QStringLiteral("0123456789abcde"));
    QCOMPARE(terminal.lineText(23), QStringLiteral("line 30"));
    terminal.feed("\033[1;95HX");
    QCOMPARE(cellText(terminal, 0, 94), QStringLiteral("X"));

    // Nonsense sizes are taken as 1x1.
    terminal.resize(0, -3);
    QCOMPARE(terminal.rows(), 1);
    QCOMPARE(terminal.columns(), 1);
    terminal.feed("abc");
    QCOMPARE(terminal.lineText(0), QStringLiteral("c"));
}

void TestTerminalEmulator::resizeWithCursorAboveText()
{
    // Text at the bottom, cursor at the top: shrinking must keep the cursor on the screen.
    TerminalEmulator terminal(25, 80);
    terminal.feed("\033[24HLine 24\r\nLine 25\033[H");
    QCOMPARE(terminal.cursorRow(), 0);
    terminal.resize(20, 80);
    QVERIFY(terminal.cursorRow() >= 0);
    QVERIFY(terminal.cursorRow() < 20);
    terminal.feed("X");
    QCOMPARE(cellText(terminal, terminal.cursorRow(), terminal.cursorColumn() - 1), QStringLiteral("X"));
    QVERIFY(terminal.screenText().contains(QStringLiteral("Line 25")));
}

void TestTerminalEmulator::resizeOnAlternateScreen()
{
    TerminalEmulator terminal(10, 40);
    // 1049 saves the cursor and switches screens; the cursor stays on row 1.
    terminal.feed("main\r\n\033[?1049halt");
    terminal.resize(5, 30);
    terminal.resize(12, 50);
    QCOMPARE(terminal.screenText(), QStringLiteral("\nalt"));
    QCOMPARE(terminal.scrollbackLines(), 0);
    terminal.feed("\033[?1049l");
    QCOMPARE(terminal.lineText(0), QStringLiteral("main"));
}

void TestTerminalEmulator::title()
{
    TerminalEmulator terminal(24, 80);
    QSignalSpy spy(&terminal, &TerminalEmulator::titleChanged);
    QCOMPARE(terminal.title(), QString());

    terminal.feed("\033]0;hello\007");
    QCOMPARE(terminal.title(), QStringLiteral("hello"));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("hello"));

    // OSC 2 with ST, UTF-8.
    terminal.feed("\033]2;w\xc3\xb6rld\033\\");
    QCOMPARE(terminal.title(), text("wörld"));
    QCOMPARE(spy.size(), 2);

    // The same title again is no change.
    terminal.feed("\033]2;w\xc3\xb6rld\007");
    QCOMPARE(spy.size(), 2);

    // Two titles in one feed: one signal, with the last.
    terminal.feed("\033]2;first\007\033]2;second\007");
    QCOMPARE(spy.size(), 3);
    QCOMPARE(spy.at(2).at(0).toString(), QStringLiteral("second"));

    // Split across feeds anywhere, with either terminator.
    for (const QByteArray &sequence : {QByteArray("\033]2;split\007"), QByteArray("\033]0;split\033\\")}) {
        for (int split = 0; split <= sequence.size(); ++split) {
            TerminalEmulator fresh(24, 80);
            fresh.feed(sequence.left(split));
            fresh.feed(sequence.mid(split));
            QVERIFY2(fresh.title() == QStringLiteral("split"),
                     qPrintable(QStringLiteral("split at %1").arg(split)));
            QCOMPARE(fresh.screenText(), QString());
        }
    }

    // A long title split in two (libvterm alone keeps only 64 bytes of a split string).
    const QByteArray longTitle(300, 't');
    terminal.feed("\033]2;" + longTitle.left(150));
    terminal.feed(longTitle.mid(150) + "\007");
    QCOMPARE(terminal.title(), QString::fromLatin1(longTitle));

    // The title is not text on the screen.
    QCOMPARE(terminal.screenText(), QString());
}

void TestTerminalEmulator::bellIsCoalesced()
{
    TerminalEmulator terminal(24, 80);
    QSignalSpy spy(&terminal, &TerminalEmulator::bell);
    terminal.feed("\007\007\007");
    QCOMPARE(spy.size(), 1);
    terminal.feed("no bell here");
    QCOMPARE(spy.size(), 1);
    terminal.feed("\007");
    QCOMPARE(spy.size(), 2);
    QCOMPARE(terminal.screenText(), QStringLiteral("no bell here"));
}

void TestTerminalEmulator::bracketedPaste()
{
    TerminalEmulator terminal(24, 80);
    QVERIFY(!terminal.isBracketedPasteEnabled());
    QCOMPARE(outputOf(terminal, [&] { terminal.pasteText(QStringLiteral("ls\nls -l\r\n")); }),
             QByteArray("ls\rls -l\r"));

    // Asking for the mode sends nothing.
    QSignalSpy spy(&terminal, &TerminalEmulator::outputReady);
    terminal.feed("\033[?2004h");
    QVERIFY(terminal.isBracketedPasteEnabled());
    QCOMPARE(spy.size(), 0);

    QCOMPARE(outputOf(terminal, [&] { terminal.pasteText(QStringLiteral("echo hi\n")); }),
             QByteArray("\033[200~echo hi\r\033[201~"));
    QCOMPARE(outputOf(terminal, [&] { terminal.pasteText(text("é")); }),
             QByteArray("\033[200~\xc3\xa9\033[201~"));
    // A pasted end marker cannot end the paste early.
    QCOMPARE(outputOf(terminal, [&] { terminal.pasteText(QStringLiteral("a\033[201~rm -rf x\n")); }),
             QByteArray("\033[200~arm -rf x\r\033[201~"));

    terminal.feed("\033[?2004l");
    QVERIFY(!terminal.isBracketedPasteEnabled());
    QCOMPARE(outputOf(terminal, [&] { terminal.pasteText(QStringLiteral("plain")); }), QByteArray("plain"));
}

void TestTerminalEmulator::mouseReporting()
{
    TerminalEmulator terminal(24, 80);
    QSignalSpy modeSpy(&terminal, &TerminalEmulator::mouseModeChanged);
    auto report = [&](TerminalMouseAction action, TerminalMouseButton button, int row, int column,
                      TerminalModifiers modifiers = {}) {
        bool sent = false;
        const QByteArray bytes
            = outputOf(terminal, [&] { sent = terminal.mouseEvent(action, button, row, column, modifiers); });
        if (sent != !bytes.isEmpty())
            qWarning() << "mouseEvent() returned" << sent << "but sent" << bytes;
        return bytes;
    };
    using A = TerminalMouseAction;
    using B = TerminalMouseButton;

    // Off: nothing is reported, the view may select text.
    QCOMPARE(terminal.mouseMode(), TerminalMouseMode::Off);
    QVERIFY(!terminal.mouseEvent(A::Press, B::Left, 2, 4));
    QCOMPARE(report(A::Press, B::Left, 2, 4), QByteArray());
    QCOMPARE(report(A::Release, B::Left, 2, 4), QByteArray());

    // 1000, X10 encoding: ESC [ M, then button, column and row as 32 + value (1-based).
    terminal.feed("\033[?1000h");
    QCOMPARE(terminal.mouseMode(), TerminalMouseMode::Click);
    QCOMPARE(modeSpy.size(), 1);
    QCOMPARE(modeSpy.at(0).at(0).value<TerminalMouseMode>(), TerminalMouseMode::Click);
    QCOMPARE(report(A::Press, B::Left, 2, 4), QByteArray("\033[M %#"));
    QCOMPARE(report(A::Release, B::Left, 2, 4), QByteArray("\033[M#%#"));
    QCOMPARE(report(A::Move, B::None, 3, 5), QByteArray()); // motion is not wanted in 1000
    QCOMPARE(report(A::Press, B::Right, 0, 0, TerminalModifier::Control), QByteArray("\033[M2!!"));
    QCOMPARE(report(A::Release, B::Right, 0, 0, TerminalModifier::Control), QByteArray("\033[M3!!"));

    // 1006, SGR encoding: ESC [ < button ; column ; row, M on press, m on release.
    terminal.feed("\033[?1006h");
    QCOMPARE(report(A::Press, B::Left, 2, 4), QByteArray("\033[<0;5;3M"));
    QCOMPARE(report(A::Release, B::Left, 2, 4), QByteArray("\033[<0;5;3m"));
    QCOMPARE(report(A::Press, B::Middle, 0, 0, TerminalModifier::Shift), QByteArray("\033[<5;1;1M"));
    QCOMPARE(report(A::Release, B::Middle, 0, 0, TerminalModifier::Shift), QByteArray("\033[<5;1;1m"));
    QCOMPARE(report(A::Press, B::WheelUp, 9, 19), QByteArray("\033[<64;20;10M"));
    QCOMPARE(report(A::Release, B::WheelUp, 9, 19), QByteArray());
    QCOMPARE(report(A::Press, B::WheelDown, 9, 19), QByteArray("\033[<65;20;10M"));
    // Positions outside the screen are clamped to it.
    QCOMPARE(report(A::Press, B::Left, 500, 500), QByteArray("\033[<0;80;24M"));
    QCOMPARE(report(A::Release, B::Left, 500, 500), QByteArray("\033[<0;80;24m"));

    // 1002: motion while a button is held.
    terminal.feed("\033[?1002h");
    QCOMPARE(terminal.mouseMode(), TerminalMouseMode::Drag);
    QCOMPARE(report(A::Press, B::Left, 1, 1), QByteArray("\033[<0;2;2M"));
    QCOMPARE(report(A::Move, B::Left, 1, 2), QByteArray("\033[<32;3;2M"));
    QCOMPARE(report(A::Release, B::Left, 1, 2), QByteArray("\033[<0;3;2m"));
    QCOMPARE(report(A::Move, B::None, 4, 4), QByteArray());

    // 1003: all motion.
    terminal.feed("\033[?1003h");
    QCOMPARE(terminal.mouseMode(), TerminalMouseMode::Move);
    QCOMPARE(report(A::Move, B::None, 5, 5), QByteArray("\033[<35;6;6M"));

    terminal.feed("\033[?1003l");
    QCOMPARE(terminal.mouseMode(), TerminalMouseMode::Off);
    QCOMPARE(report(A::Press, B::Left, 1, 1), QByteArray());
    QCOMPARE(modeSpy.last().at(0).value<TerminalMouseMode>(), TerminalMouseMode::Off);
}

void TestTerminalEmulator::keys_data()
{
    QTest::addColumn<QByteArray>("setup");
    QTest::addColumn<TerminalKey>("key");
    QTest::addColumn<TerminalModifiers>("modifiers");
    QTest::addColumn<QByteArray>("expected");

    const TerminalModifiers none;
    const TerminalModifiers shift(TerminalModifier::Shift);
    const TerminalModifiers alt(TerminalModifier::Alt);
    const TerminalModifiers control(TerminalModifier::Control);
    const QByteArray normal;
    const QByteArray applicationCursor("\033[?1h");
    const QByteArray applicationKeypad("\033=");

    QTest::newRow("Up") << normal << TerminalKey::Up << none << QByteArray("\033[A");
    QTest::newRow("Down") << normal << TerminalKey::Down << none << QByteArray("\033[B");
    QTest::newRow("Right") << normal << TerminalKey::Right << none << QByteArray("\033[C");
    QTest::newRow("Left") << normal << TerminalKey::Left << none << QByteArray("\033[D");
    QTest::newRow("Home") << normal << TerminalKey::Home << none << QByteArray("\033[H");
    QTest::newRow("End") << normal << TerminalKey::End << none << QByteArray("\033[F");
    QTest::newRow("Ctrl+Up") << normal << TerminalKey::Up << control << QByteArray("\033[1;5A");
    QTest::newRow("Shift+Right") << normal << TerminalKey::Right << shift << QByteArray("\033[1;2C");
    QTest::newRow("Alt+Left") << normal << TerminalKey::Left << alt << QByteArray("\033[1;3D");
    QTest::newRow("Up, application cursor")
        << applicationCursor << TerminalKey::Up << none << QByteArray("\033OA");
    QTest::newRow("Home, application cursor")
        << applicationCursor << TerminalKey::Home << none << QByteArray("\033OH");
    QTest::newRow("Ctrl+Up, application cursor")
        << applicationCursor << TerminalKey::Up << control << QByteArray("\033[1;5A");
    QTest::newRow("Up, cursor mode reset")
        << QByteArray("\033[?1h\033[?1l") << TerminalKey::Up << none << QByteArray("\033[A");
    QTest::newRow("F1") << normal << TerminalKey::F1 << none << QByteArray("\033OP");
    QTest::newRow("F4") << normal << TerminalKey::F4 << none << QByteArray("\033OS");
    QTest::newRow("F5") << normal << TerminalKey::F5 << none << QByteArray("\033[15~");
    QTest::newRow("F12") << normal << TerminalKey::F12 << none << QByteArray("\033[24~");
    QTest::newRow("Shift+F1") << normal << TerminalKey::F1 << shift << QByteArray("\033[1;2P");
    QTest::newRow("Insert") << normal << TerminalKey::Insert << none << QByteArray("\033[2~");
    QTest::newRow("Delete") << normal << TerminalKey::Delete << none << QByteArray("\033[3~");
    QTest::newRow("Ctrl+Delete") << normal << TerminalKey::Delete << control << QByteArray("\033[3;5~");
    QTest::newRow("PageUp") << normal << TerminalKey::PageUp << none << QByteArray("\033[5~");
    QTest::newRow("PageDown") << normal << TerminalKey::PageDown << none << QByteArray("\033[6~");
    QTest::newRow("Enter") << normal << TerminalKey::Enter << none << QByteArray("\r");
    QTest::newRow("Alt+Enter") << normal << TerminalKey::Enter << alt << QByteArray("\033\r");
    QTest::newRow("Enter, newline mode")
        << QByteArray("\033[20h") << TerminalKey::Enter << none << QByteArray("\r\n");
    QTest::newRow("Tab") << normal << TerminalKey::Tab << none << QByteArray("\t");
    QTest::newRow("Shift+Tab") << normal << TerminalKey::Tab << shift << QByteArray("\033[Z");
    QTest::newRow("Backspace") << normal << TerminalKey::Backspace << none << QByteArray("\x7f");
    QTest::newRow("Alt+Backspace") << normal << TerminalKey::Backspace << alt << QByteArray("\033\x7f");
    QTest::newRow("Escape") << normal << TerminalKey::Escape << none << QByteArray("\033");
    QTest::newRow("Keypad 5") << normal << TerminalKey::Keypad5 << none << QByteArray("5");
    QTest::newRow("Keypad 5, application keypad")
        << applicationKeypad << TerminalKey::Keypad5 << none << QByteArray("\033Ou");
    QTest::newRow("Keypad Enter, application keypad")
        << applicationKeypad << TerminalKey::KeypadEnter << none << QByteArray("\033OM");
}

void TestTerminalEmulator::keys()
{
    QFETCH(QByteArray, setup);
    QFETCH(TerminalKey, key);
    QFETCH(TerminalModifiers, modifiers);
    QFETCH(QByteArray, expected);

    TerminalEmulator terminal(24, 80);
    terminal.feed(setup);
    QSignalSpy spy(&terminal, &TerminalEmulator::outputReady);
    terminal.keyPress(key, modifiers);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toByteArray(), expected);
}

void TestTerminalEmulator::typedText_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<TerminalModifiers>("modifiers");
    QTest::addColumn<QByteArray>("expected");

    const TerminalModifiers none;
    const TerminalModifiers shift(TerminalModifier::Shift);
    const TerminalModifiers alt(TerminalModifier::Alt);
    const TerminalModifiers control(TerminalModifier::Control);

    QTest::newRow("ASCII") << QStringLiteral("hello") << none << QByteArray("hello");
    QTest::newRow("UTF-8") << text("é中😀") << none << QByteArray("\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80");
    QTest::newRow("Shift+A") << QStringLiteral("A") << shift << QByteArray("A");
    QTest::newRow("Shift+Space") << QStringLiteral(" ") << shift << QByteArray(" ");
    QTest::newRow("Ctrl+C") << QStringLiteral("c") << control << QByteArray("\x03");
    QTest::newRow("Ctrl+Shift+C") << QStringLiteral("C") << (control | TerminalModifier::Shift)
                                  << QByteArray("\x03");
    QTest::newRow("Ctrl+D") << QStringLiteral("d") << control << QByteArray("\x04");
    QTest::newRow("Ctrl+Z") << QStringLiteral("z") << control << QByteArray("\x1a");
    QTest::newRow("Ctrl+I") << QStringLiteral("i") << control << QByteArray("\t");
    QTest::newRow("Ctrl+J") << QStringLiteral("j") << control << QByteArray("\n");
    QTest::newRow("Ctrl+M") << QStringLiteral("m") << control << QByteArray("\r");
    QTest::newRow("Ctrl+[") << QStringLiteral("[") << control << QByteArray("\033");
    QTest::newRow("Ctrl+\\") << QStringLiteral("\\") << control << QByteArray("\x1c");
    QTest::newRow("Ctrl+Space") << QStringLiteral(" ") << control << QByteArray("\0", 1);
    QTest::newRow("Alt+x") << QStringLiteral("x") << alt << QByteArray("\033x");
    QTest::newRow("Alt+Shift+X") << QStringLiteral("X") << (alt | TerminalModifier::Shift)
                                 << QByteArray("\033X");
    QTest::newRow("Ctrl+Alt+C") << QStringLiteral("c") << (control | TerminalModifier::Alt)
                                << QByteArray("\033\x03");
    QTest::newRow("Alt+é") << text("é") << alt << QByteArray("\033\xc3\xa9");
    QTest::newRow("CR") << QStringLiteral("\r") << none << QByteArray("\r");
}

void TestTerminalEmulator::typedText()
{
    QFETCH(QString, typed);
    QFETCH(TerminalModifiers, modifiers);
    QFETCH(QByteArray, expected);

    TerminalEmulator terminal(24, 80);
    QSignalSpy spy(&terminal, &TerminalEmulator::outputReady);
    terminal.typeText(typed, modifiers);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toByteArray(), expected);
}

void TestTerminalEmulator::deviceStatusReport()
{
    TerminalEmulator terminal(24, 80);
    QSignalSpy spy(&terminal, &TerminalEmulator::outputReady);

    // Cursor position report: rows and columns 1-based.
    terminal.feed("\033[5;10H\033[6n");
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toByteArray(), QByteArray("\033[5;10R"));

    // Status report and device attributes in one feed: one signal carrying both answers.
    terminal.feed("\033[5n\033[c");
    QCOMPARE(spy.size(), 2);
    const QByteArray answers = spy.at(1).at(0).toByteArray();
    QVERIFY2(answers.startsWith("\033[0n\033[?"), answers.constData());
    QVERIFY(answers.endsWith('c'));

    // Queries do not write on the screen.
    QCOMPARE(terminal.screenText(), QString());
}

void TestTerminalEmulator::damageIsCoalesced()
{
    TerminalEmulator terminal(24, 80);
    QSignalSpy spy(&terminal, &TerminalEmulator::damaged);

    terminal.feed("\033[6;3Hxyz");
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toRect(), QRect(2, 5, 3, 1));

    // Writing on two rows damages the rectangle spanning them.
    terminal.feed("\033[2;10Ha\033[4;20Hb");
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.at(1).at(0).toRect(), QRect(QPoint(9, 1), QPoint(19, 3)));

    // A hundred lines that scroll the screen: one signal, the whole screen.
    terminal.feed(numberedLines("", 1, 100, true));
    QCOMPARE(spy.size(), 3);
    QCOMPARE(spy.at(2).at(0).toRect(), QRect(0, 0, 80, 24));

    // Moving the cursor or feeding nothing damages nothing.
    terminal.feed("\033[10;1H");
    terminal.feed(QByteArrayView());
    QCOMPARE(spy.size(), 3);

    // Erasing is damage too.
    terminal.feed("\033[2K");
    QCOMPARE(spy.size(), 4);
    QCOMPARE(spy.at(3).at(0).toRect(), QRect(0, 9, 80, 1));
}

void TestTerminalEmulator::cursorSignals()
{
    TerminalEmulator terminal(24, 80);
    QSignalSpy moved(&terminal, &TerminalEmulator::cursorMoved);
    QSignalSpy visibility(&terminal, &TerminalEmulator::cursorVisibilityChanged);
    QVERIFY(terminal.isCursorVisible());

    terminal.feed("abc");
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved.at(0).at(0).toInt(), 0);
    QCOMPARE(moved.at(0).at(1).toInt(), 3);

    // Away and back within one feed: no move to report.
    terminal.feed("\033[5;5H\033[1;4H");
    QCOMPARE(moved.size(), 1);

    terminal.feed("\033[3;7H");
    QCOMPARE(moved.size(), 2);
    QCOMPARE(moved.at(1).at(0).toInt(), 2);
    QCOMPARE(moved.at(1).at(1).toInt(), 6);

    terminal.feed("\033[?25l");
    QVERIFY(!terminal.isCursorVisible());
    QCOMPARE(visibility.size(), 1);
    QCOMPARE(visibility.at(0).at(0).toBool(), false);
    terminal.feed("\033[?25h\033[?25l");
    QCOMPARE(visibility.size(), 1);
    terminal.feed("\033[?25h");
    QVERIFY(terminal.isCursorVisible());
    QCOMPARE(visibility.size(), 2);
}

void TestTerminalEmulator::throughput()
{
    // What `seq 1 2000000` writes through a pty (onlcr makes each LF a CR LF).
    QByteArray output;
    output.reserve(16 * 1024 * 1024);
    for (int i = 1; i <= 2000000; ++i) {
        output += QByteArray::number(i);
        output += "\r\n";
    }

    TerminalEmulator terminal(24, 80);
    int damageSignals = 0;
    connect(&terminal, &TerminalEmulator::damaged, this, [&damageSignals] { ++damageSignals; });

    // Fed in 64 KiB reads, as a session would from the exec websocket.
    constexpr qsizetype chunk = 64 * 1024;
    QElapsedTimer timer;
    timer.start();
    for (qsizetype offset = 0; offset < output.size(); offset += chunk)
        terminal.feed(QByteArrayView(output).sliced(offset, std::min(chunk, output.size() - offset)));
    const qint64 elapsed = std::max<qint64>(timer.elapsed(), 1);

    const double megabytes = double(output.size()) / (1024.0 * 1024.0);
    qInfo("fed %.1f MiB of `seq 1 2000000` into 80x24 in %lld ms: %.1f MiB/s", megabytes, elapsed,
          megabytes * 1000.0 / double(elapsed));

    QCOMPARE(terminal.lineText(22), QStringLiteral("2000000"));
    QCOMPARE(terminal.lineText(0), QStringLiteral("1999978"));
    QCOMPARE(terminal.scrollbackLines(), 10000);
    QCOMPARE(terminal.scrollbackLineText(9999), QStringLiteral("1999977"));
    // One damage report per feed(), not per line.
    QCOMPARE(damageSignals, int((output.size() + chunk - 1) / chunk));
}

QTEST_GUILESS_MAIN(TestTerminalEmulator)
#include "tst_terminalemulator.moc"
