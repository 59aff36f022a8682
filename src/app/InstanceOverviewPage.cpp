#include "InstanceOverviewPage.h"

#include "Icons.h"
#include "models/InstanceTableModel.h"
#include "ui_InstanceOverviewPage.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>

namespace {

QString dash()
{
    return QStringLiteral("—");
}

QString timeText(const QString &iso, const QString &never)
{
    // The same words as the table's (LXD's zero time means never).
    const QString text = Models::ResourceTableModel::timeText(iso);
    return text.isEmpty() ? never : text;
}

QString bytes(double value)
{
    return QLocale().formattedDataSize(qint64(value));
}

} // namespace

InstanceOverviewPage::InstanceOverviewPage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::InstanceOverviewPage>())
{
    m_ui->setupUi(this);
    for (QLabel *heading : {m_ui->instanceHeadingLabel, m_ui->activityHeadingLabel}) {
        QFont bold = heading->font();
        bold.setBold(true);
        heading->setFont(bold);
    }
    // Field names are quieter than their values.
    const QList<QLabel *> labels = findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (!label->objectName().endsWith(QLatin1String("TitleLabel")))
            continue;
        // A role, not a colour: it follows the palette when the theme changes.
        label->setForegroundRole(QPalette::PlaceholderText);
    }
    clear();
}

InstanceOverviewPage::~InstanceOverviewPage() = default;

void InstanceOverviewPage::clear()
{
    const QList<QLabel *> labels = findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->objectName().endsWith(QLatin1String("ValueLabel")))
            label->setText(dash());
    }
}

void InstanceOverviewPage::setInstance(const QJsonObject &object, const QJsonObject &state)
{
    const auto text = [&object](const char *key) {
        return object.value(QLatin1String(key)).toString();
    };
    const QJsonObject config = object.value(QLatin1String("config")).toObject();
    const auto configValue = [&config](const char *key) {
        return config.value(QLatin1String(key)).toString();
    };

    const QString status = text("status");
    m_ui->statusValueLabel->setTextFormat(Qt::RichText);
    m_ui->statusValueLabel->setText(QStringLiteral("<span style=\"color:%1\">●</span>&nbsp;%2")
                                        .arg(Icons::statusColor(status).name(), status.toHtmlEscaped()));

    QString type = text("type") == QLatin1String("virtual-machine") ? tr("Virtual machine") : tr("Container");
    if (object.value(QLatin1String("ephemeral")).toBool())
        type = tr("%1, ephemeral").arg(type);
    if (object.value(QLatin1String("stateful")).toBool())
        type = tr("%1, stateful").arg(type);
    m_ui->typeValueLabel->setText(type);

    QString image = configValue("image.description");
    if (image.isEmpty())
        image = QStringList {configValue("image.os"), configValue("image.release")}
                    .join(QLatin1Char(' '))
                    .trimmed();
    const QString baseImage = configValue("volatile.base_image");
    if (image.isEmpty() && !baseImage.isEmpty())
        image = baseImage.left(12);
    else if (!baseImage.isEmpty())
        image = tr("%1 (%2)").arg(image, baseImage.left(12));
    m_ui->imageValueLabel->setText(image.isEmpty() ? dash() : image);

    const QString description = text("description");
    m_ui->descriptionValueLabel->setText(description.isEmpty() ? dash() : description);

    const QStringList addresses = Models::InstanceTableModel::addresses(state, QStringLiteral("inet"))
        + Models::InstanceTableModel::addresses(state, QStringLiteral("inet6"));
    m_ui->addressesValueLabel->setText(addresses.isEmpty() ? dash() : addresses.join(QLatin1Char('\n')));

    QStringList profiles;
    const QJsonArray profileList = object.value(QLatin1String("profiles")).toArray();
    for (const QJsonValue &profile : profileList)
        profiles.append(profile.toString());
    m_ui->profilesValueLabel->setText(profiles.isEmpty() ? tr("none") : profiles.join(QLatin1String(", ")));

    const QString location = text("location");
    m_ui->locationValueLabel->setText(
        location.isEmpty() || location == QLatin1String("none") ? tr("this server") : location);
    m_ui->architectureValueLabel->setText(text("architecture").isEmpty() ? dash() : text("architecture"));
    m_ui->createdValueLabel->setText(timeText(text("created_at"), dash()));
    m_ui->lastUsedValueLabel->setText(timeText(text("last_used_at"), tr("never")));

    // Live usage: only a running instance has any.
    if (state.isEmpty() || status != QLatin1String("Running")) {
        m_ui->processesValueLabel->setText(dash());
        m_ui->memoryValueLabel->setText(dash());
        m_ui->cpuValueLabel->setText(dash());
        m_ui->diskValueLabel->setText(dash());
        return;
    }
    m_ui->processesValueLabel->setText(QLocale().toString(state.value(QLatin1String("processes")).toInt()));
    const QJsonObject memory = state.value(QLatin1String("memory")).toObject();
    const double usage = memory.value(QLatin1String("usage")).toDouble();
    const double peak = memory.value(QLatin1String("usage_peak")).toDouble();
    m_ui->memoryValueLabel->setText(peak > 0 ? tr("%1 (peak %2)").arg(bytes(usage), bytes(peak))
                                             : bytes(usage));
    const double cpuNanoseconds
        = state.value(QLatin1String("cpu")).toObject().value(QLatin1String("usage")).toDouble();
    m_ui->cpuValueLabel->setText(tr("%1 s").arg(QLocale().toString(cpuNanoseconds / 1e9, 'f', 2)));
    const QJsonObject root
        = state.value(QLatin1String("disk")).toObject().value(QLatin1String("root")).toObject();
    m_ui->diskValueLabel->setText(
        root.isEmpty() ? dash() : tr("%1 used").arg(bytes(root.value(QLatin1String("usage")).toDouble())));
}
