#include "ClientIdentityJob.h"

#include "ClientCertificateGenerator.h"
#include "ClientIdentityStore.h"
#include "ConfigDirectory.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSslCertificate>

#include <memory>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace Secrets {

namespace {

Lxd::Error ioError(const QString &detail)
{
    return Lxd::Error(Lxd::Error::Kind::Io, detail);
}

// Whether the private key in `keyPem` is the one of the certificate in `certificatePem`. Only says why
// not in general terms: OpenSSL's error queue is dropped, and nothing of the key is ever quoted.
bool belongTogether(const QByteArray &certificatePem, const QByteArray &keyPem, QString *why)
{
    struct BioFree
    {
        void operator()(BIO *bio) const { BIO_free(bio); }
    };
    struct X509Free
    {
        void operator()(X509 *certificate) const { X509_free(certificate); }
    };
    struct KeyFree
    {
        void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
    };
    const std::unique_ptr<BIO, BioFree> certificateBio(
        BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())));
    const std::unique_ptr<X509, X509Free> certificate(
        PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr));
    const std::unique_ptr<BIO, BioFree> keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    // An empty passphrase: an encrypted key fails instead of prompting on the terminal.
    char noPassphrase[] = "";
    const std::unique_ptr<EVP_PKEY, KeyFree> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, noPassphrase));
    ERR_clear_error();
    if (!certificate) {
        *why = QStringLiteral("the certificate is not a PEM certificate");
        return false;
    }
    if (!key) {
        *why = QStringLiteral("the private key is not an unencrypted PEM private key");
        return false;
    }
    if (X509_check_private_key(certificate.get(), key.get()) != 1) {
        ERR_clear_error();
        *why = QStringLiteral("the private key does not belong to the certificate");
        return false;
    }
    return true;
}

} // namespace

ClientIdentityJob::ClientIdentityJob(Operation operation, KeyStore *keyStore, QString name,
                                     QString certificatePath, KeyStore::FileFallback fallback,
                                     QObject *parent)
    : Lxd::Job(parent)
    , m_operation(operation)
    , m_keyStore(keyStore)
    , m_name(std::move(name))
    , m_certificatePath(std::move(certificatePath))
    , m_fallback(fallback)
{ }

ClientIdentityJob::~ClientIdentityJob() = default;

Lxd::TlsIdentity ClientIdentityJob::identity() const
{
    if (!succeeded())
        return {};
    return Lxd::TlsIdentity::fromPem(m_certificatePem, m_keyPem);
}

QByteArray ClientIdentityJob::fingerprint() const
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(m_certificatePem, QSsl::Pem);
    return certificates.isEmpty() ? QByteArray() : Lxd::TlsIdentity::fingerprint(certificates.constFirst());
}

void ClientIdentityJob::startLoad()
{
    if (m_certificatePath.isEmpty()) {
        failWith(ioError(QStringLiteral("“%1” is not a valid identity name").arg(m_name)));
        return;
    }
    if (!QFileInfo::exists(m_certificatePath)) {
        if (m_name.isEmpty()) {
            generate();
            return;
        }
        failWith(ioError(QStringLiteral("there is no client identity named “%1” (%2 is missing)")
                             .arg(m_name, m_certificatePath)));
        return;
    }
    QFile file(m_certificatePath);
    if (!file.open(QIODevice::ReadOnly)) {
        failWith(ioError(QStringLiteral("cannot read %1: %2").arg(m_certificatePath, file.errorString())));
        return;
    }
    m_certificatePem = file.readAll();
    m_keyJob = m_keyStore->read(ClientIdentityStore::keyName(m_name));
    connect(m_keyJob, &Lxd::Job::finished, this,
            [this](Lxd::Job *job) { onKeyRead(static_cast<KeyStoreJob *>(job)); });
}

void ClientIdentityJob::startSave(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    if (m_certificatePath.isEmpty()) {
        failWith(ioError(QStringLiteral("“%1” is not a valid identity name").arg(m_name)));
        return;
    }
    QString why;
    if (!belongTogether(certificatePem, keyPem, &why)) {
        failWith(Lxd::Error(Lxd::Error::Kind::Parse, why));
        return;
    }
    m_certificatePem = certificatePem;
    m_keyPem = keyPem;
    storeKey();
}

void ClientIdentityJob::stopWork()
{
    if (m_keyJob)
        m_keyJob->abandon();
    m_keyJob = nullptr;
}

void ClientIdentityJob::onKeyRead(KeyStoreJob *job)
{
    m_keyJob = nullptr;
    if (isFinished())
        return;
    if (job->succeeded()) {
        m_keyPem = job->secret();
        m_keyLocation = job->location();
        QString why;
        if (!belongTogether(m_certificatePem, m_keyPem, &why)) {
            m_keyPem.clear();
            failWith(Lxd::Error(Lxd::Error::Kind::Parse,
                                QStringLiteral("%1 and the key “%2”: %3")
                                    .arg(m_certificatePath, ClientIdentityStore::keyName(m_name), why)));
            return;
        }
        finishWith();
        return;
    }
    // Berth's own identity is remade when its key is gone for good, or unreachable and the user agreed to
    // a file: the old key cannot be used either way.
    const bool remake = m_name.isEmpty()
        && (job->isNotFound() || (job->isNoKeychain() && m_fallback == KeyStore::FileFallback::Allow));
    if (remake) {
        generate();
        return;
    }
    failWith(job->error(), job->failure(), job->userMessage());
}

void ClientIdentityJob::generate()
{
    const ClientCertificateGenerator::Result generated = ClientCertificateGenerator::generate();
    if (!generated.isValid()) {
        failWith(Lxd::Error(Lxd::Error::Kind::Io,
                            QStringLiteral("cannot make a client certificate: %1").arg(generated.error)));
        return;
    }
    m_certificatePem = generated.certificatePem;
    m_keyPem = generated.privateKeyPem;
    m_generated = true;
    storeKey();
}

void ClientIdentityJob::storeKey()
{
    m_keyJob = m_keyStore->store(ClientIdentityStore::keyName(m_name), m_keyPem, m_fallback);
    connect(m_keyJob, &Lxd::Job::finished, this,
            [this](Lxd::Job *job) { onKeyStored(static_cast<KeyStoreJob *>(job)); });
}

void ClientIdentityJob::onKeyStored(KeyStoreJob *job)
{
    m_keyJob = nullptr;
    if (isFinished())
        return;
    if (!job->succeeded()) {
        failWith(job->error(), job->failure(), job->userMessage());
        return;
    }
    m_keyLocation = job->location();
    writeCertificate();
}

void ClientIdentityJob::writeCertificate()
{
    const QString directory = QFileInfo(m_certificatePath).absolutePath();
    if (const Lxd::Error error = ConfigDirectory::ensurePrivate(directory)) {
        failWith(error);
        return;
    }
    QSaveFile file(m_certificatePath);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_certificatePem) != m_certificatePem.size()
        || !file.commit()) {
        failWith(ioError(QStringLiteral("cannot write %1: %2").arg(m_certificatePath, file.errorString())));
        return;
    }
    finishWith();
}

void ClientIdentityJob::failWith(const Lxd::Error &error, KeyStoreJob::Failure keyStoreFailure,
                                 const QString &keyStoreMessage)
{
    m_keyPem.clear();
    m_keyStoreFailure = keyStoreFailure;
    m_keyStoreMessage = keyStoreMessage;
    finishWith(error);
}

QString ClientIdentityJob::userMessage() const
{
    if (!error())
        return {};
    if (!m_keyStoreMessage.isEmpty())
        return m_keyStoreMessage;
    return QCoreApplication::translate("Secrets::ClientIdentityJob",
                                       "The client certificate could not be used: %1")
        .arg(error().detail());
}

} // namespace Secrets
