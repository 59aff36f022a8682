#include "InstanceTransferDialog.h"

#include "models/Remote.h"
#include "models/RemoteRegistry.h"
#include "models/ResourceCache.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

InstanceTransferDialog::InstanceTransferDialog(QWidget *parent, Models::RemoteRegistry *registry,
                                               const QStringList &names, const QString &sourceRemote,
                                               const QString &sourceProject)
    : QDialog(parent)
    , m_registry(registry)
    , m_names(names)
    , m_sourceRemote(sourceRemote)
    , m_sourceProject(sourceProject)
    , m_copy(new QRadioButton(tr("&Copy"), this))
    , m_move(new QRadioButton(tr("&Move"), this))
    , m_remote(new QComboBox(this))
    , m_project(new QComboBox(this))
    , m_newName(new QLineEdit(this))
    , m_instanceOnly(new QCheckBox(tr("Leave the &snapshots behind"), this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("instanceTransferDialog"));
    setWindowTitle(names.size() == 1 ? tr("Copy or Move Instance") : tr("Copy or Move Instances"));
    setWindowModality(Qt::WindowModal);
    auto *layout = new QVBoxLayout(this);
    QStringList quotedNames;
    for (const QString &name : names)
        quotedNames.append(tr("“%1”").arg(name));
    auto *intro = new QLabel(
        tr("%1 of %2 › %3 to:").arg(QLocale().createSeparatedList(quotedNames), sourceRemote, sourceProject),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    auto *mode = new QHBoxLayout;
    m_copy->setObjectName(QStringLiteral("copyRadioButton"));
    m_move->setObjectName(QStringLiteral("moveRadioButton"));
    m_copy->setChecked(true);
    auto *group = new QButtonGroup(this);
    group->addButton(m_copy);
    group->addButton(m_move);
    mode->addWidget(m_copy);
    mode->addWidget(m_move);
    mode->addStretch();
    form->addRow(tr("Operation:"), mode);
    m_remote->setObjectName(QStringLiteral("remoteField"));
    m_remote->setAccessibleName(tr("Remote"));
    for (int index = 0; registry && index < registry->count(); ++index)
        m_remote->addItem(registry->at(index)->name());
    m_remote->setCurrentText(sourceRemote);
    form->addRow(tr("&Remote:"), m_remote);
    m_project->setObjectName(QStringLiteral("projectField"));
    m_project->setAccessibleName(tr("Project"));
    m_project->setEditable(true); // a project not listed yet can still be typed
    m_project->setInsertPolicy(QComboBox::NoInsert);
    fillProjects();
    m_project->setCurrentText(sourceProject);
    connect(m_remote, &QComboBox::currentTextChanged, this, &InstanceTransferDialog::fillProjects);
    form->addRow(tr("&Project:"), m_project);
    m_newName->setObjectName(QStringLiteral("newNameField"));
    m_newName->setAccessibleName(tr("New name"));
    m_newName->setPlaceholderText(tr("the same name"));
    if (names.size() == 1)
        form->addRow(tr("&New name:"), m_newName);
    else
        m_newName->hide();
    m_instanceOnly->setObjectName(QStringLiteral("instanceOnlyField"));
    form->addRow(QString(), m_instanceOnly);
    layout->addLayout(form);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_error->setPalette(errorPalette);
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &InstanceTransferDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copy, &QRadioButton::toggled, this, [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setText(isMove() ? tr("Move") : tr("Copy"));
    });
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Copy"));
}

bool InstanceTransferDialog::isMove() const
{
    return m_move->isChecked();
}

QString InstanceTransferDialog::remoteName() const
{
    return m_remote->currentText();
}

void InstanceTransferDialog::fillProjects()
{
    const QString current = m_project->currentText();
    QStringList projects;
    if (Models::Remote *remote = m_registry ? m_registry->find(remoteName()) : nullptr) {
        const Models::ResourceCache *listed = remote->projects();
        for (int row = 0; row < listed->count(); ++row)
            projects.append(listed->at(row).key);
    }
    projects.sort(Qt::CaseInsensitive);
    m_project->clear();
    m_project->addItems(projects);
    // A project the other remote does not have is no choice there: its default one is.
    const bool keep = !current.isEmpty() && (projects.isEmpty() || projects.contains(current));
    m_project->setCurrentText(keep ? current : QStringLiteral("default"));
}

QString InstanceTransferDialog::project() const
{
    const QString project = m_project->currentText().trimmed();
    return project.isEmpty() ? QStringLiteral("default") : project;
}

QString InstanceTransferDialog::newName() const
{
    return m_names.size() == 1 ? m_newName->text().trimmed() : QString();
}

bool InstanceTransferDialog::instanceOnly() const
{
    return m_instanceOnly->isChecked();
}

void InstanceTransferDialog::setMove(bool move)
{
    (move ? m_move : m_copy)->setChecked(true);
}

void InstanceTransferDialog::setRemoteName(const QString &name)
{
    m_remote->setCurrentText(name);
}

void InstanceTransferDialog::setProject(const QString &project)
{
    m_project->setCurrentText(project);
}

void InstanceTransferDialog::setNewName(const QString &name)
{
    m_newName->setText(name);
}

void InstanceTransferDialog::accept()
{
    const bool samePlace = remoteName() == m_sourceRemote && project() == m_sourceProject;
    QString problem;
    if (samePlace && isMove())
        problem = tr("Moving within the same project is a rename: choose another project or remote.");
    else if (samePlace && (m_names.size() > 1 || newName().isEmpty() || m_names.contains(newName())))
        problem = m_names.size() > 1 ? tr("Copies in the same project need new names: copy one at a time, or "
                                          "choose another project or remote.")
                                     : tr("A copy in the same project needs a new name.");
    if (!problem.isEmpty()) {
        m_error->setText(problem);
        m_error->show();
        return;
    }
    QDialog::accept();
}
