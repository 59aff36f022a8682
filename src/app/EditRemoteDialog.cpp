#include "EditRemoteDialog.h"

#include "SavedRemotes.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

EditRemoteDialog::EditRemoteDialog(SavedRemotes *saved, const QString &name, QWidget *parent)
    : QDialog(parent)
    , m_saved(saved)
    , m_name(name)
    , m_nameEdit(new QLineEdit(name, this))
    , m_default(new QCheckBox(tr("Open this remote &first (the default remote)"), this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("editRemoteDialog"));
    setWindowTitle(tr("Edit Remote %1").arg(name));
    setWindowModality(Qt::WindowModal);
    const Secrets::RemoteConfig config = saved->remote(name);
    m_nameEdit->setObjectName(QStringLiteral("nameLineEdit"));
    m_nameEdit->setAccessibleName(tr("Remote name"));
    m_default->setObjectName(QStringLiteral("defaultCheckBox"));
    m_default->setChecked(saved->defaultRemote() == name);
    m_default->setEnabled(!config.isImageSource());
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);

    const auto readOnly = [this](const QString &text, bool fixed = false) {
        auto *label = new QLabel(text, this);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setWordWrap(true);
        if (fixed)
            label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        return label;
    };
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_nameEdit);
    form->addRow(
        tr("Address:"),
        readOnly(config.isLocal() ? QStringLiteral("unix://") + config.socketPath : config.url.toString()));
    if (!config.isLocal()) {
        form->addRow(tr("Server certificate:"),
                     readOnly(config.pinnedFingerprint.isEmpty()
                                  ? tr("none pinned")
                                  : QString::fromLatin1(config.pinnedFingerprint),
                              true));
        form->addRow(tr("Client certificate:"),
                     readOnly(config.clientIdentity.isEmpty()
                                  ? tr("Berth's own")
                                  : tr("“%1” (imported)").arg(config.clientIdentity)));
    }
    if (!config.project.isEmpty())
        form->addRow(tr("Project:"), readOnly(config.project));
    form->addRow(QString(), m_default);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EditRemoteDialog::apply);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_nameEdit, &QLineEdit::textEdited, m_message, &QLabel::clear);
}

EditRemoteDialog::~EditRemoteDialog() = default;

QString EditRemoteDialog::errorText() const
{
    return m_message->text();
}

void EditRemoteDialog::apply()
{
    const QString newName = m_nameEdit->text().trimmed();
    if (newName.isEmpty()) {
        m_message->setText(tr("A remote needs a name."));
        return;
    }
    if (newName != m_name) {
        if (const Lxd::Error error = m_saved->rename(m_name, newName)) {
            m_message->setText(tr("Not renamed: %1").arg(error.detail()));
            return;
        }
        Q_EMIT renamed(m_name, newName);
        m_name = newName;
    }
    if (m_default->isChecked() && m_saved->defaultRemote() != m_name) {
        if (const Lxd::Error error = m_saved->setDefault(m_name)) {
            m_message->setText(tr("Not made the default: %1").arg(error.detail()));
            return;
        }
    }
    accept();
}
