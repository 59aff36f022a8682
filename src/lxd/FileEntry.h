#pragma once

#include "HttpRequest.h"

#include <QDateTime>
#include <QString>

namespace Lxd {

// One file, folder or symbolic link inside an instance, as LXD's file API describes it in the
// X-LXD-* headers of a GET or HEAD (`instance_file_head`) reply.
struct FileEntry
{
    enum class Type { Unknown, File, Directory, Symlink };

    QString name; // the last path component
    QString path; // the full path inside the instance
    Type type = Type::Unknown;
    int mode = -1; // permission bits (07777), -1 when unknown
    qint64 uid = -1;
    qint64 gid = -1;
    qint64 size = -1; // files only; -1 when unknown
    QDateTime modified; // invalid when the server does not say (LXD < 5.0)
    // For symbolic links. LXD 5.0 reports a relative target joined with the link's folder.
    QString symlinkTarget;

    bool isFile() const { return type == Type::File; }
    bool isDirectory() const { return type == Type::Directory; }
    bool isSymlink() const { return type == Type::Symlink; }

    // Type, mode, owner and modification time from a reply's headers; `size` and `symlinkTarget` are
    // left to the caller (HEAD gives no length, and only a GET's body names a link's target).
    static FileEntry fromHeaders(const QString &path, const QList<HttpRequest::Header> &headers);

    // "file", "directory", "symlink": the words of X-LXD-type.
    static Type typeFromName(const QByteArray &name);
    static QByteArray typeName(Type type);
    // "0644" (octal, as X-LXD-mode carries it) -> 0644; -1 when not a mode.
    static int parseMode(const QByteArray &text);
    static QByteArray formatMode(int mode);
    // X-LXD-modified is Go's time.String(): "2026-11-22 06:41:47.123 +0000 UTC".
    static QDateTime parseModified(const QByteArray &text);
};

} // namespace Lxd
