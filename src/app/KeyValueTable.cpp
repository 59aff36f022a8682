#include "KeyValueTable.h"

#include "RowPaddingDelegate.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

constexpr int MarkedRole = Qt::UserRole + 1;

} // namespace

KeyValueTable::KeyValueTable(const QStringList &headers, QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, int(headers.size()), this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_edit(new QPushButton(tr("&Edit"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
{
    m_table->setObjectName(QStringLiteral("keyValueTableWidget"));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setAccessibleName(headers.join(QLatin1String(", ")));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setItemDelegate(new RowPaddingDelegate(m_table));
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int column = 0; column + 1 < headers.size(); ++column)
        m_table->horizontalHeader()->resizeSection(column, column == 0 ? 220 : 140);
    m_add->setObjectName(QStringLiteral("addRowPushButton"));
    m_edit->setObjectName(QStringLiteral("editRowPushButton"));
    m_remove->setObjectName(QStringLiteral("removeRowPushButton"));
    m_add->setToolTip(tr("Add a row"));
    m_edit->setToolTip(tr("Edit the value of the selected row"));
    m_remove->setToolTip(tr("Remove the selected rows"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, [this] { addRow(); });
    connect(m_remove, &QPushButton::clicked, this, &KeyValueTable::removeSelectedRows);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return;
        QTableWidgetItem *item = m_table->item(row, m_table->columnCount() - 1);
        m_table->setCurrentItem(item);
        m_table->editItem(item);
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_filling)
            return;
        styleRow(item->row());
        Q_EMIT edited();
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &KeyValueTable::updateButtons);
    updateButtons();
}

void KeyValueTable::setRows(const QList<QStringList> &rows)
{
    const int currentColumn = qMax(0, m_table->currentColumn());
    QStringList currentKeys;
    if (m_table->currentRow() >= 0) {
        for (int column = 0; column + 1 < m_table->columnCount(); ++column) {
            const QTableWidgetItem *item = m_table->item(m_table->currentRow(), column);
            currentKeys.append(item ? item->text() : QString());
        }
    }
    m_filling = true;
    m_table->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        for (int column = 0; column < m_table->columnCount(); ++column) {
            const QString text = rows.at(row).value(column);
            QTableWidgetItem *item = m_table->item(row, column);
            if (!item) {
                item = new QTableWidgetItem(text);
                m_table->setItem(row, column, item);
            } else if (item->text() != text) {
                item->setText(text);
            }
            item->setData(MarkedRole, false);
            item->setToolTip(text.size() > 40 ? text : QString());
            if (m_readOnly)
                item->setFlags(item->flags() & ~Qt::ItemIsEditable);
            else
                item->setFlags(item->flags() | Qt::ItemIsEditable);
        }
        styleRow(row);
    }
    m_filling = false;
    if (!currentKeys.isEmpty()) {
        const int row = rowOf(currentKeys);
        if (row >= 0)
            m_table->setCurrentCell(row, currentColumn);
    }
    updateButtons();
}

QList<QStringList> KeyValueTable::rows() const
{
    QList<QStringList> result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QStringList values;
        for (int column = 0; column < m_table->columnCount(); ++column) {
            const QTableWidgetItem *item = m_table->item(row, column);
            values.append(item ? item->text() : QString());
        }
        if (!values.first().trimmed().isEmpty())
            result.append(values);
    }
    return result;
}

void KeyValueTable::addRow(const QStringList &values)
{
    if (m_readOnly)
        return;
    m_filling = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    for (int column = 0; column < m_table->columnCount(); ++column)
        m_table->setItem(row, column, new QTableWidgetItem(values.value(column)));
    m_filling = false;
    int column = 0;
    while (column + 1 < m_table->columnCount() && !values.value(column).isEmpty())
        ++column;
    m_table->setCurrentCell(row, column);
    m_table->scrollToItem(m_table->item(row, column));
    if (isVisible())
        m_table->editItem(m_table->item(row, column));
    if (!values.value(0).isEmpty())
        Q_EMIT edited();
}

void KeyValueTable::removeSelectedRows()
{
    if (m_readOnly)
        return;
    QList<int> rows;
    const QList<QTableWidgetSelectionRange> ranges = m_table->selectedRanges();
    for (const QTableWidgetSelectionRange &range : ranges) {
        for (int row = range.topRow(); row <= range.bottomRow(); ++row)
            rows.append(row);
    }
    if (rows.isEmpty() && m_table->currentRow() >= 0)
        rows.append(m_table->currentRow());
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.isEmpty())
        return;
    for (int row : std::as_const(rows))
        m_table->removeRow(row);
    updateButtons();
    Q_EMIT edited();
}

int KeyValueTable::rowOf(const QStringList &keys) const
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        bool same = true;
        for (int column = 0; column < keys.size() && same; ++column) {
            const QTableWidgetItem *item = m_table->item(row, column);
            same = item && item->text() == keys.at(column);
        }
        if (same)
            return row;
    }
    return -1;
}

bool KeyValueTable::selectRow(const QStringList &keys)
{
    const int row = rowOf(keys);
    if (row < 0)
        return false;
    m_table->setCurrentCell(row, m_table->columnCount() - 1);
    m_table->scrollToItem(m_table->item(row, 0));
    return true;
}

void KeyValueTable::markRow(const QStringList &keys, const QString &toolTip)
{
    const int row = rowOf(keys);
    if (row < 0)
        return;
    m_filling = true;
    for (int column = 0; column < m_table->columnCount(); ++column) {
        if (QTableWidgetItem *item = m_table->item(row, column)) {
            item->setData(MarkedRole, true);
            item->setToolTip(toolTip);
        }
    }
    styleRow(row);
    m_filling = false;
    selectRow(keys);
}

void KeyValueTable::clearMarks()
{
    m_filling = true;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        for (int column = 0; column < m_table->columnCount(); ++column) {
            if (QTableWidgetItem *item = m_table->item(row, column)) {
                if (item->data(MarkedRole).toBool()) {
                    item->setData(MarkedRole, false);
                    item->setToolTip(QString());
                }
            }
        }
        styleRow(row);
    }
    m_filling = false;
}

void KeyValueTable::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_table->setEditTriggers(readOnly ? QAbstractItemView::NoEditTriggers
                                      : QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                     | QAbstractItemView::AnyKeyPressed);
    updateButtons();
}

void KeyValueTable::styleRow(int row)
{
    const QTableWidgetItem *first = m_table->item(row, 0);
    const bool quiet = first && !m_quietPrefix.isEmpty() && first->text().startsWith(m_quietPrefix);
    const bool marked = first && first->data(MarkedRole).toBool();
    const bool wasFilling = m_filling;
    m_filling = true;
    for (int column = 0; column < m_table->columnCount(); ++column) {
        QTableWidgetItem *item = m_table->item(row, column);
        if (!item)
            continue;
        if (marked) {
            item->setBackground(QColor(0xe0, 0x31, 0x31, 60));
            item->setForeground(QBrush());
        } else {
            item->setBackground(QBrush());
            item->setForeground(quiet ? palette().brush(QPalette::PlaceholderText) : QBrush());
        }
    }
    m_filling = wasFilling;
}

void KeyValueTable::updateButtons()
{
    const bool any = !m_table->selectedRanges().isEmpty() || m_table->currentRow() >= 0;
    m_add->setEnabled(!m_readOnly);
    m_edit->setEnabled(!m_readOnly && any);
    m_remove->setEnabled(!m_readOnly && any);
}
