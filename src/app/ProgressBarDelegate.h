#pragma once

#include <QStyledItemDelegate>

#include <functional>

// Draws a progress bar with its text in a cell of a list of jobs or operations; cells that know no
// percentage show their text as usual.
class ProgressBarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    struct Progress
    {
        int percent = -1; // 0–100; -1 draws no bar
        QString text;
    };
    using Reader = std::function<Progress(const QModelIndex &index)>;

    explicit ProgressBarDelegate(Reader reader, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    Reader m_reader;
};
