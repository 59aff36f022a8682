#include "ConfigDirectory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace Secrets {

QString ConfigDirectory::path()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
}

Lxd::Error ConfigDirectory::ensurePrivate(const QString &directory)
{
    if (directory.isEmpty())
        return Lxd::Error(Lxd::Error::Kind::Io, QStringLiteral("no configuration folder was given"));
    const QFileInfo info(directory);
    if (info.exists() && !info.isDir())
        return Lxd::Error(Lxd::Error::Kind::Io, QStringLiteral("%1 is not a folder").arg(directory));
    if (!info.exists() && !QDir().mkpath(directory))
        return Lxd::Error(Lxd::Error::Kind::Io, QStringLiteral("cannot create the folder %1").arg(directory));
    if (!QFile::setPermissions(directory,
                               QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return Lxd::Error(Lxd::Error::Kind::Io,
                          QStringLiteral("cannot make the folder %1 private to its owner").arg(directory));
    return {};
}

} // namespace Secrets
