#pragma once

#include "lxd/Client.h"

#include <QHash>
#include <QStringList>

// Clients of the local testbed daemon over every transport Berth has: the unix socket, and HTTPS
// with a fresh client certificate made trusted once by trust password and once by trust token.
class TestClients
{
public:
    static QStringList transportNames(); // "unix", "https-password", "https-token"

    // Connects and authenticates every client; false with the reason when any step fails.
    bool setUp(QString *why);
    // Removes the certificates setUp() added to the daemon's trust store.
    void tearDown();

    Lxd::Client client(const QString &transport) const { return m_clients.value(transport); }

    // An HTTPS client of `address` ("127.0.0.1:8443") with a new certificate and the server's
    // certificate pinned, not yet trusted. Its fingerprint goes to `fingerprint`.
    static Lxd::Client untrustedHttpsClient(const QString &address, QByteArray *fingerprint, QString *why);
    // A new trust token from `lxc config trust add` on the local daemon.
    static QString createTrustToken(const QString &name, QString *why);
    // Restarts the local daemon through `scripts/testbed restart local` (its instances keep running).
    static bool restartLocalDaemon();

private:
    QHash<QString, Lxd::Client> m_clients;
    QList<QByteArray> m_addedFingerprints;
};
