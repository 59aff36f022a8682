#include "TerminalOptionsDialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>

// "New Terminal with Options…": what the fields turn into, and how bad input is refused.
class TestTerminalOptionsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commandIsSplitAsAShellWould_data();
    void commandIsSplitAsAShellWould();
    void badInputIsNamedAndKeepsTheDialogOpen_data();
    void badInputIsNamedAndKeepsTheDialogOpen();
    void fieldsBecomeTheRequest();
    void requestRoundTripsThroughTheFields();
};

static QStringList words(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *word : list)
        result.append(QString::fromUtf8(word));
    return result;
}

static QLineEdit *field(const QDialog &dialog, const char *name)
{
    return dialog.findChild<QLineEdit *>(QLatin1String(name));
}

void TestTerminalOptionsDialog::commandIsSplitAsAShellWould_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("empty: the login shell") << QString() << QStringList();
    QTest::newRow("blanks only") << QStringLiteral("   ") << QStringList();
    QTest::newRow("plain") << QStringLiteral("  /bin/ls  -l /tmp ") << words({"/bin/ls", "-l", "/tmp"});
    QTest::newRow("single quotes keep all")
        << QStringLiteral("sh -c 'echo \"$HOME\" \\n'") << words({"sh", "-c", "echo \"$HOME\" \\n"});
    QTest::newRow("double quotes and escapes")
        << QStringLiteral("echo \"a \\\"b\\\" \\$c \\x\"") << words({"echo", "a \"b\" $c \\x"});
    QTest::newRow("backslash outside quotes") << QStringLiteral("echo a\\ b") << words({"echo", "a b"});
    QTest::newRow("empty argument") << QStringLiteral("printf '' x") << words({"printf", "", "x"});
    QTest::newRow("quotes join a word") << QStringLiteral("a'b c'\"d\"") << words({"ab cd"});
}

void TestTerminalOptionsDialog::commandIsSplitAsAShellWould()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    TerminalOptionsDialog dialog(QStringLiteral("c1 · local"));
    field(dialog, "commandLineEdit")->setText(text);
    QCOMPARE(dialog.validationError(), QString());
    QCOMPARE(dialog.request().command(), expected);
}

void TestTerminalOptionsDialog::badInputIsNamedAndKeepsTheDialogOpen_data()
{
    QTest::addColumn<QString>("fieldName");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("user not a number") << QStringLiteral("userLineEdit") << QStringLiteral("alice")
                                       << QStringLiteral("user id must be a number");
    QTest::newRow("negative group") << QStringLiteral("groupLineEdit") << QStringLiteral("-1")
                                    << QStringLiteral("group id must be a number");
    QTest::newRow("relative directory") << QStringLiteral("workingDirectoryLineEdit") << QStringLiteral("tmp")
                                        << QStringLiteral("absolute path");
    QTest::newRow("open single quote") << QStringLiteral("commandLineEdit") << QStringLiteral("sh -c 'echo")
                                       << QStringLiteral("quote that is not closed");
    QTest::newRow("open double quote") << QStringLiteral("commandLineEdit") << QStringLiteral("echo \"a")
                                       << QStringLiteral("quote that is not closed");
    QTest::newRow("environment without =")
        << QStringLiteral("environment") << QStringLiteral("A=1\n\nJUSTNAME") << QStringLiteral("line 3");
    QTest::newRow("environment bad name")
        << QStringLiteral("environment") << QStringLiteral("1A=x") << QStringLiteral("line 1");
}

void TestTerminalOptionsDialog::badInputIsNamedAndKeepsTheDialogOpen()
{
    QFETCH(QString, fieldName);
    QFETCH(QString, text);
    QFETCH(QString, error);
    TerminalOptionsDialog dialog(QStringLiteral("c1 · local"));
    dialog.show();
    if (fieldName == QLatin1String("environment"))
        dialog.findChild<QPlainTextEdit *>(QStringLiteral("environmentPlainTextEdit"))->setPlainText(text);
    else
        dialog.findChild<QLineEdit *>(fieldName)->setText(text);
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    auto *label = dialog.findChild<QLabel *>(QStringLiteral("errorLabel"));
    QVERIFY(label->isVisible());
    QVERIFY2(label->text().contains(error), qPrintable(label->text()));
}

void TestTerminalOptionsDialog::fieldsBecomeTheRequest()
{
    TerminalOptionsDialog dialog(QStringLiteral("c1 · local"));
    dialog.show();
    field(dialog, "commandLineEdit")->setText(QStringLiteral("/bin/sh -l"));
    field(dialog, "userLineEdit")->setText(QStringLiteral(" 1000 "));
    field(dialog, "groupLineEdit")->setText(QStringLiteral("0"));
    field(dialog, "workingDirectoryLineEdit")->setText(QStringLiteral("/srv/app"));
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("environmentPlainTextEdit"))
        ->setPlainText(QStringLiteral("GREETING=hello there\n\nEMPTY=\nURL=a=b"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const Lxd::ExecRequest request = dialog.request();
    QCOMPARE(request.command(), QStringList({QStringLiteral("/bin/sh"), QStringLiteral("-l")}));
    QCOMPARE(request.user(), std::optional<quint32>(1000));
    QCOMPARE(request.group(), std::optional<quint32>(0));
    QCOMPARE(request.workingDirectory(), QStringLiteral("/srv/app"));
    const QMap<QString, QString> environment {{QStringLiteral("GREETING"), QStringLiteral("hello there")},
                                              {QStringLiteral("EMPTY"), QString()},
                                              {QStringLiteral("URL"), QStringLiteral("a=b")}};
    QCOMPARE(request.environment(), environment);

    // Left empty: LXD's defaults (root, the home directory) and the login shell.
    TerminalOptionsDialog defaults(QStringLiteral("c1 · local"));
    QCOMPARE(defaults.validationError(), QString());
    QVERIFY(defaults.request().command().isEmpty());
    QVERIFY(!defaults.request().user());
    QVERIFY(!defaults.request().group());
    QVERIFY(defaults.request().workingDirectory().isEmpty());
}

void TestTerminalOptionsDialog::requestRoundTripsThroughTheFields()
{
    Lxd::ExecRequest request({QStringLiteral("sh"), QStringLiteral("-c"),
                              QStringLiteral("echo 'it''s' \"$X\""), QString(), QStringLiteral("plain")});
    request.setUser(33);
    request.setWorkingDirectory(QStringLiteral("/var/www"));
    request.setEnvironmentVariable(QStringLiteral("X"), QStringLiteral("1 2"));
    request.setEnvironmentVariable(QStringLiteral("TERM"), QStringLiteral("xterm-256color"));
    TerminalOptionsDialog dialog(QStringLiteral("c1 · local"));
    dialog.setRequest(request);
    QCOMPARE(dialog.validationError(), QString());
    const Lxd::ExecRequest back = dialog.request();
    QCOMPARE(back.command(), request.command());
    QCOMPARE(back.user(), request.user());
    QVERIFY(!back.group());
    QCOMPARE(back.workingDirectory(), request.workingDirectory());
    // TERM belongs to the terminal, not to the user's choices.
    QCOMPARE(back.environment(), (QMap<QString, QString> {{QStringLiteral("X"), QStringLiteral("1 2")}}));
}

QTEST_MAIN(TestTerminalOptionsDialog)
#include "tst_terminaloptionsdialog.moc"
