#pragma once

#include "lxd/Error.h"

#include <QString>

namespace Secrets {

// Berth's own configuration folder (QStandardPaths::AppConfigLocation, e.g. ~/.config/Berth), where the
// remotes, the client certificate and, only with the user's consent, the secrets file live. Every store
// takes the folder as a parameter so that tests and portable set-ups can put it elsewhere.
class ConfigDirectory final
{
public:
    static QString path();

    // Creates `directory` (and its parents) when missing and makes it private to the user (0700): it may
    // hold secrets, and a world-readable parent would let others list them.
    static Lxd::Error ensurePrivate(const QString &directory);
};

} // namespace Secrets
