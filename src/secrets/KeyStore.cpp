#include "KeyStore.h"

#include "KeyStoreJob.h"

#include <QDir>

namespace Secrets {

KeyStore::KeyStore(const QString &configDirectory, QObject *parent)
    : QObject(parent)
    , m_fallbackDirectory(QDir(configDirectory).filePath(QStringLiteral("secrets")))
{ }

KeyStoreJob *KeyStore::store(const QString &key, const QByteArray &secret, FileFallback fallback)
{
    auto *job = new KeyStoreJob(KeyStoreJob::Operation::Store, m_service, key, secret, fallback,
                                m_fallbackDirectory, m_probeTimeoutMs, m_keychainTimeoutMs, this);
    job->start();
    return job;
}

KeyStoreJob *KeyStore::read(const QString &key)
{
    auto *job = new KeyStoreJob(KeyStoreJob::Operation::Read, m_service, key, {}, FileFallback::Refuse,
                                m_fallbackDirectory, m_probeTimeoutMs, m_keychainTimeoutMs, this);
    job->start();
    return job;
}

KeyStoreJob *KeyStore::remove(const QString &key)
{
    auto *job = new KeyStoreJob(KeyStoreJob::Operation::Remove, m_service, key, {}, FileFallback::Refuse,
                                m_fallbackDirectory, m_probeTimeoutMs, m_keychainTimeoutMs, this);
    job->start();
    return job;
}

} // namespace Secrets
