#pragma once

#include "lxd/FileManager.h"

#include <QString>

namespace Transfers {

// The instance at one end of a transfer: its files, and the remote's name as people know it ("local").
struct InstanceLocation
{
    Lxd::FileManager files;
    QString remote;

    QString instance() const { return files.instance(); }
    QString project() const { return files.client().project(); }
    // "local:c1", as `lxc` writes it.
    QString label() const { return remote.isEmpty() ? instance() : remote + QLatin1Char(':') + instance(); }
};

} // namespace Transfers
