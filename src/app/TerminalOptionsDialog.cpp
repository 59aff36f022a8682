#include "TerminalOptionsDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace {

// A user or group id: empty (LXD's default) or a number.
bool parseId(const QString &text, std::optional<quint32> *id)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        id->reset();
        return true;
    }
    bool ok = false;
    const uint value = trimmed.toUInt(&ok);
    if (ok)
        *id = value;
    return ok;
}

// "NAME=value" lines; blank lines are skipped. Returns the first bad line's number (1-based), or 0.
int parseEnvironment(const QString &text, QMap<QString, QString> *environment)
{
    static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int index = 0; index < lines.size(); ++index) {
        const QString line = lines.at(index);
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        const QString key = line.left(equals).trimmed();
        if (equals < 0 || !name.match(key).hasMatch())
            return index + 1;
        environment->insert(key, line.mid(equals + 1));
    }
    return 0;
}

// Words as a POSIX shell splits them, expanding nothing: blanks separate; '…' keeps everything;
// "…" keeps all but \" \\ \$ \` (escaped); a backslash outside quotes escapes the next character.
// Null when a quote is left open.
std::optional<QStringList> splitCommandLine(const QString &text)
{
    enum class Quote { None, Single, Double };
    QStringList words;
    QString word;
    bool inWord = false;
    Quote quote = Quote::None;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quote == Quote::Single) {
            if (c == QLatin1Char('\''))
                quote = Quote::None;
            else
                word += c;
            continue;
        }
        if (quote == Quote::Double) {
            if (c == QLatin1Char('"'))
                quote = Quote::None;
            else if (c == QLatin1Char('\\') && i + 1 < text.size()
                     && QStringLiteral("\"\\$`").contains(text.at(i + 1)))
                word += text.at(++i);
            else
                word += c;
            continue;
        }
        if (c.isSpace()) {
            if (inWord)
                words.append(std::exchange(word, {}));
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == QLatin1Char('\''))
            quote = Quote::Single;
        else if (c == QLatin1Char('"'))
            quote = Quote::Double;
        else if (c == QLatin1Char('\\') && i + 1 < text.size())
            word += text.at(++i);
        else
            word += c;
    }
    if (quote != Quote::None)
        return std::nullopt;
    if (inWord)
        words.append(word);
    return words;
}

// An argument as splitCommandLine() reads it back: bare when that is safe, else in single quotes.
QString quoteArgument(const QString &argument)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (safe.match(argument).hasMatch())
        return argument;
    return QLatin1Char('\'') + QString(argument).replace(QLatin1String("'"), QLatin1String("'\\''"))
        + QLatin1Char('\'');
}

} // namespace

TerminalOptionsDialog::TerminalOptionsDialog(const QString &target, QWidget *parent)
    : QDialog(parent)
    , m_command(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_group(new QLineEdit(this))
    , m_workingDirectory(new QLineEdit(this))
    , m_environment(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("terminalOptionsDialog"));
    setWindowTitle(tr("New Terminal in %1").arg(target));
    m_command->setObjectName(QStringLiteral("commandLineEdit"));
    m_command->setPlaceholderText(tr("The login shell, found in the instance"));
    m_command->setToolTip(tr("The program and its arguments, quoted as in a shell; nothing is expanded."));
    m_user->setObjectName(QStringLiteral("userLineEdit"));
    m_user->setPlaceholderText(tr("0 (root)"));
    m_user->setToolTip(tr("The numeric user id inside the instance"));
    m_group->setObjectName(QStringLiteral("groupLineEdit"));
    m_group->setPlaceholderText(tr("0 (root)"));
    m_group->setToolTip(tr("The numeric group id inside the instance"));
    m_workingDirectory->setObjectName(QStringLiteral("workingDirectoryLineEdit"));
    m_workingDirectory->setPlaceholderText(tr("The user's home directory"));
    m_environment->setObjectName(QStringLiteral("environmentPlainTextEdit"));
    m_environment->setPlaceholderText(tr("NAME=value, one a line"));
    m_environment->setTabChangesFocus(true);
    m_environment->setFixedHeight(m_environment->fontMetrics().lineSpacing() * 5 + 12);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #da4453;"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("buttonBox"));
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Open Terminal"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Command:"), m_command);
    form->addRow(tr("&User id:"), m_user);
    form->addRow(tr("&Group id:"), m_group);
    form->addRow(tr("&Working directory:"), m_workingDirectory);
    form->addRow(tr("&Environment:"), m_environment);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &TerminalOptionsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &TerminalOptionsDialog::reject);
    resize(qMax(sizeHint().width(), 460), sizeHint().height());
}

TerminalOptionsDialog::~TerminalOptionsDialog() = default;

void TerminalOptionsDialog::setRequest(const Lxd::ExecRequest &request)
{
    QStringList quoted;
    const QStringList command = request.command();
    for (const QString &argument : command)
        quoted.append(quoteArgument(argument));
    m_command->setText(quoted.join(QLatin1Char(' ')));
    m_user->setText(request.user() ? QString::number(*request.user()) : QString());
    m_group->setText(request.group() ? QString::number(*request.group()) : QString());
    m_workingDirectory->setText(request.workingDirectory());
    QStringList lines;
    const QMap<QString, QString> environment = request.environment();
    for (auto it = environment.cbegin(); it != environment.cend(); ++it) {
        // TERM is set by the terminal itself.
        if (it.key() != QLatin1String("TERM"))
            lines.append(it.key() + QLatin1Char('=') + it.value());
    }
    m_environment->setPlainText(lines.join(QLatin1Char('\n')));
}

QString TerminalOptionsDialog::validationError() const
{
    std::optional<quint32> id;
    if (!parseId(m_user->text(), &id))
        return tr("The user id must be a number, such as 1000.");
    if (!parseId(m_group->text(), &id))
        return tr("The group id must be a number, such as 1000.");
    const QString directory = m_workingDirectory->text().trimmed();
    if (!directory.isEmpty() && !directory.startsWith(QLatin1Char('/')))
        return tr("The working directory must be an absolute path, starting with /.");
    if (!splitCommandLine(m_command->text()))
        return tr("The command has a quote that is not closed.");
    QMap<QString, QString> environment;
    if (const int line = parseEnvironment(m_environment->toPlainText(), &environment))
        return tr("Environment line %1 is not NAME=value.").arg(line);
    return QString();
}

Lxd::ExecRequest TerminalOptionsDialog::request() const
{
    Lxd::ExecRequest request(splitCommandLine(m_command->text()).value_or(QStringList()));
    std::optional<quint32> id;
    if (parseId(m_user->text(), &id) && id)
        request.setUser(*id);
    if (parseId(m_group->text(), &id) && id)
        request.setGroup(*id);
    request.setWorkingDirectory(m_workingDirectory->text().trimmed());
    QMap<QString, QString> environment;
    parseEnvironment(m_environment->toPlainText(), &environment);
    request.setEnvironment(environment);
    return request;
}

void TerminalOptionsDialog::accept()
{
    const QString error = validationError();
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    if (error.isEmpty())
        QDialog::accept();
}
