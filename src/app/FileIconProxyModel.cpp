#include "FileIconProxyModel.h"

#include "lxd/FileEntry.h"

FileIconProxyModel::FileIconProxyModel(int typeRole, QObject *parent)
    : QIdentityProxyModel(parent)
    , m_typeRole(typeRole)
{ }

QVariant FileIconProxyModel::data(const QModelIndex &index, int role) const
{
    if (role != Qt::DecorationRole || index.column() != 0)
        return QIdentityProxyModel::data(index, role);
    if (m_typeRole < 0)
        return m_icons.icon(QAbstractFileIconProvider::Folder);
    switch (static_cast<Lxd::FileEntry::Type>(QIdentityProxyModel::data(index, m_typeRole).toInt())) {
    case Lxd::FileEntry::Type::Directory:
        return m_icons.icon(QAbstractFileIconProvider::Folder);
    case Lxd::FileEntry::Type::Symlink: {
        // The file icon with the theme's link emblem where it has one.
        const QIcon link = QIcon::fromTheme(QStringLiteral("emblem-symbolic-link"));
        return link.isNull() ? m_icons.icon(QAbstractFileIconProvider::File) : link;
    }
    default:
        return m_icons.icon(QAbstractFileIconProvider::File);
    }
}
