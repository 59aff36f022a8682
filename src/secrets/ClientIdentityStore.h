#pragma once

#include "ConfigDirectory.h"
#include "KeyStore.h"

#include <QByteArray>
#include <QObject>
#include <QString>

namespace Secrets {

class ClientIdentityJob;

// The client certificates Berth authenticates with: its own, made on first need (the kind `lxc` makes),
// and named ones taken over from `lxc` or Incus (LxcConfigImporter) so that remotes that trust those keep
// working. Certificates are public and live in the configuration folder ("client.crt",
// "identities/<name>.crt"); private keys are secrets and live in the KeyStore ("client.key",
// "client.key/<name>"). A key is stored before its certificate is written, so a certificate on disk always
// had its key stored.
class ClientIdentityStore final : public QObject
{
    Q_OBJECT

public:
    explicit ClientIdentityStore(KeyStore *keyStore, const QString &configDirectory = ConfigDirectory::path(),
                                 QObject *parent = nullptr);

    QString configDirectory() const { return m_directory; }
    // The empty name is Berth's own identity. Names are letters, digits, '.', '_' and '-'.
    QString certificatePath(const QString &name = {}) const;
    static QString keyName(const QString &name = {});
    static bool isValidName(const QString &name);

    // Loads an identity into a TlsIdentity (with no pin). Berth's own is generated when it has no
    // certificate yet, or when its key is gone (a new certificate, which remotes must trust again); with no
    // keychain that needs `fallback` Allow, as KeyStore explains. A named identity must have been saved.
    ClientIdentityJob *load(const QString &name = {},
                            KeyStore::FileFallback fallback = KeyStore::FileFallback::Refuse);
    // Saves a certificate and its key under `name`, after checking that they belong together.
    ClientIdentityJob *save(const QString &name, const QByteArray &certificatePem, const QByteArray &keyPem,
                            KeyStore::FileFallback fallback = KeyStore::FileFallback::Refuse);

private:
    KeyStore *m_keyStore;
    QString m_directory;
};

} // namespace Secrets
