#include "LxcCommand.h"
#include "Testbed.h"
#include "lxd/LocalWebSocketChannel.h"

#include <QCryptographicHash>
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
#include <QtEndian>

using Lxd::Error;
using Lxd::LocalWebSocketChannel;
using Lxd::WebSocketChannel;

namespace {

constexpr int Timeout = 5000;

QByteArray acceptKeyFor(const QByteArray &key)
{
    return QCryptographicHash::hash(key + QByteArrayLiteral("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                    QCryptographicHash::Sha1)
        .toBase64();
}

// An unmasked frame as a server sends it; `firstByte` is FIN | RSV | opcode, so it can be broken.
QByteArray serverFrame(quint8 firstByte, const QByteArray &payload, bool masked = false)
{
    QByteArray frame(1, char(firstByte));
    const quint8 maskBit = masked ? 0x80 : 0x00;
    const auto length = quint64(payload.size());
    if (length <= 125) {
        frame.append(char(maskBit | length));
    } else if (length <= 0xFFFF) {
        frame.append(char(maskBit | 126));
        uchar bytes[2];
        qToBigEndian(quint16(length), bytes);
        frame.append(reinterpret_cast<const char *>(bytes), 2);
    } else {
        frame.append(char(maskBit | 127));
        uchar bytes[8];
        qToBigEndian(length, bytes);
        frame.append(reinterpret_cast<const char *>(bytes), 8);
    }
    if (masked)
        frame.append(4, '\0'); // a zero key leaves the payload as is
    return frame + payload;
}

constexpr quint8 Fin = 0x80;

QByteArray closePayload(quint16 code, const QByteArray &reason = {})
{
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian(code, payload.data());
    return payload + reason;
}

QByteArray pattern(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char((i * 7 + i / 509) & 0xFF);
    return data;
}

struct ReceivedFrame
{
    bool fin = false;
    quint8 opCode = 0;
    bool masked = false;
    QByteArray payload;
    quint16 closeCode() const
    {
        return payload.size() >= 2 ? qFromBigEndian<quint16>(payload.constData()) : 0;
    }
};

} // namespace

// A WebSocket server on a QLocalServer, written for the test from RFC 6455: it reads the upgrade
// request, answers as told, decodes (and unmasks) the client's frames and echoes data messages.
class FakeServer : public QObject
{
    Q_OBJECT

public:
    enum class Reply { Accept, Refuse, BadAcceptKey, Garbage, CloseMidHandshake, Silent };

    explicit FakeServer(QObject *parent = nullptr)
        : QObject(parent)
    {
        connect(&m_server, &QLocalServer::newConnection, this, &FakeServer::onNewConnection);
        m_splitTimer.setInterval(0);
        connect(&m_splitTimer, &QTimer::timeout, this, &FakeServer::writeOneByte);
    }

    bool listen() { return m_dir.isValid() && m_server.listen(m_dir.filePath(QStringLiteral("ws.socket"))); }
    QString path() const { return m_server.fullServerName(); }

    // How to answer, set before the client connects.
    Reply reply = Reply::Accept;
    QByteArray refusal; // the whole HTTP reply for Reply::Refuse
    QByteArray framesWith101; // frames sent in the same write as the 101 head
    bool splitWrites = false; // every byte in its own write, one event loop turn apart
    bool echo = true;
    bool answerClose = true;

    // What it saw.
    QByteArray requestLine;
    QList<std::pair<QByteArray, QByteArray>> requestHeaders;
    QList<ReceivedFrame> frames;
    bool upgraded = false;
    bool clientGone = false;

    QByteArray requestHeader(const QByteArray &name) const
    {
        for (const auto &header : requestHeaders) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return header.second;
        }
        return {};
    }
    QList<ReceivedFrame> framesWithOpCode(quint8 opCode) const
    {
        QList<ReceivedFrame> out;
        for (const ReceivedFrame &frame : frames) {
            if (frame.opCode == opCode)
                out << frame;
        }
        return out;
    }
    bool connected() const { return m_socket && m_socket->state() == QLocalSocket::ConnectedState; }

    void send(const QByteArray &bytes)
    {
        if (!m_socket)
            return;
        if (!splitWrites) {
            m_socket->write(bytes);
            return;
        }
        m_splitQueue += bytes;
        m_splitTimer.start();
    }
    // Hangs up once everything queued is written.
    void hangUp()
    {
        m_hangUpWhenFlushed = true;
        if (m_splitQueue.isEmpty() && m_socket)
            m_socket->disconnectFromServer();
    }
    void drop()
    {
        if (m_socket)
            m_socket->abort();
    }

private:
    void onNewConnection()
    {
        m_socket = m_server.nextPendingConnection();
        connect(m_socket, &QLocalSocket::readyRead, this, &FakeServer::onReadyRead);
        connect(m_socket, &QLocalSocket::disconnected, this, [this] { clientGone = true; });
    }

    void writeOneByte()
    {
        if (m_splitQueue.isEmpty() || !m_socket) {
            m_splitTimer.stop();
            if (m_hangUpWhenFlushed && m_socket)
                m_socket->disconnectFromServer();
            return;
        }
        m_socket->write(m_splitQueue.left(1));
        m_socket->flush();
        m_splitQueue.remove(0, 1);
    }

    void onReadyRead()
    {
        m_in += m_socket->readAll();
        if (!m_requestDone) {
            const qsizetype end = m_in.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = m_in.left(end).split('\n');
            m_in.remove(0, end + 4);
            m_requestDone = true;
            requestLine = lines.value(0).trimmed();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    requestHeaders.append(
                        {lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
            }
            answerUpgrade();
        }
        if (upgraded)
            readFrames();
    }

    void answerUpgrade()
    {
        const QByteArray key = requestHeader(QByteArrayLiteral("Sec-WebSocket-Key"));
        QByteArray head = QByteArrayLiteral("HTTP/1.1 101 Switching Protocols\r\n"
                                            "Upgrade: websocket\r\n"
                                            "Connection: Upgrade\r\n"
                                            "Sec-WebSocket-Accept: ");
        switch (reply) {
        case Reply::Accept:
            upgraded = true;
            send(head + acceptKeyFor(key) + QByteArrayLiteral("\r\n\r\n") + framesWith101);
            break;
        case Reply::BadAcceptKey:
            send(head + acceptKeyFor(key + QByteArrayLiteral("x")) + QByteArrayLiteral("\r\n\r\n"));
            break;
        case Reply::Refuse:
            send(refusal);
            hangUp();
            break;
        case Reply::Garbage:
            send(QByteArrayLiteral("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\r\n\x01\x02\xff"));
            break;
        case Reply::CloseMidHandshake:
            send(QByteArrayLiteral("HTTP/1.1 101 Switching Protocols\r\nUpgrade: webso"));
            hangUp();
            break;
        case Reply::Silent:
            break;
        }
    }

    void readFrames()
    {
        for (;;) {
            if (m_in.size() < 2)
                return;
            const auto *in = reinterpret_cast<const uchar *>(m_in.constData());
            ReceivedFrame frame;
            frame.fin = (in[0] & 0x80) != 0;
            frame.opCode = in[0] & 0x0F;
            frame.masked = (in[1] & 0x80) != 0;
            quint64 length = in[1] & 0x7F;
            qsizetype offset = 2;
            if (length == 126) {
                if (m_in.size() < 4)
                    return;
                length = qFromBigEndian<quint16>(in + 2);
                offset = 4;
            } else if (length == 127) {
                if (m_in.size() < 10)
                    return;
                length = qFromBigEndian<quint64>(in + 2);
                offset = 10;
            }
            const qsizetype maskOffset = offset;
            if (frame.masked)
                offset += 4;
            if (quint64(m_in.size() - offset) < length)
                return;
            frame.payload = m_in.mid(offset, qsizetype(length));
            if (frame.masked) {
                for (qsizetype i = 0; i < frame.payload.size(); ++i)
                    frame.payload[i] = char(frame.payload[i] ^ m_in[maskOffset + (i % 4)]);
            }
            m_in.remove(0, offset + qsizetype(length));
            frames << frame;
            handle(frame);
        }
    }

    void handle(const ReceivedFrame &frame)
    {
        if (echo && (frame.opCode == 0x1 || frame.opCode == 0x2 || frame.opCode == 0x0))
            send(serverFrame(quint8((frame.fin ? Fin : 0) | frame.opCode), frame.payload));
        if (frame.opCode == 0x8 && answerClose) {
            if (!m_closeSent)
                send(serverFrame(Fin | 0x8, frame.payload));
            m_closeSent = true;
            hangUp();
        }
    }

public:
    // A close frame from the server; the server then waits for the client's.
    void sendClose(quint16 code, const QByteArray &reason)
    {
        m_closeSent = true;
        send(serverFrame(Fin | 0x8, closePayload(code, reason)));
    }

private:
    QTemporaryDir m_dir;
    QLocalServer m_server;
    QPointer<QLocalSocket> m_socket;
    QByteArray m_in;
    bool m_requestDone = false;
    bool m_closeSent = false;
    QByteArray m_splitQueue;
    QTimer m_splitTimer;
    bool m_hangUpWhenFlushed = false;
};

// Everything a channel emits, in order.
class ChannelRecorder : public QObject
{
    Q_OBJECT

public:
    explicit ChannelRecorder(WebSocketChannel *channel)
    {
        connect(channel, &WebSocketChannel::opened, this, [this] { events << QStringLiteral("opened"); });
        connect(channel, &WebSocketChannel::textReceived, this, [this](const QByteArray &text) {
            texts << text;
            events << QStringLiteral("text:") + QString::fromUtf8(text);
        });
        connect(channel, &WebSocketChannel::binaryReceived, this, [this](const QByteArray &data) {
            binaries << data;
            events << QStringLiteral("binary:%1").arg(data.size());
        });
        connect(channel, &WebSocketChannel::closed, this, [this, channel] {
            events << QStringLiteral("closed");
            error = channel->error();
            ++closedCount;
        });
        connect(channel, &WebSocketChannel::bytesWritten, this, [this](qint64 count) { written += count; });
    }

    QStringList events;
    QList<QByteArray> texts;
    QList<QByteArray> binaries;
    Error error;
    int closedCount = 0;
    qint64 written = 0;
};

class TestLocalWebSocketChannel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void echoTextAndBinary_data();
    void echoTextAndBinary();
    void framesInTheSameWriteAsThe101_data();
    void framesInTheSameWriteAsThe101();
    void sendBeforeOpenIsQueued();
    void refusedWithLxdError_data();
    void refusedWithLxdError();
    void refusedWithoutEnvelope();
    void badAcceptKey();
    void garbageReply();
    void closedMidHandshake();
    void noServer();
    void handshakeTimeout();
    void largeFragmentedMessage();
    void pingGetsPong();
    void serverClose();
    void serverCloseWithError();
    void clientClose();
    void clientCloseTimesOut();
    void serverDropsTheConnection();
    void malformedFrame();
    void tooLargeMessage();
    void abortDropsAtOnce();
    void bytesWrittenCountsFramesOnly();
    void realLxdEvents();
};

void TestLocalWebSocketChannel::echoTextAndBinary_data()
{
    QTest::addColumn<bool>("split");
    QTest::newRow("whole writes") << false;
    QTest::newRow("1-byte writes") << true;
}

void TestLocalWebSocketChannel::echoTextAndBinary()
{
    QFETCH(bool, split);
    FakeServer server;
    server.splitWrites = split;
    QVERIFY(server.listen());

    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events?type=lifecycle"));
    ChannelRecorder recorder(&channel);
    QCOMPARE(channel.state(), WebSocketChannel::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), WebSocketChannel::State::Open, Timeout);
    QCOMPARE(recorder.events, QStringList {QStringLiteral("opened")});

    // The upgrade request, as the server read it.
    QCOMPARE(server.requestLine, QByteArray("GET /1.0/events?type=lifecycle HTTP/1.1"));
    QVERIFY(!server.requestHeader("Host").isEmpty());
    QCOMPARE(server.requestHeader("Upgrade").toLower(), QByteArray("websocket"));
    QCOMPARE(server.requestHeader("Connection").toLower(), QByteArray("upgrade"));
    QCOMPARE(server.requestHeader("Sec-WebSocket-Version"), QByteArray("13"));
    QCOMPARE(QByteArray::fromBase64(server.requestHeader("Sec-WebSocket-Key")).size(), 16);

    const QByteArray text = QStringLiteral("h\u00E9llo \u20AC").toUtf8();
    const QByteArray binary = pattern(256) + QByteArray(3, '\0');
    channel.sendText(text);
    channel.sendBinary(binary);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.binaries.size(), 1, Timeout);
    QCOMPARE(recorder.texts, QList<QByteArray> {text});
    QCOMPARE(recorder.binaries.constFirst(), binary);
    QCOMPARE(recorder.events.size(), 3); // opened, text, binary: in order
    QVERIFY(recorder.events[1].startsWith(QLatin1String("text:")));

    QCOMPARE(server.frames.size(), 2);
    for (const ReceivedFrame &frame : std::as_const(server.frames)) {
        QVERIFY(frame.masked);
        QVERIFY(frame.fin);
    }
    QCOMPARE(server.frames[0].opCode, quint8(0x1));
    QCOMPARE(server.frames[1].opCode, quint8(0x2));
    QCOMPARE(recorder.closedCount, 0);
}

void TestLocalWebSocketChannel::framesInTheSameWriteAsThe101_data()
{
    QTest::addColumn<bool>("split");
    QTest::newRow("one write") << false;
    QTest::newRow("1-byte writes") << true;
}

void TestLocalWebSocketChannel::framesInTheSameWriteAsThe101()
{
    QFETCH(bool, split);
    FakeServer server;
    server.splitWrites = split;
    server.framesWith101 = serverFrame(Fin | 0x1, "first") + serverFrame(Fin | 0x2, pattern(300))
        + serverFrame(0x1, "fra") + serverFrame(Fin | 0x0, "gment");
    QVERIFY(server.listen());

    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    ChannelRecorder recorder(&channel);
    const QStringList expected = {QStringLiteral("opened"), QStringLiteral("text:first"),
                                  QStringLiteral("binary:300"), QStringLiteral("text:fragment")};
    QTRY_COMPARE_WITH_TIMEOUT(recorder.events, expected, Timeout);
    QCOMPARE(recorder.binaries.constFirst(), pattern(300));
    QCOMPARE(channel.state(), WebSocketChannel::State::Open);
}

void TestLocalWebSocketChannel::sendBeforeOpenIsQueued()
{
    FakeServer server;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/operations/x/websocket?secret=s"));
    ChannelRecorder recorder(&channel);
    // LXD's exec clients write stdin at once, before the handshake has even started.
    channel.sendBinary(QByteArrayLiteral("ls -l\n"));
    channel.sendText(QByteArrayLiteral("second"));
    QVERIFY(channel.bytesToWrite() >= 6 + 6);

    QTRY_COMPARE_WITH_TIMEOUT(server.frames.size(), 2, Timeout);
    QCOMPARE(server.frames[0].payload, QByteArray("ls -l\n"));
    QCOMPARE(server.frames[0].opCode, quint8(0x2));
    QCOMPARE(server.frames[1].payload, QByteArray("second"));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.texts.size(), 1, Timeout);
    QCOMPARE(recorder.events.constFirst(), QStringLiteral("opened"));
    QTRY_COMPARE_WITH_TIMEOUT(channel.bytesToWrite(), qint64(0), Timeout);
}

void TestLocalWebSocketChannel::refusedWithLxdError_data()
{
    QTest::addColumn<bool>("split");
    QTest::newRow("one write") << false;
    QTest::newRow("1-byte writes") << true;
}

void TestLocalWebSocketChannel::refusedWithLxdError()
{
    QFETCH(bool, split);
    FakeServer server;
    server.splitWrites = split;
    server.reply = FakeServer::Reply::Refuse;
    const QByteArray body
        = QByteArrayLiteral(R"({"type":"error","status":"","status_code":0,"operation":"","error_code":403,)"
                            R"("error":"not authorized","metadata":null})");
    server.refusal
        = QByteArrayLiteral("HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ")
        + QByteArray::number(body.size()) + QByteArrayLiteral("\r\n\r\n") + body;
    QVERIFY(server.listen());

    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.closedCount, 1, Timeout);
    QCOMPARE(recorder.events, QStringList {QStringLiteral("closed")}); // never opened
    QCOMPARE(channel.state(), WebSocketChannel::State::Closed);
    QCOMPARE(recorder.error.kind(), Error::Kind::Api);
    QCOMPARE(recorder.error.httpStatus(), 403);
    QCOMPARE(recorder.error.serverMessage(), QStringLiteral("not authorized"));
}

void TestLocalWebSocketChannel::refusedWithoutEnvelope()
{
    FakeServer server;
    server.reply = FakeServer::Reply::Refuse;
    // No length: the body ends with the connection.
    server.refusal
        = QByteArrayLiteral("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n\r\nno such thing");
    QVERIFY(server.listen());

    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/nowhere"));
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.closedCount, 1, Timeout);
    QCOMPARE(recorder.error.kind(), Error::Kind::Http);
    QCOMPARE(recorder.error.httpStatus(), 404);
    QVERIFY2(recorder.error.detail().contains(QLatin1String("404")), qPrintable(recorder.error.detail()));
    QVERIFY2(recorder.error.detail().contains(QLatin1String("no such thing")),
             qPrintable(recorder.error.detail()));
}

void TestLocalWebSocketChannel::badAcceptKey()
{
    FakeServer server;
    server.reply = FakeServer::Reply::BadAcceptKey;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.closedCount, 1, Timeout);
    QCOMPARE(recorder.events, QStringList {QStringLiteral("closed")});
    QCOMPARE(recorder.error.kind(), Error::Kind::Parse);
    QVERIFY2(recorder.error.detail().contains(QLatin1String("Sec-WebSocket-Accept")),
             qPrintable(recorder.error.detail()));
    QTRY_VERIFY_WITH_TIMEOUT(server.clientGone, Timeout);
}

void TestLocalWebSocketChannel::garbageReply()
{
    FakeServer server;
    server.reply = FakeServer::Reply::Garbage;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.closedCount, 1, Timeout);
    QCOMPARE(recorder.events, QStringList {QStringLiteral("closed")});
    QCOMPARE(recorder.error.kind(), Error::Kind::Parse);
}

void TestLocalWebSocketChannel::closedMidHandshake()
{
    FakeServer server;
    server.reply = FakeServer::Reply::CloseMidHandshake;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.closedCount, 1, Timeout);
    QCOMPARE(recorder.events, QStringList {QStringLiteral("closed")});
    QCOMPARE(recorder.error.kind(), Error::Kind::Network);
    QVERIFY2(recorder.error.detail().contains(QLatin1String("upgrade")), qPrintable(recorder.error.detail()));
}

void TestLocalWebSocketChannel::noServer()
{
    QTemporaryDir dir;
    LocalWebSocketChannel channel(dir.filePath(QStringLiteral("missing.socket")),
                                  QByteArrayLiteral("/1.0/events"));
    // Connected after construction: the failure must still reach us, from the event loop.
    QSignalSpy closed(&channel, &WebSocketChannel::closed);
    QSignalSpy opened(&channel, &WebSocketChannel::opened);
    QVERIFY(closed.wait(Timeout));
    QCOMPARE(closed.size(), 1);
    QCOMPARE(opened.size(), 0);
    QCOMPARE(channel.error().kind(), Error::Kind::Network);
    QVERIFY2(channel.error().detail().contains(QLatin1String("missing.socket")),
             qPrintable(channel.error().detail()));
}

void TestLocalWebSocketChannel::handshakeTimeout()
{
    FakeServer server;
    server.reply = FakeServer::Reply::Silent;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    channel.setHandshakeTimeout(300);
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.closedCount, 1, Timeout);
    QCOMPARE(recorder.error.kind(), Error::Kind::Network);
    QVERIFY(!server.requestLine.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(server.clientGone, Timeout);
}

void TestLocalWebSocketChannel::largeFragmentedMessage()
{
    FakeServer server;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), WebSocketChannel::State::Open, Timeout);

    // 5 MiB in fragments of 64 KiB + 1 (every length form), with a ping in the middle.
    const QByteArray message = pattern(5 * 1024 * 1024);
    const qsizetype fragment = 64 * 1024 + 1;
    for (qsizetype offset = 0; offset < message.size(); offset += fragment) {
        const bool first = offset == 0;
        const bool last = offset + fragment >= message.size();
        server.send(
            serverFrame(quint8((last ? Fin : 0) | (first ? 0x2 : 0x0)), message.mid(offset, fragment)));
        if (offset == fragment * 40)
            server.send(serverFrame(Fin | 0x9, "mid-message"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(recorder.binaries.size(), 1, Timeout);
    QCOMPARE(recorder.binaries.constFirst().size(), message.size());
    QVERIFY(recorder.binaries.constFirst() == message);
    QTRY_COMPARE_WITH_TIMEOUT(server.framesWithOpCode(0xA).size(), 1, Timeout);
    QCOMPARE(server.framesWithOpCode(0xA).constFirst().payload, QByteArray("mid-message"));
    QCOMPARE(channel.state(), WebSocketChannel::State::Open);
}

void TestLocalWebSocketChannel::pingGetsPong()
{
    FakeServer server;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), WebSocketChannel::State::Open, Timeout);
    server.send(serverFrame(Fin | 0x9, "abc"));
    server.send(serverFrame(Fin | 0x9, ""));
    QTRY_COMPARE_WITH_TIMEOUT(server.framesWithOpCode(0xA).size(), 2, Timeout);
    const QList<ReceivedFrame> pongs = server.framesWithOpCode(0xA);
    QCOMPARE(pongs[0].payload, QByteArray("abc"));
    QVERIFY(pongs[0].masked);
    QCOMPARE(pongs[1].payload, QByteArray());
    // Pings are not messages.
    QCOMPARE(recorder.events, QStringList {QStringLiteral("opened")});
}

void TestLocalWebSocketChannel::serverClose()
{
    FakeServer server;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), WebSocketChannel::State::Open, Timeout);
    server.send(serverFrame(Fin | 0x1, "last words"));
    server.sendClose(1000, "bye");

    QTRY_COMPARE_WITH_TIMEOUT(recorder.closedCount, 1, Timeout);
    const QStringList expected
        = {QStringLiteral("opened"), QStringLiteral("text:last words"), QStringLiteral("closed")};
    QCOMPARE(recorder.events, expected);
    QVERIFY2(!recorder.error, qPrintable(recorder.error.detail()));
    QCOMPARE(channel.closeCode(), quint16(1000));
    QCOMPARE(channel.closeReason(), QStringLiteral("bye"));
    // The client answered with its own close, then hung up.
    QTRY_COMPARE_WITH_TIMEOUT(server.framesWithOpCode(0x8).size(), 1, Timeout);
    QCOMPARE(server.framesWithOpCode(0x8).constFirst().closeCode(), quint16(1000));
    QTRY_VERIFY_WITH_TIMEOUT(server.clientGone, Timeout);
}

void TestLocalWebSocketChannel::serverCloseWithError()
{
    FakeServer server;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), WebSocketChannel::State::Open, Timeout);
    server.sendClose(1011, "internal error");
    QTRY_COMPARE_WITH_TIMEOUT(recorder.closedCount, 1, Timeout);
    QCOMPARE(recorder.error.kind(), Error::Kind::Network);
    QVERIFY2(recorder.error.detail().contains(QLatin1String("1011")), qPrintable(recorder.error.detail()));
    QVERIFY2(recorder.error.detail().contains(QLatin1String("internal error")),
             qPrintable(recorder.error.detail()));
    QTRY_COMPARE_WITH_TIMEOUT(server.framesWithOpCode(0x8).size(), 1, Timeout);
    QCOMPARE(server.framesWithOpCode(0x8).constFirst().closeCode(), quint16(1011));
}

void TestLocalWebSocketChannel::clientClose()
{
    FakeServer server;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), WebSocketChannel::State::Open, Timeout);

    channel.close();
    QCOMPARE(channel.state(), WebSocketChannel::State::Closing);
    QCOMPARE(recorder.closedCount, 0); // it waits for the server's answer
    channel.sendText(QByteArrayLiteral("too late")); // nothing may follow a close frame

    QTRY_COMPARE_WITH_TIMEOUT(recorder.closedCount, 1, Timeout);
    QVERIFY2(!recorder.error, qPrintable(recorder.error.detail()));
    QCOMPARE(channel.state(), WebSocketChannel::State::Closed);
    QCOMPARE(channel.closeCode(), quint16(1000)); // the server's echo
    QCOMPARE(server.frames.size(), 1);
    QCOMPARE(server.frames.constFirst().opCode, quint8(0x8));
    QCOMPARE(server.frames.constFirst().closeCode(), quint16(1000));
}

void TestLocalWebSocketChannel::clientCloseTimesOut()
{
    FakeServer server;
    server.answerClose = false;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    channel.setCloseTimeout(300);
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), WebSocketChannel::State::Open, Timeout);
    channel.close();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.closedCount, 1, Timeout);
    QCOMPARE(recorder.error.kind(), Error::Kind::Network);
    QCOMPARE(server.framesWithOpCode(0x8).size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(server.clientGone, Timeout);
}

void TestLocalWebSocketChannel::serverDropsTheConnection()
{
    FakeServer server;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), WebSocketChannel::State::Open, Timeout);
    server.send(serverFrame(Fin | 0x1, "before the drop"));
    server.hangUp();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.closedCount, 1, Timeout);
    const QStringList expected
        = {QStringLiteral("opened"), QStringLiteral("text:before the drop"), QStringLiteral("closed")};
    QCOMPARE(recorder.events, expected);
    QCOMPARE(recorder.error.kind(), Error::Kind::Network);
    QCOMPARE(channel.state(), WebSocketChannel::State::Closed);
}

void TestLocalWebSocketChannel::malformedFrame()
{
    FakeServer server;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), WebSocketChannel::State::Open, Timeout);
    server.send(serverFrame(Fin | 0x1, "masked by a server", true));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.closedCount, 1, Timeout);
    QCOMPARE(recorder.error.kind(), Error::Kind::Parse);
    QVERIFY2(recorder.error.detail().contains(QLatin1String("masked")), qPrintable(recorder.error.detail()));
    QCOMPARE(recorder.texts.size(), 0);
    // The server was told why, with 1002 Protocol Error, before the client hung up.
    QTRY_COMPARE_WITH_TIMEOUT(server.framesWithOpCode(0x8).size(), 1, Timeout);
    QCOMPARE(server.framesWithOpCode(0x8).constFirst().closeCode(), quint16(1002));
    QTRY_VERIFY_WITH_TIMEOUT(server.clientGone, Timeout);
}

void TestLocalWebSocketChannel::tooLargeMessage()
{
    FakeServer server;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    channel.setMaxMessageSize(1000);
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), WebSocketChannel::State::Open, Timeout);
    server.send(serverFrame(Fin | 0x2, QByteArray(1000, 'a')));
    server.send(serverFrame(Fin | 0x2, QByteArray(1001, 'b')));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.closedCount, 1, Timeout);
    QCOMPARE(recorder.binaries.size(), 1);
    QCOMPARE(recorder.error.kind(), Error::Kind::Parse);
    QTRY_COMPARE_WITH_TIMEOUT(server.framesWithOpCode(0x8).size(), 1, Timeout);
    QCOMPARE(server.framesWithOpCode(0x8).constFirst().closeCode(), quint16(1009));
}

void TestLocalWebSocketChannel::abortDropsAtOnce()
{
    FakeServer server;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), WebSocketChannel::State::Open, Timeout);
    channel.abort();
    QCOMPARE(channel.state(), WebSocketChannel::State::Closed);
    QCOMPARE(recorder.closedCount, 1);
    QVERIFY(recorder.error.isCancelled());
    QTRY_VERIFY_WITH_TIMEOUT(server.clientGone, Timeout);
    QVERIFY(server.frames.isEmpty()); // no closing handshake

    // Closed means closed: nothing more is emitted or sent.
    channel.close();
    channel.abort();
    channel.sendText(QByteArrayLiteral("x"));
    QTest::qWait(50);
    QCOMPARE(recorder.closedCount, 1);
}

void TestLocalWebSocketChannel::bytesWrittenCountsFramesOnly()
{
    FakeServer server;
    server.echo = false;
    QVERIFY(server.listen());
    LocalWebSocketChannel channel(server.path(), QByteArrayLiteral("/1.0/events"));
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(channel.state(), WebSocketChannel::State::Open, Timeout);
    QCOMPARE(recorder.written, qint64(0)); // the upgrade request is not the caller's data

    const qint64 size = 1024 * 1024;
    channel.sendBinary(pattern(size));
    QVERIFY(channel.bytesToWrite() > 0);
    // 1 MiB needs the 64-bit length form: 2 + 8 bytes of header and a 4-byte key.
    QTRY_COMPARE_WITH_TIMEOUT(recorder.written, size + 14, Timeout);
    QCOMPARE(channel.bytesToWrite(), qint64(0));
    QTRY_COMPARE_WITH_TIMEOUT(server.frames.size(), 1, Timeout);
    QCOMPARE(server.frames.constFirst().payload, pattern(size));
}

void TestLocalWebSocketChannel::realLxdEvents()
{
    BERTH_REQUIRE_TESTBED();
    LocalWebSocketChannel channel(Testbed::socketPath(), QByteArrayLiteral("/1.0/events?type=lifecycle"));
    ChannelRecorder recorder(&channel);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.events.value(0), QStringLiteral("opened"), 10000);

    const QString profile = QStringLiteral("berth-ws-probe-%1")
                                .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    const LxcResult created = LxcCommand::run({QStringLiteral("profile"), QStringLiteral("create"), profile});
    QVERIFY2(created.ok(), qPrintable(created.errorOutput));
    const LxcResult deleted = LxcCommand::run({QStringLiteral("profile"), QStringLiteral("delete"), profile});
    QVERIFY2(deleted.ok(), qPrintable(deleted.errorOutput));

    const auto sawCreation = [&recorder, &profile] {
        for (const QByteArray &text : std::as_const(recorder.texts)) {
            const QJsonObject event = QJsonDocument::fromJson(text).object();
            const QJsonObject metadata = event.value(QLatin1String("metadata")).toObject();
            if (event.value(QLatin1String("type")).toString() == QLatin1String("lifecycle")
                && metadata.value(QLatin1String("action")).toString() == QLatin1String("profile-created")
                && metadata.value(QLatin1String("source")).toString().endsWith(profile))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(sawCreation(), 10000);

    channel.close();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.closedCount, 1, 10000);
    QVERIFY2(!recorder.error, qPrintable(recorder.error.detail()));
}

QTEST_GUILESS_MAIN(TestLocalWebSocketChannel)
#include "tst_localwebsocketchannel.moc"
