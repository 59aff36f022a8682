#pragma once

#include "lxd/TlsIdentity.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

namespace Secrets {

// Makes the kind of certificate `lxc` makes for itself: ECDSA P-384, self-signed with SHA-384, subject
// "CN=<user>@<host>", valid for ten years (from a minute ago), a random 128-bit serial, extended key usage
// clientAuth. The private key is a secret: it is returned to the caller and never logged.
class ClientCertificateGenerator final
{
public:
    struct Options
    {
        QString commonName; // empty: defaultCommonName()
        QString organization = QStringLiteral("Berth");
        QStringList dnsNames; // subjectAltName DNS entries; empty: the host name, as lxc does
        QList<QHostAddress> ipAddresses; // subjectAltName IP entries
        int validityDays = 3650;
        // Adds serverAuth to the extended key usage (for test servers; clients leave it off).
        bool serverAuth = false;
    };

    struct Result
    {
        QByteArray certificatePem;
        QByteArray privateKeyPem; // "EC PRIVATE KEY", the form lxc writes to client.key
        QString error; // empty on success; never contains key material

        bool isValid() const
        {
            return error.isEmpty() && !certificatePem.isEmpty() && !privateKeyPem.isEmpty();
        }
        // The certificate and key as an identity for HttpsTransport (no pin yet).
        Lxd::TlsIdentity identity() const { return Lxd::TlsIdentity::fromPem(certificatePem, privateKeyPem); }
    };

    // "<user>@<host>", like lxc's "root@myhost".
    static QString defaultCommonName();

    static Result generate();
    static Result generate(const Options &options);
};

} // namespace Secrets
