#include "CreateInstanceLimitsPage.h"

#include "KeyValueTable.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QVBoxLayout>

CreateInstanceLimitsPage::CreateInstanceLimitsPage(QWidget *parent)
    : CreateInstancePage(parent)
    , m_cpu(new QLineEdit(this))
    , m_memory(new QLineEdit(this))
    , m_config(new KeyValueTable({tr("Key"), tr("Value")}, this))
    , m_devices(new KeyValueTable({tr("Device"), tr("Key"), tr("Value")}, this))
{
    setTitle(tr("Limits, Configuration and Devices"));
    setSubTitle(tr("Everything here is optional: the profiles and LXD's defaults fill in the rest."));

    m_cpu->setObjectName(QStringLiteral("cpuLineEdit"));
    m_cpu->setAccessibleName(tr("CPU limit"));
    m_cpu->setPlaceholderText(tr("e.g. 2 (CPUs) or 0-3 (which ones)"));
    m_memory->setObjectName(QStringLiteral("memoryLineEdit"));
    m_memory->setAccessibleName(tr("Memory limit"));
    m_memory->setPlaceholderText(tr("e.g. 512MiB, 2GiB or 50%"));
    m_config->setObjectName(QStringLiteral("configKeyTable"));
    m_config->tableWidget()->setObjectName(QStringLiteral("configTableWidget"));
    m_config->tableWidget()->setAccessibleName(tr("Other configuration keys"));
    m_devices->setObjectName(QStringLiteral("deviceKeyTable"));
    m_devices->tableWidget()->setObjectName(QStringLiteral("deviceTableWidget"));
    m_devices->tableWidget()->setAccessibleName(tr("Devices"));

    auto *form = new QFormLayout;
    form->addRow(tr("&CPU limit:"), m_cpu);
    form->addRow(tr("&Memory limit:"), m_memory);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Other configuration keys (such as security.nesting or user.*):"), this));
    layout->addWidget(m_config, 1);
    layout->addWidget(new QLabel(tr("Devices (a row per key; every device needs a “type” key):"), this));
    layout->addWidget(m_devices, 1);
    addErrorLabel(layout);

    connect(m_cpu, &QLineEdit::textEdited, this, &CreateInstancePage::clearError);
    connect(m_memory, &QLineEdit::textEdited, this, &CreateInstancePage::clearError);
    connect(m_config, &KeyValueTable::edited, this, &CreateInstancePage::clearError);
    connect(m_devices, &KeyValueTable::edited, this, &CreateInstancePage::clearError);
}

void CreateInstanceLimitsPage::addTo(QJsonObject &body) const
{
    QJsonObject config = body.value(QLatin1String("config")).toObject();
    if (!m_cpu->text().trimmed().isEmpty())
        config.insert(QStringLiteral("limits.cpu"), m_cpu->text().trimmed());
    if (!m_memory->text().trimmed().isEmpty())
        config.insert(QStringLiteral("limits.memory"), m_memory->text().trimmed());
    const QList<QStringList> rows = m_config->rows();
    for (const QStringList &row : rows)
        config.insert(row.value(0).trimmed(), row.value(1));
    if (!config.isEmpty())
        body.insert(QStringLiteral("config"), config);

    QJsonObject devices = body.value(QLatin1String("devices")).toObject();
    const QList<QStringList> deviceRows = m_devices->rows();
    for (const QStringList &row : deviceRows) {
        const QString device = row.value(0).trimmed();
        const QString key = row.value(1).trimmed();
        if (key.isEmpty())
            continue;
        QJsonObject fields = devices.value(device).toObject();
        fields.insert(key, row.value(2));
        devices.insert(device, fields);
    }
    if (!devices.isEmpty())
        body.insert(QStringLiteral("devices"), devices);
}
