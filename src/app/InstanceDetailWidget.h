#pragma once

#include <QPersistentModelIndex>
#include <QPointer>
#include <QWidget>

class QLabel;
class QTabWidget;

class InstanceActions;
class InstanceConfigPage;
class InstanceDevicesPage;
class InstanceFilesPage;
class InstanceLogsPage;
class InstanceOverviewPage;
class InstanceSnapshotsPage;
class TerminalManager;
class TerminalPanel;

namespace Models {
class Remote;
class ResourceTableModel;
} // namespace Models

// The detail pane of one instance: its name and state, then the Overview, Configuration, Devices,
// Snapshots, Files, Terminal, Console and Logs tabs. It follows the instance's row of the table model,
// so what it shows changes when the daemon's events change the row.
class InstanceDetailWidget final : public QWidget
{
    Q_OBJECT

public:
    enum Tab {
        OverviewTab,
        ConfigurationTab,
        DevicesTab,
        SnapshotsTab,
        FilesTab,
        TerminalTab,
        ConsoleTab,
        LogsTab
    };
    Q_ENUM(Tab)

    // Terminals opened in the Terminal and Console tabs belong to `terminals`, which outlives this.
    InstanceDetailWidget(InstanceActions *actions, TerminalManager *terminals, QWidget *parent = nullptr);
    ~InstanceDetailWidget() override;

    // Shows the instance of `sourceIndex`, a row of `model` (an InstanceTableModel) on `remote`.
    void setInstance(Models::Remote *remote, Models::ResourceTableModel *model,
                     const QModelIndex &sourceIndex);
    void clear(const QString &message = {});
    QString instanceName() const;

    QTabWidget *tabWidget() const { return m_tabs; }
    InstanceOverviewPage *overviewPage() const { return m_overview; }
    InstanceConfigPage *configPage() const { return m_config; }
    InstanceDevicesPage *devicesPage() const { return m_devices; }
    InstanceSnapshotsPage *snapshotsPage() const { return m_snapshots; }
    InstanceLogsPage *logsPage() const { return m_logs; }
    InstanceFilesPage *filesPage() const { return m_files; }
    TerminalPanel *terminalPanel() const { return m_terminal; }
    TerminalPanel *consolePanel() const { return m_console; }

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void refresh();

    QPointer<Models::Remote> m_remote;
    QPointer<Models::ResourceTableModel> m_model;
    QPersistentModelIndex m_index;
    QList<QMetaObject::Connection> m_connections;
    QLabel *m_nameLabel;
    QLabel *m_subtitleLabel;
    QTabWidget *m_tabs;
    InstanceOverviewPage *m_overview;
    InstanceConfigPage *m_config;
    InstanceDevicesPage *m_devices;
    InstanceSnapshotsPage *m_snapshots;
    InstanceLogsPage *m_logs;
    InstanceFilesPage *m_files = nullptr;
    TerminalPanel *m_terminal;
    TerminalPanel *m_console;
};
