#include "terminal/TerminalEmulator.h"
#include "terminal/TerminalView.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using Terminal::TerminalEmulator;
using Terminal::TerminalView;

// The view over a bare emulator, on the offscreen platform: what a user sees, types, selects and
// copies. The emulator's program is played by the test: it feeds bytes and reads outputReady().
class TestTerminalView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void gridFollowsTheWidgetSize();
    void zoomChangesCellsAndGrid();
    void keysReachTheProgram_data();
    void keysReachTheProgram();
    void textIsPainted();
    void onlyDamagedCellsAreRepainted();
    void dragSelectsCharacters();
    void doubleClickSelectsAWord();
    void tripleClickSelectsALine();
    void copyAndPasteThroughTheClipboard();
    void middleButtonPastes();
    void scrollBarMovesThroughTheScrollback();
    void scrolledViewStaysPutWhileOutputArrives();
    void searchFindsTextInTheScrollback();
    void searchBarFindsAsYouType();
    void mouseReportsUnlessShiftIsHeld();
    void wideCharactersAreSelectedWhole();

private:
    QByteArray sent(const std::function<void()> &action);
    QPoint cellCenter(int row, int column) const;

    TerminalEmulator *m_emulator = nullptr;
    TerminalView *m_view = nullptr;
};

void TestTerminalView::init()
{
    m_emulator = new TerminalEmulator(24, 80, this);
    m_view = new TerminalView;
    m_view->setEmulator(m_emulator);
    m_view->resize(800, 480);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    m_view->setFocus();
    QTRY_VERIFY(m_view->hasFocus());
}

void TestTerminalView::cleanup()
{
    delete m_view;
    m_view = nullptr;
    delete m_emulator;
    m_emulator = nullptr;
}

QByteArray TestTerminalView::sent(const std::function<void()> &action)
{
    QSignalSpy spy(m_emulator, &TerminalEmulator::outputReady);
    action();
    QByteArray all;
    for (const QList<QVariant> &arguments : std::as_const(spy))
        all += arguments.at(0).toByteArray();
    return all;
}

QPoint TestTerminalView::cellCenter(int row, int column) const
{
    const QSize cell = m_view->cellSize();
    return m_view->cellTopLeft(row, column) + QPoint(cell.width() / 2, cell.height() / 2);
}

void TestTerminalView::gridFollowsTheWidgetSize()
{
    const QSize cell = m_view->cellSize();
    QVERIFY(cell.width() > 0 && cell.height() > 0);
    QCOMPARE(m_emulator->rows(), m_view->rows());
    QCOMPARE(m_emulator->columns(), m_view->columns());
    QCOMPARE(m_view->rows(), m_view->viewport()->height() / cell.height());

    const int columnsBefore = m_view->columns();
    const int rowsBefore = m_view->rows();
    m_view->resize(m_view->width() + 20 * cell.width(), m_view->height() + 5 * cell.height());
    QTRY_COMPARE(m_view->columns(), columnsBefore + 20);
    QCOMPARE(m_view->rows(), rowsBefore + 5);
    QCOMPARE(m_emulator->columns(), m_view->columns());
    QCOMPARE(m_emulator->rows(), m_view->rows());
}

void TestTerminalView::zoomChangesCellsAndGrid()
{
    const QSize before = m_view->cellSize();
    const int columnsBefore = m_view->columns();
    QTest::keyClick(m_view, Qt::Key_Equal, Qt::ControlModifier);
    QTest::keyClick(m_view, Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(m_view->cellSize().height() > before.height());
    QVERIFY(m_view->columns() < columnsBefore);
    QCOMPARE(m_emulator->columns(), m_view->columns());

    QTest::keyClick(m_view, Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(m_view, Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(m_view, Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(m_view->cellSize().height() < before.height());
    QVERIFY(m_view->columns() > columnsBefore);

    QTest::keyClick(m_view, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(m_view->cellSize(), before);
    QCOMPARE(m_view->columns(), columnsBefore);
}

void TestTerminalView::keysReachTheProgram_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("modifiers");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");
    const int none = Qt::NoModifier;
    QTest::newRow("letter") << int(Qt::Key_A) << none << QStringLiteral("a") << QByteArray("a");
    QTest::newRow("shifted") << int(Qt::Key_A) << int(Qt::ShiftModifier) << QStringLiteral("A")
                             << QByteArray("A");
    QTest::newRow("enter") << int(Qt::Key_Return) << none << QStringLiteral("\r") << QByteArray("\r");
    QTest::newRow("tab") << int(Qt::Key_Tab) << none << QStringLiteral("\t") << QByteArray("\t");
    QTest::newRow("shift+tab") << int(Qt::Key_Backtab) << int(Qt::ShiftModifier) << QString()
                               << QByteArray("\x1b[Z");
    QTest::newRow("backspace") << int(Qt::Key_Backspace) << none << QString() << QByteArray("\x7f");
    QTest::newRow("escape") << int(Qt::Key_Escape) << none << QString() << QByteArray("\x1b");
    QTest::newRow("up") << int(Qt::Key_Up) << none << QString() << QByteArray("\x1b[A");
    QTest::newRow("ctrl+left") << int(Qt::Key_Left) << int(Qt::ControlModifier) << QString()
                               << QByteArray("\x1b[1;5D");
    QTest::newRow("delete") << int(Qt::Key_Delete) << none << QString() << QByteArray("\x1b[3~");
    QTest::newRow("f1") << int(Qt::Key_F1) << none << QString() << QByteArray("\x1bOP");
    QTest::newRow("f12") << int(Qt::Key_F12) << none << QString() << QByteArray("\x1b[24~");
    // As a platform reports it (text "\x03") and as QTest does (text "c").
    QTest::newRow("ctrl+c platform") << int(Qt::Key_C) << int(Qt::ControlModifier) << QStringLiteral("\x03")
                                     << QByteArray("\x03");
    QTest::newRow("ctrl+c") << int(Qt::Key_C) << int(Qt::ControlModifier) << QStringLiteral("c")
                            << QByteArray("\x03");
    QTest::newRow("ctrl+d") << int(Qt::Key_D) << int(Qt::ControlModifier) << QStringLiteral("d")
                            << QByteArray("\x04");
    QTest::newRow("ctrl+[") << int(Qt::Key_BracketLeft) << int(Qt::ControlModifier) << QStringLiteral("\x1b")
                            << QByteArray("\x1b");
    QTest::newRow("alt+x") << int(Qt::Key_X) << int(Qt::AltModifier) << QStringLiteral("x")
                           << QByteArray("\x1bx");
    QTest::newRow("utf-8") << int(Qt::Key_unknown) << none << QStringLiteral("é") << QByteArray("\xc3\xa9");
}

void TestTerminalView::keysReachTheProgram()
{
    QFETCH(int, key);
    QFETCH(int, modifiers);
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    const QByteArray output = sent([&] {
        QKeyEvent press(QEvent::KeyPress, key, Qt::KeyboardModifiers(modifiers), text);
        QApplication::sendEvent(m_view, &press);
    });
    QCOMPARE(output, bytes);
}

void TestTerminalView::textIsPainted()
{
    // Painting runs over every kind of cell without trouble, and draws something besides the background.
    m_emulator->feed(
        "plain \x1b[1mbold\x1b[0m \x1b[3mitalic\x1b[0m \x1b[4munder\x1b[0m \x1b[7mreverse\x1b[0m "
        "\x1b[31mred\x1b[0m \x1b[48;2;10;200;30mtrue\x1b[0m wide:\xe4\xb8\xad\xe6\x96\x87 "
        "e\xcc\x81\r\n");
    const QImage image = m_view->viewport()->grab().toImage();
    const QRect firstLine(QPoint(0, 0), QSize(m_view->viewport()->width(), m_view->cellSize().height()));
    QSet<QRgb> colors;
    for (int y = firstLine.top(); y <= firstLine.bottom(); ++y) {
        for (int x = firstLine.left(); x <= firstLine.right(); ++x)
            colors.insert(image.pixel(x, y));
    }
    QVERIFY2(colors.size() > 3, "text, red text and a true-colour background are drawn");
    QVERIFY(colors.contains(qRgb(10, 200, 30)));
    QCOMPARE(m_view->visibleLineText(0),
             QStringLiteral("plain bold italic under reverse red true wide:中文 e\u0301"));
}

namespace {

// Records the regions painted on a widget.
class PaintRecorder : public QObject
{
public:
    QRegion painted;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            painted += static_cast<QPaintEvent *>(event)->region();
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

void TestTerminalView::onlyDamagedCellsAreRepainted()
{
    m_emulator->feed("\x1b[10;1H");
    QTest::qWait(50);
    PaintRecorder recorder;
    m_view->viewport()->installEventFilter(&recorder);
    m_emulator->feed("x");
    QTRY_VERIFY(!recorder.painted.isEmpty());
    const QSize cell = m_view->cellSize();
    // Row 9 (the character and the cursor after it) and nothing far from it.
    const QRect bounds = recorder.painted.boundingRect();
    QVERIFY2(bounds.top() >= 9 * cell.height() - 1 && bounds.bottom() <= 10 * cell.height() + 1,
             qPrintable(QStringLiteral("painted %1,%2 %3x%4")
                            .arg(bounds.x())
                            .arg(bounds.y())
                            .arg(bounds.width())
                            .arg(bounds.height())));
    QVERIFY(bounds.width() < 4 * cell.width());
    m_view->viewport()->removeEventFilter(&recorder);
}

void TestTerminalView::dragSelectsCharacters()
{
    m_emulator->feed("first line\r\nsecond line here\r\n");
    QSignalSpy changed(m_view, &TerminalView::selectionChanged);
    QWidget *viewport = m_view->viewport();
    QTest::mousePress(viewport, Qt::LeftButton, {}, cellCenter(0, 6));
    QTest::mouseMove(viewport, cellCenter(1, 5));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, cellCenter(1, 5));
    QVERIFY(m_view->hasSelection());
    QVERIFY(changed.count() > 0);
    QCOMPARE(m_view->selectedText(), QStringLiteral("line\nsecond"));

    // A click without a drag selects nothing.
    QTest::mouseClick(viewport, Qt::LeftButton, {}, cellCenter(0, 2));
    QVERIFY(!m_view->hasSelection());
}

void TestTerminalView::doubleClickSelectsAWord()
{
    m_emulator->feed("ls /usr/share/doc-base and more\r\n");
    QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {}, cellCenter(0, 8));
    QCOMPARE(m_view->selectedText(), QStringLiteral("/usr/share/doc-base"));
    QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {}, cellCenter(0, 25));
    QCOMPARE(m_view->selectedText(), QStringLiteral("and"));
}

void TestTerminalView::tripleClickSelectsALine()
{
    m_emulator->feed("one\r\nthe whole second line\r\nthree\r\n");
    QWidget *viewport = m_view->viewport();
    QTest::mouseDClick(viewport, Qt::LeftButton, {}, cellCenter(1, 5));
    QTest::mousePress(viewport, Qt::LeftButton, {}, cellCenter(1, 5));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, cellCenter(1, 5));
    QCOMPARE(m_view->selectedText(), QStringLiteral("the whole second line"));
}

void TestTerminalView::copyAndPasteThroughTheClipboard()
{
    m_emulator->feed("copy me please\r\n");
    QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {}, cellCenter(0, 1));
    QCOMPARE(m_view->selectedText(), QStringLiteral("copy"));
    QApplication::clipboard()->clear();
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("copy"));

    QApplication::clipboard()->setText(QStringLiteral("pasted\nlines"));
    const QByteArray output
        = sent([&] { QTest::keyClick(m_view, Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier); });
    QCOMPARE(output, QByteArray("pasted\rlines"));

    // Bracketed paste when the program asks for it.
    m_emulator->feed("\x1b[?2004h");
    const QByteArray bracketed
        = sent([&] { QTest::keyClick(m_view, Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier); });
    QCOMPARE(bracketed, QByteArray("\x1b[200~pasted\rlines\x1b[201~"));
}

void TestTerminalView::middleButtonPastes()
{
    QClipboard *clipboard = QApplication::clipboard();
    const QClipboard::Mode mode
        = clipboard->supportsSelection() ? QClipboard::Selection : QClipboard::Clipboard;
    clipboard->setText(QStringLiteral("from the middle"), mode);
    const QByteArray output
        = sent([&] { QTest::mouseClick(m_view->viewport(), Qt::MiddleButton, {}, cellCenter(2, 2)); });
    QCOMPARE(output, QByteArray("from the middle"));
}

void TestTerminalView::scrollBarMovesThroughTheScrollback()
{
    for (int i = 1; i <= 100; ++i)
        m_emulator->feed("line " + QByteArray::number(i) + "\r\n");
    QScrollBar *bar = m_view->verticalScrollBar();
    QCOMPARE(bar->maximum(), m_emulator->scrollbackLines());
    QCOMPARE(bar->value(), bar->maximum());
    const int rows = m_view->rows();
    // The screen shows the last lines, the cursor on an empty line at the bottom.
    QCOMPARE(m_view->visibleLineText(rows - 2), QStringLiteral("line 100"));

    bar->setValue(0);
    QCOMPARE(m_view->scrollOffset(), m_emulator->scrollbackLines());
    QCOMPARE(m_view->visibleLineText(0), QStringLiteral("line 1"));

    QTest::keyClick(m_view, Qt::Key_PageDown, Qt::ShiftModifier);
    QCOMPARE(m_view->visibleLineText(0), QStringLiteral("line %1").arg(rows));
    QTest::keyClick(m_view, Qt::Key_PageUp, Qt::ShiftModifier);
    QCOMPARE(m_view->visibleLineText(0), QStringLiteral("line 1"));

    // The wheel scrolls three lines a notch.
    QWheelEvent wheel(cellCenter(3, 3), m_view->viewport()->mapToGlobal(cellCenter(3, 3)), QPoint(),
                      QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(m_view->viewport(), &wheel);
    QCOMPARE(m_view->visibleLineText(0), QStringLiteral("line 4"));

    // Typing goes back to the bottom.
    sent([&] { QTest::keyClick(m_view, Qt::Key_A); });
    QCOMPARE(m_view->scrollOffset(), 0);
    QCOMPARE(bar->value(), bar->maximum());
}

void TestTerminalView::scrolledViewStaysPutWhileOutputArrives()
{
    for (int i = 1; i <= 60; ++i)
        m_emulator->feed("old " + QByteArray::number(i) + "\r\n");
    m_view->scrollLines(10);
    const QString top = m_view->visibleLineText(0);
    for (int i = 1; i <= 30; ++i)
        m_emulator->feed("new " + QByteArray::number(i) + "\r\n");
    QCOMPARE(m_view->visibleLineText(0), top);

    // Even when the scrollback is full and drops its oldest lines.
    m_emulator->setScrollbackLimit(m_emulator->scrollbackLines());
    m_view->scrollLines(-1000);
    m_view->scrollLines(20);
    const QString held = m_view->visibleLineText(0);
    m_emulator->feed("more 1\r\nmore 2\r\nmore 3\r\n");
    QCOMPARE(m_view->visibleLineText(0), held);
}

void TestTerminalView::searchFindsTextInTheScrollback()
{
    for (int i = 1; i <= 200; ++i)
        m_emulator->feed("entry " + QByteArray::number(i) + (i == 42 ? " needle" : "") + "\r\n");
    m_emulator->feed("needle on screen\r\n");

    // Backwards from the bottom: the one on screen first, then the one deep in the history.
    QVERIFY(m_view->find(QStringLiteral("needle")));
    QCOMPARE(m_view->selectedText(), QStringLiteral("needle"));
    QCOMPARE(m_view->scrollOffset(), 0);
    QVERIFY(m_view->find(QStringLiteral("NEEDLE")));
    QCOMPARE(m_view->selectedText(), QStringLiteral("needle"));
    bool visible = false;
    for (int row = 0; row < m_view->rows(); ++row)
        visible = visible || m_view->visibleLineText(row) == QStringLiteral("entry 42 needle");
    QVERIFY2(visible, "the match in the scrollback is scrolled into view");
    QVERIFY(m_view->scrollOffset() > 0);

    // Case-sensitive finds nothing; wrapping around finds the screen one again.
    m_view->clearSelection();
    QVERIFY(!m_view->find(QStringLiteral("NEEDLE"), TerminalView::FindCaseSensitive));
    QVERIFY(m_view->find(QStringLiteral("needle on")));
    QCOMPARE(m_view->scrollOffset(), 0);
    // Forward from the last match wraps to the top of the history, and on to the screen again.
    QVERIFY(m_view->find(QStringLiteral("needle"), TerminalView::FindForward));
    QVERIFY(m_view->scrollOffset() > 0);
    QVERIFY(m_view->find(QStringLiteral("needle"), TerminalView::FindForward));
    QCOMPARE(m_view->scrollOffset(), 0);
    QCOMPARE(m_view->selectedText(), QStringLiteral("needle"));
    QVERIFY(!m_view->find(QStringLiteral("absent")));
}

void TestTerminalView::searchBarFindsAsYouType()
{
    for (int i = 1; i <= 100; ++i)
        m_emulator->feed("row " + QByteArray::number(i) + "\r\n");
    QTest::keyClick(m_view, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    auto *field = m_view->findChild<QLineEdit *>();
    QVERIFY(field);
    QTRY_VERIFY(field->hasFocus());
    QTest::keyClicks(field, QStringLiteral("row 7"));
    QCOMPARE(m_view->selectedText(), QStringLiteral("row 7"));
    // Enter: the previous match ("row 79", "row 78" … come after "row 7" is typed whole).
    QTest::keyClick(field, Qt::Key_Return);
    QVERIFY(m_view->hasSelection());
    QTest::keyClick(field, Qt::Key_Escape);
    QVERIFY(!field->isVisible());
    QTRY_VERIFY(m_view->hasFocus());
}

void TestTerminalView::mouseReportsUnlessShiftIsHeld()
{
    m_emulator->feed("some text to select\r\n\x1b[?1000h\x1b[?1006h");
    const QByteArray report
        = sent([&] { QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, cellCenter(0, 2)); });
    QCOMPARE(report, QByteArray("\x1b[<0;3;1M\x1b[<0;3;1m"));
    QVERIFY(!m_view->hasSelection());

    const QByteArray none = sent(
        [&] { QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, Qt::ShiftModifier, cellCenter(0, 1)); });
    QVERIFY(none.isEmpty());
    QCOMPARE(m_view->selectedText(), QStringLiteral("some"));
}

void TestTerminalView::wideCharactersAreSelectedWhole()
{
    m_emulator->feed("ab\xe4\xb8\xad\xe6\x96\x87"
                     "cd\r\n"); // ab中文cd: the CJK characters take two cells each
    QWidget *viewport = m_view->viewport();
    QTest::mousePress(viewport, Qt::LeftButton, {}, cellCenter(0, 1));
    QTest::mouseMove(viewport, cellCenter(0, 5));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, cellCenter(0, 5));
    QCOMPARE(m_view->selectedText(), QStringLiteral("b中文"));
    QVERIFY(m_view->find(QStringLiteral("文c")));
    QCOMPARE(m_view->selectedText(), QStringLiteral("文c"));
}

QTEST_MAIN(TestTerminalView)
#include "tst_terminalview.moc"
