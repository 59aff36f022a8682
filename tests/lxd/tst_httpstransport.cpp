#include "Testbed.h"
#include "lxd/HttpReply.h"
#include "lxd/HttpsTransport.h"
#include "lxd/ServerCertificateProbe.h"
#include "lxd/TlsIdentity.h"
#include "lxd/WebSocketChannel.h"
#include "secrets/ClientCertificateGenerator.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QSslCertificateExtension>
#include <QSslServer>
#include <QSslSocket>
#include <QTest>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using Lxd::Error;
using Lxd::HttpReply;
using Lxd::HttpRequest;
using Lxd::HttpsTransport;
using Lxd::ServerCertificateProbe;
using Lxd::TlsIdentity;
using Lxd::WebSocketChannel;
using Secrets::ClientCertificateGenerator;

namespace {

constexpr int Timeout = 10000;
constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 BigTransfer = 200 * MiB;

// The bytes of the big transfers: not constant, not periodic on any buffer size, cheap to check.
inline char patternByte(qint64 offset)
{
    return char((offset * 31 + (offset >> 13)) & 0xff);
}

void fillPattern(char *data, qint64 offset, qint64 size)
{
    for (qint64 i = 0; i < size; ++i)
        data[i] = patternByte(offset + i);
}

bool matchesPattern(const char *data, qint64 offset, qint64 size)
{
    for (qint64 i = 0; i < size; ++i) {
        if (data[i] != patternByte(offset + i))
            return false;
    }
    return true;
}

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// A body of `size` pattern bytes made up on the fly: the upload source never holds the file.
class PatternSource final : public QIODevice
{
public:
    explicit PatternSource(qint64 size)
        : m_size(size)
    {
        open(QIODevice::ReadOnly);
    }
    qint64 size() const override { return m_size; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 count = qMin(maxSize, m_size - pos());
        if (count <= 0)
            return -1;
        fillPattern(data, pos(), count);
        return count;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_size;
};

// A download sink that checks and counts what it gets and keeps nothing.
class PatternSink final : public QIODevice
{
public:
    PatternSink() { open(QIODevice::WriteOnly); }
    qint64 received = 0;
    bool intact = true;
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        intact = intact && matchesPattern(data, received, size);
        received += size;
        return size;
    }
};

// Samples VmRSS while a transfer runs; the peak growth is what the memory bound is about.
class RssWatch
{
public:
    RssWatch()
        : m_baseline(residentKiB())
        , m_peak(m_baseline)
    {
        QObject::connect(&m_timer, &QTimer::timeout, [this] { sample(); });
        m_timer.start(20);
    }
    void sample() { m_peak = qMax(m_peak, residentKiB()); }
    qint64 growthKiB() const { return m_peak - m_baseline; }

private:
    QTimer m_timer;
    qint64 m_baseline;
    qint64 m_peak;
};

// One connection of TestHttpsServer: HTTP/1.1 with keep-alive, bodies consumed as they arrive.
class ServerConnection final : public QObject
{
    Q_OBJECT

public:
    struct Stats
    {
        int requests = 0;
        qint64 bodyBytes = 0;
        bool uploadIntact = true;
        QList<QByteArray> requestLines;
    };

    ServerConnection(QSslSocket *socket, Stats *stats)
        : m_socket(socket)
        , m_stats(stats)
    {
        socket->setParent(this);
        connect(socket, &QSslSocket::readyRead, this, &ServerConnection::onReadyRead);
        connect(socket, &QSslSocket::bytesWritten, this, &ServerConnection::feedDownload);
        connect(socket, &QSslSocket::encryptedBytesWritten, this, &ServerConnection::feedDownload);
        connect(socket, &QSslSocket::disconnected, this, &QObject::deleteLater);
        onReadyRead();
    }

private:
    void onReadyRead()
    {
        while (m_socket->bytesAvailable() > 0 || !m_buffer.isEmpty()) {
            m_buffer += m_socket->readAll();
            if (!m_inBody) {
                const qsizetype end = m_buffer.indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                parseHead(m_buffer.left(end));
                m_buffer.remove(0, end + 4);
                m_inBody = true;
                m_bodyOffset = 0;
            }
            const qint64 take = qMin<qint64>(m_buffer.size(), m_contentLength - m_bodyOffset);
            if (take > 0) {
                if (m_path == "/upload")
                    m_stats->uploadIntact
                        = m_stats->uploadIntact && matchesPattern(m_buffer.constData(), m_bodyOffset, take);
                else
                    m_body += m_buffer.left(take);
                m_stats->bodyBytes += take;
                m_bodyOffset += take;
                m_buffer.remove(0, take);
            }
            if (m_bodyOffset < m_contentLength)
                return;
            m_inBody = false;
            respond();
            if (m_buffer.isEmpty())
                return;
        }
    }

    void parseHead(const QByteArray &head)
    {
        const QList<QByteArray> lines = head.split('\n');
        const QByteArray requestLine = lines.value(0).trimmed();
        m_stats->requestLines.append(requestLine);
        ++m_stats->requests;
        const QList<QByteArray> parts = requestLine.split(' ');
        m_method = parts.value(0);
        const QByteArray target = parts.value(1);
        const qsizetype question = target.indexOf('?');
        m_path = question < 0 ? target : target.left(question);
        m_query = question < 0 ? QByteArray() : target.mid(question + 1);
        m_contentLength = 0;
        m_body.clear();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
                m_contentLength = line.mid(colon + 1).trimmed().toLongLong();
        }
    }

    void writeHead(int status, const QByteArray &reason, qint64 length, const QByteArray &extra = {})
    {
        m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                        + "\r\nContent-Length: " + QByteArray::number(length) + "\r\n" + extra + "\r\n");
    }

    void respond()
    {
        if (m_path == "/1.0" && (m_method == "GET" || m_method == "HEAD")) {
            const QByteArray body
                = R"({"type":"sync","status":"Success","status_code":200,"metadata":{"auth":"trusted"}})";
            writeHead(200, "OK", body.size(), "Content-Type: application/json\r\nX-Test: yes\r\n");
            if (m_method == "GET")
                m_socket->write(body);
        } else if (m_path == "/echo") {
            writeHead(200, "OK", m_body.size(), "X-Method: " + m_method + "\r\n");
            m_socket->write(m_body);
        } else if (m_path == "/upload") {
            const QByteArray body
                = QJsonDocument(QJsonObject {{QStringLiteral("received"), m_bodyOffset}}).toJson();
            writeHead(200, "OK", body.size());
            m_socket->write(body);
        } else if (m_path == "/download") {
            m_downloadSize = m_query.mid(m_query.indexOf('=') + 1).toLongLong();
            m_downloadOffset = 0;
            writeHead(200, "OK", m_downloadSize, "Content-Type: application/octet-stream\r\n");
            feedDownload();
        } else if (m_path == "/stall") {
            // Promises more than it sends, and waits.
            writeHead(200, "OK", 1000);
            m_socket->write(QByteArray(10, 'x'));
        } else if (m_path == "/cut") {
            writeHead(200, "OK", 1000);
            m_socket->write(QByteArray(10, 'x'));
            m_socket->disconnectFromHost();
        } else {
            const QByteArray body = R"({"type":"error","error":"not found","error_code":404})";
            writeHead(404, "Not Found", body.size());
            m_socket->write(body);
        }
    }

    // Keeps a few MiB in flight: the server side must not be what eats the memory either.
    void feedDownload()
    {
        // QSslSocket::bytesToWrite() leaves out what is encrypted and still queued: count both.
        while (m_downloadOffset < m_downloadSize
               && m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite() < 2 * MiB) {
            QByteArray chunk(qMin<qint64>(256 * 1024, m_downloadSize - m_downloadOffset), Qt::Uninitialized);
            fillPattern(chunk.data(), m_downloadOffset, chunk.size());
            m_socket->write(chunk);
            m_downloadOffset += chunk.size();
        }
    }

    QSslSocket *m_socket;
    Stats *m_stats;
    QByteArray m_buffer;
    bool m_inBody = false;
    QByteArray m_method;
    QByteArray m_path;
    QByteArray m_query;
    qint64 m_contentLength = 0;
    qint64 m_bodyOffset = 0;
    QByteArray m_body;
    qint64 m_downloadSize = 0;
    qint64 m_downloadOffset = 0;
};

// A local HTTPS server with a self-signed certificate that asks for (and records) client certificates.
class TestHttpsServer final : public QObject
{
    Q_OBJECT

public:
    explicit TestHttpsServer(const QSslConfiguration &configuration)
    {
        m_server.setSslConfiguration(configuration);
        connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
            while (m_server.hasPendingConnections()) {
                auto *socket = static_cast<QSslSocket *>(m_server.nextPendingConnection());
                ++handshakes;
                clientCertificates.append(socket->peerCertificate());
                new ServerConnection(socket, &stats);
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    QUrl url() const { return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server.serverPort())); }

    int handshakes = 0;
    QList<QSslCertificate> clientCertificates;
    ServerConnection::Stats stats;

private:
    QSslServer m_server;
};

// A wss:// echo server.
class TestWebSocketServer final : public QObject
{
    Q_OBJECT

public:
    explicit TestWebSocketServer(const QSslConfiguration &configuration)
        : m_server(QStringLiteral("echo"), QWebSocketServer::SecureMode)
    {
        m_server.setSslConfiguration(configuration);
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                ++connections;
                paths.append(socket->requestUrl().path());
                clientCertificates.append(socket->sslConfiguration().peerCertificate());
                connect(socket, &QWebSocket::textMessageReceived, socket, &QWebSocket::sendTextMessage);
                connect(socket, &QWebSocket::binaryMessageReceived, socket, &QWebSocket::sendBinaryMessage);
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    QUrl url() const { return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server.serverPort())); }

    int connections = 0;
    QStringList paths;
    QList<QSslCertificate> clientCertificates;

private:
    QWebSocketServer m_server;
};

struct Outcome
{
    bool finished = false;
    Error error;
    int status = 0;
    QByteArray body;
};

// Sends and waits; the reply is gone afterwards.
Outcome exchange(HttpsTransport &transport, const HttpRequest &request, int timeoutMs = Timeout)
{
    std::unique_ptr<HttpReply> reply(transport.send(request));
    QSignalSpy finished(reply.get(), &HttpReply::finished);
    Outcome outcome;
    outcome.finished = finished.wait(timeoutMs) || finished.count() == 1;
    outcome.error = reply->error();
    outcome.status = reply->statusCode();
    outcome.body = reply->body();
    return outcome;
}

HttpRequest get(const QByteArray &target)
{
    HttpRequest request;
    request.target = target;
    return request;
}

} // namespace

class TestHttpsTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void generatorMakesLxcStyleClientCertificates();
    void fingerprintsAreLxdsForm();

    void pinnedServerIsAccepted();
    void serverSeesOurClientCertificate();
    void statusesAndMethodsPassThrough();
    void wrongPinIsRefusedBeforeAnyRequest();
    void noPinIsRefused();
    void caValidatedButUnpinnedIsRefused();
    void probeReturnsTheServerCertificate();
    void probeOfNothingFails();

    void streamsLargeUploadInBoundedMemory();
    void streamsLargeDownloadInBoundedMemory();
    void abortFinishesCancelled();
    void serverClosingMidReplyIsAnError();
    void unreachableServerIsANetworkError();

    void webSocketEchoesTextAndBinary();
    void webSocketRefusesWrongPin();

    void realDaemonTrustsUsAfterTrustPassword();

private:
    TlsIdentity clientIdentity(const QByteArray &pin) const;

    ClientCertificateGenerator::Result m_client;
    QSslCertificate m_serverCertificate;
    QByteArray m_serverFingerprint;
    QSslConfiguration m_serverConfiguration;
    std::unique_ptr<TestHttpsServer> m_server;
};

void TestHttpsTransport::initTestCase()
{
    QVERIFY(QSslSocket::supportsSsl());
    m_client = ClientCertificateGenerator::generate();
    QVERIFY2(m_client.isValid(), qPrintable(m_client.error));

    ClientCertificateGenerator::Options serverOptions;
    serverOptions.commonName = QStringLiteral("berth-test-server");
    serverOptions.ipAddresses = {QHostAddress(QHostAddress::LocalHost)};
    serverOptions.serverAuth = true;
    const ClientCertificateGenerator::Result server = ClientCertificateGenerator::generate(serverOptions);
    QVERIFY2(server.isValid(), qPrintable(server.error));
    m_serverCertificate = QSslCertificate(server.certificatePem);
    m_serverFingerprint = TlsIdentity::fingerprint(m_serverCertificate);

    m_serverConfiguration = QSslConfiguration::defaultConfiguration();
    m_serverConfiguration.setLocalCertificate(m_serverCertificate);
    m_serverConfiguration.setPrivateKey(QSslKey(server.privateKeyPem, QSsl::Ec));
    // Like LXD: ask for a client certificate, accept any, decide later.
    m_serverConfiguration.setPeerVerifyMode(QSslSocket::QueryPeer);
    m_serverConfiguration.setProtocol(QSsl::TlsV1_2OrLater);
    m_server = std::make_unique<TestHttpsServer>(m_serverConfiguration);
}

TlsIdentity TestHttpsTransport::clientIdentity(const QByteArray &pin) const
{
    TlsIdentity identity = m_client.identity();
    identity.setPinnedFingerprint(pin);
    return identity;
}

void TestHttpsTransport::generatorMakesLxcStyleClientCertificates()
{
    const QSslCertificate certificate(m_client.certificatePem);
    QVERIFY(!certificate.isNull());
    // Qt's isSelfSigned() also wants keyCertSign, which lxc's certificates do not carry either; the
    // self-signature itself is proven where the server certificate is trusted as its own issuer.
    QCOMPARE(certificate.subjectInfo(QSslCertificate::CommonName).value(0),
             ClientCertificateGenerator::defaultCommonName());
    QVERIFY(ClientCertificateGenerator::defaultCommonName().contains(QLatin1Char('@')));
    QCOMPARE(certificate.issuerDisplayName(), certificate.subjectDisplayName());

    const QSslKey key = m_client.identity().clientKey();
    QCOMPARE(key.algorithm(), QSsl::Ec);
    QCOMPARE(key.length(), 384);
    QCOMPARE(certificate.publicKey().algorithm(), QSsl::Ec);
    QCOMPARE(certificate.publicKey().length(), 384);
    QVERIFY(m_client.privateKeyPem.startsWith("-----BEGIN EC PRIVATE KEY-----"));

    const qint64 validDays = certificate.effectiveDate().daysTo(certificate.expiryDate());
    QVERIFY2(validDays >= 3649 && validDays <= 3651, qPrintable(QString::number(validDays)));
    QVERIFY(qAbs(certificate.effectiveDate().secsTo(QDateTime::currentDateTimeUtc())) < 600);

    bool clientAuth = false;
    for (const QSslCertificateExtension &extension : certificate.extensions()) {
        if (extension.oid() == QLatin1String("2.5.29.37"))
            clientAuth = extension.value().toList().contains(QStringLiteral("TLS Web Client Authentication"));
    }
    QVERIFY(clientAuth);

    // Serials are random: two certificates never share one.
    const ClientCertificateGenerator::Result other = ClientCertificateGenerator::generate();
    QVERIFY(other.isValid());
    const QSslCertificate otherCertificate(other.certificatePem);
    QVERIFY(otherCertificate.serialNumber() != certificate.serialNumber());
    QVERIFY(certificate.serialNumber().size() >= 40); // ~16 bytes as colon-separated hex
    QVERIFY(TlsIdentity::fingerprint(otherCertificate) != TlsIdentity::fingerprint(certificate));
}

void TestHttpsTransport::fingerprintsAreLxdsForm()
{
    QCOMPARE(m_serverFingerprint.size(), 64);
    QCOMPARE(m_serverFingerprint, m_serverFingerprint.toLower());
    QCOMPARE(m_serverFingerprint,
             QCryptographicHash::hash(m_serverCertificate.toDer(), QCryptographicHash::Sha256).toHex());

    QByteArray colons;
    for (qsizetype i = 0; i < m_serverFingerprint.size(); i += 2)
        colons += (i ? ":" : "") + m_serverFingerprint.mid(i, 2).toUpper();
    QCOMPARE(TlsIdentity::normalizeFingerprint(colons), m_serverFingerprint);
    QVERIFY(TlsIdentity::normalizeFingerprint("abc").isEmpty());
    QVERIFY(TlsIdentity::normalizeFingerprint(QByteArray(64, 'g')).isEmpty());

    const TlsIdentity identity = clientIdentity(colons);
    QCOMPARE(identity.pinnedFingerprint(), m_serverFingerprint);
    QVERIFY(!identity.checkServerCertificate(m_serverCertificate, QStringLiteral("x")));
    QCOMPARE(
        identity.checkServerCertificate(QSslCertificate(m_client.certificatePem), QStringLiteral("x")).kind(),
        Error::Kind::Tls);
}

void TestHttpsTransport::pinnedServerIsAccepted()
{
    HttpsTransport transport(m_server->url(), clientIdentity(m_serverFingerprint));
    QCOMPARE(transport.endpoint(), m_server->url().toString());

    std::unique_ptr<HttpReply> reply(transport.send(get("/1.0")));
    QSignalSpy headers(reply.get(), &HttpReply::headersReceived);
    QSignalSpy finished(reply.get(), &HttpReply::finished);
    QVERIFY(finished.wait(Timeout));
    QVERIFY2(!reply->error(), qPrintable(reply->error().detail()));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(headers.count(), 1);
    QCOMPARE(reply->statusCode(), 200);
    QCOMPARE(reply->reasonPhrase(), QByteArray("OK"));
    QCOMPARE(reply->header("x-test"), QByteArray("yes"));
    const QJsonObject body = QJsonDocument::fromJson(reply->body()).object();
    QCOMPARE(body.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("auth")).toString(),
             QStringLiteral("trusted"));

    // A second request rides the same kept-alive connection: no new handshake.
    const int handshakes = m_server->handshakes;
    const Outcome again = exchange(transport, get("/1.0"));
    QVERIFY(again.finished);
    QCOMPARE(again.status, 200);
    QCOMPARE(m_server->handshakes, handshakes);
}

void TestHttpsTransport::serverSeesOurClientCertificate()
{
    const int before = m_server->clientCertificates.size();
    HttpsTransport transport(m_server->url(), clientIdentity(m_serverFingerprint));
    const Outcome outcome = exchange(transport, get("/1.0"));
    QVERIFY(outcome.finished);
    QVERIFY2(!outcome.error, qPrintable(outcome.error.detail()));
    QCOMPARE(m_server->clientCertificates.size(), before + 1);
    QCOMPARE(m_server->clientCertificates.last(), QSslCertificate(m_client.certificatePem));
}

void TestHttpsTransport::statusesAndMethodsPassThrough()
{
    HttpsTransport transport(m_server->url(), clientIdentity(m_serverFingerprint));

    // A 404 is a complete exchange: the envelope parser above decides what it means.
    const Outcome missing = exchange(transport, get("/1.0/nothing"));
    QVERIFY(missing.finished);
    QVERIFY2(!missing.error, qPrintable(missing.error.detail()));
    QCOMPARE(missing.status, 404);
    QVERIFY(missing.body.contains("not found"));

    HttpRequest patch;
    patch.method = "PATCH";
    patch.target = "/echo";
    patch.body = R"({"config":{}})";
    const Outcome patched = exchange(transport, patch);
    QVERIFY(!patched.error);
    QCOMPARE(patched.status, 200);
    QCOMPARE(patched.body, patch.body);
    QCOMPARE(m_server->stats.requestLines.last(), QByteArray("PATCH /echo HTTP/1.1"));

    HttpRequest head = get("/1.0");
    head.method = "HEAD";
    const Outcome headed = exchange(transport, head);
    QVERIFY(headed.finished);
    QVERIFY(!headed.error);
    QCOMPARE(headed.status, 200);
    QVERIFY(headed.body.isEmpty());

    // The target goes out exactly as given, percent-encoding and all.
    const Outcome encoded
        = exchange(transport, get("/1.0/instances/a%2Fb?recursion=1&filter=name%20eq%20c1"));
    QCOMPARE(encoded.status, 404);
    QCOMPARE(m_server->stats.requestLines.last(),
             QByteArray("GET /1.0/instances/a%2Fb?recursion=1&filter=name%20eq%20c1 HTTP/1.1"));

    // A non-2xx reply lands in body() even when a sink was given.
    PatternSink sink;
    HttpRequest sunk = get("/1.0/nothing");
    sunk.responseSink = &sink;
    const Outcome sunkMissing = exchange(transport, sunk);
    QCOMPARE(sunkMissing.status, 404);
    QVERIFY(sunkMissing.body.contains("not found"));
    QCOMPARE(sink.received, 0);
}

void TestHttpsTransport::wrongPinIsRefusedBeforeAnyRequest()
{
    const QByteArray wrongPin = TlsIdentity::fingerprint(QSslCertificate(m_client.certificatePem));
    HttpsTransport transport(m_server->url(), clientIdentity(wrongPin));
    const int requests = m_server->stats.requests;
    const qint64 bodyBytes = m_server->stats.bodyBytes;

    HttpRequest request;
    request.method = "POST";
    request.target = "/echo";
    request.body = R"({"password":"do not send me"})";
    const Outcome outcome = exchange(transport, request);
    QVERIFY(outcome.finished);
    QCOMPARE(outcome.error.kind(), Error::Kind::Tls);
    QVERIFY2(outcome.error.detail().contains(QString::fromLatin1(m_serverFingerprint)),
             qPrintable(outcome.error.detail()));
    QVERIFY2(outcome.error.detail().contains(QString::fromLatin1(wrongPin)),
             qPrintable(outcome.error.detail()));
    QCOMPARE(outcome.status, 0);

    // Let anything that was (wrongly) on its way arrive before checking it did not.
    QTest::qWait(200);
    QCOMPARE(m_server->stats.requests, requests);
    QCOMPARE(m_server->stats.bodyBytes, bodyBytes);
}

void TestHttpsTransport::noPinIsRefused()
{
    HttpsTransport transport(m_server->url(), clientIdentity({}));
    const int requests = m_server->stats.requests;
    const Outcome outcome = exchange(transport, get("/1.0"));
    QVERIFY(outcome.finished);
    QCOMPARE(outcome.error.kind(), Error::Kind::Tls);
    // The refusal names what the server presented, for the trust-on-first-use question.
    QVERIFY2(outcome.error.detail().contains(QString::fromLatin1(m_serverFingerprint)),
             qPrintable(outcome.error.detail()));
    QTest::qWait(200);
    QCOMPARE(m_server->stats.requests, requests);
}

void TestHttpsTransport::caValidatedButUnpinnedIsRefused()
{
    // Trust the server's certificate as a CA: its chain now validates and Qt raises no sslErrors.
    TlsIdentity identity = clientIdentity(TlsIdentity::fingerprint(QSslCertificate(m_client.certificatePem)));
    identity.setCaCertificates({m_serverCertificate});

    QSslSocket precondition;
    precondition.setSslConfiguration(identity.sslConfiguration());
    QSignalSpy sslErrors(&precondition, &QSslSocket::sslErrors);
    QSignalSpy encrypted(&precondition, &QSslSocket::encrypted);
    precondition.connectToHostEncrypted(QStringLiteral("127.0.0.1"), quint16(m_server->url().port()));
    QVERIFY(encrypted.wait(Timeout));
    QCOMPARE(sslErrors.count(), 0);
    precondition.abort();

    const int requests = m_server->stats.requests;
    const qint64 bodyBytes = m_server->stats.bodyBytes;
    HttpsTransport transport(m_server->url(), identity);
    HttpRequest request;
    request.method = "PUT";
    request.target = "/echo";
    request.body = QByteArray(4096, 's');
    const Outcome outcome = exchange(transport, request);
    QVERIFY(outcome.finished);
    QCOMPARE(outcome.error.kind(), Error::Kind::Tls);
    QVERIFY(outcome.error.detail().contains(QString::fromLatin1(m_serverFingerprint)));
    QTest::qWait(200);
    QCOMPARE(m_server->stats.requests, requests);
    QCOMPARE(m_server->stats.bodyBytes, bodyBytes);

    // The same server with the right pin on top of the CA: accepted.
    identity.setPinnedFingerprint(m_serverFingerprint);
    HttpsTransport pinned(m_server->url(), identity);
    const Outcome accepted = exchange(pinned, get("/1.0"));
    QVERIFY2(!accepted.error, qPrintable(accepted.error.detail()));
    QCOMPARE(accepted.status, 200);
}

void TestHttpsTransport::probeReturnsTheServerCertificate()
{
    const int requests = m_server->stats.requests;
    const int certificates = m_server->clientCertificates.size();
    QPointer<ServerCertificateProbe> probe = HttpsTransport::probeServerCertificate(m_server->url());
    QSignalSpy finished(probe.data(), &Lxd::Job::finished);
    QList<QSslCertificate> chain;
    QByteArray fingerprint;
    Error error;
    connect(probe, &Lxd::Job::finished, this, [&](Lxd::Job *) {
        chain = probe->certificateChain();
        fingerprint = probe->fingerprint();
        error = probe->error();
    });
    QVERIFY(finished.wait(Timeout));
    QVERIFY2(!error, qPrintable(error.detail()));
    QCOMPARE(chain.value(0), m_serverCertificate);
    QCOMPARE(fingerprint, m_serverFingerprint);
    QTRY_VERIFY(probe.isNull()); // a job deletes itself

    // No credentials and no request: the server saw a handshake without a client certificate, or none.
    QTest::qWait(200);
    QCOMPARE(m_server->stats.requests, requests);
    for (qsizetype i = certificates; i < m_server->clientCertificates.size(); ++i)
        QVERIFY(m_server->clientCertificates.at(i).isNull());
}

void TestHttpsTransport::probeOfNothingFails()
{
    // A port nobody listens on: refused at once, an error and no hang.
    QTcpServer placeholder;
    QVERIFY(placeholder.listen(QHostAddress::LocalHost, 0));
    const quint16 port = placeholder.serverPort();
    placeholder.close();

    auto *probe
        = HttpsTransport::probeServerCertificate(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port)));
    QSignalSpy finished(probe, &Lxd::Job::finished);
    Error error;
    connect(probe, &Lxd::Job::finished, this, [&](Lxd::Job *job) { error = job->error(); });
    QVERIFY(finished.wait(Timeout));
    QCOMPARE(error.kind(), Error::Kind::Network);
}

void TestHttpsTransport::streamsLargeUploadInBoundedMemory()
{
    HttpsTransport transport(m_server->url(), clientIdentity(m_serverFingerprint));
    // Warm up the connection and the TLS library so the baseline includes them.
    QCOMPARE(exchange(transport, get("/1.0")).status, 200);

    PatternSource source(BigTransfer);
    HttpRequest request;
    request.method = "PUT";
    request.target = "/upload";
    request.bodySource = &source;
    request.bodySourceSize = BigTransfer;
    const qint64 bodyBytes = m_server->stats.bodyBytes;
    m_server->stats.uploadIntact = true;

    RssWatch rss;
    std::unique_ptr<HttpReply> reply(transport.send(request));
    QSignalSpy progress(reply.get(), &HttpReply::uploadProgress);
    QSignalSpy finished(reply.get(), &HttpReply::finished);
    connect(reply.get(), &HttpReply::uploadProgress, this, [&rss] { rss.sample(); });
    QVERIFY(finished.wait(60000));
    rss.sample();
    QVERIFY2(!reply->error(), qPrintable(reply->error().detail()));
    QCOMPARE(reply->statusCode(), 200);
    QCOMPARE(QJsonDocument::fromJson(reply->body()).object().value(QStringLiteral("received")).toInteger(),
             BigTransfer);
    QCOMPARE(m_server->stats.bodyBytes - bodyBytes, BigTransfer);
    QVERIFY(m_server->stats.uploadIntact);
    QVERIFY(progress.count() > 1);
    QCOMPARE(progress.last().at(0).toLongLong(), BigTransfer);
    qInfo("RSS growth %lld KiB", rss.growthKiB());
    QVERIFY2(rss.growthKiB() < 64 * 1024,
             qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(rss.growthKiB())));
}

void TestHttpsTransport::streamsLargeDownloadInBoundedMemory()
{
    HttpsTransport transport(m_server->url(), clientIdentity(m_serverFingerprint));
    QCOMPARE(exchange(transport, get("/1.0")).status, 200);

    PatternSink sink;
    HttpRequest request = get("/download?size=" + QByteArray::number(BigTransfer));
    request.responseSink = &sink;

    RssWatch rss;
    std::unique_ptr<HttpReply> reply(transport.send(request));
    QSignalSpy progress(reply.get(), &HttpReply::downloadProgress);
    QSignalSpy finished(reply.get(), &HttpReply::finished);
    connect(reply.get(), &HttpReply::downloadProgress, this, [&rss] { rss.sample(); });
    QVERIFY(finished.wait(60000));
    rss.sample();
    QVERIFY2(!reply->error(), qPrintable(reply->error().detail()));
    QCOMPARE(reply->statusCode(), 200);
    QCOMPARE(sink.received, BigTransfer);
    QVERIFY(sink.intact);
    QVERIFY(reply->body().isEmpty());
    QVERIFY(progress.count() > 1);
    QCOMPARE(progress.last().at(1).toLongLong(), BigTransfer);
    qInfo("RSS growth %lld KiB", rss.growthKiB());
    QVERIFY2(rss.growthKiB() < 64 * 1024,
             qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(rss.growthKiB())));
}

void TestHttpsTransport::abortFinishesCancelled()
{
    HttpsTransport transport(m_server->url(), clientIdentity(m_serverFingerprint));

    // Mid-body: headers came, the rest never will.
    std::unique_ptr<HttpReply> reply(transport.send(get("/stall")));
    QSignalSpy headers(reply.get(), &HttpReply::headersReceived);
    QSignalSpy finished(reply.get(), &HttpReply::finished);
    QVERIFY(headers.wait(Timeout));
    QCOMPARE(reply->statusCode(), 200);
    reply->abort();
    QVERIFY(finished.count() == 1 || finished.wait(Timeout));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(reply->error().kind(), Error::Kind::Cancelled);
    reply->abort(); // twice is harmless
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);

    // Before anything happened at all.
    std::unique_ptr<HttpReply> early(transport.send(get("/1.0")));
    QSignalSpy earlyFinished(early.get(), &HttpReply::finished);
    early->abort();
    QVERIFY(earlyFinished.count() == 1 || earlyFinished.wait(Timeout));
    QCOMPARE(early->error().kind(), Error::Kind::Cancelled);
}

void TestHttpsTransport::serverClosingMidReplyIsAnError()
{
    HttpsTransport transport(m_server->url(), clientIdentity(m_serverFingerprint));
    const Outcome outcome = exchange(transport, get("/cut"));
    QVERIFY(outcome.finished);
    QCOMPARE(outcome.error.kind(), Error::Kind::Network);
}

void TestHttpsTransport::unreachableServerIsANetworkError()
{
    QTcpServer placeholder;
    QVERIFY(placeholder.listen(QHostAddress::LocalHost, 0));
    const QUrl url(QStringLiteral("https://127.0.0.1:%1").arg(placeholder.serverPort()));
    placeholder.close();
    HttpsTransport transport(url, clientIdentity(m_serverFingerprint));
    const Outcome outcome = exchange(transport, get("/1.0"));
    QVERIFY(outcome.finished);
    QCOMPARE(outcome.error.kind(), Error::Kind::Network);
}

void TestHttpsTransport::webSocketEchoesTextAndBinary()
{
    TestWebSocketServer server(m_serverConfiguration);
    HttpsTransport transport(server.url(), clientIdentity(m_serverFingerprint));
    std::unique_ptr<WebSocketChannel> channel(transport.openWebSocket("/1.0/events?type=operation"));
    QSignalSpy opened(channel.get(), &WebSocketChannel::opened);
    QSignalSpy texts(channel.get(), &WebSocketChannel::textReceived);
    QSignalSpy binaries(channel.get(), &WebSocketChannel::binaryReceived);
    QSignalSpy closed(channel.get(), &WebSocketChannel::closed);

    // Sent before the channel is open: queued, then delivered.
    channel->sendText(QStringLiteral("héllo").toUtf8());
    QVERIFY(opened.wait(Timeout));
    QCOMPARE(channel->state(), WebSocketChannel::State::Open);
    QCOMPARE(server.paths, QStringList {QStringLiteral("/1.0/events")});
    QCOMPARE(server.clientCertificates.value(0), QSslCertificate(m_client.certificatePem));

    QTRY_COMPARE_WITH_TIMEOUT(texts.count(), 1, Timeout);
    QCOMPARE(texts.at(0).at(0).toByteArray(), QStringLiteral("héllo").toUtf8());

    QByteArray binary(1 * MiB + 17, Qt::Uninitialized);
    fillPattern(binary.data(), 0, binary.size());
    channel->sendBinary(binary);
    channel->sendBinary(QByteArray("\0\1\2", 3));
    QTRY_COMPARE_WITH_TIMEOUT(binaries.count(), 2, Timeout);
    QCOMPARE(binaries.at(0).at(0).toByteArray(), binary);
    QCOMPARE(binaries.at(1).at(0).toByteArray(), QByteArray("\0\1\2", 3));
    QTRY_COMPARE_WITH_TIMEOUT(channel->bytesToWrite(), 0, Timeout);

    channel->close();
    QVERIFY(closed.count() == 1 || closed.wait(Timeout));
    QCOMPARE(closed.count(), 1);
    QCOMPARE(channel->state(), WebSocketChannel::State::Closed);
    QVERIFY2(!channel->error(), qPrintable(channel->error().detail()));
}

void TestHttpsTransport::webSocketRefusesWrongPin()
{
    TestWebSocketServer server(m_serverConfiguration);
    const QByteArray wrongPin = TlsIdentity::fingerprint(QSslCertificate(m_client.certificatePem));
    for (const QByteArray &pin : {wrongPin, QByteArray()}) {
        HttpsTransport transport(server.url(), clientIdentity(pin));
        std::unique_ptr<WebSocketChannel> channel(
            transport.openWebSocket("/1.0/operations/x/websocket?secret=s"));
        QSignalSpy opened(channel.get(), &WebSocketChannel::opened);
        QSignalSpy closed(channel.get(), &WebSocketChannel::closed);
        channel->sendText("queued, never sent");
        QVERIFY(closed.wait(Timeout));
        QCOMPARE(closed.count(), 1);
        QCOMPARE(opened.count(), 0);
        QCOMPARE(channel->error().kind(), Error::Kind::Tls);
        QVERIFY(channel->error().detail().contains(QString::fromLatin1(m_serverFingerprint)));
        if (!pin.isEmpty())
            QVERIFY(channel->error().detail().contains(QString::fromLatin1(pin)));
    }
    QTest::qWait(200);
    QCOMPARE(server.connections, 0);
}

void TestHttpsTransport::realDaemonTrustsUsAfterTrustPassword()
{
    BERTH_REQUIRE_TESTBED();
    const QString address = Testbed::httpsAddress();
    const QString password = Testbed::trustPassword();
    QVERIFY2(!address.isEmpty(), "the testbed names no HTTPS address");
    QVERIFY2(!password.isEmpty(), "the testbed names no trust password");
    const QUrl url(QStringLiteral("https://") + address);

    const ClientCertificateGenerator::Result client = ClientCertificateGenerator::generate();
    QVERIFY2(client.isValid(), qPrintable(client.error));

    auto *probe = HttpsTransport::probeServerCertificate(url);
    QSignalSpy probed(probe, &Lxd::Job::finished);
    QByteArray fingerprint;
    Error probeError;
    connect(probe, &Lxd::Job::finished, this, [&] {
        fingerprint = probe->fingerprint();
        probeError = probe->error();
    });
    QVERIFY(probed.wait(Timeout));
    QVERIFY2(!probeError, qPrintable(probeError.detail()));
    QCOMPARE(fingerprint.size(), 64);

    TlsIdentity identity = client.identity();
    identity.setPinnedFingerprint(fingerprint);
    HttpsTransport transport(url, identity);

    const auto auth = [](const QByteArray &body) {
        return QJsonDocument::fromJson(body)
            .object()
            .value(QStringLiteral("metadata"))
            .toObject()
            .value(QStringLiteral("auth"))
            .toString();
    };
    const Outcome before = exchange(transport, get("/1.0"));
    QVERIFY2(!before.error, qPrintable(before.error.detail()));
    QCOMPARE(before.status, 200);
    QCOMPARE(auth(before.body), QStringLiteral("untrusted"));

    HttpRequest add;
    add.method = "POST";
    add.target = "/1.0/certificates";
    add.setHeader("Content-Type", "application/json");
    add.body = QJsonDocument(QJsonObject {{QStringLiteral("type"), QStringLiteral("client")},
                                          {QStringLiteral("password"), password}})
                   .toJson(QJsonDocument::Compact);
    const Outcome added = exchange(transport, add);
    QVERIFY2(!added.error, qPrintable(added.error.detail()));
    const QJsonObject envelope = QJsonDocument::fromJson(added.body).object();
    QVERIFY2(added.status >= 200 && added.status < 300, added.body.constData());
    QCOMPARE(envelope.value(QStringLiteral("status_code")).toInt(), 200);

    const Outcome after = exchange(transport, get("/1.0"));
    QVERIFY2(!after.error, qPrintable(after.error.detail()));
    QCOMPARE(after.status, 200);
    QCOMPARE(auth(after.body), QStringLiteral("trusted"));

    // Leave the testbed's trust store as it was.
    HttpRequest remove;
    remove.method = "DELETE";
    remove.target = "/1.0/certificates/" + TlsIdentity::fingerprint(identity.clientCertificate());
    const Outcome removed = exchange(transport, remove);
    QVERIFY2(!removed.error, qPrintable(removed.error.detail()));
    QCOMPARE(removed.status, 200);
}

QTEST_GUILESS_MAIN(TestHttpsTransport)
#include "tst_httpstransport.moc"
