#pragma once

#include "lxd/Client.h"

#include <QPointer>
#include <QSslCertificate>
#include <QUrl>
#include <QWizard>

class QCheckBox;
class QLabel;
class QLineEdit;
class QRadioButton;

class SavedRemotes;
class WizardStepPage;

namespace Lxd {
class Job;
class TlsIdentity;
} // namespace Lxd

// Adds a remote in three steps, as `lxc remote add` does but showing what it accepts:
//  1. a name and an address (host[:port], an https:// URL, or a local daemon's unix socket);
//  2. Berth fetches the server's certificate and shows its fingerprint and subject; only when the user
//     says they checked it is it pinned (trust on first use, made explicit);
//  3. a trust token (preferred) or the trust password (LXD before 6.1) makes the server trust Berth's own
//     client certificate, made on first need. Nothing secret is kept: the token or password is sent once.
// Errors show on the page that caused them and go away as soon as the user changes the input.
class AddRemoteWizard final : public QWizard
{
    Q_OBJECT

public:
    enum PageId { ServerPageId, CertificatePageId, TrustPageId };

    explicit AddRemoteWizard(SavedRemotes *saved, QWidget *parent = nullptr);
    ~AddRemoteWizard() override;

    // The fingerprint of the certificate the server presented (step 2), lowercase hex.
    QByteArray presentedFingerprint() const { return m_fingerprint; }
    // The error shown on the current page; empty when there is none.
    QString errorText() const;
    bool isBusy() const { return m_busy; }

    // "127.0.0.2:8443", "https://host", "unix:///var/lib/lxd/unix.socket", "/path/unix.socket": an
    // https URL with a port, or a socket path. False with the reason for people otherwise.
    static bool parseAddress(const QString &text, QUrl *url, QString *socketPath, QString *why);

Q_SIGNALS:
    void remoteAdded(const QString &name);
    void statusMessage(const QString &text);

private:
    void buildServerPage();
    void buildCertificatePage();
    void buildTrustPage();
    bool validateServer();
    void addLocal();
    void probeCertificate();
    void showCertificate();
    bool validateTrust();
    void authenticate(const Lxd::TlsIdentity &identity);
    void onAuthenticated(const Lxd::Error &error, bool checkOnly);
    void finishAdding();
    QString checkToken(const QString &token) const;
    void setBusy(bool busy, QLabel *label = nullptr, const QString &text = {});
    void showError(QLabel *label, const QString &text);
    void clearErrors();
    void stopJob();

    SavedRemotes *m_saved;
    WizardStepPage *m_serverPage = nullptr;
    WizardStepPage *m_certificatePage = nullptr;
    WizardStepPage *m_trustPage = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_address = nullptr;
    QLabel *m_serverMessage = nullptr;
    QLineEdit *m_fingerprintEdit = nullptr;
    QLabel *m_subject = nullptr;
    QLabel *m_issuer = nullptr;
    QLabel *m_validity = nullptr;
    QCheckBox *m_accept = nullptr;
    QRadioButton *m_useToken = nullptr;
    QRadioButton *m_usePassword = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_trustMessage = nullptr;

    bool m_busy = false;
    bool m_added = false;
    QUrl m_url;
    QString m_socketPath;
    QString m_probedAddress; // the address m_certificate came from
    QSslCertificate m_certificate;
    QByteArray m_fingerprint;
    Lxd::Client m_client;
    QPointer<Lxd::Job> m_job;
};
