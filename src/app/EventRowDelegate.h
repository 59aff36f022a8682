#pragma once

#include <QStyledItemDelegate>

// Colours of the event monitor's rows: the type column by type (lifecycle, operation, logging), the
// action or level by severity, debug lines greyed, errors on red, and the notes that mark a stream's
// gap on amber, in italics. Light and dark variants follow the theme.
class EventRowDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
