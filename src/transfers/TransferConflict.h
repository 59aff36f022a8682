#pragma once

#include <QString>

namespace Transfers {

// What to do when a name that a transfer is about to write exists already.
enum class ConflictChoice {
    Ask, // ask through TransferQueue::conflictAsked (a policy, never an answer)
    Overwrite, // replace a file; merge into a folder, replacing its files of the same name
    Skip,
    KeepBoth, // write under a free name: "notes (2).txt"
};

// The question a transfer asks when a name exists at its destination.
struct TransferConflict
{
    QString name; // the entry's name
    QString existingPath; // where the existing one is (a local path, or a path in the target instance)
    bool existingIsFolder = false;
    bool incomingIsFolder = false;
    int remainingItems = 0; // items after this one, for an "apply to all" choice
};

} // namespace Transfers
