#include "CreateInstanceNamePage.h"

#include "InstanceName.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>

CreateInstanceNamePage::CreateInstanceNamePage(QWidget *parent)
    : CreateInstancePage(parent)
    , m_name(new QLineEdit(this))
    , m_nameProblem(new QLabel(this))
    , m_description(new QLineEdit(this))
    , m_container(new QRadioButton(tr("&Container: shares the host's kernel; light and fast"), this))
    , m_virtualMachine(new QRadioButton(tr("&Virtual machine: its own kernel, on QEMU"), this))
    , m_ephemeral(new QCheckBox(tr("&Ephemeral: deleted when it stops"), this))
{
    setTitle(tr("Name and Type"));
    setSubTitle(tr("What the new instance is called, and what kind of instance it is."));

    m_name->setObjectName(QStringLiteral("nameLineEdit"));
    m_name->setAccessibleName(tr("Instance name"));
    m_name->setPlaceholderText(tr("chosen by the server when left empty"));
    m_name->setMaxLength(InstanceName::MaximumLength + 20); // long enough to say what is too long
    m_nameProblem->setObjectName(QStringLiteral("nameProblemLabel"));
    m_nameProblem->setWordWrap(true);
    m_nameProblem->setForegroundRole(QPalette::PlaceholderText);
    m_description->setObjectName(QStringLiteral("descriptionLineEdit"));
    m_description->setAccessibleName(tr("Description"));
    m_container->setObjectName(QStringLiteral("containerRadioButton"));
    m_virtualMachine->setObjectName(QStringLiteral("virtualMachineRadioButton"));
    m_ephemeral->setObjectName(QStringLiteral("ephemeralCheckBox"));
    m_container->setChecked(true);
    auto *types = new QButtonGroup(this);
    types->addButton(m_container);
    types->addButton(m_virtualMachine);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_nameProblem);
    form->addRow(tr("&Description:"), m_description);
    auto *typeBox = new QVBoxLayout;
    typeBox->addWidget(m_container);
    typeBox->addWidget(m_virtualMachine);
    form->addRow(tr("Type:"), typeBox);
    form->addRow(QString(), m_ephemeral);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    addErrorLabel(layout);

    registerField(QStringLiteral("virtualMachine"), m_virtualMachine);
    connect(m_name, &QLineEdit::textChanged, this, &CreateInstanceNamePage::checkName);
    connect(m_name, &QLineEdit::textEdited, this, &CreateInstancePage::clearError);
    checkName();
}

QString CreateInstanceNamePage::name() const
{
    return m_name->text().trimmed();
}

bool CreateInstanceNamePage::isVirtualMachine() const
{
    return m_virtualMachine->isChecked();
}

void CreateInstanceNamePage::checkName()
{
    const QString name = this->name();
    const QString problem = name.isEmpty() ? QString() : InstanceName::problem(name);
    QPalette palette = m_nameProblem->palette();
    if (problem.isEmpty()) {
        m_nameProblem->setText(
            tr("Letters, digits and hyphens; at most %1.").arg(InstanceName::MaximumLength));
        m_nameProblem->setForegroundRole(QPalette::PlaceholderText);
    } else {
        m_nameProblem->setText(problem);
        palette.setColor(QPalette::WindowText, QColor(0xe0, 0x31, 0x31));
        m_nameProblem->setPalette(palette);
        m_nameProblem->setForegroundRole(QPalette::WindowText);
    }
    Q_EMIT completeChanged();
}

bool CreateInstanceNamePage::isComplete() const
{
    const QString name = this->name();
    return name.isEmpty() || InstanceName::isValid(name);
}

void CreateInstanceNamePage::addTo(QJsonObject &body) const
{
    if (!name().isEmpty())
        body.insert(QStringLiteral("name"), name());
    if (!m_description->text().trimmed().isEmpty())
        body.insert(QStringLiteral("description"), m_description->text().trimmed());
    body.insert(QStringLiteral("type"),
                isVirtualMachine() ? QStringLiteral("virtual-machine") : QStringLiteral("container"));
    if (m_ephemeral->isChecked())
        body.insert(QStringLiteral("ephemeral"), true);
}
