#pragma once

#include "CreateInstancePage.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QRadioButton;

// The first page: the name (checked as LXD checks it, or left for the server to choose), a description,
// container or virtual machine, and whether the instance is ephemeral.
class CreateInstanceNamePage final : public CreateInstancePage
{
    Q_OBJECT

public:
    explicit CreateInstanceNamePage(QWidget *parent = nullptr);

    void addTo(QJsonObject &body) const override;
    bool isComplete() const override;

    QString name() const;
    bool isVirtualMachine() const;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QRadioButton *containerButton() const { return m_container; }
    QRadioButton *virtualMachineButton() const { return m_virtualMachine; }
    QCheckBox *ephemeralCheckBox() const { return m_ephemeral; }
    QLabel *nameProblemLabel() const { return m_nameProblem; }

private:
    void checkName();

    QLineEdit *m_name;
    QLabel *m_nameProblem;
    QLineEdit *m_description;
    QRadioButton *m_container;
    QRadioButton *m_virtualMachine;
    QCheckBox *m_ephemeral;
};
