#include "ClientIdentityStore.h"

#include "ClientIdentityJob.h"

#include <QDir>
#include <QRegularExpression>

namespace Secrets {

ClientIdentityStore::ClientIdentityStore(KeyStore *keyStore, const QString &configDirectory, QObject *parent)
    : QObject(parent)
    , m_keyStore(keyStore)
    , m_directory(configDirectory)
{ }

bool ClientIdentityStore::isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$"));
    return name.isEmpty() || pattern.match(name).hasMatch();
}

QString ClientIdentityStore::certificatePath(const QString &name) const
{
    const QDir directory(m_directory);
    if (name.isEmpty())
        return directory.filePath(QStringLiteral("client.crt"));
    return directory.filePath(QStringLiteral("identities/%1.crt").arg(name));
}

QString ClientIdentityStore::keyName(const QString &name)
{
    return name.isEmpty() ? QStringLiteral("client.key") : QStringLiteral("client.key/") + name;
}

ClientIdentityJob *ClientIdentityStore::load(const QString &name, KeyStore::FileFallback fallback)
{
    auto *job = new ClientIdentityJob(ClientIdentityJob::Operation::Load, m_keyStore, name,
                                      isValidName(name) ? certificatePath(name) : QString(), fallback, this);
    job->startLoad();
    return job;
}

ClientIdentityJob *ClientIdentityStore::save(const QString &name, const QByteArray &certificatePem,
                                             const QByteArray &keyPem, KeyStore::FileFallback fallback)
{
    auto *job = new ClientIdentityJob(ClientIdentityJob::Operation::Save, m_keyStore, name,
                                      isValidName(name) ? certificatePath(name) : QString(), fallback, this);
    job->startSave(certificatePem, keyPem);
    return job;
}

} // namespace Secrets
