#include "TextPrompt.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QPointer>

#include <optional>

namespace {

std::optional<QString> nextAnswer;
bool testMode = false;
QString lastAsked;

} // namespace

void TextPrompt::ask(QWidget *parent, const QString &title, const QString &label, const QString &text,
                     QObject *context, std::function<void(const QString &)> onAccepted)
{
    lastAsked = label;
    if (nextAnswer || testMode) {
        const QString answer = nextAnswer.value_or(QString()).trimmed();
        nextAnswer.reset();
        if (!answer.isEmpty()) {
            QMetaObject::invokeMethod(
                context, [answer, onAccepted = std::move(onAccepted)] { onAccepted(answer); },
                Qt::QueuedConnection);
        }
        return;
    }
    auto *dialog = new QInputDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setWindowTitle(title);
    dialog->setLabelText(label);
    dialog->setTextValue(text);
    dialog->setInputMode(QInputDialog::TextInput);
    dialog->setMinimumWidth(360);
    QPointer<QObject> guard(context);
    QObject::connect(dialog, &QInputDialog::textValueSelected, dialog,
                     [guard, onAccepted = std::move(onAccepted)](const QString &value) {
                         if (guard && !value.trimmed().isEmpty())
                             onAccepted(value.trimmed());
                     });
    dialog->open();
    // Select the text so typing replaces it, as rename fields do everywhere.
    if (auto *edit = dialog->findChild<QLineEdit *>())
        edit->selectAll();
}

void TextPrompt::setNextAnswer(const QString &text)
{
    nextAnswer = text;
}

void TextPrompt::setTestMode(bool on)
{
    testMode = on;
}

QString TextPrompt::lastLabel()
{
    return lastAsked;
}
