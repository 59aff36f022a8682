#include "CertificateChangeDialog.h"

#include "SavedRemotes.h"
#include "lxd/ServerCertificateProbe.h"
#include "lxd/TlsIdentity.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

CertificateChangeDialog::CertificateChangeDialog(SavedRemotes *saved, const QString &name, QWidget *parent)
    : QDialog(parent)
    , m_saved(saved)
    , m_name(name)
    , m_pinned(Lxd::TlsIdentity::normalizeFingerprint(saved->remote(name).pinnedFingerprint))
    , m_pinnedEdit(new QLineEdit(this))
    , m_presentedEdit(new QLineEdit(this))
    , m_subject(new QLabel(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("certificateChangeDialog"));
    setWindowTitle(tr("Trust New Certificate of %1").arg(name));
    setWindowModality(Qt::WindowModal);
    setMinimumWidth(640);
    const Secrets::RemoteConfig config = saved->remote(name);

    auto *warning = new QLabel(
        tr("<b>The server at %1 presents a different certificate than the one Berth trusts for “%2”.</b><br>"
           "That is expected after the server was reinstalled or its certificate renewed. If you do not know "
           "why it changed, someone may be intercepting the connection: compare the new fingerprint with "
           "<code>lxc info</code> on the server before you trust it.")
            .arg(config.url.authority().toHtmlEscaped(), name.toHtmlEscaped()),
        this);
    warning->setWordWrap(true);
    warning->setTextFormat(Qt::RichText);
    for (QLineEdit *edit : {m_pinnedEdit, m_presentedEdit}) {
        edit->setReadOnly(true);
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(QString(66, u'0')));
    }
    m_pinnedEdit->setObjectName(QStringLiteral("pinnedFingerprintLineEdit"));
    m_pinnedEdit->setAccessibleName(tr("Trusted certificate fingerprint"));
    m_presentedEdit->setObjectName(QStringLiteral("presentedFingerprintLineEdit"));
    m_presentedEdit->setAccessibleName(tr("New certificate fingerprint"));
    m_pinnedEdit->setText(m_pinned.isEmpty() ? tr("(none pinned)") : QString::fromLatin1(m_pinned));
    m_subject->setObjectName(QStringLiteral("subjectLabel"));
    m_subject->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);

    auto *form = new QFormLayout;
    form->addRow(tr("Trusted until now:"), m_pinnedEdit);
    form->addRow(tr("Presented now:"), m_presentedEdit);
    form->addRow(tr("Its subject:"), m_subject);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_trust = buttons->addButton(tr("&Trust New Certificate"), QDialogButtonBox::AcceptRole);
    m_trust->setObjectName(QStringLiteral("trustPushButton"));
    m_trust->setEnabled(false);
    m_trust->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(warning);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_trust, &QPushButton::clicked, this, &CertificateChangeDialog::trust);
    probe();
}

CertificateChangeDialog::~CertificateChangeDialog()
{
    if (m_probe)
        m_probe->abandon();
}

QString CertificateChangeDialog::messageText() const
{
    return m_message->text();
}

void CertificateChangeDialog::probe()
{
    const Secrets::RemoteConfig config = m_saved->remote(m_name);
    m_message->setText(tr("Fetching the certificate %1 presents now…").arg(config.url.authority()));
    auto *probe = new Lxd::ServerCertificateProbe(config.url, this);
    probe->setTimeout(20000);
    m_probe = probe;
    connect(probe, &Lxd::Job::finished, this, [this, probe, config] {
        m_probe = nullptr;
        if (probe->error()) {
            m_message->setText(tr("Could not get the certificate of %1: %2")
                                   .arg(config.url.authority(), probe->error().userMessage()));
            return;
        }
        m_presented = probe->fingerprint();
        m_presentedEdit->setText(QString::fromLatin1(m_presented));
        m_presentedEdit->setCursorPosition(0);
        const QSslCertificate certificate = probe->certificate();
        QStringList subject;
        for (const QString &value : certificate.subjectInfo(QSslCertificate::CommonName))
            subject.append(QStringLiteral("CN=") + value);
        for (const QString &value : certificate.subjectInfo(QSslCertificate::Organization))
            subject.append(QStringLiteral("O=") + value);
        m_subject->setText(subject.join(QStringLiteral(", ")));
        if (m_presented == m_pinned) {
            m_message->setText(
                tr("The server presents the trusted certificate again: there is nothing new to "
                   "trust."));
            return;
        }
        m_message->clear();
        m_trust->setEnabled(true);
    });
}

void CertificateChangeDialog::trust()
{
    if (m_presented.isEmpty())
        return;
    if (const Lxd::Error error = m_saved->trustCertificate(m_name, m_presented)) {
        m_message->setText(tr("Not trusted: %1").arg(error.detail()));
        return;
    }
    Q_EMIT statusMessage(tr("Trusting the new certificate of %1; connecting again").arg(m_name));
    accept();
}
