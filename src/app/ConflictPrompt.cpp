#include "ConflictPrompt.h"

#include <QCheckBox>
#include <QMessageBox>
#include <QMetaObject>
#include <QPointer>
#include <QPushButton>

#include <optional>

using Transfers::ConflictChoice;
using Transfers::TransferConflict;

namespace {

std::optional<std::pair<ConflictChoice, bool>> nextAnswer;
int asked = 0;
TransferConflict last;

} // namespace

void ConflictPrompt::ask(QWidget *parent, const TransferConflict &conflict, QObject *context,
                         std::function<void(ConflictChoice, bool)> onAnswered)
{
    ++asked;
    last = conflict;
    if (nextAnswer) {
        const auto answer = *nextAnswer;
        nextAnswer.reset();
        QMetaObject::invokeMethod(
            context,
            [answer, onAnswered = std::move(onAnswered)] { onAnswered(answer.first, answer.second); },
            Qt::QueuedConnection);
        return;
    }
    const bool merge = conflict.existingIsFolder && conflict.incomingIsFolder;
    const QString what = conflict.existingIsFolder ? QObject::tr("A folder named “%1” exists already.")
                                                   : QObject::tr("A file named “%1” exists already.");
    auto *box = new QMessageBox(QMessageBox::Question, QObject::tr("Name exists"), what.arg(conflict.name),
                                QMessageBox::NoButton, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->setInformativeText(merge ? QObject::tr("Merging puts the new files into it and replaces files of "
                                                "the same name. %1")
                                        .arg(conflict.existingPath)
                                  : conflict.existingPath);
    QPushButton *overwrite = box->addButton(merge ? QObject::tr("&Merge") : QObject::tr("&Replace"),
                                            QMessageBox::DestructiveRole);
    QPushButton *keepBoth = box->addButton(QObject::tr("&Keep both"), QMessageBox::AcceptRole);
    QPushButton *skip = box->addButton(QObject::tr("&Skip"), QMessageBox::RejectRole);
    box->setDefaultButton(keepBoth);
    box->setEscapeButton(skip);
    QCheckBox *forAll = nullptr;
    if (conflict.remainingItems > 0) {
        forAll = new QCheckBox(
            QObject::tr("Do the same for the %n other item(s)", nullptr, conflict.remainingItems));
        box->setCheckBox(forAll);
    }
    QPointer<QObject> guard(context);
    QObject::connect(box, &QMessageBox::finished, box,
                     [box, overwrite, keepBoth, forAll, guard, onAnswered = std::move(onAnswered)] {
                         if (!guard)
                             return;
                         const QAbstractButton *clicked = box->clickedButton();
                         const ConflictChoice choice = clicked == overwrite ? ConflictChoice::Overwrite
                             : clicked == keepBoth                          ? ConflictChoice::KeepBoth
                                                                            : ConflictChoice::Skip;
                         onAnswered(choice, forAll && forAll->isChecked());
                     });
    box->open();
}

void ConflictPrompt::setNextAnswer(ConflictChoice choice, bool forAll)
{
    nextAnswer = std::make_pair(choice, forAll);
}

int ConflictPrompt::askedCount()
{
    return asked;
}

TransferConflict ConflictPrompt::lastConflict()
{
    return last;
}
