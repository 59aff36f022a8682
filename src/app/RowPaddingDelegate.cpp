#include "RowPaddingDelegate.h"

RowPaddingDelegate::RowPaddingDelegate(QObject *parent, int padding)
    : QStyledItemDelegate(parent)
    , m_padding(padding)
{ }

QSize RowPaddingDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    return QStyledItemDelegate::sizeHint(option, index) + QSize(0, m_padding);
}
