#pragma once

#include "lxd/Error.h"

#include <QByteArray>
#include <QString>

namespace Secrets {

// The last resort for a secret when no keychain service exists, used only with the user's consent (see
// KeyStore): one file per key in a folder only the user can enter (0700), each file readable only by the
// user (0600), written atomically so that a crash never leaves half a key. Local files are small: the
// calls are synchronous.
class SecretFileStore final
{
public:
    explicit SecretFileStore(QString directory);

    QString directory() const { return m_directory; }
    // The file for `key`: the key percent-encoded, so that no key can name a path outside the folder.
    QString filePath(const QString &key) const;
    bool contains(const QString &key) const;

    Lxd::Error write(const QString &key, const QByteArray &secret) const;
    Lxd::Error read(const QString &key, QByteArray *secret) const;
    // Removing a key that is not there is not an error.
    Lxd::Error remove(const QString &key) const;

private:
    QString m_directory;
};

} // namespace Secrets
