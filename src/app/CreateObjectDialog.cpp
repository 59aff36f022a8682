#include "CreateObjectDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

CreateObjectDialog::CreateObjectDialog(QWidget *parent, const QString &title, const QString &intro,
                                       const QList<Field> &fields, bool otherConfig)
    : QDialog(parent)
    , m_fields(fields)
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("createObjectDialog"));
    setWindowTitle(title);
    setWindowModality(Qt::WindowModal);
    auto *layout = new QVBoxLayout(this);
    if (!intro.isEmpty()) {
        auto *introLabel = new QLabel(intro, this);
        introLabel->setWordWrap(true);
        layout->addWidget(introLabel);
    }
    auto *form = new QFormLayout;
    for (const Field &field : fields) {
        QWidget *editor = nullptr;
        if (field.choices.isEmpty()) {
            auto *line = new QLineEdit(field.value, this);
            line->setPlaceholderText(field.placeholder);
            m_lines.insert(field.key, line);
            editor = line;
        } else {
            auto *combo = new QComboBox(this);
            combo->setEditable(true);
            combo->addItems(field.choices);
            combo->setCurrentText(field.value.isEmpty() ? field.choices.first() : field.value);
            m_combos.insert(field.key, combo);
            editor = combo;
        }
        editor->setObjectName(field.key + QStringLiteral("Field"));
        editor->setToolTip(field.toolTip);
        editor->setAccessibleName(QString(field.label).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
        editor->setMinimumWidth(300);
        form->addRow(field.label, editor);
    }
    if (otherConfig) {
        m_otherConfig = new QPlainTextEdit(this);
        m_otherConfig->setObjectName(QStringLiteral("otherConfigField"));
        m_otherConfig->setAccessibleName(tr("Other configuration"));
        m_otherConfig->setPlaceholderText(tr("key=value, one a line"));
        m_otherConfig->setTabChangesFocus(true);
        m_otherConfig->setFixedHeight(m_otherConfig->fontMetrics().lineSpacing() * 5 + 12);
        form->addRow(tr("&Other configuration:"), m_otherConfig);
    }
    layout->addLayout(form);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_error->setPalette(errorPalette);
    m_error->hide();
    layout->addWidget(m_error);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateObjectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString CreateObjectDialog::value(const QString &key) const
{
    if (const QLineEdit *line = m_lines.value(key))
        return line->text().trimmed();
    if (const QComboBox *combo = m_combos.value(key))
        return combo->currentText().trimmed();
    return {};
}

void CreateObjectDialog::setValue(const QString &key, const QString &value)
{
    if (QLineEdit *line = m_lines.value(key))
        line->setText(value);
    else if (QComboBox *combo = m_combos.value(key))
        combo->setCurrentText(value);
}

void CreateObjectDialog::setOtherConfigText(const QString &text)
{
    if (m_otherConfig)
        m_otherConfig->setPlainText(text);
}

bool CreateObjectDialog::otherConfig(QMap<QString, QString> *config, QString *error) const
{
    if (!m_otherConfig)
        return true;
    const QStringList lines = m_otherConfig->toPlainText().split(QLatin1Char('\n'));
    for (int number = 0; number < lines.size(); ++number) {
        const QString line = lines.at(number).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const int equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            *error
                = tr("Line %1 of the other configuration is not “key=value”: %2").arg(number + 1).arg(line);
            return false;
        }
        config->insert(line.left(equals).trimmed(), line.mid(equals + 1).trimmed());
    }
    return true;
}

QString CreateObjectDialog::errorText() const
{
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

void CreateObjectDialog::showError(const QString &text)
{
    setBusy(false);
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void CreateObjectDialog::setAcceptText(const QString &text)
{
    m_buttons->button(QDialogButtonBox::Ok)->setText(text);
}

void CreateObjectDialog::setBusy(bool busy)
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void CreateObjectDialog::accept()
{
    for (const Field &field : std::as_const(m_fields)) {
        if (field.required && value(field.key).isEmpty()) {
            showError(tr("%1 is required.")
                          .arg(QString(field.label).remove(QLatin1Char('&')).remove(QLatin1Char(':'))));
            if (QWidget *editor = m_lines.value(field.key))
                editor->setFocus();
            else if (QWidget *combo = m_combos.value(field.key))
                combo->setFocus();
            return;
        }
    }
    QMap<QString, QString> config;
    QString error;
    if (!otherConfig(&config, &error)) {
        showError(error);
        m_otherConfig->setFocus();
        return;
    }
    showError(QString());
    setBusy(true);
    Q_EMIT submitted();
}
