#pragma once

#include <QHash>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTableView;
class QTimer;
class QToolButton;

namespace Models {
class EventFilterProxyModel;
class EventLog;
class EventLogModel;
} // namespace Models

// The live event monitor: every event of every remote in one table, as it happens, with the full
// JSON of the selected one below. Filters by type, log level, remote, project and text (or regular
// expression); pause (new events are held and counted), follow the newest or stay put, clear; export
// all or the selection as JSON Lines, copy; each stream's state in the status bar, and a note in the
// table where a stream was down. A double-click asks the main window to select what the event names.
class EventMonitorWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit EventMonitorWindow(Models::EventLog *log, QWidget *parent = nullptr);
    ~EventMonitorWindow() override;

    Models::EventLog *log() const;
    Models::EventLogModel *model() const { return m_model; }
    Models::EventFilterProxyModel *filter() const { return m_filter; }
    QTableView *tableView() const { return m_table; }
    QPlainTextEdit *detailView() const { return m_detail; }
    QLineEdit *searchEdit() const { return m_search; }
    QAction *regularExpressionAction() const { return m_regularExpression; }
    QComboBox *levelCombo() const { return m_level; }
    QComboBox *remoteCombo() const { return m_remote; }
    QComboBox *projectCombo() const { return m_project; }
    // "lifecycle", "operation", "logging"
    QToolButton *typeButton(const QString &type) const { return m_typeButtons.value(type); }
    QSpinBox *capacitySpinBox() const { return m_capacity; }
    QAction *pauseAction() const { return m_pause; }
    QAction *followAction() const { return m_follow; }
    QAction *clearAction() const { return m_clear; }
    QAction *copyAction() const { return m_copy; }
    QAction *exportAllAction() const { return m_exportAll; }
    QAction *exportSelectionAction() const { return m_exportSelection; }

    // What the status bar says about a remote's stream ("second: Reconnecting: …"), and the counts.
    QString streamStatusText(const QString &remote) const;
    QString countersText() const;

    // Writes every event kept (or the selected ones) to `path` as JSON Lines. Returns how many, or -1.
    qint64 exportJsonLines(const QString &path, bool selectionOnly, QString *error = nullptr) const;
    // The selected events as JSON Lines (what Copy puts on the clipboard).
    QByteArray selectedJsonLines() const;
    // Log rows of the selection, oldest first.
    QList<int> selectedLogRows() const;

Q_SIGNALS:
    // A double-click on an event that names an instance, image, operation, profile or network.
    void objectActivated(const QString &remote, const QString &project, const QString &collection,
                         const QString &key);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createToolBars();
    void createStatusBar();
    void applyTypes();
    void applyText();
    void updateRemotes();
    void updateProjects();
    void updateStreamStatus(const QString &remote);
    void rebuildStreamStatus();
    void updateCounters();
    void showCurrentDetail();
    void activateRow(const QModelIndex &index);
    void setFollowing(bool following);
    void onRowsInserted();
    void askExport(bool selectionOnly);
    void copySelection();
    void restoreSettings();
    void saveSettings() const;

    QPointer<Models::EventLog> m_log;
    Models::EventLogModel *m_model;
    Models::EventFilterProxyModel *m_filter;
    QTableView *m_table = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    QLineEdit *m_search = nullptr;
    QAction *m_regularExpression = nullptr;
    QComboBox *m_level = nullptr;
    QComboBox *m_remote = nullptr;
    QComboBox *m_project = nullptr;
    QHash<QString, QToolButton *> m_typeButtons;
    QSpinBox *m_capacity = nullptr;
    QLabel *m_counters = nullptr;
    QHash<QString, QLabel *> m_streamLabels;
    QTimer *m_textDelay = nullptr;
    QTimer *m_counterDelay = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_follow = nullptr;
    QAction *m_clear = nullptr;
    QAction *m_copy = nullptr;
    QAction *m_exportAll = nullptr;
    QAction *m_exportSelection = nullptr;
    int m_scrollBeforeRemoval = -1;
};
