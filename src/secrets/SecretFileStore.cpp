#include "SecretFileStore.h"

#include "ConfigDirectory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUrl>

namespace Secrets {

namespace {

Lxd::Error ioError(const QString &detail)
{
    return Lxd::Error(Lxd::Error::Kind::Io, detail);
}

} // namespace

SecretFileStore::SecretFileStore(QString directory)
    : m_directory(std::move(directory))
{ }

QString SecretFileStore::filePath(const QString &key) const
{
    // Dots too, so that "." and ".." are ordinary names.
    const QByteArray name = QUrl::toPercentEncoding(key, QByteArray(), QByteArrayLiteral("."));
    return QDir(m_directory).filePath(QString::fromLatin1(name));
}

bool SecretFileStore::contains(const QString &key) const
{
    return !key.isEmpty() && QFileInfo::exists(filePath(key));
}

Lxd::Error SecretFileStore::write(const QString &key, const QByteArray &secret) const
{
    if (key.isEmpty())
        return ioError(QStringLiteral("a secret needs a name"));
    if (const Lxd::Error error = ConfigDirectory::ensurePrivate(m_directory))
        return error;
    const QString path = filePath(key);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    // On the temporary file, before a single byte of the secret is in it.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.cancelWriting();
        return ioError(QStringLiteral("cannot make %1 private to its owner").arg(path));
    }
    if (file.write(secret) != secret.size()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return ioError(QStringLiteral("cannot write %1: %2").arg(path, why));
    }
    if (!file.commit())
        return ioError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

Lxd::Error SecretFileStore::read(const QString &key, QByteArray *secret) const
{
    const QString path = filePath(key);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ioError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    *secret = file.readAll();
    return {};
}

Lxd::Error SecretFileStore::remove(const QString &key) const
{
    const QString path = filePath(key);
    if (key.isEmpty() || !QFileInfo::exists(path))
        return {};
    QFile file(path);
    if (!file.remove())
        return ioError(QStringLiteral("cannot remove %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace Secrets
