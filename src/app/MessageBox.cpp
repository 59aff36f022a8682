#include "MessageBox.h"

#include <QPushButton>

#include <optional>

namespace {

std::optional<MessageBox::Answer> nextAnswer;
bool testMode = false;
QString lastShown;
int shownCount = 0;

} // namespace

void MessageBox::record(const QString &title, const QString &text)
{
    lastShown = title + QLatin1Char('\n') + text;
    ++shownCount;
}

void MessageBox::confirm(QWidget *parent, const QString &title, const QString &text,
                         const QString &acceptLabel, QObject *context, std::function<void()> onAccepted,
                         bool destructive, const QString &informativeText, std::function<void()> onRejected)
{
    record(title, informativeText.isEmpty() ? text : text + QLatin1Char('\n') + informativeText);
    if (nextAnswer || testMode) {
        const Answer answer = nextAnswer.value_or(Answer::Reject);
        nextAnswer.reset();
        // Answered later, as a shown dialog would be, so callers see the same order of events.
        if (answer == Answer::Accept)
            QMetaObject::invokeMethod(context, std::move(onAccepted), Qt::QueuedConnection);
        else if (onRejected)
            QMetaObject::invokeMethod(context, std::move(onRejected), Qt::QueuedConnection);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->setInformativeText(informativeText);
    QPushButton *accept
        = box->addButton(acceptLabel, destructive ? QMessageBox::DestructiveRole : QMessageBox::AcceptRole);
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    // A destructive question defaults to the harmless answer.
    box->setDefaultButton(destructive ? cancel : accept);
    box->setEscapeButton(cancel);
    QPointer<QObject> guard(context);
    QObject::connect(
        box, &QMessageBox::finished, box,
        [box, accept, guard, onAccepted = std::move(onAccepted), onRejected = std::move(onRejected)] {
            if (!guard)
                return;
            if (box->clickedButton() == accept)
                onAccepted();
            else if (onRejected)
                onRejected();
        });
    box->open();
}

void MessageBox::error(QWidget *parent, const QString &title, const QString &text, const QString &detail)
{
    record(title, detail.isEmpty() ? text : text + QLatin1Char('\n') + detail);
    if (testMode)
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal); // several failures may be reported at once
    box->setDetailedText(detail);
    box->open();
}

void MessageBox::information(QWidget *parent, const QString &title, const QString &text)
{
    record(title, text);
    if (testMode)
        return;
    auto *box = new QMessageBox(QMessageBox::Information, title, text, QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::RichText);
    box->open();
}

void MessageBox::setNextAnswer(Answer answer)
{
    nextAnswer = answer;
}

void MessageBox::setTestMode(bool on)
{
    testMode = on;
}

QString MessageBox::lastMessage()
{
    return lastShown;
}

int MessageBox::messageCount()
{
    return shownCount;
}

void MessageBox::clearMessages()
{
    lastShown.clear();
    shownCount = 0;
}
