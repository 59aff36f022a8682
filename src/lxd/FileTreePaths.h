#pragma once

#include <QSet>
#include <QString>

namespace Lxd::FileTreePaths {

// Paths inside a transferred tree: relative to its top folder, names joined with "/", "" for the top
// folder itself. The same on the local disk and in an instance.

inline QString parentOf(const QString &relativePath)
{
    const qsizetype slash = relativePath.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : relativePath.left(slash);
}

inline QString nameOf(const QString &relativePath)
{
    return relativePath.mid(relativePath.lastIndexOf(QLatin1Char('/')) + 1);
}

inline QString childOf(const QString &relativeDirectory, const QString &name)
{
    return relativeDirectory.isEmpty() ? name : relativeDirectory + QLatin1Char('/') + name;
}

// Whether `relativePath` is one of `folders` or inside one of them (the top folder "" included).
inline bool isUnder(const QSet<QString> &folders, const QString &relativePath)
{
    for (QString folder = relativePath;; folder = parentOf(folder)) {
        if (folders.contains(folder))
            return true;
        if (folder.isEmpty())
            return false;
    }
}

} // namespace Lxd::FileTreePaths
