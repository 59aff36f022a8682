#include "terminal/TerminalScrollback.h"

#include <QTest>

using Terminal::TerminalCell;
using Terminal::TerminalScrollback;

// The scrollback ring on its own: order, limit, taking lines back, and storage reuse.
class TestTerminalScrollback : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsLinesOldestFirst();
    void dropsOldestAtLimit();
    void takeNewestGivesLinesBackInOrder();
    void shrinkingLimitKeepsNewest();
    void zeroLimitKeepsNothing();
    void outOfRangeIsEmpty();
    void reusedSlotLeavesCopiesAlone();

private:
    static void push(TerminalScrollback &scrollback, int number, int cells = 3);
    static int numberOf(const QList<TerminalCell> &line);
    static QList<int> numbers(const TerminalScrollback &scrollback);
};

// A line of `cells` cells, all holding the code point `number` + 0x100 (so it is never blank).
void TestTerminalScrollback::push(TerminalScrollback &scrollback, int number, int cells)
{
    TerminalCell cell;
    const char32_t c = char32_t(0x100 + number);
    cell.setChars(std::u32string_view(&c, 1));
    const QList<TerminalCell> line(cells, cell);
    scrollback.push(line.constData(), line.size());
}

int TestTerminalScrollback::numberOf(const QList<TerminalCell> &line)
{
    if (line.isEmpty() || line.first().chars().empty())
        return -1;
    return int(line.first().chars().front()) - 0x100;
}

QList<int> TestTerminalScrollback::numbers(const TerminalScrollback &scrollback)
{
    QList<int> result;
    for (int i = 0; i < scrollback.size(); ++i)
        result.append(numberOf(scrollback.line(i)));
    return result;
}

void TestTerminalScrollback::keepsLinesOldestFirst()
{
    TerminalScrollback scrollback(5);
    QVERIFY(scrollback.isEmpty());
    for (int i = 0; i < 3; ++i)
        push(scrollback, i, i + 1);
    QCOMPARE(numbers(scrollback), QList<int>({0, 1, 2}));
    QCOMPARE(scrollback.line(2).size(), 3);
}

void TestTerminalScrollback::dropsOldestAtLimit()
{
    TerminalScrollback scrollback(10);
    for (int i = 0; i < 25; ++i)
        push(scrollback, i);
    QCOMPARE(scrollback.size(), 10);
    QCOMPARE(numbers(scrollback), QList<int>({15, 16, 17, 18, 19, 20, 21, 22, 23, 24}));
}

void TestTerminalScrollback::takeNewestGivesLinesBackInOrder()
{
    TerminalScrollback scrollback(4);
    for (int i = 0; i < 6; ++i) // wraps: holds 2..5
        push(scrollback, i);
    QCOMPARE(numberOf(scrollback.takeNewest()), 5);
    QCOMPARE(numberOf(scrollback.takeNewest()), 4);
    QCOMPARE(numbers(scrollback), QList<int>({2, 3}));
    push(scrollback, 40);
    push(scrollback, 50);
    push(scrollback, 60); // full again: drops 2
    QCOMPARE(numbers(scrollback), QList<int>({3, 40, 50, 60}));
    for (int i = 0; i < 4; ++i)
        scrollback.takeNewest();
    QVERIFY(scrollback.isEmpty());
    QVERIFY(scrollback.takeNewest().isEmpty());
    push(scrollback, 7);
    QCOMPARE(numbers(scrollback), QList<int>({7}));
}

void TestTerminalScrollback::shrinkingLimitKeepsNewest()
{
    TerminalScrollback scrollback(6);
    for (int i = 0; i < 9; ++i) // wraps: holds 3..8
        push(scrollback, i);
    scrollback.setLimit(3);
    QCOMPARE(numbers(scrollback), QList<int>({6, 7, 8}));
    push(scrollback, 9);
    QCOMPARE(numbers(scrollback), QList<int>({7, 8, 9}));
    scrollback.setLimit(5);
    push(scrollback, 10);
    push(scrollback, 11);
    push(scrollback, 12);
    QCOMPARE(numbers(scrollback), QList<int>({8, 9, 10, 11, 12}));
}

void TestTerminalScrollback::zeroLimitKeepsNothing()
{
    TerminalScrollback scrollback(0);
    push(scrollback, 1);
    QCOMPARE(scrollback.size(), 0);
    TerminalScrollback negative(-5);
    QCOMPARE(negative.limit(), 0);
}

void TestTerminalScrollback::outOfRangeIsEmpty()
{
    TerminalScrollback scrollback;
    QCOMPARE(scrollback.limit(), TerminalScrollback::DefaultLimit);
    push(scrollback, 1);
    QVERIFY(scrollback.line(-1).isEmpty());
    QVERIFY(scrollback.line(1).isEmpty());
}

void TestTerminalScrollback::reusedSlotLeavesCopiesAlone()
{
    TerminalScrollback scrollback(2);
    push(scrollback, 1);
    const QList<TerminalCell> copy = scrollback.line(0);
    push(scrollback, 2);
    push(scrollback, 3); // overwrites the slot of line 1
    QCOMPARE(numbers(scrollback), QList<int>({2, 3}));
    QCOMPARE(numberOf(copy), 1);
}

QTEST_GUILESS_MAIN(TestTerminalScrollback)
#include "tst_terminalscrollback.moc"
