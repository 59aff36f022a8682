#include "InstanceDevicesPage.h"

#include "RowPaddingDelegate.h"

#include <QAction>
#include <QHeaderView>
#include <QSet>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

InstanceDevicesPage::InstanceDevicesPage(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
    , m_edit(new QAction(tr("Edit &Devices…"), this))
{
    m_edit->setObjectName(QStringLiteral("editInstanceDevicesAction"));
    m_edit->setToolTip(tr("Edit the instance's own devices in its configuration editor (YAML)"));
    m_edit->setStatusTip(m_edit->toolTip());
    m_edit->setEnabled(false);
    connect(m_edit, &QAction::triggered, this, &InstanceDevicesPage::editRequested);
    auto *editButton = new QToolButton(this);
    editButton->setObjectName(QStringLiteral("editDevicesToolButton"));
    editButton->setDefaultAction(m_edit);
    editButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_tree->setObjectName(QStringLiteral("devicesTreeWidget"));
    m_tree->setAccessibleName(tr("Devices"));
    m_tree->setHeaderLabels({tr("Device"), tr("Value"), tr("Set by")});
    m_tree->setAlternatingRowColors(true);
    m_tree->setItemDelegate(new RowPaddingDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->header()->resizeSection(0, 220);
    m_tree->header()->resizeSection(1, 320);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(editButton, 0, Qt::AlignLeft);
    layout->addWidget(m_tree);
}

void InstanceDevicesPage::clear()
{
    m_tree->clear();
    m_edit->setEnabled(false);
}

void InstanceDevicesPage::setInstance(const QJsonObject &object)
{
    m_edit->setEnabled(!object.value(QLatin1String("name")).toString().isEmpty());
    const QJsonObject own = object.value(QLatin1String("devices")).toObject();
    QJsonObject expanded = object.value(QLatin1String("expanded_devices")).toObject();
    if (expanded.isEmpty())
        expanded = own;
    // Keep the user's view: which devices were expanded.
    QSet<QString> open;
    for (int row = 0; row < m_tree->topLevelItemCount(); ++row) {
        if (m_tree->topLevelItem(row)->isExpanded())
            open.insert(m_tree->topLevelItem(row)->data(0, Qt::UserRole).toString());
    }
    const bool firstFill = m_tree->topLevelItemCount() == 0;
    m_tree->clear();
    for (auto device = expanded.begin(); device != expanded.end(); ++device) {
        const QJsonObject keys = device.value().toObject();
        const QString type = keys.value(QLatin1String("type")).toString();
        auto *item = new QTreeWidgetItem(
            m_tree, {device.key(), type, own.contains(device.key()) ? tr("instance") : tr("profile")});
        item->setData(0, Qt::UserRole, device.key());
        QFont bold = item->font(0);
        bold.setBold(true);
        item->setFont(0, bold);
        for (auto key = keys.begin(); key != keys.end(); ++key) {
            if (key.key() == QLatin1String("type"))
                continue;
            new QTreeWidgetItem(item, {key.key(), key.value().toString()});
        }
        item->setExpanded(firstFill || open.contains(device.key()));
    }
}
