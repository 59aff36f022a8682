#pragma once

#include <QFileIconProvider>
#include <QIdentityProxyModel>

// Adds the desktop's file, folder and link icons to the Files tab's models, which know only types
// (Qt Core): the first column of every row gets the icon of its entry's type.
class FileIconProxyModel final : public QIdentityProxyModel
{
    Q_OBJECT

public:
    // `typeRole` holds an Lxd::FileEntry::Type as int; without it (-1) every row is a folder.
    explicit FileIconProxyModel(int typeRole, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    int m_typeRole;
    QFileIconProvider m_icons;
};
