#pragma once

#include "transfers/TransferConflict.h"

#include <functional>

class QObject;
class QWidget;

// Asks what to do when a transfer finds a name at its destination: Overwrite (or Merge, for a folder
// onto a folder), Skip, Keep both, with "Apply to all" when more items follow. Window-modal and
// asynchronous: `onAnswered` runs later, if `context` still lives; closing the question skips.
class ConflictPrompt final
{
public:
    static void ask(QWidget *parent, const Transfers::TransferConflict &conflict, QObject *context,
                    std::function<void(Transfers::ConflictChoice choice, bool forAll)> onAnswered);

    // Tests: the next question is answered so, without being shown.
    static void setNextAnswer(Transfers::ConflictChoice choice, bool forAll = false);
    // Tests: how many questions were asked, and the last one.
    static int askedCount();
    static Transfers::TransferConflict lastConflict();
};
