#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace Models {
class RemoteRegistry;
}

// Where to copy an image: a remote known to Berth, a project there, whether its aliases go along, and
// how the bytes travel (server to server, or through this computer when the servers cannot reach each
// other).
class ImageCopyDialog final : public QDialog
{
    Q_OBJECT

public:
    ImageCopyDialog(QWidget *parent, Models::RemoteRegistry *registry, const QString &image,
                    const QString &sourceRemote);

    QString remoteName() const;
    QString project() const;
    bool copyAliases() const;
    bool throughThisComputer() const;
    void setRemoteName(const QString &name);
    void setProject(const QString &project);
    void setThroughThisComputer(bool relay);

private:
    QComboBox *m_remote;
    QLineEdit *m_project;
    QCheckBox *m_aliases;
    QComboBox *m_mode;
};
