#include "InstanceConfigPage.h"

#include "ConfigEditor.h"
#include "ConfigEditorDialog.h"
#include "RowPaddingDelegate.h"
#include "models/Remote.h"

#include <QAction>
#include <QHeaderView>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

InstanceConfigPage::InstanceConfigPage(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
    , m_edit(new QAction(tr("&Edit Configuration…"), this))
{
    m_edit->setObjectName(QStringLiteral("editInstanceConfigAction"));
    m_edit->setToolTip(
        tr("Edit the instance's configuration: a form, every key, or the whole of it as YAML"));
    m_edit->setStatusTip(m_edit->toolTip());
    m_edit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_edit->setShortcutContext(Qt::WindowShortcut);
    m_edit->setEnabled(false);
    connect(m_edit, &QAction::triggered, this, [this] { openEditor(); });
    auto *editButton = new QToolButton(this);
    editButton->setObjectName(QStringLiteral("editConfigToolButton"));
    editButton->setDefaultAction(m_edit);
    editButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_tree->setObjectName(QStringLiteral("configTreeWidget"));
    m_tree->setAccessibleName(tr("Configuration keys"));
    m_tree->setHeaderLabels({tr("Key"), tr("Value"), tr("Set by")});
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setItemDelegate(new RowPaddingDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setSortingEnabled(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_tree->header()->resizeSection(0, 260);
    m_tree->header()->resizeSection(1, 320);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(editButton, 0, Qt::AlignLeft);
    layout->addWidget(m_tree);
}

void InstanceConfigPage::clear()
{
    m_tree->clear();
    m_remote = nullptr;
    m_name.clear();
    m_edit->setEnabled(false);
}

void InstanceConfigPage::openEditor(int tab)
{
    if (!m_remote || m_name.isEmpty())
        return;
    ConfigEditorDialog *dialog
        = ConfigEditorDialog::open(ConfigObject::instance(m_remote, m_project, m_name), window());
    if (tab >= 0)
        dialog->editor()->tabWidget()->setCurrentIndex(tab);
    connect(dialog, &ConfigEditorDialog::statusMessage, this, &InstanceConfigPage::statusMessage,
            Qt::UniqueConnection);
}

void InstanceConfigPage::setInstance(Models::Remote *remote, const QString &project,
                                     const QJsonObject &object)
{
    m_remote = remote;
    m_project = project;
    m_name = object.value(QLatin1String("name")).toString();
    m_edit->setEnabled(m_remote && !m_name.isEmpty());

    const QJsonObject own = object.value(QLatin1String("config")).toObject();
    QJsonObject expanded = object.value(QLatin1String("expanded_config")).toObject();
    if (expanded.isEmpty())
        expanded = own;
    QStringList keys = expanded.keys();
    // Keys the user chose first; LXD's own bookkeeping after.
    std::stable_sort(keys.begin(), keys.end(), [](const QString &left, const QString &right) {
        const bool leftVolatile = left.startsWith(QLatin1String("volatile."));
        const bool rightVolatile = right.startsWith(QLatin1String("volatile."));
        if (leftVolatile != rightVolatile)
            return rightVolatile;
        return left < right;
    });
    const QString scrolledTo = m_tree->currentItem() ? m_tree->currentItem()->text(0) : QString();
    m_tree->clear();
    const QColor quiet = palette().color(QPalette::PlaceholderText);
    for (const QString &key : std::as_const(keys)) {
        const QString value = expanded.value(key).toString();
        const QString source = own.contains(key) ? tr("instance") : tr("profile");
        auto *item = new QTreeWidgetItem(m_tree, {key, value, source});
        item->setToolTip(1, value);
        if (key.startsWith(QLatin1String("volatile."))) {
            for (int column = 0; column < 3; ++column)
                item->setForeground(column, quiet);
        }
        if (key == scrolledTo)
            m_tree->setCurrentItem(item);
    }
}
