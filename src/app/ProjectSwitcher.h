#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;

namespace Models {
class Remote;
}

// "Project: [default ▾]" for the remote shown: its projects, kept live from the remote's project list,
// and "All projects", which shows the instances of every project in one table. Choosing one says so; the
// main window goes there.
class ProjectSwitcher final : public QWidget
{
    Q_OBJECT

public:
    explicit ProjectSwitcher(QWidget *parent = nullptr);

    // The remote whose projects are offered, and the one shown (empty: all projects).
    void setRemote(Models::Remote *remote, const QString &project);
    Models::Remote *remote() const { return m_remote; }
    QComboBox *comboBox() const { return m_combo; }
    // The project the combo shows; empty for "All projects".
    QString currentProject() const;
    // Chooses as a user would (emits the signal); false when it is not offered.
    bool choose(const QString &project);
    bool chooseAllProjects();

Q_SIGNALS:
    void projectChosen(const QString &remote, const QString &project);
    void allProjectsChosen(const QString &remote);

private:
    void fill();
    void onActivated(int index);

    QPointer<Models::Remote> m_remote;
    QString m_project;
    bool m_allProjects = false;
    QLabel *m_label;
    QComboBox *m_combo;
    QList<QMetaObject::Connection> m_connections;
};
