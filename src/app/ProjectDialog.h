#pragma once

#include "lxd/Project.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Lxd {
class Job;
}

namespace Models {
class Remote;
}

// Creates a project on a remote, or edits one: its name (LXD renames only empty projects), description,
// and which kinds of object it keeps apart from the default project (features.*). An edit is saved with
// the ETag it was loaded with, so a change made elsewhere meanwhile is reported, not overwritten. Errors
// stay in the dialog, in the server's own words.
class ProjectDialog final : public QDialog
{
    Q_OBJECT

public:
    // An empty `project` creates a new one.
    ProjectDialog(Models::Remote *remote, const QString &project, QWidget *parent = nullptr);
    ~ProjectDialog() override;

    bool isCreating() const { return m_project.isEmpty(); }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *descriptionEdit() const { return m_description; }
    // "images", "profiles", "storage.volumes", "networks": the features.* checkboxes.
    QCheckBox *featureCheckBox(const QString &feature) const;
    QPushButton *saveButton() const { return m_save; }
    QString errorText() const;
    bool isBusy() const { return m_busy; }

    static QStringList features();

Q_SIGNALS:
    // The project exists under this name now (created, renamed or saved).
    void saved(const QString &project);
    void statusMessage(const QString &text);

private:
    void load();
    void save();
    void saveSettings(const QString &name);
    void setBusy(bool busy, const QString &text = {});
    void showError(const QString &text);

    QPointer<Models::Remote> m_remote;
    QString m_project;
    Lxd::Project m_loaded;
    QLineEdit *m_name;
    QLineEdit *m_description;
    QList<QCheckBox *> m_features;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QPushButton *m_save;
    bool m_busy = false;
    QPointer<Lxd::Job> m_job;
};
