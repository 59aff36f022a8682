#include "ImageCopyDialog.h"

#include "models/Remote.h"
#include "models/RemoteRegistry.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

ImageCopyDialog::ImageCopyDialog(QWidget *parent, Models::RemoteRegistry *registry, const QString &image,
                                 const QString &sourceRemote)
    : QDialog(parent)
    , m_remote(new QComboBox(this))
    , m_project(new QLineEdit(QStringLiteral("default"), this))
    , m_aliases(new QCheckBox(tr("Give the copy the same &aliases"), this))
    , m_mode(new QComboBox(this))
{
    setObjectName(QStringLiteral("imageCopyDialog"));
    setWindowTitle(tr("Copy Image"));
    setWindowModality(Qt::WindowModal);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Copy the image %1 of %2 to:").arg(image, sourceRemote), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_remote->setObjectName(QStringLiteral("remoteField"));
    m_remote->setAccessibleName(tr("Remote"));
    for (int index = 0; registry && index < registry->count(); ++index) {
        const QString name = registry->at(index)->name();
        m_remote->addItem(name == sourceRemote ? tr("%1 (another project)").arg(name) : name, name);
    }
    // Another remote is the usual wish.
    for (int index = 0; index < m_remote->count(); ++index) {
        if (m_remote->itemData(index).toString() != sourceRemote) {
            m_remote->setCurrentIndex(index);
            break;
        }
    }
    form->addRow(tr("&Remote:"), m_remote);
    m_project->setObjectName(QStringLiteral("projectField"));
    m_project->setAccessibleName(tr("Project"));
    form->addRow(tr("&Project:"), m_project);
    m_aliases->setObjectName(QStringLiteral("copyAliasesField"));
    m_aliases->setChecked(true);
    form->addRow(QString(), m_aliases);
    m_mode->setObjectName(QStringLiteral("modeField"));
    m_mode->setAccessibleName(tr("Transfer"));
    m_mode->addItem(tr("Server to server (the target downloads it)"));
    m_mode->addItem(tr("Through this computer"));
    m_mode->setToolTip(tr("Server to server needs the source to listen on the network; through this computer "
                          "always works, but every byte passes here."));
    form->addRow(tr("&Transfer:"), m_mode);
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Copy"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(m_remote->count() > 0);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString ImageCopyDialog::remoteName() const
{
    return m_remote->currentData().toString();
}

QString ImageCopyDialog::project() const
{
    const QString project = m_project->text().trimmed();
    return project.isEmpty() ? QStringLiteral("default") : project;
}

bool ImageCopyDialog::copyAliases() const
{
    return m_aliases->isChecked();
}

bool ImageCopyDialog::throughThisComputer() const
{
    return m_mode->currentIndex() == 1;
}

void ImageCopyDialog::setRemoteName(const QString &name)
{
    m_remote->setCurrentIndex(qMax(0, m_remote->findData(name)));
}

void ImageCopyDialog::setProject(const QString &project)
{
    m_project->setText(project);
}

void ImageCopyDialog::setThroughThisComputer(bool relay)
{
    m_mode->setCurrentIndex(relay ? 1 : 0);
}
