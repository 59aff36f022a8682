#include "ObjectPropertiesWidget.h"

#include "RowPaddingDelegate.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

void addValue(QTreeWidgetItem *parent, QTreeWidget *tree, const QString &key, const QJsonValue &value)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
    item->setText(0, key);
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        item->setText(1, object.isEmpty() ? QStringLiteral("{}") : QString());
        for (auto it = object.begin(); it != object.end(); ++it)
            addValue(item, tree, it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        bool flat = true;
        QStringList texts;
        for (const QJsonValue &element : array) {
            flat = flat && !element.isObject() && !element.isArray();
            texts.append(element.toVariant().toString());
        }
        if (flat) {
            item->setText(1, texts.join(QLatin1String(", ")));
        } else {
            for (int index = 0; index < array.size(); ++index)
                addValue(item, tree, QString::number(index), array.at(index));
        }
    } else if (value.isBool()) {
        item->setText(1,
                      value.toBool() ? ObjectPropertiesWidget::tr("yes") : ObjectPropertiesWidget::tr("no"));
    } else {
        item->setText(1, value.toVariant().toString());
    }
    item->setToolTip(1, item->text(1));
}

} // namespace

ObjectPropertiesWidget::ObjectPropertiesWidget(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_message(new QLabel(this))
    , m_tree(new QTreeWidget(this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("propertiesMessageLabel"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_tree->setObjectName(QStringLiteral("propertiesTreeWidget"));
    m_tree->setAccessibleName(tr("Properties"));
    m_tree->setHeaderLabels({tr("Property"), tr("Value")});
    m_tree->setAlternatingRowColors(true);
    m_tree->setItemDelegate(new RowPaddingDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->header()->resizeSection(0, 260);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_message, 1);
}

void ObjectPropertiesWidget::setObject(const QString &title, const QJsonObject &object)
{
    m_title->setText(title);
    m_title->setVisible(true);
    m_message->setVisible(false);
    m_tree->clear();
    m_tree->setVisible(true);
    for (auto it = object.begin(); it != object.end(); ++it)
        addValue(nullptr, m_tree, it.key(), it.value());
}

void ObjectPropertiesWidget::clear(const QString &message)
{
    m_title->setVisible(false);
    m_message->setText(message);
    m_message->setVisible(true);
    m_tree->clear();
    m_tree->setVisible(false);
}
