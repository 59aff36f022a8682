#pragma once

#include <QStyledItemDelegate>

// Gives the rows of dense lists (configuration keys, devices, snapshots) a little air, the way
// desktop list views look; everything else is the standard delegate.
class RowPaddingDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit RowPaddingDelegate(QObject *parent = nullptr, int padding = 6);

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_padding;
};
