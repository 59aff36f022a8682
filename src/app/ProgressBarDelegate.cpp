#include "ProgressBarDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace {

// The bar takes at most this much of the cell; the text goes beside it, never over the fill, where
// no colour would read well on both the filled and the empty part in every style and palette.
constexpr int MaxBarWidth = 90;
constexpr int MinTextWidth = 40;
constexpr int Gap = 6;

} // namespace

ProgressBarDelegate::ProgressBarDelegate(Reader reader, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_reader(std::move(reader))
{ }

void ProgressBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    const Progress progress = m_reader(index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    if (progress.percent < 0) {
        QStyleOptionViewItem textOption(option);
        initStyleOption(&textOption, index);
        textOption.text = progress.text;
        style->drawControl(QStyle::CE_ItemViewItem, &textOption, painter, widget);
        return;
    }
    // The row's background (selection, alternate colour) first, with no text.
    QStyleOptionViewItem background(option);
    initStyleOption(&background, index);
    background.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    // A slim bar at the left of the cell, as tall as a line of text, centred.
    const QRect cell = option.rect.adjusted(3, 0, -3, 0);
    const int barWidth = qBound(0, cell.width() / 3, MaxBarWidth);
    const int barHeight = qMin(cell.height() - 4, option.fontMetrics.height() - 2);
    QStyleOptionProgressBar bar;
    bar.rect = QRect(cell.left(), cell.top() + (cell.height() - barHeight) / 2, barWidth, barHeight);
    bar.minimum = 0;
    bar.maximum = 100;
    bar.progress = qBound(0, progress.percent, 100);
    bar.textVisible = false;
    bar.state = (option.state & ~QStyle::State_Selected) | QStyle::State_Horizontal;
    bar.palette = option.palette;
    // Styles draw the empty part in the base colour, which a dark palette shares with the row: lift it
    // so the bar's length shows on dark rows too.
    const QColor base = option.palette.color(QPalette::Base);
    if (base.lightness() < 128)
        bar.palette.setColor(QPalette::Base, base.lighter(220));
    bar.fontMetrics = option.fontMetrics;
    bar.direction = option.direction;
    if (cell.width() - barWidth - Gap >= MinTextWidth)
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    else
        bar.rect.setWidth(0); // too narrow for both: the text alone says more

    // The text in the cell's own colours, so it reads on the row whatever the theme.
    QRect textRect = cell;
    textRect.setLeft(bar.rect.width() > 0 ? bar.rect.right() + Gap : cell.left());
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
        : (option.state & QStyle::State_Active)                                ? QPalette::Active
                                                                               : QPalette::Inactive;
    painter->save();
    painter->setFont(option.font);
    painter->setPen(option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    const QString text = option.fontMetrics.elidedText(progress.text, Qt::ElideRight, textRect.width());
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, text);
    painter->restore();
}
