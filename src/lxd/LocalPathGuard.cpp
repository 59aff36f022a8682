#include "LocalPathGuard.h"

#include <QFile>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Lxd {

namespace {

// NAME_MAX on Linux file systems.
constexpr qsizetype MaxNameBytes = 255;

QByteArray encoded(const QString &name)
{
    return QFile::encodeName(name);
}

Error ioError(const QString &what, int error)
{
    return Error(Error::Kind::Io,
                 QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(error))));
}

Error refusal(const QString &what)
{
    return Error(Error::Kind::Io, what);
}

QString randomTemporaryName()
{
    return LocalPathGuard::temporaryPrefix()
        + QString::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, QLatin1Char('0'));
}

// Closes a descriptor when it goes out of scope.
struct FdCloser
{
    int fd;
    ~FdCloser()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

LocalPathGuard::LocalPathGuard(const QString &root)
    : m_rootPath(root)
{
    // The root itself is the caller's choice: following a link to it is fine. Everything below is not.
    m_rootFd = ::open(encoded(root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (m_rootFd < 0)
        m_error = ioError(QStringLiteral("cannot open the folder %1").arg(root), errno);
}

LocalPathGuard::~LocalPathGuard()
{
    if (m_rootFd >= 0)
        ::close(m_rootFd);
}

QString LocalPathGuard::absolutePath(const QString &relativePath) const
{
    if (relativePath.isEmpty())
        return m_rootPath;
    return m_rootPath.endsWith(QLatin1Char('/')) ? m_rootPath + relativePath
                                                 : m_rootPath + QLatin1Char('/') + relativePath;
}

QString LocalPathGuard::nameRefusal(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("an empty name");
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return QStringLiteral("\"%1\" names a folder itself or its parent, not an entry").arg(name);
    if (name.startsWith(QLatin1Char('/')))
        return QStringLiteral("an absolute path is not a name");
    if (name.contains(QLatin1Char('/')))
        return QStringLiteral("a name with a slash is a path, not a name");
    if (name.contains(QChar(0)))
        return QStringLiteral("a name with a NUL character");
    if (encoded(name).size() > MaxNameBytes)
        return QStringLiteral("a name longer than %1 bytes").arg(MaxNameBytes);
    return {};
}

QString LocalPathGuard::relativePathRefusal(const QString &relativePath)
{
    if (relativePath.isEmpty())
        return QStringLiteral("an empty path");
    if (relativePath.startsWith(QLatin1Char('/')))
        return QStringLiteral("an absolute path");
    const QStringList components = relativePath.split(QLatin1Char('/'));
    for (const QString &component : components) {
        if (component.isEmpty())
            return QStringLiteral("a path with an empty component");
        const QString why = nameRefusal(component);
        if (!why.isEmpty())
            return why;
    }
    return {};
}

int LocalPathGuard::openDirectory(const QStringList &components, int mode, Error *error) const
{
    if (m_rootFd < 0) {
        *error = m_error;
        return -1;
    }
    int fd = ::fcntl(m_rootFd, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
        *error = ioError(m_rootPath, errno);
        return -1;
    }
    QString walked = m_rootPath;
    for (const QString &component : components) {
        walked += QLatin1Char('/') + component;
        const QByteArray name = encoded(component);
        if (mode >= 0 && ::mkdirat(fd, name.constData(), static_cast<mode_t>(mode)) != 0 && errno != EEXIST) {
            *error = ioError(QStringLiteral("cannot make the folder %1").arg(walked), errno);
            ::close(fd);
            return -1;
        }
        // O_NOFOLLOW: a link here, wherever it points, is never walked through.
        const int next = ::openat(fd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        const int openError = errno;
        if (next < 0) {
            struct stat info;
            if (::fstatat(fd, name.constData(), &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(info.st_mode))
                *error = refusal(
                    QStringLiteral("%1 is a symbolic link: Berth does not write through links").arg(walked));
            else if (openError == ENOTDIR || openError == ELOOP)
                *error = refusal(QStringLiteral("%1 is not a folder").arg(walked));
            else
                *error = ioError(QStringLiteral("cannot open the folder %1").arg(walked), openError);
            ::close(fd);
            return -1;
        }
        ::close(fd);
        fd = next;
    }
    return fd;
}

int LocalPathGuard::openParent(const QString &relativePath, QString *leaf, Error *error) const
{
    const QString why = relativePathRefusal(relativePath);
    if (!why.isEmpty()) {
        *error = refusal(QStringLiteral("refused the path \"%1\": %2").arg(relativePath, why));
        return -1;
    }
    QStringList components = relativePath.split(QLatin1Char('/'));
    *leaf = components.takeLast();
    return openDirectory(components, -1, error);
}

Error LocalPathGuard::makeDirectory(const QString &relativePath, int mode)
{
    QStringList components;
    if (!relativePath.isEmpty()) {
        const QString why = relativePathRefusal(relativePath);
        if (!why.isEmpty())
            return refusal(QStringLiteral("refused the path \"%1\": %2").arg(relativePath, why));
        components = relativePath.split(QLatin1Char('/'));
    }
    Error error;
    const int fd = openDirectory(components, mode & 07777, &error);
    if (fd >= 0)
        ::close(fd);
    return error;
}

Error LocalPathGuard::createTemporary(const QString &relativePath, QFile *file, QString *temporaryName)
{
    QString leaf;
    Error error;
    const FdCloser directory {openParent(relativePath, &leaf, &error)};
    if (directory.fd < 0)
        return error;
    struct stat info;
    if (::fstatat(directory.fd, encoded(leaf).constData(), &info, AT_SYMLINK_NOFOLLOW) == 0
        && S_ISDIR(info.st_mode))
        return refusal(QStringLiteral("%1 is a folder").arg(absolutePath(relativePath)));

    for (int attempt = 0; attempt < 8; ++attempt) {
        const QString name = randomTemporaryName();
        const int fd = ::openat(directory.fd, encoded(name).constData(),
                                O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0) {
            if (errno == EEXIST)
                continue;
            return ioError(QStringLiteral("cannot create a file beside %1").arg(absolutePath(relativePath)),
                           errno);
        }
        if (!file->open(fd, QIODevice::WriteOnly | QIODevice::Unbuffered, QFileDevice::AutoCloseHandle)) {
            ::close(fd);
            ::unlinkat(directory.fd, encoded(name).constData(), 0);
            return refusal(QStringLiteral("cannot open %1: %2").arg(name, file->errorString()));
        }
        *temporaryName = name;
        return {};
    }
    return refusal(QStringLiteral("no free temporary name beside %1").arg(absolutePath(relativePath)));
}

Error LocalPathGuard::commitTemporary(const QString &relativePath, const QString &temporaryName)
{
    QString leaf;
    Error error;
    const FdCloser directory {openParent(relativePath, &leaf, &error)};
    if (directory.fd < 0)
        return error;
    // rename() replaces a link at the destination itself; it never writes through it.
    if (::renameat(directory.fd, encoded(temporaryName).constData(), directory.fd, encoded(leaf).constData())
        != 0)
        return ioError(QStringLiteral("cannot rename the download to %1").arg(absolutePath(relativePath)),
                       errno);
    return {};
}

void LocalPathGuard::removeTemporary(const QString &relativePath, const QString &temporaryName)
{
    if (temporaryName.isEmpty() || !temporaryName.startsWith(temporaryPrefix()))
        return;
    QString leaf;
    Error error;
    const FdCloser directory {openParent(relativePath, &leaf, &error)};
    if (directory.fd >= 0)
        ::unlinkat(directory.fd, encoded(temporaryName).constData(), 0);
}

Error LocalPathGuard::makeSymlink(const QString &relativePath, const QString &target)
{
    if (target.isEmpty() || target.contains(QChar(0)))
        return refusal(QStringLiteral("refused an empty or invalid link target for %1").arg(relativePath));
    QString leaf;
    Error error;
    const FdCloser directory {openParent(relativePath, &leaf, &error)};
    if (directory.fd < 0)
        return error;
    struct stat info;
    if (::fstatat(directory.fd, encoded(leaf).constData(), &info, AT_SYMLINK_NOFOLLOW) == 0
        && S_ISDIR(info.st_mode))
        return refusal(QStringLiteral("%1 is a folder").arg(absolutePath(relativePath)));
    // Made under a temporary name and renamed, so an existing file or link is replaced in one step.
    for (int attempt = 0; attempt < 8; ++attempt) {
        const QByteArray name = encoded(randomTemporaryName());
        if (::symlinkat(encoded(target).constData(), directory.fd, name.constData()) != 0) {
            if (errno == EEXIST)
                continue;
            return ioError(QStringLiteral("cannot make the link %1").arg(absolutePath(relativePath)), errno);
        }
        if (::renameat(directory.fd, name.constData(), directory.fd, encoded(leaf).constData()) != 0) {
            const int renameError = errno;
            ::unlinkat(directory.fd, name.constData(), 0);
            return ioError(QStringLiteral("cannot make the link %1").arg(absolutePath(relativePath)),
                           renameError);
        }
        return {};
    }
    return refusal(QStringLiteral("no free temporary name beside %1").arg(absolutePath(relativePath)));
}

Error LocalPathGuard::setDirectoryAttributes(const QString &relativePath, int mode, const QDateTime &modified)
{
    QStringList components;
    if (!relativePath.isEmpty()) {
        const QString why = relativePathRefusal(relativePath);
        if (!why.isEmpty())
            return refusal(QStringLiteral("refused the path \"%1\": %2").arg(relativePath, why));
        components = relativePath.split(QLatin1Char('/'));
    }
    Error error;
    const FdCloser directory {openDirectory(components, -1, &error)};
    if (directory.fd < 0)
        return error;
    if (mode >= 0 && ::fchmod(directory.fd, static_cast<mode_t>(mode & 07777)) != 0)
        return ioError(QStringLiteral("cannot set the mode of %1").arg(absolutePath(relativePath)), errno);
    if (modified.isValid()) {
        const qint64 msecs = modified.toMSecsSinceEpoch();
        struct timespec times[2];
        times[0].tv_sec = 0;
        times[0].tv_nsec = UTIME_OMIT;
        times[1].tv_sec = static_cast<time_t>(msecs / 1000);
        times[1].tv_nsec = static_cast<long>((msecs % 1000) * 1000000);
        if (::futimens(directory.fd, times) != 0)
            return ioError(QStringLiteral("cannot set the time of %1").arg(absolutePath(relativePath)),
                           errno);
    }
    return {};
}

} // namespace Lxd
