#include "EventRowDelegate.h"

#include "Theme.h"
#include "models/EventLogModel.h"
#include "models/EventRecord.h"

#include <QColor>

using Models::EventLogModel;
using Models::EventRecord;

namespace {

QColor pick(const char *light, const char *dark)
{
    return QColor(QLatin1String(Theme::isDark() ? dark : light));
}

QColor typeColor(const QString &type)
{
    if (type == QLatin1String("lifecycle"))
        return pick("#1565c0", "#64b5f6");
    if (type == QLatin1String("operation"))
        return pick("#6a1b9a", "#ce93d8");
    if (type == QLatin1String("logging"))
        return pick("#00695c", "#4db6ac");
    return {};
}

} // namespace

void EventRowDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto kind = EventRecord::Kind(index.data(EventLogModel::KindRole).toInt());
    const auto severity = EventRecord::Severity(index.data(EventLogModel::SeverityRole).toInt());
    const int column = index.column();

    if (kind != EventRecord::Kind::Event) {
        option->backgroundBrush = pick("#fff3cd", "#4a3b00");
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, pick("#6d4c00", "#ffe082"));
        return;
    }
    if (severity == EventRecord::Severity::Error)
        option->backgroundBrush = pick("#fde2e1", "#4a1c1c");
    if (severity == EventRecord::Severity::Debug)
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));

    if (column == EventLogModel::Type) {
        const QColor color = typeColor(index.data(EventLogModel::TypeRole).toString());
        if (color.isValid())
            option->palette.setColor(QPalette::Text, color);
    } else if (column == EventLogModel::Action) {
        if (severity == EventRecord::Severity::Error) {
            option->palette.setColor(QPalette::Text, pick("#c62828", "#ef9a9a"));
            option->font.setBold(true);
        } else if (severity == EventRecord::Severity::Warning) {
            option->palette.setColor(QPalette::Text, pick("#b25e00", "#ffb74d"));
            option->font.setBold(true);
        }
    }
}
