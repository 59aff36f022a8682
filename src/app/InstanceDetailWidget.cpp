#include "InstanceDetailWidget.h"

#include "ConfigEditor.h"
#include "Icons.h"
#include "InstanceActions.h"
#include "InstanceConfigPage.h"
#include "InstanceDevicesPage.h"
#include "InstanceFilesPage.h"
#include "InstanceLogsPage.h"
#include "InstanceOverviewPage.h"
#include "InstanceSnapshotsPage.h"
#include "PlaceholderPage.h"
#include "TerminalPanel.h"
#include "models/Remote.h"
#include "models/ResourceTableModel.h"

#include <QAction>
#include <QJsonObject>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

using Models::ResourceTableModel;

InstanceDetailWidget::InstanceDetailWidget(InstanceActions *actions, TerminalManager *terminals, QWidget *parent)
    : QWidget(parent)
    , m_nameLabel(new QLabel(this))
    , m_subtitleLabel(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_overview(new InstanceOverviewPage(this))
    , m_config(new InstanceConfigPage(this))
    , m_devices(new InstanceDevicesPage(this))
    , m_snapshots(new InstanceSnapshotsPage(actions->snapshotAction(), this))
    , m_logs(new InstanceLogsPage(this))
    , m_terminal(new TerminalPanel(terminals, TerminalPanel::Mode::Shell, this))
    , m_console(new TerminalPanel(terminals, TerminalPanel::Mode::Console, this))
{
    m_nameLabel->setObjectName(QStringLiteral("instanceNameLabel"));
    m_nameLabel->setAccessibleName(tr("Instance name"));
    m_nameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont nameFont = m_nameLabel->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.35);
    nameFont.setBold(true);
    m_nameLabel->setFont(nameFont);
    m_subtitleLabel->setObjectName(QStringLiteral("instanceSubtitleLabel"));
    m_subtitleLabel->setAccessibleName(tr("Instance summary"));
    m_subtitleLabel->setTextFormat(Qt::RichText);

    m_tabs->setObjectName(QStringLiteral("instanceTabWidget"));
    m_tabs->setAccessibleName(tr("Instance details"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_overview, Icons::glyph(Icons::Glyph::Info), tr("Overview"));
    m_tabs->addTab(m_config, tr("Configuration"));
    m_tabs->addTab(m_devices, tr("Devices"));
    m_tabs->addTab(m_snapshots, Icons::glyph(Icons::Glyph::Snapshot), tr("Snapshots"));
    m_files = new InstanceFilesPage(nullptr, this);
    m_tabs->addTab(m_files, Icons::glyph(Icons::Glyph::Files), tr("Files"));
    m_tabs->addTab(m_terminal, Icons::glyph(Icons::Glyph::Terminal), tr("Terminal"));
    m_tabs->addTab(m_console, Icons::glyph(Icons::Glyph::Console), tr("Console"));
    m_tabs->addTab(m_logs, Icons::glyph(Icons::Glyph::Logs), tr("Logs"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_nameLabel);
    layout->addWidget(m_subtitleLabel);
    layout->addSpacing(4);
    layout->addWidget(m_tabs, 1);

    connect(m_snapshots, &InstanceSnapshotsPage::statusMessage, this, &InstanceDetailWidget::statusMessage);
    connect(m_files, &InstanceFilesPage::statusMessage, this, &InstanceDetailWidget::statusMessage);
    connect(m_config, &InstanceConfigPage::statusMessage, this, &InstanceDetailWidget::statusMessage);
    connect(m_devices, &InstanceDevicesPage::editRequested, this,
            [this] { m_config->openEditor(ConfigEditor::YamlTab); });
    clear();
}

InstanceDetailWidget::~InstanceDetailWidget() = default;

QString InstanceDetailWidget::instanceName() const
{
    return m_index.isValid() ? m_index.data(ResourceTableModel::KeyRole).toString() : QString();
}

void InstanceDetailWidget::setInstance(Models::Remote *remote, ResourceTableModel *model,
                                       const QModelIndex &sourceIndex)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_remote = remote;
    m_model = model;
    m_index = sourceIndex.siblingAtColumn(0);
    if (!model || !m_index.isValid()) {
        clear();
        return;
    }
    m_connections << connect(model, &QAbstractItemModel::dataChanged, this,
                             [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                                 if (m_index.isValid() && topLeft.row() <= m_index.row()
                                     && bottomRight.row() >= m_index.row())
                                     refresh();
                             });
    m_connections << connect(model, &QAbstractItemModel::rowsRemoved, this, [this] {
        if (!m_index.isValid())
            clear(tr("The instance was deleted."));
    });
    m_tabs->setEnabled(true);
    refresh();
}

void InstanceDetailWidget::clear(const QString &message)
{
    m_index = QPersistentModelIndex();
    m_nameLabel->setText(message.isEmpty() ? tr("No instance selected") : message);
    m_subtitleLabel->setText(tr("Select an instance in the list to see its details."));
    m_overview->clear();
    m_config->clear();
    m_devices->clear();
    m_snapshots->clear();
    m_logs->clear();
    m_files->clearInstance();
    m_terminal->clearInstance();
    m_console->clearInstance();
    m_tabs->setEnabled(false);
}

void InstanceDetailWidget::refresh()
{
    if (!m_index.isValid())
        return;
    const QJsonObject object = m_index.data(ResourceTableModel::ObjectRole).toJsonObject();
    const QJsonObject state = m_index.data(ResourceTableModel::StateRole).toJsonObject();
    const QString name = m_index.data(ResourceTableModel::KeyRole).toString();
    const QString project = m_index.data(ResourceTableModel::ProjectRole).toString();
    const QString status = m_index.data(ResourceTableModel::StatusRole).toString();
    const QString type = object.value(QLatin1String("type")).toString() == QLatin1String("virtual-machine")
        ? tr("Virtual machine")
        : tr("Container");

    m_nameLabel->setText(name);
    m_subtitleLabel->setText(tr("<span style=\"color:%1\">●</span>&nbsp;%2 · %3 · project %4 on %5")
                                 .arg(Icons::statusColor(status).name(), status.toHtmlEscaped(), type,
                                      project.toHtmlEscaped(),
                                      m_remote ? m_remote->name().toHtmlEscaped() : QString()));
    m_overview->setInstance(object, state);
    m_config->setInstance(m_remote, project, object);
    m_devices->setInstance(object);
    m_snapshots->setInstance(m_remote, project, name);
    m_logs->setInstance(m_remote, project, name);
    m_files->setInstance(m_remote, project, name, status);
    m_terminal->setInstance(m_remote, project, name, status);
    m_console->setInstance(m_remote, project, name, status);
}
