#include "NavigationIconProxyModel.h"

#include "Icons.h"

#include <QApplication>
#include <QPalette>

using Models::NavigationTreeModel;
using Models::Remote;

NavigationIconProxyModel::NavigationIconProxyModel(QObject *parent)
    : QIdentityProxyModel(parent)
{ }

QVariant NavigationIconProxyModel::data(const QModelIndex &index, int role) const
{
    if (role != Qt::DecorationRole && role != Qt::ForegroundRole)
        return QIdentityProxyModel::data(index, role);
    const auto type = index.data(NavigationTreeModel::NodeTypeRole).value<NavigationTreeModel::NodeType>();
    if (role == Qt::ForegroundRole) {
        if (type == NavigationTreeModel::NodeType::Remote
            && index.data(NavigationTreeModel::ConnectionStateRole).value<Remote::State>()
                != Remote::State::Connected)
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return QIdentityProxyModel::data(index, role);
    }
    switch (type) {
    case NavigationTreeModel::NodeType::Remote:
        return Icons::remote(index.data(NavigationTreeModel::ConnectionStateRole).value<Remote::State>());
    case NavigationTreeModel::NodeType::Project:
        return Icons::glyph(Icons::Glyph::Project);
    case NavigationTreeModel::NodeType::Section:
        return Icons::section(
            index.data(NavigationTreeModel::SectionRole).value<NavigationTreeModel::Section>());
    }
    return {};
}
