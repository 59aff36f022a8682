#pragma once

#include <QIdentityProxyModel>

// The navigation tree as the window shows it: NavigationTreeModel (which knows no widgets or icons)
// with an icon for every node, remotes badged with their connection state, and unreachable remotes
// greyed.
class NavigationIconProxyModel final : public QIdentityProxyModel
{
    Q_OBJECT

public:
    explicit NavigationIconProxyModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
};
