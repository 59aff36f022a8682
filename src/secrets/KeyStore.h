#pragma once

#include "ConfigDirectory.h"

#include <QByteArray>
#include <QObject>
#include <QString>

namespace Secrets {

class KeyStoreJob;

// Secrets (client keys, tokens, passwords) by name in the desktop's keychain: the Secret Service on the
// D-Bus session bus (GNOME Keyring, KeePassXC, KWallet's bridge…), through QtKeychain. Every call returns a
// job that never blocks.
//
// Before it touches the keychain, a job asks the session bus whether a Secret Service answers. When none
// does, the job fails with KeyStoreJob::Failure::NoKeychain and writes nothing, unless the caller passed
// FileFallback::Allow, a decision only the user can make (the UI asks). Then the secret goes to a file only
// the user can read (SecretFileStore, in "secrets/" of the configuration folder). Reads look in the
// keychain first, then in that file. Secrets never go to logs, QSettings (QtKeychain's own insecure
// fallback stays off) or error messages.
class KeyStore final : public QObject
{
    Q_OBJECT

public:
    enum class FileFallback { Refuse, Allow };

    explicit KeyStore(const QString &configDirectory = ConfigDirectory::path(), QObject *parent = nullptr);

    // QtKeychain's "service": the Secret Service attribute "server" that groups Berth's secrets.
    QString service() const { return m_service; }
    void setService(const QString &service) { m_service = service; }
    // Where secrets go with FileFallback::Allow.
    QString fallbackDirectory() const { return m_fallbackDirectory; }
    // How long to wait for a Secret Service to answer before deciding there is none.
    void setProbeTimeout(int milliseconds) { m_probeTimeoutMs = milliseconds; }
    // How long a keychain call may take (the user may be typing the keyring's password in its prompt)
    // before the job gives up, so that a keychain that never answers cannot hang a caller.
    void setKeychainTimeout(int milliseconds) { m_keychainTimeoutMs = milliseconds; }

    KeyStoreJob *store(const QString &key, const QByteArray &secret,
                       FileFallback fallback = FileFallback::Refuse);
    // Finds the secret in the keychain, else in the fallback file; Failure::NotFound when neither has it.
    KeyStoreJob *read(const QString &key);
    // Removes the secret from the keychain and from the fallback file. Without a keychain the file is still
    // removed, and the job reports NoKeychain: what the keychain holds could not be removed.
    KeyStoreJob *remove(const QString &key);

private:
    QString m_service = QStringLiteral("Berth");
    QString m_fallbackDirectory;
    int m_probeTimeoutMs = 15000;
    int m_keychainTimeoutMs = 300000;
};

} // namespace Secrets
