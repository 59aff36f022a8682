#include "ImageDetailWidget.h"

#include "ImageActions.h"
#include "ObjectPropertiesWidget.h"
#include "models/Remote.h"
#include "models/ResourceTableModel.h"

#include <QAction>
#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

ImageDetailWidget::ImageDetailWidget(ImageActions *actions, QWidget *parent)
    : QWidget(parent)
    , m_actions(actions)
    , m_summary(new QWidget(this))
    , m_title(new QLabel(m_summary))
    , m_facts(new QLabel(m_summary))
    , m_aliases(new QListWidget(m_summary))
    , m_addAlias(new QPushButton(tr("&Add…"), m_summary))
    , m_removeAlias(new QPushButton(tr("Re&move"), m_summary))
    , m_public(new QCheckBox(tr("P&ublic: servers that do not trust this one may download it"), m_summary))
    , m_autoUpdate(new QCheckBox(tr("Auto-up&date from where it came from"), m_summary))
    , m_properties(new ObjectPropertiesWidget(this))
{
    setObjectName(QStringLiteral("imageDetailWidget"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setWordWrap(true);

    m_aliases->setObjectName(QStringLiteral("imageAliasListWidget"));
    m_aliases->setAccessibleName(tr("Aliases"));
    m_aliases->setMaximumHeight(m_aliases->fontMetrics().height() * 4 + 12);
    m_aliases->setSelectionMode(QAbstractItemView::SingleSelection);
    m_addAlias->setObjectName(QStringLiteral("addAliasButton"));
    m_addAlias->setAccessibleName(tr("Add an alias"));
    m_removeAlias->setObjectName(QStringLiteral("removeAliasButton"));
    m_removeAlias->setAccessibleName(tr("Remove the selected alias"));
    m_public->setObjectName(QStringLiteral("publicCheckBox"));
    m_autoUpdate->setObjectName(QStringLiteral("autoUpdateCheckBox"));

    auto *aliasButtons = new QVBoxLayout;
    aliasButtons->addWidget(m_addAlias);
    aliasButtons->addWidget(m_removeAlias);
    aliasButtons->addStretch();
    auto *aliasRow = new QHBoxLayout;
    aliasRow->addWidget(m_aliases, 1);
    aliasRow->addLayout(aliasButtons);

    auto *form = new QFormLayout;
    form->addRow(tr("Aliases:"), aliasRow);
    form->addRow(QString(), m_public);
    form->addRow(QString(), m_autoUpdate);

    auto *summaryLayout = new QVBoxLayout(m_summary);
    summaryLayout->setContentsMargins(0, 4, 0, 0);
    summaryLayout->addWidget(m_title);
    summaryLayout->addWidget(m_facts);
    summaryLayout->addLayout(form);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_properties, 1);

    connect(m_addAlias, &QPushButton::clicked, actions->addAliasAction(), &QAction::trigger);
    connect(m_removeAlias, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_aliases->currentItem())
            m_actions->removeAlias(m_target, item->text());
    });
    connect(m_aliases, &QListWidget::currentItemChanged, this, &ImageDetailWidget::updateButtons);
    connect(m_public, &QCheckBox::clicked, this,
            [this](bool checked) { m_actions->setPublic(m_target, checked); });
    connect(m_autoUpdate, &QCheckBox::clicked, this,
            [this](bool checked) { m_actions->setAutoUpdate(m_target, checked); });
    clear(QString());
}

void ImageDetailWidget::setImage(const ResourceActions::Target &target)
{
    const bool same = target.key == m_target.key;
    const QString selectedAlias
        = same && m_aliases->currentItem() ? m_aliases->currentItem()->text() : QString();
    m_target = target;
    const QJsonObject &image = target.object;
    m_summary->show();
    m_title->setText(m_actions->displayName(target));
    const QJsonObject properties = image.value(QLatin1String("properties")).toObject();
    const QLocale locale;
    QStringList facts;
    const QString description = properties.value(QLatin1String("description")).toString();
    if (!description.isEmpty())
        facts.append(description.toHtmlEscaped());
    facts.append(tr("Fingerprint %1").arg(target.key.left(12)));
    facts.append(tr("%1, %2, %3")
                     .arg(image.value(QLatin1String("type")).toString() == QLatin1String("virtual-machine")
                              ? tr("virtual machine")
                              : tr("container"),
                          image.value(QLatin1String("architecture")).toString(),
                          locale.formattedDataSize(image.value(QLatin1String("size")).toInteger())));
    const QString uploaded
        = Models::ResourceTableModel::timeText(image.value(QLatin1String("uploaded_at")).toString());
    if (!uploaded.isEmpty())
        facts.append(tr("uploaded %1").arg(uploaded));
    m_facts->setText(facts.join(QStringLiteral(" · ")));

    m_aliases->clear();
    const QJsonArray aliases = image.value(QLatin1String("aliases")).toArray();
    for (const QJsonValue &alias : aliases) {
        auto *item = new QListWidgetItem(alias.toObject().value(QLatin1String("name")).toString(), m_aliases);
        item->setToolTip(alias.toObject().value(QLatin1String("description")).toString());
        if (item->text() == selectedAlias)
            m_aliases->setCurrentItem(item);
    }
    if (aliases.isEmpty()) {
        auto *none = new QListWidgetItem(tr("(none: known by its fingerprint only)"), m_aliases);
        none->setFlags(Qt::NoItemFlags);
    }
    {
        const QSignalBlocker publicBlocker(m_public);
        const QSignalBlocker autoUpdateBlocker(m_autoUpdate);
        m_public->setChecked(image.value(QLatin1String("public")).toBool());
        m_autoUpdate->setChecked(image.value(QLatin1String("auto_update")).toBool());
    }
    m_properties->setObject(tr("Everything LXD says about it"), image);
    updateButtons();
}

void ImageDetailWidget::clear(const QString &message)
{
    m_target = {};
    m_summary->hide();
    m_properties->clear(message);
}

void ImageDetailWidget::updateButtons()
{
    const QListWidgetItem *item = m_aliases->currentItem();
    m_removeAlias->setEnabled(item && (item->flags() & Qt::ItemIsEnabled));
    m_addAlias->setEnabled(m_target.remote);
}
