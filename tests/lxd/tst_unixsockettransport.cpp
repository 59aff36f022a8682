#include "Testbed.h"
#include "lxd/HttpReply.h"
#include "lxd/UnixSocketTransport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>

using Lxd::Error;
using Lxd::HttpReply;
using Lxd::HttpRequest;
using Lxd::UnixSocketTransport;

#if defined(__SANITIZE_ADDRESS__)
#define BERTH_TEST_ASAN
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BERTH_TEST_ASAN
#endif
#endif

#ifdef BERTH_TEST_ASAN
// AddressSanitizer keeps 256 MiB of freed memory in quarantine by default, which the memory bounds of
// the large transfers would count as growth. A smaller quarantine still catches use-after-free here.
extern "C" const char *__asan_default_options()
{
    return "quarantine_size_mb=8";
}
#endif

namespace {

constexpr qint64 MiB = 1024 * 1024;
constexpr int LongWait = 60000;

// Deterministic bytes that are made on demand, never held: block i is a fixed random block with i
// stamped into its first 8 bytes.
class Pattern
{
public:
    static constexpr qint64 BlockSize = 64 * 1024;

    static const QByteArray &base()
    {
        static const QByteArray block = [] {
            QByteArray bytes(BlockSize, Qt::Uninitialized);
            QRandomGenerator random(42);
            for (char &c : bytes)
                c = static_cast<char>(random.bounded(256));
            return bytes;
        }();
        return block;
    }

    // Copies bytes [position, position + count) into `out`; `count` must stay inside one block.
    static void fill(char *out, qint64 position, qint64 count)
    {
        const qint64 block = position / BlockSize;
        const qint64 offset = position % BlockSize;
        Q_ASSERT(offset + count <= BlockSize);
        char stamp[8];
        for (int i = 0; i < 8; ++i)
            stamp[i] = static_cast<char>((block >> (8 * i)) & 0xff);
        std::memcpy(out, base().constData() + offset, static_cast<size_t>(count));
        for (qint64 i = offset; i < 8 && i < offset + count; ++i)
            out[i - offset] = stamp[i];
    }

    static QByteArray bytes(qint64 position, qint64 count)
    {
        QByteArray out(count, Qt::Uninitialized);
        qint64 done = 0;
        while (done < count) {
            const qint64 piece = qMin(count - done, BlockSize - (position + done) % BlockSize);
            fill(out.data() + done, position + done, piece);
            done += piece;
        }
        return out;
    }

    static QByteArray sha1(qint64 total)
    {
        QCryptographicHash hash(QCryptographicHash::Sha1);
        for (qint64 position = 0; position < total; position += BlockSize)
            hash.addData(bytes(position, qMin(BlockSize, total - position)));
        return hash.result().toHex();
    }
};

// A sequential source of `total` pattern bytes that holds none of them. With `trickle` it has nothing
// to give on every other read and announces more with a queued readyRead, as a pipe or process would.
class GeneratedDevice final : public QIODevice
{
public:
    explicit GeneratedDevice(qint64 total, bool trickle = false)
        : m_total(total)
        , m_trickle(trickle)
    { }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return QIODevice::bytesAvailable() + (m_total - m_position); }
    qint64 produced() const { return m_position; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_position >= m_total)
            return -1; // the end of a sequential stream
        if (m_trickle) {
            m_starve = !m_starve;
            if (m_starve) {
                QTimer::singleShot(0, this, [this] { Q_EMIT readyRead(); });
                return 0;
            }
        }
        qint64 done = 0;
        while (done < maxSize && m_position < m_total) {
            const qint64 piece = std::min(
                {maxSize - done, m_total - m_position, Pattern::BlockSize - m_position % Pattern::BlockSize});
            Pattern::fill(data + done, m_position, piece);
            done += piece;
            m_position += piece;
        }
        return done;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_total;
    qint64 m_position = 0;
    bool m_trickle;
    bool m_starve = false;
};

// A download sink that only counts and hashes.
class HashingSink final : public QIODevice
{
public:
    HashingSink() { open(QIODevice::WriteOnly); }
    bool isSequential() const override { return true; }
    qint64 count = 0;
    QByteArray hex() { return m_hash.result().toHex(); }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        m_hash.addData(QByteArrayView(data, size));
        count += size;
        return size;
    }

private:
    QCryptographicHash m_hash {QCryptographicHash::Sha1};
};

class FailingSink final : public QIODevice
{
public:
    FailingSink()
    {
        open(QIODevice::WriteOnly);
        setErrorString(QStringLiteral("No space left on device"));
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64) override { return -1; }
};

qint64 statusValueKiB(const char *key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Memory watch for the large transfers: resident size before, and the peak during, taken from the
// kernel's high-water mark (reset first) and from samples.
class MemoryWatch
{
public:
    MemoryWatch()
    {
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        m_hwmReset = clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
        clear.close();
        m_before = statusValueKiB("VmRSS:");
        m_peak = m_before;
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { sample(); });
        m_timer.start(20);
    }
    void sample() { m_peak = qMax(m_peak, statusValueKiB("VmRSS:")); }
    qint64 growthKiB()
    {
        sample();
        if (m_hwmReset)
            m_peak = qMax(m_peak, statusValueKiB("VmHWM:"));
        return m_peak - m_before;
    }

private:
    QTimer m_timer;
    bool m_hwmReset = false;
    qint64 m_before = 0;
    qint64 m_peak = 0;
};

// A scripted HTTP server on a QLocalServer in a temporary directory. It parses each request (decoding
// chunked bodies, hashing bodies instead of keeping them), asks the handler what to do, and does it.
class FakeServer final : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray target;
        QList<HttpRequest::Header> headers;
        QByteArray body; // the first 64 KiB
        qint64 bodySize = 0;
        QByteArray bodySha1;
        int connection = -1;

        QByteArray header(const QByteArray &name) const
        {
            for (const auto &header : headers) {
                if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                    return header.second;
            }
            return {};
        }
    };

    struct Action
    {
        enum class Mode {
            Reply, // write `bytes` at once
            ByteByByte, // write `bytes` one byte per event loop turn, flushing each
            Hold, // never answer (until releaseHeld())
            CloseWithoutReply,
            StreamChunked, // `streamBytes` pattern bytes as a chunked body, with back-pressure
        };
        Mode mode = Mode::Reply;
        QByteArray bytes;
        // Close the connection once the reply (or its first `closeAfterBytes` bytes) is written.
        bool close = false;
        qint64 closeAfterBytes = -1;
        qint64 streamBytes = 0;
    };
    using Handler = std::function<Action(const Request &)>;

    static Action reply(const QByteArray &body, int status = 200, const QByteArray &extraHeaders = {})
    {
        Action action;
        action.bytes = "HTTP/1.1 " + QByteArray::number(status)
            + " Whatever\r\nContent-Type: application/json\r\n" + extraHeaders
            + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        return action;
    }

    FakeServer()
    {
        m_server.setSocketOptions(QLocalServer::UserAccessOption);
        if (!m_server.listen(m_dir.filePath(QStringLiteral("fake.socket"))))
            qFatal("cannot listen: %s", qPrintable(m_server.errorString()));
        connect(&m_server, &QLocalServer::newConnection, this, &FakeServer::onNewConnection);
        m_handler = [](const Request &request) {
            return reply("{\"path\":\"" + request.target + "\"}");
        };
    }
    ~FakeServer() override { stop(); }

    QString path() const { return m_dir.filePath(QStringLiteral("fake.socket")); }
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    // The server goes away: no more listening, every connection cut.
    void stop()
    {
        m_server.close();
        const auto peers = m_peers;
        for (Peer *peer : peers)
            peer->socket->abort();
    }

    // Answers every held request with `bytes`.
    void releaseHeld(const QByteArray &bytes)
    {
        const auto held = std::exchange(m_held, {});
        for (const QPointer<QLocalSocket> &socket : held) {
            if (socket)
                socket->write(bytes);
        }
    }

    QList<Request> requests;
    int connectionsAccepted = 0;
    int openConnections = 0;
    int maxOpenConnections = 0;
    int heldCount() const { return static_cast<int>(m_held.size()); }
    QByteArray streamedSha1;

private:
    struct Peer
    {
        QLocalSocket *socket = nullptr;
        int index = 0;
        QByteArray buffer;
        enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers } state = State::Head;
        qint64 remaining = 0;
        Request current;
        std::unique_ptr<QCryptographicHash> hash;
        // Streaming a download
        qint64 streamTotal = 0;
        qint64 streamed = 0;
        std::unique_ptr<QCryptographicHash> streamHash;
    };

    void onNewConnection()
    {
        while (QLocalSocket *socket = m_server.nextPendingConnection()) {
            auto *peer = new Peer;
            peer->socket = socket;
            peer->index = connectionsAccepted++;
            ++openConnections;
            maxOpenConnections = qMax(maxOpenConnections, openConnections);
            m_peers.append(peer);
            connect(socket, &QLocalSocket::readyRead, this, [this, peer] { onReadyRead(peer); });
            connect(socket, &QLocalSocket::bytesWritten, this, [this, peer] { pumpStream(peer); });
            connect(socket, &QLocalSocket::disconnected, this, [this, peer] {
                --openConnections;
                m_peers.removeOne(peer);
                peer->socket->deleteLater();
                delete peer;
            });
            startRequest(peer);
        }
    }

    void startRequest(Peer *peer)
    {
        peer->state = Peer::State::Head;
        peer->current = Request();
        peer->current.connection = peer->index;
        peer->hash = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha1);
    }

    void takeBody(Peer *peer, qint64 count)
    {
        const QByteArrayView piece = QByteArrayView(peer->buffer).first(count);
        peer->hash->addData(piece);
        if (peer->current.body.size() < 64 * 1024)
            peer->current.body.append(
                piece.first(qMin<qint64>(count, 64 * 1024 - peer->current.body.size())));
        peer->current.bodySize += count;
        peer->buffer.remove(0, count);
    }

    void onReadyRead(Peer *peer)
    {
        peer->buffer.append(peer->socket->readAll());
        for (;;) {
            switch (peer->state) {
            case Peer::State::Head: {
                const qsizetype end = peer->buffer.indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QList<QByteArray> lines = peer->buffer.left(end).split('\n');
                peer->buffer.remove(0, end + 4);
                const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
                peer->current.method = requestLine.value(0);
                peer->current.target = requestLine.value(1);
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines.at(i).indexOf(':');
                    peer->current.headers.append(
                        {lines.at(i).left(colon), lines.at(i).mid(colon + 1).trimmed()});
                }
                if (peer->current.header("Transfer-Encoding") == "chunked") {
                    peer->state = Peer::State::ChunkSize;
                } else if (peer->current.header("Content-Length").toLongLong() > 0) {
                    peer->remaining = peer->current.header("Content-Length").toLongLong();
                    peer->state = Peer::State::Body;
                } else {
                    dispatch(peer);
                }
                break;
            }
            case Peer::State::Body: {
                const qint64 count = qMin<qint64>(peer->remaining, peer->buffer.size());
                takeBody(peer, count);
                peer->remaining -= count;
                if (peer->remaining > 0)
                    return;
                dispatch(peer);
                break;
            }
            case Peer::State::ChunkSize: {
                const qsizetype end = peer->buffer.indexOf("\r\n");
                if (end < 0)
                    return;
                bool ok = false;
                peer->remaining = peer->buffer.left(end).split(';').first().trimmed().toLongLong(&ok, 16);
                peer->buffer.remove(0, end + 2);
                if (!ok) {
                    peer->socket->abort();
                    return;
                }
                peer->state = peer->remaining == 0 ? Peer::State::Trailers : Peer::State::ChunkData;
                break;
            }
            case Peer::State::ChunkData: {
                const qint64 count = qMin<qint64>(peer->remaining, peer->buffer.size());
                takeBody(peer, count);
                peer->remaining -= count;
                if (peer->remaining > 0)
                    return;
                peer->state = Peer::State::ChunkDataEnd;
                break;
            }
            case Peer::State::ChunkDataEnd:
                if (peer->buffer.size() < 2)
                    return;
                if (!peer->buffer.startsWith("\r\n")) {
                    peer->socket->abort();
                    return;
                }
                peer->buffer.remove(0, 2);
                peer->state = Peer::State::ChunkSize;
                break;
            case Peer::State::Trailers: {
                const qsizetype end = peer->buffer.indexOf("\r\n");
                if (end < 0)
                    return;
                peer->buffer.remove(0, end + 2);
                if (end == 0)
                    dispatch(peer);
                break;
            }
            }
            if (!m_peers.contains(peer))
                return;
        }
    }

    void dispatch(Peer *peer)
    {
        peer->current.bodySha1 = peer->hash->result().toHex();
        requests.append(peer->current);
        const Action action = m_handler(peer->current);
        startRequest(peer);
        QLocalSocket *socket = peer->socket;
        switch (action.mode) {
        case Action::Mode::Reply:
            if (action.closeAfterBytes >= 0) {
                socket->write(action.bytes.left(action.closeAfterBytes));
                socket->disconnectFromServer();
                return;
            }
            socket->write(action.bytes);
            if (action.close)
                socket->disconnectFromServer();
            return;
        case Action::Mode::ByteByByte:
            writeByteByByte(QPointer<QLocalSocket>(socket), action.bytes, action.close);
            return;
        case Action::Mode::Hold:
            m_held.append(socket);
            return;
        case Action::Mode::CloseWithoutReply:
            socket->disconnectFromServer();
            return;
        case Action::Mode::StreamChunked:
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n");
            peer->streamTotal = action.streamBytes;
            peer->streamed = 0;
            peer->streamHash = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha1);
            pumpStream(peer);
            return;
        }
    }

    void writeByteByByte(QPointer<QLocalSocket> socket, QByteArray bytes, bool close)
    {
        if (!socket)
            return;
        if (bytes.isEmpty()) {
            if (close)
                socket->disconnectFromServer();
            return;
        }
        socket->write(bytes.left(1));
        socket->flush();
        QTimer::singleShot(0, this,
                           [this, socket, bytes, close] { writeByteByByte(socket, bytes.mid(1), close); });
    }

    void pumpStream(Peer *peer)
    {
        if (!peer->streamHash)
            return;
        while (peer->socket->bytesToWrite() < MiB && peer->streamed < peer->streamTotal) {
            // Chunks of varying size, so that chunk boundaries fall everywhere in the client's reads.
            const qint64 size
                = qMin(peer->streamTotal - peer->streamed, 1000 + (peer->streamed / 7) % 200000);
            const QByteArray chunk = Pattern::bytes(peer->streamed, size);
            peer->streamHash->addData(chunk);
            peer->socket->write(QByteArray::number(size, 16) + ";n=v\r\n");
            peer->socket->write(chunk);
            peer->socket->write("\r\n");
            peer->streamed += size;
        }
        if (peer->streamed == peer->streamTotal) {
            peer->socket->write("0\r\nX-Checksum: done\r\n\r\n");
            streamedSha1 = peer->streamHash->result().toHex();
            peer->streamHash.reset();
        }
    }

    QTemporaryDir m_dir;
    QLocalServer m_server;
    Handler m_handler;
    QList<Peer *> m_peers;
    QList<QPointer<QLocalSocket>> m_held;
};

// What a caller sees of one reply: how often finished() came, and the reply itself.
struct Finished
{
    explicit Finished(HttpReply *reply)
        : reply(reply)
        , spy(reply, &HttpReply::finished)
    { }
    std::unique_ptr<HttpReply> reply;
    QSignalSpy spy;
    bool wait(int timeout = LongWait) { return spy.count() > 0 || spy.wait(timeout); }
};

HttpRequest get(const QByteArray &target)
{
    HttpRequest request;
    request.target = target;
    return request;
}

} // namespace

class TestUnixSocketTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void getSendsHostAndUserAgent();
    void invalidRequestIsRefused_data();
    void invalidRequestIsRefused();
    void postSendsBodyWithLength();
    void replyInSingleBytes_data();
    void replyInSingleBytes();
    void keepAliveReusesOneConnection();
    void parallelRequestsUseUpToFourConnections();
    void oneConnectionQueuesRequests();
    void connectFailureIsNetworkError();
    void serverGoneIsNetworkError();
    void garbageIsParseError();
    void truncatedReplyIsNetworkError();
    void freshConnectionClosedIsNotRetried();
    void abortHeldReply();
    void deletingReplyInFlightDropsConnection();
    void idleConnectionClosedByServerIsReplaced();
    void staleKeepAliveRetry_data();
    void staleKeepAliveRetry();
    void headHasNoBody();
    void streamedUploadOf300MiB();
    void chunkedDownloadOf300MiB();
    void chunkedRequestBody();
    void sinkWriteFailureIsIoError();
    void errorReplyBypassesSink();
    void realDaemonAnswers();
};

void TestUnixSocketTransport::getSendsHostAndUserAgent()
{
    FakeServer server;
    UnixSocketTransport transport(server.path());
    QCOMPARE(transport.endpoint(), QStringLiteral("unix:") + server.path());

    HttpRequest request = get("/1.0/instances?recursion=1");
    request.setHeader("X-Custom", "yes");
    Finished done(transport.send(request));
    // Never from inside send(): the caller connects first.
    QCOMPARE(done.spy.count(), 0);
    QVERIFY(!done.reply->isFinished());
    QVERIFY(done.wait());
    QCOMPARE(done.spy.count(), 1);

    QCOMPARE(done.reply->error().kind(), Error::Kind::None);
    QCOMPARE(done.reply->statusCode(), 200);
    QCOMPARE(done.reply->header("content-type"), QByteArray("application/json"));
    QCOMPARE(done.reply->body(), QByteArray("{\"path\":\"/1.0/instances?recursion=1\"}"));

    QCOMPARE(server.requests.size(), 1);
    const FakeServer::Request &seen = server.requests.first();
    QCOMPARE(seen.method, QByteArray("GET"));
    QCOMPARE(seen.target, QByteArray("/1.0/instances?recursion=1"));
    QCOMPARE(seen.header("Host"), QByteArray("lxd"));
    QVERIFY2(seen.header("User-Agent").startsWith("Berth/"), seen.header("User-Agent"));
    QCOMPARE(seen.header("X-Custom"), QByteArray("yes"));
    QVERIFY(seen.header("Content-Length").isNull());
    QCOMPARE(transport.requestCount(), 1);
    QCOMPARE(transport.connectionsOpened(), 1);
}

void TestUnixSocketTransport::invalidRequestIsRefused_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("headerValue");

    QTest::newRow("space in target") << QByteArray("GET") << QByteArray("/1.0/instances/a b")
                                     << QByteArray("v");
    QTest::newRow("relative target") << QByteArray("GET") << QByteArray("1.0") << QByteArray("v");
    QTest::newRow("CRLF in header value")
        << QByteArray("GET") << QByteArray("/1.0") << QByteArray("v\r\nX-Injected: 1");
    QTest::newRow("space in method") << QByteArray("GET /x") << QByteArray("/1.0") << QByteArray("v");
}

void TestUnixSocketTransport::invalidRequestIsRefused()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, headerValue);

    FakeServer server;
    UnixSocketTransport transport(server.path());
    HttpRequest request = get(target);
    request.method = method;
    request.setHeader("X-Value", headerValue);
    Finished done(transport.send(request));
    QCOMPARE(done.spy.count(), 0);
    QVERIFY(done.wait());
    QCOMPARE(done.reply->error().kind(), Error::Kind::Network);
    QVERIFY2(done.reply->error().detail().contains(QStringLiteral("invalid request")),
             qPrintable(done.reply->error().detail()));
    QCOMPARE(transport.requestCount(), 0);
    QCOMPARE(server.requests.size(), 0);
}

void TestUnixSocketTransport::postSendsBodyWithLength()
{
    FakeServer server;
    server.setHandler([](const FakeServer::Request &request) {
        return FakeServer::reply("{\"type\":\"async\",\"got\":" + QByteArray::number(request.bodySize) + "}",
                                 202);
    });
    UnixSocketTransport transport(server.path());
    HttpRequest request = get("/1.0/instances");
    request.method = "POST";
    request.body = "{\"name\":\"c1\",\"source\":{\"type\":\"image\",\"alias\":\"busybox\"}}";
    request.setHeader("Content-Type", "application/json");
    request.setHeader("Content-Length", "9999"); // wrong on purpose: the transport frames the body itself
    Finished done(transport.send(request));
    QSignalSpy upload(done.reply.get(), &HttpReply::uploadProgress);
    QVERIFY(done.wait());
    QCOMPARE(done.reply->error().kind(), Error::Kind::None);
    QCOMPARE(done.reply->statusCode(), 202);
    QCOMPARE(done.reply->body(),
             "{\"type\":\"async\",\"got\":" + QByteArray::number(request.body.size()) + "}");
    const FakeServer::Request &seen = server.requests.first();
    QCOMPARE(seen.method, QByteArray("POST"));
    QCOMPARE(seen.header("Content-Length"), QByteArray::number(request.body.size()));
    QCOMPARE(seen.body, request.body);
    QVERIFY(!upload.isEmpty());
    QCOMPARE(upload.last().at(0).toLongLong(), request.body.size());
}

void TestUnixSocketTransport::replyInSingleBytes_data()
{
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<bool>("close");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("connections"); // after a second request

    QTest::newRow("content-length") << QByteArrayLiteral(
        "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world")
                                    << false << QByteArray("hello world") << 1;
    QTest::newRow("chunked with trailer")
        << QByteArrayLiteral("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "6;ext=1\r\nhello \r\n5\r\nworld\r\n0\r\nX-T: 1\r\n\r\n")
        << false << QByteArray("hello world") << 1;
    QTest::newRow("close-delimited") << QByteArrayLiteral("HTTP/1.1 200 OK\r\n\r\nhello world") << true
                                     << QByteArray("hello world") << 2;
}

void TestUnixSocketTransport::replyInSingleBytes()
{
    QFETCH(QByteArray, reply);
    QFETCH(bool, close);
    QFETCH(QByteArray, body);
    QFETCH(int, connections);

    FakeServer server;
    server.setHandler([&](const FakeServer::Request &) {
        FakeServer::Action action;
        action.mode = FakeServer::Action::Mode::ByteByByte;
        action.bytes = reply;
        action.close = close;
        return action;
    });
    UnixSocketTransport transport(server.path());
    for (int round = 0; round < 2; ++round) {
        Finished done(transport.send(get("/1.0")));
        QSignalSpy headers(done.reply.get(), &HttpReply::headersReceived);
        QVERIFY(done.wait());
        QCOMPARE(done.reply->error().kind(), Error::Kind::None);
        QCOMPARE(done.reply->statusCode(), 200);
        QCOMPARE(done.reply->body(), body);
        QCOMPARE(headers.count(), 1);
    }
    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(transport.connectionsOpened(), connections);
    QCOMPARE(server.connectionsAccepted, connections);
}

void TestUnixSocketTransport::keepAliveReusesOneConnection()
{
    FakeServer server;
    UnixSocketTransport transport(server.path());
    for (int i = 0; i < 10; ++i) {
        Finished done(transport.send(get("/1.0/instances/c" + QByteArray::number(i))));
        QVERIFY(done.wait());
        QCOMPARE(done.reply->error().kind(), Error::Kind::None);
        QCOMPARE(done.reply->body(), "{\"path\":\"/1.0/instances/c" + QByteArray::number(i) + "\"}");
    }
    QCOMPARE(server.requests.size(), 10);
    QCOMPARE(server.connectionsAccepted, 1);
    QCOMPARE(transport.connectionsOpened(), 1);
    QCOMPARE(transport.requestCount(), 10);
    QCOMPARE(transport.openConnections(), 1);
}

void TestUnixSocketTransport::parallelRequestsUseUpToFourConnections()
{
    FakeServer server;
    server.setHandler([](const FakeServer::Request &) {
        FakeServer::Action action;
        action.mode = FakeServer::Action::Mode::Hold;
        return action;
    });
    UnixSocketTransport transport(server.path());
    QCOMPARE(transport.maxConnections(), 4);
    std::vector<std::unique_ptr<Finished>> replies;
    for (int i = 0; i < 6; ++i)
        replies.push_back(
            std::make_unique<Finished>(transport.send(get("/1.0/operations/" + QByteArray::number(i)))));

    // Four in flight at once, the other two queued.
    QTRY_COMPARE_WITH_TIMEOUT(server.heldCount(), 4, LongWait);
    QCOMPARE(server.connectionsAccepted, 4);
    QCOMPARE(transport.openConnections(), 4);

    const QByteArray ok = FakeServer::reply("{}").bytes;
    server.setHandler([](const FakeServer::Request &) { return FakeServer::reply("{}"); });
    server.releaseHeld(ok);
    for (const auto &done : replies) {
        QVERIFY(done->wait());
        QCOMPARE(done->reply->error().kind(), Error::Kind::None);
        QCOMPARE(done->reply->statusCode(), 200);
    }
    QCOMPARE(server.requests.size(), 6);
    QCOMPARE(transport.connectionsOpened(), 4);
    QCOMPARE(server.maxOpenConnections, 4);
}

void TestUnixSocketTransport::oneConnectionQueuesRequests()
{
    FakeServer server;
    UnixSocketTransport transport(server.path());
    transport.setMaxConnections(1);
    std::vector<std::unique_ptr<Finished>> replies;
    for (int i = 0; i < 5; ++i)
        replies.push_back(std::make_unique<Finished>(transport.send(get("/1.0/" + QByteArray::number(i)))));
    for (int i = 0; i < 5; ++i) {
        QVERIFY(replies.at(i)->wait());
        QCOMPARE(replies.at(i)->reply->body(), "{\"path\":\"/1.0/" + QByteArray::number(i) + "\"}");
    }
    QCOMPARE(transport.connectionsOpened(), 1);
    QCOMPARE(server.connectionsAccepted, 1);
    // Served in the order sent.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(server.requests.at(i).target, "/1.0/" + QByteArray::number(i));
}

void TestUnixSocketTransport::connectFailureIsNetworkError()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("no-daemon.socket"));
    UnixSocketTransport transport(missing);
    Finished done(transport.send(get("/1.0")));
    QCOMPARE(done.spy.count(), 0);
    QVERIFY(done.wait());
    QCOMPARE(done.spy.count(), 1);
    QCOMPARE(done.reply->error().kind(), Error::Kind::Network);
    QVERIFY2(done.reply->error().detail().contains(missing), qPrintable(done.reply->error().detail()));
    QCOMPARE(transport.openConnections(), 0);
}

void TestUnixSocketTransport::serverGoneIsNetworkError()
{
    auto server = std::make_unique<FakeServer>();
    const QString path = server->path();
    UnixSocketTransport transport(path);
    {
        Finished done(transport.send(get("/1.0")));
        QVERIFY(done.wait());
        QCOMPARE(done.reply->error().kind(), Error::Kind::None);
    }
    server.reset(); // stops listening, cuts the connection, removes the socket file
    Finished done(transport.send(get("/1.0")));
    QVERIFY(done.wait());
    QCOMPARE(done.reply->error().kind(), Error::Kind::Network);
    QVERIFY2(done.reply->error().detail().contains(path), qPrintable(done.reply->error().detail()));
}

void TestUnixSocketTransport::garbageIsParseError()
{
    FakeServer server;
    server.setHandler([](const FakeServer::Request &) {
        FakeServer::Action action;
        action.bytes = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\nProtocol mismatch.\n";
        return action;
    });
    UnixSocketTransport transport(server.path());
    Finished done(transport.send(get("/1.0")));
    QVERIFY(done.wait());
    QCOMPARE(done.reply->error().kind(), Error::Kind::Parse);
    QVERIFY2(done.reply->error().detail().contains(QStringLiteral("not an HTTP response")),
             qPrintable(done.reply->error().detail()));
    // A connection out of step is never reused.
    QTRY_COMPARE_WITH_TIMEOUT(transport.openConnections(), 0, LongWait);
}

void TestUnixSocketTransport::truncatedReplyIsNetworkError()
{
    FakeServer server;
    server.setHandler([](const FakeServer::Request &) {
        FakeServer::Action action = FakeServer::reply(QByteArray(100, 'x'));
        action.closeAfterBytes = action.bytes.size() - 60;
        return action;
    });
    UnixSocketTransport transport(server.path());
    Finished done(transport.send(get("/1.0/images")));
    QSignalSpy headers(done.reply.get(), &HttpReply::headersReceived);
    QVERIFY(done.wait());
    QCOMPARE(done.reply->error().kind(), Error::Kind::Network);
    QVERIFY2(done.reply->error().detail().contains(QStringLiteral("connection closed after 40 of 100 bytes")),
             qPrintable(done.reply->error().detail()));
    QCOMPARE(headers.count(), 1);
    // A GET that got part of a reply is not sent again.
    QCOMPARE(server.requests.size(), 1);
}

void TestUnixSocketTransport::freshConnectionClosedIsNotRetried()
{
    FakeServer server;
    server.setHandler([](const FakeServer::Request &) {
        FakeServer::Action action;
        action.mode = FakeServer::Action::Mode::CloseWithoutReply;
        return action;
    });
    UnixSocketTransport transport(server.path());
    Finished done(transport.send(get("/1.0")));
    QVERIFY(done.wait());
    QCOMPARE(done.reply->error().kind(), Error::Kind::Network);
    QVERIFY2(done.reply->error().detail().contains(server.path()), qPrintable(done.reply->error().detail()));
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(transport.requestCount(), 1);
}

void TestUnixSocketTransport::abortHeldReply()
{
    FakeServer server;
    server.setHandler([](const FakeServer::Request &request) {
        if (request.target == "/1.0/events-forever") {
            FakeServer::Action action;
            action.mode = FakeServer::Action::Mode::Hold;
            return action;
        }
        return FakeServer::reply("{}");
    });
    UnixSocketTransport transport(server.path());
    Finished held(transport.send(get("/1.0/events-forever")));
    QTRY_COMPARE_WITH_TIMEOUT(server.heldCount(), 1, LongWait);
    QCOMPARE(held.spy.count(), 0);

    held.reply->abort();
    QCOMPARE(held.spy.count(), 1);
    QVERIFY(held.reply->isFinished());
    QCOMPARE(held.reply->error().kind(), Error::Kind::Cancelled);
    held.reply->abort(); // a second abort changes nothing
    QCOMPARE(held.spy.count(), 1);

    // The connection is dropped, not put back in the pool.
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections, 0, LongWait);
    QCOMPARE(transport.openConnections(), 0);
    Finished next(transport.send(get("/1.0")));
    QVERIFY(next.wait());
    QCOMPARE(next.reply->error().kind(), Error::Kind::None);
    QCOMPARE(transport.connectionsOpened(), 2);
    QCOMPARE(held.spy.count(), 1);
}

void TestUnixSocketTransport::deletingReplyInFlightDropsConnection()
{
    FakeServer server;
    server.setHandler([](const FakeServer::Request &) {
        FakeServer::Action action;
        action.mode = FakeServer::Action::Mode::Hold;
        return action;
    });
    UnixSocketTransport transport(server.path());
    transport.setMaxConnections(1);
    HttpReply *inFlight = transport.send(get("/1.0/a"));
    HttpReply *queued = transport.send(get("/1.0/b"));
    QTRY_COMPARE_WITH_TIMEOUT(server.heldCount(), 1, LongWait);
    delete queued; // still waiting for a connection
    delete inFlight; // on the wire
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections, 0, LongWait);
    QCOMPARE(transport.openConnections(), 0);
    QCOMPARE(server.requests.size(), 1);

    server.setHandler([](const FakeServer::Request &) { return FakeServer::reply("{}"); });
    Finished next(transport.send(get("/1.0/c")));
    QVERIFY(next.wait());
    QCOMPARE(next.reply->error().kind(), Error::Kind::None);
    QCOMPARE(server.requests.last().target, QByteArray("/1.0/c"));
}

void TestUnixSocketTransport::idleConnectionClosedByServerIsReplaced()
{
    FakeServer server;
    server.setHandler([](const FakeServer::Request &) {
        // Keep-alive promised, then the server closes the idle connection (as after its idle timeout).
        FakeServer::Action action = FakeServer::reply("{}");
        action.close = true;
        return action;
    });
    UnixSocketTransport transport(server.path());
    {
        Finished done(transport.send(get("/1.0")));
        QVERIFY(done.wait());
        QCOMPARE(done.reply->error().kind(), Error::Kind::None);
    }
    // Detected while idle, before anything is sent on it.
    QTRY_COMPARE_WITH_TIMEOUT(transport.openConnections(), 0, LongWait);
    Finished done(transport.send(get("/1.0")));
    QVERIFY(done.wait());
    QCOMPARE(done.reply->error().kind(), Error::Kind::None);
    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(transport.requestCount(), 2);
    QCOMPARE(transport.connectionsOpened(), 2);
}

void TestUnixSocketTransport::staleKeepAliveRetry_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("streamedBody");
    QTest::addColumn<bool>("retryFailsToo");
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<int>("serverRequests");

    QTest::newRow("GET is retried") << QByteArray("GET") << false << false << true << 3;
    QTest::newRow("HEAD is retried") << QByteArray("HEAD") << false << false << true << 3;
    QTest::newRow("PUT is retried") << QByteArray("PUT") << false << false << true << 3;
    QTest::newRow("DELETE is retried") << QByteArray("DELETE") << false << false << true << 3;
    QTest::newRow("POST is not retried") << QByteArray("POST") << false << false << false << 2;
    QTest::newRow("PATCH is not retried") << QByteArray("PATCH") << false << false << false << 2;
    QTest::newRow("streamed PUT is not retried") << QByteArray("PUT") << true << false << false << 2;
    QTest::newRow("retried once only") << QByteArray("GET") << false << true << false << 3;
}

void TestUnixSocketTransport::staleKeepAliveRetry()
{
    QFETCH(QByteArray, method);
    QFETCH(bool, streamedBody);
    QFETCH(bool, retryFailsToo);
    QFETCH(bool, succeeds);
    QFETCH(int, serverRequests);

    // The first request is answered with keep-alive; the next one, on that reused connection, is met
    // by a close with no reply (the server timed the connection out just as the request went out).
    FakeServer server;
    server.setHandler([&](const FakeServer::Request &request) {
        FakeServer::Action action
            = FakeServer::reply("{\"n\":" + QByteArray::number(server.requests.size()) + "}");
        if (request.target == "/1.0/first")
            return action;
        if (request.connection == 0 || retryFailsToo)
            action.mode = FakeServer::Action::Mode::CloseWithoutReply;
        return action;
    });
    UnixSocketTransport transport(server.path());
    {
        Finished first(transport.send(get("/1.0/first")));
        QVERIFY(first.wait());
        QCOMPARE(first.reply->error().kind(), Error::Kind::None);
    }

    HttpRequest request = get("/1.0/instances/c1");
    request.method = method;
    GeneratedDevice source(100);
    if (streamedBody) {
        source.open(QIODevice::ReadOnly);
        request.bodySource = &source;
        request.bodySourceSize = 100;
    } else if (method != "GET" && method != "HEAD" && method != "DELETE") {
        request.body = "{\"config\":{}}";
    }
    Finished done(transport.send(request));
    QVERIFY(done.wait());
    QCOMPARE(done.spy.count(), 1);
    QCOMPARE(server.requests.size(), serverRequests);
    if (succeeds) {
        QCOMPARE(done.reply->error().kind(), Error::Kind::None);
        QCOMPARE(done.reply->statusCode(), 200);
        QCOMPARE(server.requests.last().connection, 1);
        QCOMPARE(server.requests.last().method, method);
        QCOMPARE(server.requests.last().body, request.body);
        QCOMPARE(transport.connectionsOpened(), 2);
    } else {
        QCOMPARE(done.reply->error().kind(), Error::Kind::Network);
    }
    QCOMPARE(transport.requestCount(), serverRequests);
}

void TestUnixSocketTransport::headHasNoBody()
{
    FakeServer server;
    server.setHandler([](const FakeServer::Request &request) {
        FakeServer::Action action;
        if (request.method == "HEAD")
            action.bytes = "HTTP/1.1 200 OK\r\nContent-Length: 1048576\r\nX-LXD-type: file\r\n\r\n";
        else
            action = FakeServer::reply("{}");
        return action;
    });
    UnixSocketTransport transport(server.path());
    HttpRequest request = get("/1.0/instances/c1/files?path=/etc/hosts");
    request.method = "HEAD";
    Finished head(transport.send(request));
    QVERIFY(head.wait());
    QCOMPARE(head.reply->error().kind(), Error::Kind::None);
    QCOMPARE(head.reply->header("X-LXD-type"), QByteArray("file"));
    QVERIFY(head.reply->body().isEmpty());
    // The connection stays in step: the next reply is read correctly on it.
    Finished next(transport.send(get("/1.0")));
    QVERIFY(next.wait());
    QCOMPARE(next.reply->body(), QByteArray("{}"));
    QCOMPARE(transport.connectionsOpened(), 1);
}

void TestUnixSocketTransport::streamedUploadOf300MiB()
{
    const qint64 total = 300 * MiB;
    const QByteArray expected = Pattern::sha1(total);
    FakeServer server;
    UnixSocketTransport transport(server.path());
    GeneratedDevice source(total);
    QVERIFY(source.open(QIODevice::ReadOnly));

    HttpRequest request = get("/1.0/images");
    request.method = "POST";
    request.bodySource = &source;
    request.bodySourceSize = total;

    MemoryWatch memory;
    Finished done(transport.send(request));
    QSignalSpy upload(done.reply.get(), &HttpReply::uploadProgress);
    QVERIFY(done.wait());
    const qint64 growth = memory.growthKiB();
    qInfo("resident memory grew by at most %lld KiB", growth);

    QCOMPARE(done.reply->error().kind(), Error::Kind::None);
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(server.requests.first().header("Content-Length"), QByteArray::number(total));
    QCOMPARE(server.requests.first().bodySize, total);
    QCOMPARE(server.requests.first().bodySha1, expected);
    QVERIFY(upload.count() > 10);
    QCOMPARE(upload.last().at(0).toLongLong(), total);
    QCOMPARE(upload.last().at(1).toLongLong(), total);
    QVERIFY2(growth < 64 * 1024, qPrintable(QStringLiteral("memory grew by %1 KiB").arg(growth)));
}

void TestUnixSocketTransport::chunkedDownloadOf300MiB()
{
    const qint64 total = 300 * MiB;
    const QByteArray expected = Pattern::sha1(total);
    FakeServer server;
    server.setHandler([&](const FakeServer::Request &) {
        FakeServer::Action action;
        action.mode = FakeServer::Action::Mode::StreamChunked;
        action.streamBytes = total;
        return action;
    });
    UnixSocketTransport transport(server.path());
    HashingSink sink;
    HttpRequest request = get("/1.0/images/abc/export");
    request.responseSink = &sink;

    MemoryWatch memory;
    Finished done(transport.send(request));
    QSignalSpy download(done.reply.get(), &HttpReply::downloadProgress);
    QVERIFY(done.wait());
    const qint64 growth = memory.growthKiB();
    qInfo("resident memory grew by at most %lld KiB", growth);

    QCOMPARE(done.reply->error().kind(), Error::Kind::None);
    QCOMPARE(done.reply->statusCode(), 200);
    QVERIFY(done.reply->body().isEmpty());
    QCOMPARE(done.reply->header("X-Checksum"), QByteArray("done")); // the trailer
    QCOMPARE(sink.count, total);
    QCOMPARE(sink.hex(), expected);
    QCOMPARE(server.streamedSha1, expected);
    QVERIFY(download.count() > 10);
    QCOMPARE(download.last().at(0).toLongLong(), total);
    QCOMPARE(download.last().at(1).toLongLong(), qint64(-1));
    QVERIFY2(growth < 64 * 1024, qPrintable(QStringLiteral("memory grew by %1 KiB").arg(growth)));

    // Still in step after a long chunked body.
    server.setHandler([](const FakeServer::Request &) { return FakeServer::reply("{}"); });
    Finished next(transport.send(get("/1.0")));
    QVERIFY(next.wait());
    QCOMPARE(next.reply->body(), QByteArray("{}"));
    QCOMPARE(transport.connectionsOpened(), 1);
}

void TestUnixSocketTransport::chunkedRequestBody()
{
    const qint64 total = 3 * MiB + 12345;
    FakeServer server;
    UnixSocketTransport transport(server.path());
    // A source of unknown size that has nothing to give half the time, like a pipe.
    GeneratedDevice source(total, true);
    QVERIFY(source.open(QIODevice::ReadOnly));
    HttpRequest request = get("/1.0/instances/c1/files?path=/root/big");
    request.method = "POST";
    request.bodySource = &source;
    request.bodySourceSize = -1;
    Finished done(transport.send(request));
    QSignalSpy upload(done.reply.get(), &HttpReply::uploadProgress);
    QVERIFY(done.wait());
    QCOMPARE(done.reply->error().kind(), Error::Kind::None);
    const FakeServer::Request &seen = server.requests.first();
    QCOMPARE(seen.header("Transfer-Encoding"), QByteArray("chunked"));
    QVERIFY(seen.header("Content-Length").isNull());
    QCOMPARE(seen.bodySize, total);
    QCOMPARE(seen.bodySha1, Pattern::sha1(total));
    QCOMPARE(upload.last().at(0).toLongLong(), total);
    // The chunked body ended cleanly: the connection carries the next request.
    Finished next(transport.send(get("/1.0")));
    QVERIFY(next.wait());
    QCOMPARE(next.reply->error().kind(), Error::Kind::None);
    QCOMPARE(transport.connectionsOpened(), 1);
}

void TestUnixSocketTransport::sinkWriteFailureIsIoError()
{
    FakeServer server;
    server.setHandler([](const FakeServer::Request &) { return FakeServer::reply(QByteArray(5000, 'd')); });
    UnixSocketTransport transport(server.path());
    FailingSink sink;
    HttpRequest request = get("/1.0/instances/c1/files?path=/etc/passwd");
    request.responseSink = &sink;
    Finished done(transport.send(request));
    QVERIFY(done.wait());
    QCOMPARE(done.reply->error().kind(), Error::Kind::Io);
    QVERIFY2(done.reply->error().detail().contains(QStringLiteral("No space left on device")),
             qPrintable(done.reply->error().detail()));
    QCOMPARE(done.spy.count(), 1);
}

void TestUnixSocketTransport::errorReplyBypassesSink()
{
    FakeServer server;
    const QByteArray envelope = "{\"type\":\"error\",\"error\":\"not found\",\"error_code\":404}";
    server.setHandler([&](const FakeServer::Request &) { return FakeServer::reply(envelope, 404); });
    UnixSocketTransport transport(server.path());
    HashingSink sink;
    HttpRequest request = get("/1.0/instances/missing/files?path=/x");
    request.responseSink = &sink;
    Finished done(transport.send(request));
    QVERIFY(done.wait());
    QCOMPARE(done.reply->error().kind(), Error::Kind::None);
    QCOMPARE(done.reply->statusCode(), 404);
    QCOMPARE(done.reply->body(), envelope);
    QCOMPARE(sink.count, qint64(0));
}

void TestUnixSocketTransport::realDaemonAnswers()
{
    BERTH_REQUIRE_TESTBED();
    UnixSocketTransport transport(Testbed::socketPath());
    Finished done(transport.send(get("/1.0")));
    QVERIFY(done.wait());
    QCOMPARE(done.reply->error().kind(), Error::Kind::None);
    QCOMPARE(done.reply->statusCode(), 200);
    const QJsonObject envelope = QJsonDocument::fromJson(done.reply->body()).object();
    QCOMPARE(envelope.value(QLatin1String("type")).toString(), QStringLiteral("sync"));
    QVERIFY2(envelope.value(QLatin1String("metadata")).toObject().contains(QLatin1String("api_version")),
             done.reply->body().left(200));

    // And again on the same keep-alive connection.
    Finished again(transport.send(get("/1.0")));
    QVERIFY(again.wait());
    QCOMPARE(again.reply->statusCode(), 200);
    QCOMPARE(transport.connectionsOpened(), 1);
}

QTEST_GUILESS_MAIN(TestUnixSocketTransport)
#include "tst_unixsockettransport.moc"
