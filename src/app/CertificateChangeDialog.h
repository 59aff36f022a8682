#pragma once

#include <QByteArray>
#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;

class SavedRemotes;

namespace Lxd {
class Job;
}

// "Trust New Certificate…": the deliberate way to accept a server's new certificate. It fetches what the
// server presents now and shows it beside the pinned one, with what a change can mean, and pins the new
// one only when the user presses the button, exactly the fingerprint shown.
class CertificateChangeDialog final : public QDialog
{
    Q_OBJECT

public:
    CertificateChangeDialog(SavedRemotes *saved, const QString &name, QWidget *parent = nullptr);
    ~CertificateChangeDialog() override;

    QString remoteName() const { return m_name; }
    QByteArray pinnedFingerprint() const { return m_pinned; }
    // What the server presented (empty until it answered).
    QByteArray presentedFingerprint() const { return m_presented; }
    QPushButton *trustButton() const { return m_trust; }
    QString messageText() const;

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void probe();
    void trust();

    SavedRemotes *m_saved;
    QString m_name;
    QByteArray m_pinned;
    QByteArray m_presented;
    QLineEdit *m_pinnedEdit;
    QLineEdit *m_presentedEdit;
    QLabel *m_subject;
    QLabel *m_message;
    QPushButton *m_trust;
    QPointer<Lxd::Job> m_probe;
};
