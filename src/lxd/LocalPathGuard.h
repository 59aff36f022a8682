#pragma once

#include "Error.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

class QFile;

namespace Lxd {

// Writes below one local folder and nowhere else. Names that come from a server are checked before
// they touch the disk, and every path is walked from the folder one component at a time without
// following symbolic links (openat() with O_NOFOLLOW), so neither "..", an absolute name nor a link
// planted in the folder (pointing outside it) can make a write land elsewhere. Linux/POSIX only, as
// LXD is.
class LocalPathGuard final
{
public:
    // `root` must be an existing folder. It is opened once: renaming it later does not redirect writes.
    explicit LocalPathGuard(const QString &root);
    ~LocalPathGuard();
    LocalPathGuard(const LocalPathGuard &) = delete;
    LocalPathGuard &operator=(const LocalPathGuard &) = delete;

    bool isValid() const { return m_rootFd >= 0; }
    Error error() const { return m_error; }
    QString rootPath() const { return m_rootPath; }
    // For messages: the root joined with a relative path.
    QString absolutePath(const QString &relativePath) const;

    // Why `name` cannot be one component of a local path ("..", "a/b", "/etc", NUL…), or an empty
    // string when it can.
    static QString nameRefusal(const QString &name);
    // The same for a relative path "a/b/c" made of such components.
    static QString relativePathRefusal(const QString &relativePath);

    // Creates the folder and any missing parents (new ones with `mode`); an existing folder is fine,
    // a link or a file in the way is not. An empty path is the root itself.
    Error makeDirectory(const QString &relativePath, int mode = 0700);
    // Creates a new empty file with a temporary name in the folder of `relativePath` and opens it
    // into `file` for writing; refuses when a folder is in the way of the final name.
    Error createTemporary(const QString &relativePath, QFile *file, QString *temporaryName);
    // Renames the temporary file to `relativePath`, replacing a file or link there (never following it).
    Error commitTemporary(const QString &relativePath, const QString &temporaryName);
    void removeTemporary(const QString &relativePath, const QString &temporaryName);
    // Creates or replaces a symbolic link. The target is stored as given and never followed.
    Error makeSymlink(const QString &relativePath, const QString &target);
    // Sets a folder's mode and (when valid) modification time.
    Error setDirectoryAttributes(const QString &relativePath, int mode, const QDateTime &modified);

    // Temporary names start with this, so a user can tell what an interrupted transfer left.
    static QString temporaryPrefix() { return QStringLiteral(".berth-part-"); }

private:
    // Opens the folder made of `components` below the root (creating missing ones when `mode` >= 0);
    // -1 with `error` set when it cannot.
    int openDirectory(const QStringList &components, int mode, Error *error) const;
    int openParent(const QString &relativePath, QString *leaf, Error *error) const;

    QString m_rootPath;
    int m_rootFd = -1;
    Error m_error;
};

} // namespace Lxd
