#include "EvacuateMemberDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

EvacuateMemberDialog::EvacuateMemberDialog(const QString &member, int instanceCount, QWidget *parent)
    : QDialog(parent)
    , m_mode(new QComboBox(this))
{
    setObjectName(QStringLiteral("evacuateMemberDialog"));
    setWindowTitle(tr("Evacuate %1").arg(member));
    setWindowModality(Qt::WindowModal);
    auto *text = new QLabel(
        (instanceCount < 0
             ? tr("Evacuate the cluster member “%1”?").arg(member)
             : tr("Evacuate the cluster member “%1”? It runs %n instance(s).", nullptr, instanceCount)
                   .arg(member))
            + QLatin1Char('\n')
            + tr("No new instances are placed on it until it is restored. Its instances are moved to other "
                 "members or stopped, as chosen below; Restore brings them back."),
        this);
    text->setWordWrap(true);
    m_mode->setObjectName(QStringLiteral("modeComboBox"));
    m_mode->setAccessibleName(tr("What happens to its instances"));
    m_mode->addItem(tr("As each instance's cluster.evacuate says (move when possible)"), QString());
    m_mode->addItem(tr("Move them to other members"), QStringLiteral("migrate"));
    m_mode->addItem(tr("Stop them where they are"), QStringLiteral("stop"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Instances:"), m_mode);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *evacuate = buttons->addButton(tr("&Evacuate"), QDialogButtonBox::AcceptRole);
    evacuate->setObjectName(QStringLiteral("evacuatePushButton"));
    // Harmless by default.
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString EvacuateMemberDialog::mode() const
{
    return m_mode->currentData().toString();
}

void EvacuateMemberDialog::setMode(const QString &mode)
{
    const int index = m_mode->findData(mode);
    if (index >= 0)
        m_mode->setCurrentIndex(index);
}
