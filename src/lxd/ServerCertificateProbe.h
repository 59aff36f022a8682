#pragma once

#include "Job.h"

#include <QList>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>

class QSslSocket;

namespace Lxd {

// Asks a server for its certificate, for trust on first use: a TLS handshake that accepts any
// certificate, presents none of ours and sends no request, then hangs up. The job starts by itself
// from the event loop; read the result in the finished() slot.
class ServerCertificateProbe final : public Job
{
    Q_OBJECT

public:
    // `url` is "https://host:port" (port 8443 when absent).
    explicit ServerCertificateProbe(const QUrl &url, QObject *parent = nullptr);
    ~ServerCertificateProbe() override;

    QUrl url() const { return m_url; }
    // The chain as the server sent it, its own certificate first.
    QList<QSslCertificate> certificateChain() const { return m_chain; }
    QSslCertificate certificate() const { return m_chain.value(0); }
    // Lowercase hex SHA-256 of certificate(), the form TlsIdentity pins.
    QByteArray fingerprint() const;

    // How long connecting and the handshake may take (30 s by default).
    void setTimeout(int ms) { m_timeoutMs = ms; }

protected:
    void stopWork() override;

private:
    void start();
    void onEncrypted();
    void onSocketError();
    void onTimeout();
    void end(const Error &error);

    QUrl m_url;
    QSslSocket *m_socket;
    QTimer m_timer;
    int m_timeoutMs = 30000;
    QList<QSslCertificate> m_chain;
};

} // namespace Lxd
