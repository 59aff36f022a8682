#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QPlainTextEdit;
class QToolButton;

namespace Models {
class Remote;
}

// The Logs tab: the log files LXD keeps for an instance (lxc.log, lxc.conf, console.log…), one at a
// time. Fetched when the tab is shown and on Refresh, never while hidden.
class InstanceLogsPage final : public QWidget
{
    Q_OBJECT

public:
    explicit InstanceLogsPage(QWidget *parent = nullptr);

    void setInstance(Models::Remote *remote, const QString &project, const QString &name);
    void clear();
    void refresh();

    QComboBox *fileComboBox() const { return m_files; }
    QPlainTextEdit *textEdit() const { return m_text; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void loadFile(const QString &file);

    QPointer<Models::Remote> m_remote;
    QString m_project;
    QString m_name;
    bool m_stale = true;
    quint64 m_generation = 0; // replies for an earlier instance are dropped
    QComboBox *m_files;
    QToolButton *m_refresh;
    QPlainTextEdit *m_text;
};
