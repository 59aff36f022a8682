#pragma once

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace Models {
class RemoteRegistry;
}

// Where instances go when copied or moved: a remote known to Berth and a project there (offered from the
// remote's list, or typed), a new name (for one instance), whether the snapshots go along. Copying within the
// same project needs a new name; moving needs another project or remote (a move in place is a rename).
class InstanceTransferDialog final : public QDialog
{
    Q_OBJECT

public:
    InstanceTransferDialog(QWidget *parent, Models::RemoteRegistry *registry, const QStringList &names,
                           const QString &sourceRemote, const QString &sourceProject);

    bool isMove() const;
    QString remoteName() const;
    QString project() const;
    // Only for a single instance; empty keeps the name.
    QString newName() const;
    bool instanceOnly() const;
    void setMove(bool move);
    void setRemoteName(const QString &name);
    void setProject(const QString &project);
    void setNewName(const QString &name);

    void accept() override;

private:
    // Offers the projects of the chosen remote, keeping what was typed or chosen.
    void fillProjects();

    QPointer<Models::RemoteRegistry> m_registry;
    QStringList m_names;
    QString m_sourceRemote;
    QString m_sourceProject;
    QRadioButton *m_copy;
    QRadioButton *m_move;
    QComboBox *m_remote;
    QComboBox *m_project;
    QLineEdit *m_newName;
    QCheckBox *m_instanceOnly;
    QLabel *m_error;
};
