#pragma once

#include <QtGlobal>

namespace Lxd {

// How a file, folder or link is written into an instance. -1 leaves a value to LXD (mode 0644 for
// files and 0755 for folders, owner root) or, for a push from a local file, takes the local mode.
struct FileWriteOptions
{
    int mode = -1;
    qint64 uid = -1;
    qint64 gid = -1;
    // LXD 5.0 keeps an existing file's mode and owner when it overwrites it, and writes through a
    // symbolic link found at the path. So an existing file or link is removed first (a folder is never
    // replaced). Turn off only when the caller knows the path is free (a folder it has just made).
    bool replaceExisting = true;
};

} // namespace Lxd
