#include "ClientCertificateGenerator.h"

#include <QSysInfo>

#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <pwd.h>
#include <unistd.h>

namespace Secrets {

namespace {

template<class T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *pointer) const { Free(pointer); }
};

using PKeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

// OpenSSL's reason for the last failure. Its error queue names functions and reasons, never key bytes.
QString openSslError(const char *step)
{
    QString text = QString::fromLatin1(step);
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        text += QStringLiteral(": ") + QString::fromLatin1(buffer);
    }
    return text;
}

bool addEntry(X509_NAME *name, const char *field, const QString &value)
{
    if (value.isEmpty())
        return true;
    const QByteArray utf8 = value.toUtf8();
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>(utf8.constData()),
                                      int(utf8.size()), -1, 0)
        == 1;
}

bool addExtension(X509 *certificate, int nid, const QByteArray &value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    const ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData()));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, qsizetype(size)) : QByteArray();
}

QString userName()
{
    if (const passwd *entry = getpwuid(geteuid()); entry && entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
    const QString fromEnvironment = qEnvironmentVariable("USER");
    return fromEnvironment.isEmpty() ? QStringLiteral("berth") : fromEnvironment;
}

QString hostName()
{
    const QString host = QSysInfo::machineHostName();
    return host.isEmpty() ? QStringLiteral("localhost") : host;
}

} // namespace

QString ClientCertificateGenerator::defaultCommonName()
{
    return userName() + QLatin1Char('@') + hostName();
}

ClientCertificateGenerator::Result ClientCertificateGenerator::generate()
{
    return generate(Options());
}

ClientCertificateGenerator::Result ClientCertificateGenerator::generate(const Options &options)
{
    Result result;
    ERR_clear_error();

    const PKeyPtr key(EVP_EC_gen("P-384"));
    if (!key) {
        result.error = openSslError("cannot generate a P-384 key");
        return result;
    }

    const X509Ptr certificate(X509_new());
    const BignumPtr serial(BN_new());
    // A random positive 128-bit serial, as Go's crypto/x509 users (lxc) pick.
    if (!certificate || !serial || X509_set_version(certificate.get(), X509_VERSION_3) != 1
        || BN_rand(serial.get(), 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1
        || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get()))
        // A minute in the past, as LXD does, so a server whose clock is a little behind accepts it.
        || !X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -60)
        || !X509_time_adj_ex(X509_getm_notAfter(certificate.get()), options.validityDays, 0, nullptr)
        || X509_set_pubkey(certificate.get(), key.get()) != 1) {
        result.error = openSslError("cannot fill in the certificate");
        return result;
    }

    X509_NAME *subject = X509_get_subject_name(certificate.get());
    const QString commonName = options.commonName.isEmpty() ? defaultCommonName() : options.commonName;
    if (!addEntry(subject, "O", options.organization) || !addEntry(subject, "CN", commonName)
        || X509_set_issuer_name(certificate.get(), subject) != 1) {
        result.error = openSslError("cannot set the certificate's subject");
        return result;
    }

    QStringList altNames;
    const QStringList dnsNames = options.dnsNames.isEmpty() && options.ipAddresses.isEmpty()
        ? QStringList {hostName()}
        : options.dnsNames;
    for (const QString &name : dnsNames)
        altNames.append(QStringLiteral("DNS:") + name);
    for (const QHostAddress &address : options.ipAddresses)
        altNames.append(QStringLiteral("IP:") + address.toString());
    const QByteArray extendedUsage
        = options.serverAuth ? QByteArrayLiteral("serverAuth,clientAuth") : QByteArrayLiteral("clientAuth");
    if (!addExtension(certificate.get(), NID_basic_constraints, QByteArrayLiteral("critical,CA:FALSE"))
        || !addExtension(certificate.get(), NID_key_usage,
                         QByteArrayLiteral("critical,digitalSignature,keyEncipherment"))
        || !addExtension(certificate.get(), NID_ext_key_usage, extendedUsage)
        || !addExtension(certificate.get(), NID_subject_key_identifier, QByteArrayLiteral("hash"))
        || !addExtension(certificate.get(), NID_subject_alt_name, altNames.join(QLatin1Char(',')).toUtf8())) {
        result.error = openSslError("cannot add the certificate's extensions");
        return result;
    }

    if (X509_sign(certificate.get(), key.get(), EVP_sha384()) <= 0) {
        result.error = openSslError("cannot sign the certificate");
        return result;
    }

    const BioPtr certificateBio(BIO_new(BIO_s_mem()));
    // Secure heap memory where OpenSSL has one; it is wiped when freed.
    const BioPtr keyBio(BIO_new(BIO_s_secmem()));
    if (!certificateBio || !keyBio || PEM_write_bio_X509(certificateBio.get(), certificate.get()) != 1
        || PEM_write_bio_PrivateKey_traditional(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                                nullptr)
            != 1) {
        result.error = openSslError("cannot encode the certificate and key as PEM");
        return result;
    }
    result.certificatePem = bioContents(certificateBio.get());
    result.privateKeyPem = bioContents(keyBio.get());
    return result;
}

} // namespace Secrets
