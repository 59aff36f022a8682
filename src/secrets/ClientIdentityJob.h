#pragma once

#include "KeyStore.h"
#include "KeyStoreJob.h"
#include "lxd/Job.h"
#include "lxd/TlsIdentity.h"

#include <QByteArray>
#include <QPointer>
#include <QString>

namespace Secrets {

// Loading or saving one client identity (see ClientIdentityStore). When the key store failed,
// keyStoreFailure() says how, so that NoKeychain can be told apart and the user asked.
class ClientIdentityJob final : public Lxd::Job
{
    Q_OBJECT

public:
    enum class Operation { Load, Save };

    ~ClientIdentityJob() override;

    Operation operation() const { return m_operation; }
    QString name() const { return m_name; }
    // The certificate and key, ready for Client::overHttps() once a server fingerprint is pinned.
    Lxd::TlsIdentity identity() const;
    QByteArray certificatePem() const { return m_certificatePem; }
    // Lowercase hex SHA-256 of the certificate, as LXD's trust store lists it.
    QByteArray fingerprint() const;
    // Whether this job made a new certificate and key.
    bool wasGenerated() const { return m_generated; }
    KeyStoreJob::Failure keyStoreFailure() const { return m_keyStoreFailure; }
    bool isNoKeychain() const { return m_keyStoreFailure == KeyStoreJob::Failure::NoKeychain; }
    // Where the key is: the keychain, or the file the user allowed.
    KeyStoreJob::Location keyLocation() const { return m_keyLocation; }
    QString userMessage() const;

private:
    friend class ClientIdentityStore;

    ClientIdentityJob(Operation operation, KeyStore *keyStore, QString name, QString certificatePath,
                      KeyStore::FileFallback fallback, QObject *parent);
    void startLoad();
    void startSave(const QByteArray &certificatePem, const QByteArray &keyPem);
    void stopWork() override;

    void onKeyRead(KeyStoreJob *job);
    void generate();
    void storeKey();
    void onKeyStored(KeyStoreJob *job);
    void writeCertificate();
    void failWith(const Lxd::Error &error, KeyStoreJob::Failure keyStoreFailure = KeyStoreJob::Failure::None,
                  const QString &keyStoreMessage = {});

    Operation m_operation;
    KeyStore *m_keyStore;
    QString m_name;
    QString m_certificatePath;
    KeyStore::FileFallback m_fallback;
    QByteArray m_certificatePem;
    QByteArray m_keyPem;
    bool m_generated = false;
    KeyStoreJob::Failure m_keyStoreFailure = KeyStoreJob::Failure::None;
    KeyStoreJob::Location m_keyLocation = KeyStoreJob::Location::None;
    QString m_keyStoreMessage;
    QPointer<KeyStoreJob> m_keyJob;
};

} // namespace Secrets
