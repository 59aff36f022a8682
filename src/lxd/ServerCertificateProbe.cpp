#include "ServerCertificateProbe.h"

#include "TlsIdentity.h"

#include <QMetaObject>
#include <QSslConfiguration>
#include <QSslSocket>

namespace Lxd {

ServerCertificateProbe::ServerCertificateProbe(const QUrl &url, QObject *parent)
    : Job(parent)
    , m_url(url)
    , m_socket(new QSslSocket(this))
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setCaCertificates({});
    // We only look at the certificate: nothing is trusted or sent on this connection.
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_socket->setSslConfiguration(configuration);

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ServerCertificateProbe::onTimeout);
    connect(m_socket, &QSslSocket::encrypted, this, &ServerCertificateProbe::onEncrypted);
    connect(m_socket, &QSslSocket::errorOccurred, this, &ServerCertificateProbe::onSocketError);
    QMetaObject::invokeMethod(this, &ServerCertificateProbe::start, Qt::QueuedConnection);
}

ServerCertificateProbe::~ServerCertificateProbe()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

QByteArray ServerCertificateProbe::fingerprint() const
{
    return TlsIdentity::fingerprint(certificate());
}

void ServerCertificateProbe::start()
{
    if (isFinished())
        return;
    const QString host = m_url.host();
    if (host.isEmpty()) {
        end(Error::network(QStringLiteral("no host in %1").arg(m_url.toDisplayString())));
        return;
    }
    m_timer.start(m_timeoutMs);
    m_socket->connectToHostEncrypted(host, quint16(m_url.port(8443)));
}

void ServerCertificateProbe::onEncrypted()
{
    m_chain = m_socket->peerCertificateChain();
    if (m_chain.isEmpty())
        m_chain = {m_socket->peerCertificate()};
    if (m_chain.value(0).isNull()) {
        m_chain.clear();
        end(Error(Error::Kind::Tls,
                  QStringLiteral("%1 presented no certificate").arg(m_url.toDisplayString())));
        return;
    }
    end({});
}

void ServerCertificateProbe::onSocketError()
{
    const QAbstractSocket::SocketError code = m_socket->error();
    const QString detail = QStringLiteral("%1: %2").arg(m_url.toDisplayString(), m_socket->errorString());
    end(code == QAbstractSocket::SslHandshakeFailedError || code == QAbstractSocket::SslInternalError
            ? Error(Error::Kind::Tls, detail)
            : Error::network(detail));
}

void ServerCertificateProbe::onTimeout()
{
    end(Error::network(QStringLiteral("no TLS handshake with %1 within %2 ms")
                           .arg(m_url.toDisplayString())
                           .arg(m_timeoutMs)));
}

void ServerCertificateProbe::end(const Error &error)
{
    if (isFinished())
        return;
    m_timer.stop();
    m_socket->disconnect(this);
    m_socket->abort();
    finishWith(error);
}

void ServerCertificateProbe::stopWork()
{
    m_timer.stop();
    m_socket->disconnect(this);
    m_socket->abort();
}

} // namespace Lxd
