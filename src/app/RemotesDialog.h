#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

class SavedRemotes;

// The remotes manager: every remote with its address and how its connection stands (the default one
// marked), and what can be done to them: add (the wizard), edit (rename, make default), remove, set the
// default, find the local LXD and Incus daemons, import the remotes of lxc and Incus, and trust a server's
// new certificate. Non-modal; it follows SavedRemotes and the registry live.
class RemotesDialog final : public QDialog
{
    Q_OBJECT

public:
    enum Column { NameColumn, AddressColumn, StatusColumn, ColumnCount };

    explicit RemotesDialog(SavedRemotes *saved, QWidget *parent = nullptr);
    ~RemotesDialog() override;

    QTreeWidget *remoteList() const { return m_list; }
    // Selects the row of `name`; false when there is none.
    bool selectRemote(const QString &name);
    QString selectedRemote() const;

    QPushButton *addButton() const { return m_add; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *defaultButton() const { return m_setDefault; }
    QPushButton *findLocalButton() const { return m_findLocal; }
    QPushButton *importButton() const { return m_import; }
    QPushButton *trustButton() const { return m_trust; }

    // The dialogs this one opens, so that callers (and tests) can follow them.
    void openAddWizard();
    void openImport();
    void openTrustNewCertificate(const QString &name);

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void fill();
    void updateButtons();
    void editSelected();
    void removeSelected();
    void setDefaultSelected();
    void findLocalDaemons();
    void watchRegistry();

    SavedRemotes *m_saved;
    QTreeWidget *m_list;
    QLabel *m_message;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_setDefault;
    QPushButton *m_findLocal;
    QPushButton *m_import;
    QPushButton *m_trust;
};
