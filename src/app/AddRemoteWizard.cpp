#include "AddRemoteWizard.h"

#include "SavedRemotes.h"
#include "WizardStepPage.h"
#include "lxd/AuthenticateJob.h"
#include "lxd/ServerCertificateProbe.h"
#include "lxd/TlsIdentity.h"
#include "secrets/RemoteConfig.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRadioButton>
#include <QVBoxLayout>

namespace {

QLabel *makeMessageLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString joined(const QStringList &values)
{
    return values.join(QStringLiteral(", "));
}

} // namespace

AddRemoteWizard::AddRemoteWizard(SavedRemotes *saved, QWidget *parent)
    : QWizard(parent)
    , m_saved(saved)
{
    setObjectName(QStringLiteral("addRemoteWizard"));
    setWindowTitle(tr("Add Remote"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setButtonText(QWizard::FinishButton, tr("&Add Remote"));
    setMinimumWidth(620);
    buildServerPage();
    buildCertificatePage();
    buildTrustPage();
    connect(this, &QWizard::currentIdChanged, this, [this] {
        stopJob();
        clearErrors();
    });
}

AddRemoteWizard::~AddRemoteWizard()
{
    stopJob();
}

void AddRemoteWizard::buildServerPage()
{
    m_serverPage = new WizardStepPage(this);
    m_serverPage->setTitle(tr("Server"));
    m_serverPage->setSubTitle(tr("Name the remote and say where its server listens."));
    m_name = new QLineEdit(m_serverPage);
    m_name->setObjectName(QStringLiteral("nameLineEdit"));
    m_name->setAccessibleName(tr("Remote name"));
    m_name->setPlaceholderText(tr("e.g. office"));
    m_address = new QLineEdit(m_serverPage);
    m_address->setObjectName(QStringLiteral("addressLineEdit"));
    m_address->setAccessibleName(tr("Server address"));
    m_address->setPlaceholderText(tr("host or host:8443, https://…, or a unix socket path"));
    m_serverMessage = makeMessageLabel(QStringLiteral("serverMessageLabel"), m_serverPage);
    auto *hint
        = new QLabel(tr("An LXD server is reached over HTTPS (port 8443 unless given) once it listens on "
                        "the network (core.https_address). A daemon on this computer can be reached by "
                        "its unix socket instead."),
                     m_serverPage);
    hint->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Address:"), m_address);
    auto *layout = new QVBoxLayout(m_serverPage);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(m_serverMessage);
    layout->addStretch();

    for (QLineEdit *edit : {m_name, m_address}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            clearErrors();
            m_serverPage->updateButtons();
        });
    }
    m_serverPage->setCompleteHook([this] {
        return !m_busy && !m_name->text().trimmed().isEmpty() && !m_address->text().trimmed().isEmpty();
    });
    m_serverPage->setNextIdHook([this]() -> int {
        QUrl url;
        QString socket;
        QString why;
        // A local socket needs no certificate and no trust: this page is then the last.
        if (parseAddress(m_address->text(), &url, &socket, &why) && !socket.isEmpty())
            return -1;
        return CertificatePageId;
    });
    m_serverPage->setValidateHook([this] { return validateServer(); });
    setPage(ServerPageId, m_serverPage);
}

void AddRemoteWizard::buildCertificatePage()
{
    m_certificatePage = new WizardStepPage(this);
    m_certificatePage->setTitle(tr("Server Certificate"));
    m_certificatePage->setSubTitle(
        tr("This is the certificate the server presented. Berth will accept this server only while it "
           "presents exactly this certificate."));
    m_fingerprintEdit = new QLineEdit(m_certificatePage);
    m_fingerprintEdit->setObjectName(QStringLiteral("fingerprintLineEdit"));
    m_fingerprintEdit->setAccessibleName(tr("SHA-256 fingerprint"));
    m_fingerprintEdit->setReadOnly(true);
    m_fingerprintEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fingerprintEdit->setMinimumWidth(m_fingerprintEdit->fontMetrics().horizontalAdvance(QString(66, u'0')));
    m_subject = makeMessageLabel(QStringLiteral("subjectLabel"), m_certificatePage);
    m_issuer = makeMessageLabel(QStringLiteral("issuerLabel"), m_certificatePage);
    m_validity = makeMessageLabel(QStringLiteral("validityLabel"), m_certificatePage);
    m_accept
        = new QCheckBox(tr("I compared the fingerprint with the server's own and &trust this certificate"),
                        m_certificatePage);
    m_accept->setObjectName(QStringLiteral("acceptCertificateCheckBox"));
    auto *hint = new QLabel(tr("On the server, <code>lxc info</code> shows it as "
                               "<code>certificate_fingerprint</code>."),
                            m_certificatePage);
    hint->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("SHA-256:"), m_fingerprintEdit);
    form->addRow(tr("Subject:"), m_subject);
    form->addRow(tr("Issuer:"), m_issuer);
    form->addRow(tr("Valid:"), m_validity);
    auto *layout = new QVBoxLayout(m_certificatePage);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addSpacing(8);
    layout->addWidget(m_accept);
    layout->addStretch();
    connect(m_accept, &QCheckBox::toggled, m_certificatePage, &WizardStepPage::updateButtons);
    m_certificatePage->setCompleteHook([this] { return m_accept->isChecked() && !m_fingerprint.isEmpty(); });
    setPage(CertificatePageId, m_certificatePage);
}

void AddRemoteWizard::buildTrustPage()
{
    m_trustPage = new WizardStepPage(this);
    m_trustPage->setTitle(tr("Trust"));
    m_trustPage->setSubTitle(
        tr("The server must trust Berth's client certificate. Give it one of these once; "
           "Berth does not keep it."));
    m_useToken = new QRadioButton(tr("Trust &token (recommended)"), m_trustPage);
    m_useToken->setObjectName(QStringLiteral("tokenRadioButton"));
    m_useToken->setChecked(true);
    m_token = new QLineEdit(m_trustPage);
    m_token->setObjectName(QStringLiteral("tokenLineEdit"));
    m_token->setAccessibleName(tr("Trust token"));
    m_token->setPlaceholderText(tr("from `lxc config trust add` on the server"));
    m_usePassword = new QRadioButton(tr("Trust &password (LXD before 6.1)"), m_trustPage);
    m_usePassword->setObjectName(QStringLiteral("passwordRadioButton"));
    m_password = new QLineEdit(m_trustPage);
    m_password->setObjectName(QStringLiteral("passwordLineEdit"));
    m_password->setAccessibleName(tr("Trust password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("the server's core.trust_password"));
    m_trustMessage = makeMessageLabel(QStringLiteral("trustMessageLabel"), m_trustPage);
    auto *hint
        = new QLabel(tr("Leave both empty if the server trusts Berth's certificate already."), m_trustPage);
    hint->setWordWrap(true);
    auto *layout = new QVBoxLayout(m_trustPage);
    layout->addWidget(m_useToken);
    layout->addWidget(m_token);
    layout->addSpacing(6);
    layout->addWidget(m_usePassword);
    layout->addWidget(m_password);
    layout->addWidget(hint);
    layout->addWidget(m_trustMessage);
    layout->addStretch();

    const auto updateEnabled = [this] {
        m_token->setEnabled(m_useToken->isChecked() && !m_busy);
        m_password->setEnabled(m_usePassword->isChecked() && !m_busy);
    };
    connect(m_useToken, &QRadioButton::toggled, this, updateEnabled);
    updateEnabled();
    // Typing in a field chooses it.
    connect(m_token, &QLineEdit::textEdited, this, [this] {
        m_useToken->setChecked(true);
        clearErrors();
    });
    connect(m_password, &QLineEdit::textEdited, this, [this] {
        m_usePassword->setChecked(true);
        clearErrors();
    });
    connect(m_useToken, &QRadioButton::toggled, this, &AddRemoteWizard::clearErrors);
    m_trustPage->setCompleteHook([this] { return !m_busy; });
    m_trustPage->setValidateHook([this] { return validateTrust(); });
    setPage(TrustPageId, m_trustPage);
}

QString AddRemoteWizard::errorText() const
{
    for (const QLabel *label : {m_serverMessage, m_trustMessage}) {
        if (label->property("error").toBool() && !label->text().isEmpty())
            return label->text();
    }
    return {};
}

bool AddRemoteWizard::parseAddress(const QString &text, QUrl *url, QString *socketPath, QString *why)
{
    *url = QUrl();
    socketPath->clear();
    const QString address = text.trimmed();
    if (address.isEmpty()) {
        *why = tr("Give the server's address.");
        return false;
    }
    if (address.startsWith(QLatin1String("unix:")) || address.startsWith(QLatin1Char('/'))) {
        QString path = address.startsWith(QLatin1String("unix:")) ? address.mid(5) : address;
        while (path.startsWith(QLatin1String("//")))
            path = path.mid(1);
        if (path.isEmpty() || path == QLatin1String("/")) {
            *why = tr("Give the path of the daemon's unix socket, e.g. /var/lib/lxd/unix.socket.");
            return false;
        }
        *socketPath = path;
        return true;
    }
    QString withScheme = address;
    if (!withScheme.contains(QLatin1String("://")))
        withScheme.prepend(QLatin1String("https://"));
    QUrl parsed(withScheme, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty()) {
        *why = tr("“%1” is not a server address.").arg(address);
        return false;
    }
    if (parsed.scheme() != QLatin1String("https")) {
        *why = tr("LXD servers are reached over https://, not %1://.").arg(parsed.scheme());
        return false;
    }
    if (!parsed.path().isEmpty() && parsed.path() != QLatin1String("/")) {
        *why = tr("Give the server's address only (no path such as “%1”).").arg(parsed.path());
        return false;
    }
    QUrl normalized;
    normalized.setScheme(QStringLiteral("https"));
    normalized.setHost(parsed.host());
    normalized.setPort(parsed.port(8443));
    *url = normalized;
    return true;
}

bool AddRemoteWizard::validateServer()
{
    if (m_busy)
        return false;
    const QString name = m_name->text().trimmed();
    if (name.contains(QLatin1Char(':')) || name.contains(QLatin1Char('/'))
        || name.contains(QLatin1Char(' '))) {
        showError(m_serverMessage, tr("A remote name cannot contain spaces, ':' or '/'."));
        return false;
    }
    if (m_saved->contains(name) || m_saved->unusedName(name) != name) {
        showError(m_serverMessage, tr("There is already a remote named “%1”.").arg(name));
        return false;
    }
    QString why;
    if (!parseAddress(m_address->text(), &m_url, &m_socketPath, &why)) {
        showError(m_serverMessage, why);
        return false;
    }
    if (!m_socketPath.isEmpty()) {
        addLocal();
        return m_added;
    }
    if (m_probedAddress == m_url.toString() && !m_fingerprint.isEmpty())
        return true;
    probeCertificate();
    return false;
}

void AddRemoteWizard::addLocal()
{
    if (m_added)
        return;
    if (!QFileInfo::exists(m_socketPath)) {
        showError(m_serverMessage, tr("There is no socket at %1.").arg(m_socketPath));
        return;
    }
    setBusy(true, m_serverMessage, tr("Asking the daemon at %1…").arg(m_socketPath));
    m_client = Lxd::Client::overUnixSocket(m_socketPath);
    m_job = m_client.getServer();
    connect(m_job, &Lxd::Job::finished, this, [this](Lxd::Job *job) {
        m_job = nullptr;
        setBusy(false);
        if (job->error()) {
            showError(
                m_serverMessage,
                tr("The daemon at %1 did not answer: %2").arg(m_socketPath, job->error().userMessage()));
            return;
        }
        finishAdding();
    });
}

void AddRemoteWizard::probeCertificate()
{
    setBusy(true, m_serverMessage, tr("Fetching the certificate of %1…").arg(m_url.authority()));
    auto *probe = new Lxd::ServerCertificateProbe(m_url, this);
    probe->setTimeout(20000);
    m_job = probe;
    connect(probe, &Lxd::Job::finished, this, [this, probe] {
        m_job = nullptr;
        setBusy(false);
        if (probe->error()) {
            showError(m_serverMessage,
                      tr("Could not get the certificate of %1: %2")
                          .arg(m_url.authority(), probe->error().userMessage()));
            return;
        }
        m_certificate = probe->certificate();
        m_fingerprint = probe->fingerprint();
        m_probedAddress = m_url.toString();
        showCertificate();
        next();
    });
}

void AddRemoteWizard::showCertificate()
{
    m_fingerprintEdit->setText(QString::fromLatin1(m_fingerprint));
    m_fingerprintEdit->setCursorPosition(0);
    const auto describe = [](const QSslCertificate &certificate, bool issuer) {
        QStringList parts;
        for (const auto &[attribute, label] :
             {std::pair {QSslCertificate::CommonName, QStringLiteral("CN")},
              std::pair {QSslCertificate::Organization, QStringLiteral("O")}}) {
            const QStringList values
                = issuer ? certificate.issuerInfo(attribute) : certificate.subjectInfo(attribute);
            if (!values.isEmpty())
                parts.append(label + QLatin1Char('=') + joined(values));
        }
        return parts.join(QStringLiteral(", "));
    };
    m_subject->setText(describe(m_certificate, false));
    m_issuer->setText(m_certificate.isSelfSigned() ? tr("%1 (self-signed)").arg(describe(m_certificate, true))
                                                   : describe(m_certificate, true));
    const QLocale locale;
    m_validity->setText(tr("%1 to %2")
                            .arg(locale.toString(m_certificate.effectiveDate().toLocalTime().date()),
                                 locale.toString(m_certificate.expiryDate().toLocalTime().date())));
    m_accept->setChecked(false);
    m_certificatePage->updateButtons();
}

QString AddRemoteWizard::checkToken(const QString &token) const
{
    // An LXD (or Incus) trust token is base64 of JSON naming the server's certificate: a token made by
    // another server than the one whose certificate was accepted is refused before it is sent anywhere.
    const QJsonObject decoded = QJsonDocument::fromJson(QByteArray::fromBase64(token.toLatin1())).object();
    if (decoded.isEmpty() || !decoded.contains(QLatin1String("secret")))
        return tr("This is not a trust token. `lxc config trust add` on the server prints one.");
    const QByteArray issuer = Lxd::TlsIdentity::normalizeFingerprint(
        decoded.value(QLatin1String("fingerprint")).toString().toLatin1());
    if (!issuer.isEmpty() && issuer != m_fingerprint)
        return tr("This token was made by another server (certificate %1…), not by the one at %2.")
            .arg(QString::fromLatin1(issuer.left(16)), m_url.authority());
    return {};
}

bool AddRemoteWizard::validateTrust()
{
    if (m_added)
        return true;
    if (m_busy)
        return false;
    if (m_useToken->isChecked() && !m_token->text().trimmed().isEmpty()) {
        const QString problem = checkToken(m_token->text().trimmed());
        if (!problem.isEmpty()) {
            showError(m_trustMessage, problem);
            return false;
        }
    }
    setBusy(true, m_trustMessage, tr("Preparing Berth's client certificate…"));
    m_saved->loadIdentity(QString(), this, [this](const SavedRemotes::IdentityResult &result) {
        if (!result.ok()) {
            setBusy(false);
            showError(m_trustMessage,
                      result.declined ? tr("Berth has no client certificate to show the server: no keychain "
                                           "exists and keeping the key in a file was declined.")
                                      : result.userMessage);
            return;
        }
        authenticate(result.identity);
    });
    return false;
}

void AddRemoteWizard::authenticate(const Lxd::TlsIdentity &clientIdentity)
{
    Lxd::TlsIdentity identity = clientIdentity;
    identity.setPinnedFingerprint(m_fingerprint);
    m_client = Lxd::Client::overHttps(m_url, identity);
    const QString token = m_token->text().trimmed();
    const QString password = m_password->text();
    const bool useToken = m_useToken->isChecked();
    if ((useToken && token.isEmpty()) || (!useToken && password.isEmpty())) {
        // Nothing to give: the server may trust this certificate already.
        setBusy(true, m_trustMessage, tr("Asking %1 whether it trusts Berth…").arg(m_url.authority()));
        m_job = m_client.getServer();
        connect(m_job, &Lxd::Job::finished, this, [this](Lxd::Job *job) {
            m_job = nullptr;
            onAuthenticated(job->error(), true);
        });
        return;
    }
    setBusy(true, m_trustMessage, tr("Authenticating with %1…").arg(m_url.authority()));
    m_job = useToken ? static_cast<Lxd::Job *>(m_client.authenticateWithToken(token))
                     : static_cast<Lxd::Job *>(m_client.authenticateWithPassword(password));
    connect(m_job, &Lxd::Job::finished, this, [this](Lxd::Job *job) {
        m_job = nullptr;
        onAuthenticated(job->error(), false);
    });
}

void AddRemoteWizard::onAuthenticated(const Lxd::Error &error, bool checkOnly)
{
    setBusy(false);
    if (error) {
        QString text;
        if (error.kind() == Lxd::Error::Kind::Api && (error.httpStatus() == 403 || error.httpStatus() == 401))
            text = m_useToken->isChecked()
                ? tr("The server refused the trust token: %1").arg(error.serverMessage())
                : tr("The server refused the trust password: %1").arg(error.serverMessage());
        else
            text = error.userMessage();
        showError(m_trustMessage, text);
        return;
    }
    if (checkOnly && !m_client.isTrusted()) {
        showError(m_trustMessage,
                  tr("%1 does not trust Berth's certificate yet. Paste a trust token, or type the "
                     "trust password.")
                      .arg(m_url.authority()));
        return;
    }
    finishAdding();
}

void AddRemoteWizard::finishAdding()
{
    Secrets::RemoteConfig config;
    config.name = m_name->text().trimmed();
    if (m_socketPath.isEmpty()) {
        config.url = m_url;
        config.pinnedFingerprint = m_fingerprint;
    } else {
        config.socketPath = m_socketPath;
    }
    QLabel *label = m_socketPath.isEmpty() ? m_trustMessage : m_serverMessage;
    if (const Lxd::Error error = m_saved->add(config)) {
        showError(label, tr("The remote could not be saved: %1").arg(error.detail()));
        return;
    }
    // Used once: not kept in the dialog either.
    m_token->clear();
    m_password->clear();
    m_added = true;
    Q_EMIT remoteAdded(config.name);
    Q_EMIT statusMessage(tr("Added remote %1").arg(config.name));
    accept();
}

void AddRemoteWizard::setBusy(bool busy, QLabel *label, const QString &text)
{
    m_busy = busy;
    if (label) {
        label->setProperty("error", false);
        label->setStyleSheet(QString());
        label->setText(text);
    }
    if (!busy) {
        for (QLabel *message : {m_serverMessage, m_trustMessage}) {
            if (!message->property("error").toBool())
                message->clear();
        }
    }
    m_name->setEnabled(!busy);
    m_address->setEnabled(!busy);
    m_useToken->setEnabled(!busy);
    m_usePassword->setEnabled(!busy);
    m_token->setEnabled(!busy && m_useToken->isChecked());
    m_password->setEnabled(!busy && m_usePassword->isChecked());
    if (QWizardPage *page = currentPage())
        static_cast<WizardStepPage *>(page)->updateButtons();
}

void AddRemoteWizard::showError(QLabel *label, const QString &text)
{
    label->setProperty("error", true);
    label->setStyleSheet(QStringLiteral("color: palette(bright-text); background: #b3261e; padding: 6px;"
                                        "border-radius: 3px;"));
    label->setText(text);
}

void AddRemoteWizard::clearErrors()
{
    if (m_busy)
        return;
    for (QLabel *label : {m_serverMessage, m_trustMessage}) {
        label->setProperty("error", false);
        label->setStyleSheet(QString());
        label->clear();
    }
}

void AddRemoteWizard::stopJob()
{
    if (m_job)
        m_job->abandon();
    m_job = nullptr;
    if (m_busy)
        setBusy(false);
}
