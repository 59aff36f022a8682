#pragma once

#include "KeyStore.h"
#include "lxd/Job.h"

#include <QByteArray>
#include <QString>
#include <QTimer>

class QDBusPendingCallWatcher;

namespace QKeychain {
class Job;
}

namespace Secrets {

// One store, read or remove of a secret (see KeyStore). On failure error() has the detail (never the
// secret) and failure() says what kind, so that the UI can tell "no keychain" apart and ask the user.
class KeyStoreJob final : public Lxd::Job
{
    Q_OBJECT

public:
    enum class Operation { Store, Read, Remove };
    enum class Failure {
        None,
        NoKeychain, // no Secret Service answers; nothing was written
        NotFound, // read: neither the keychain nor the fallback file has the key
        AccessDenied, // the keychain is locked or refused
        Other,
    };
    enum class Location { None, Keychain, File };

    ~KeyStoreJob() override;

    Operation operation() const { return m_operation; }
    QString key() const { return m_key; }
    Failure failure() const { return m_failure; }
    bool isNoKeychain() const { return m_failure == Failure::NoKeychain; }
    bool isNotFound() const { return m_failure == Failure::NotFound; }
    // Where the secret was stored (store) or found (read); None for remove.
    Location location() const { return m_location; }
    // The secret that read() found.
    QByteArray secret() const { return m_secret; }
    // For people: what went wrong and what they can do.
    QString userMessage() const;

private:
    friend class KeyStore;

    KeyStoreJob(Operation operation, QString service, QString key, QByteArray secret,
                KeyStore::FileFallback fallback, QString fallbackDirectory, int probeTimeoutMs,
                int keychainTimeoutMs, QObject *parent);
    void start();
    void stopWork() override;

    void onProbed(QDBusPendingCallWatcher *watcher);
    void withoutKeychain(const QString &why);
    void useKeychain();
    void onKeychainFinished(QKeychain::Job *job);
    void succeed(Location location);
    void fail(Failure failure, const QString &detail);

    Operation m_operation;
    QString m_service;
    QString m_key;
    QByteArray m_secret;
    KeyStore::FileFallback m_fallback;
    QString m_fallbackDirectory;
    int m_probeTimeoutMs;
    QTimer m_keychainTimer;
    Failure m_failure = Failure::None;
    Location m_location = Location::None;
    QDBusPendingCallWatcher *m_probe = nullptr;
};

} // namespace Secrets
