#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

class SavedRemotes;

// Edits one saved remote: its name (which is how the tree and the status bar call it) and whether it is
// the default. Where it is and which certificates it pins and shows are displayed, not edited: another
// server means adding a remote, and another certificate is trusted deliberately (Trust New Certificate).
class EditRemoteDialog final : public QDialog
{
    Q_OBJECT

public:
    EditRemoteDialog(SavedRemotes *saved, const QString &name, QWidget *parent = nullptr);
    ~EditRemoteDialog() override;

    QLineEdit *nameEdit() const { return m_nameEdit; }
    QCheckBox *defaultCheckBox() const { return m_default; }
    QString errorText() const;

Q_SIGNALS:
    void renamed(const QString &oldName, const QString &newName);

private:
    void apply();

    SavedRemotes *m_saved;
    QString m_name;
    QLineEdit *m_nameEdit;
    QCheckBox *m_default;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};
