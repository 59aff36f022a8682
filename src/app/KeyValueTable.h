#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

class QPushButton;
class QTableWidget;

// An editable table of keys and values (or of rows of a few columns, such as device, key, value) with
// Add, Edit and Remove buttons. Rows whose first column is empty are ignored. A row can be marked, as
// when the server rejected its value.
class KeyValueTable final : public QWidget
{
    Q_OBJECT

public:
    explicit KeyValueTable(const QStringList &headers, QWidget *parent = nullptr);

    // Replaces every row; the current row stays on the same key when it is still there.
    void setRows(const QList<QStringList> &rows);
    QList<QStringList> rows() const;
    // Appends a row and starts editing its first empty cell.
    void addRow(const QStringList &values = {});
    void removeSelectedRows();
    // Marks the rows whose first columns are `keys` (a prefix of the row), with `toolTip` as the reason.
    void markRow(const QStringList &keys, const QString &toolTip);
    void clearMarks();
    // Rows whose first column starts with `prefix` are shown greyed (LXD's volatile keys).
    void setQuietPrefix(const QString &prefix) { m_quietPrefix = prefix; }
    void setReadOnly(bool readOnly);
    // Selects the row whose first columns are `keys`; false when there is none.
    bool selectRow(const QStringList &keys);

    QTableWidget *tableWidget() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *removeButton() const { return m_remove; }

Q_SIGNALS:
    // The user changed, added or removed a row.
    void edited();

private:
    int rowOf(const QStringList &keys) const;
    void styleRow(int row);
    void updateButtons();

    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QString m_quietPrefix;
    bool m_filling = false;
    bool m_readOnly = false;
};
