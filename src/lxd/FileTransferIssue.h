#pragma once

#include "Error.h"

#include <QString>

namespace Lxd {

// One entry that a tree transfer skipped while the rest went on.
struct FileTransferIssue
{
    enum class Kind {
        RefusedName, // a name from the server that must not become a local path ("..", "a/b", "/etc")
        Failed, // a file that could not be read, written or transferred
    };

    Kind kind = Kind::Failed;
    // Where: the folder that listed a refused name (remote for a pull), or the failed entry's path
    // (local for a push, remote for a pull).
    QString path;
    // The refused name exactly as the server gave it; empty for failures.
    QString name;
    Error error;

    static FileTransferIssue failure(const QString &path, const Error &error)
    {
        FileTransferIssue issue;
        issue.kind = Kind::Failed;
        issue.path = path;
        issue.error = error;
        return issue;
    }
};

} // namespace Lxd
