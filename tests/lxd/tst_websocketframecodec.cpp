#include "lxd/WebSocketFrameCodec.h"

#include <QTest>
#include <QtEndian>

using Lxd::WebSocketFrameCodec;
using OpCode = WebSocketFrameCodec::OpCode;

namespace {

// What a server reads from a client frame, decoded here independently of the codec.
struct ClientFrame
{
    bool fin = false;
    quint8 firstByte = 0;
    quint8 opCode = 0;
    bool masked = false;
    int lengthForm = 0; // the 7-bit length field: the length itself, 126 or 127
    quint32 maskingKey = 0;
    QByteArray payload; // unmasked
    qsizetype frameSize = 0;
};

// A tiny server-side decoder: parses one client frame at the start of `bytes` and unmasks it.
bool decodeClientFrame(const QByteArray &bytes, ClientFrame *frame)
{
    if (bytes.size() < 2)
        return false;
    const auto *in = reinterpret_cast<const uchar *>(bytes.constData());
    frame->firstByte = in[0];
    frame->fin = (in[0] & 0x80) != 0;
    frame->opCode = in[0] & 0x0F;
    frame->masked = (in[1] & 0x80) != 0;
    frame->lengthForm = in[1] & 0x7F;
    qsizetype offset = 2;
    quint64 length = quint64(frame->lengthForm);
    if (frame->lengthForm == 126) {
        if (bytes.size() < 4)
            return false;
        length = qFromBigEndian<quint16>(in + 2);
        offset = 4;
    } else if (frame->lengthForm == 127) {
        if (bytes.size() < 10)
            return false;
        length = qFromBigEndian<quint64>(in + 2);
        offset = 10;
    }
    uchar mask[4] = {0, 0, 0, 0};
    if (frame->masked) {
        if (bytes.size() < offset + 4)
            return false;
        memcpy(mask, in + offset, 4);
        frame->maskingKey = qFromBigEndian<quint32>(in + offset);
        offset += 4;
    }
    if (quint64(bytes.size() - offset) < length)
        return false;
    frame->payload = bytes.mid(offset, qsizetype(length));
    for (qsizetype i = 0; i < frame->payload.size(); ++i)
        frame->payload[i] = char(uchar(frame->payload[i]) ^ mask[i % 4]);
    frame->frameSize = offset + qsizetype(length);
    return true;
}

// A server frame with a raw first byte (FIN, RSV bits, opcode), so tests can also build broken ones.
QByteArray serverFrame(quint8 firstByte, const QByteArray &payload, bool masked = false)
{
    QByteArray frame;
    frame.append(char(firstByte));
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
    if (masked) {
        const char key[4] = {0x11, 0x22, 0x33, 0x44};
        frame.append(key, 4);
        QByteArray maskedPayload = payload;
        for (qsizetype i = 0; i < maskedPayload.size(); ++i)
            maskedPayload[i] = char(maskedPayload[i] ^ key[i % 4]);
        frame.append(maskedPayload);
    } else {
        frame.append(payload);
    }
    return frame;
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
        data[i] = char((i * 31 + i / 251) & 0xFF);
    return data;
}

// "op:payload" (close frames: "close:code:reason"), to compare decoded sequences in one QCOMPARE.
QString describe(const WebSocketFrameCodec::Message &message)
{
    switch (message.opCode) {
    case OpCode::Text:
        return QStringLiteral("text:") + QString::fromUtf8(message.payload);
    case OpCode::Binary:
        return QStringLiteral("binary:") + QString::fromLatin1(message.payload.toHex());
    case OpCode::Ping:
        return QStringLiteral("ping:") + QString::fromLatin1(message.payload);
    case OpCode::Pong:
        return QStringLiteral("pong:") + QString::fromLatin1(message.payload);
    case OpCode::Close:
        return QStringLiteral("close:%1:%2").arg(message.closeCode).arg(message.closeReason);
    case OpCode::Continuation:
        break;
    }
    return QStringLiteral("continuation?");
}

QStringList drain(WebSocketFrameCodec &codec)
{
    QStringList out;
    WebSocketFrameCodec::Message message;
    while (codec.next(&message))
        out << describe(message);
    return out;
}

} // namespace

class TestWebSocketFrameCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodeLengths_data();
    void encodeLengths();
    void encodeUsesAFreshMaskEveryFrame();
    void encodeWithAGivenKey();
    void encodeFragmentsAndControlFrames();
    void encodeClose();
    void decodeLengths_data();
    void decodeLengths();
    void decodeFragmentedWithInterleavedControlFrames();
    void decodeStreamSplitAtEveryPosition();
    void decodeStreamByteByByte();
    void decodeCloseFrames();
    void decodeTextSplitInsideACharacter();
    void messageSizeLimit();
    void protocolViolations_data();
    void protocolViolations();
    void staysFailedUntilReset();
    void utf8Validation_data();
    void utf8Validation();
};

void TestWebSocketFrameCodec::encodeLengths_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("lengthForm");
    QTest::addColumn<int>("headerSize");
    QTest::newRow("0") << 0 << 0 << 6;
    QTest::newRow("125") << 125 << 125 << 6;
    QTest::newRow("126") << 126 << 126 << 8;
    QTest::newRow("65535") << 65535 << 126 << 8;
    QTest::newRow("65536") << 65536 << 127 << 14;
    QTest::newRow("1 MiB") << 1024 * 1024 << 127 << 14;
}

void TestWebSocketFrameCodec::encodeLengths()
{
    QFETCH(int, size);
    QFETCH(int, lengthForm);
    QFETCH(int, headerSize);

    const QByteArray payload = pattern(size);
    const QByteArray frame = WebSocketFrameCodec::encodeFrame(OpCode::Binary, payload);
    QCOMPARE(frame.size(), headerSize + size);

    ClientFrame decoded;
    QVERIFY(decodeClientFrame(frame, &decoded));
    QVERIFY(decoded.fin);
    QCOMPARE(decoded.firstByte & 0x70, 0); // no RSV bits
    QCOMPARE(decoded.opCode, quint8(0x2));
    QVERIFY(decoded.masked); // every client frame is masked (RFC 6455 5.3)
    QCOMPARE(decoded.lengthForm, lengthForm);
    QCOMPARE(decoded.frameSize, frame.size());
    QCOMPARE(decoded.payload, payload);
}

void TestWebSocketFrameCodec::encodeUsesAFreshMaskEveryFrame()
{
    const QByteArray payload(64, 'a');
    const QByteArray first = WebSocketFrameCodec::encodeFrame(OpCode::Text, payload);
    const QByteArray second = WebSocketFrameCodec::encodeFrame(OpCode::Text, payload);
    ClientFrame a;
    ClientFrame b;
    QVERIFY(decodeClientFrame(first, &a));
    QVERIFY(decodeClientFrame(second, &b));
    QCOMPARE(a.payload, payload);
    QCOMPARE(b.payload, payload);
    // Random 32-bit keys: equal keys or plain bytes on the wire would mean no masking at all.
    QVERIFY(a.maskingKey != b.maskingKey);
    QVERIFY(!first.contains(payload));
}

void TestWebSocketFrameCodec::encodeWithAGivenKey()
{
    const QByteArray frame = WebSocketFrameCodec::encodeFrame(OpCode::Text, "Hello", true, 0x37fa213d);
    // The example of RFC 6455 section 5.7: a masked "Hello".
    QCOMPARE(frame.toHex(), QByteArray("818537fa213d7f9f4d5158"));
}

void TestWebSocketFrameCodec::encodeFragmentsAndControlFrames()
{
    QByteArray stream = WebSocketFrameCodec::encodeFrame(OpCode::Text, "Hel", false);
    stream += WebSocketFrameCodec::encodeFrame(OpCode::Ping, "p");
    stream += WebSocketFrameCodec::encodeFrame(OpCode::Continuation, "lo", true);
    stream += WebSocketFrameCodec::encodeFrame(OpCode::Pong, "q");

    QList<ClientFrame> frames;
    while (!stream.isEmpty()) {
        ClientFrame frame;
        QVERIFY(decodeClientFrame(stream, &frame));
        frames << frame;
        stream.remove(0, frame.frameSize);
    }
    QCOMPARE(frames.size(), 4);
    QCOMPARE(frames[0].opCode, quint8(0x1));
    QVERIFY(!frames[0].fin);
    QCOMPARE(frames[0].payload, QByteArray("Hel"));
    QCOMPARE(frames[1].opCode, quint8(0x9));
    QVERIFY(frames[1].fin);
    QCOMPARE(frames[2].opCode, quint8(0x0));
    QVERIFY(frames[2].fin);
    QCOMPARE(frames[2].payload, QByteArray("lo"));
    QCOMPARE(frames[3].opCode, quint8(0xA));
    QCOMPARE(frames[3].payload, QByteArray("q"));
}

void TestWebSocketFrameCodec::encodeClose()
{
    ClientFrame frame;
    QVERIFY(decodeClientFrame(WebSocketFrameCodec::encodeClose(1000, QStringLiteral("bye")), &frame));
    QCOMPARE(frame.opCode, quint8(0x8));
    QVERIFY(frame.fin);
    QCOMPARE(frame.payload, closePayload(1000, "bye"));

    // "No status" is an empty close frame, never the code 1005 on the wire.
    QVERIFY(
        decodeClientFrame(WebSocketFrameCodec::encodeClose(WebSocketFrameCodec::NoStatusReceived), &frame));
    QCOMPARE(frame.opCode, quint8(0x8));
    QVERIFY(frame.payload.isEmpty());

    // A reason too long for a control frame is cut at a character boundary: 'é' is two bytes, so 123
    // bytes would split one.
    const QString longReason(100, QChar(0x00E9));
    QVERIFY(decodeClientFrame(WebSocketFrameCodec::encodeClose(1002, longReason), &frame));
    QVERIFY(frame.payload.size() <= 125);
    QCOMPARE(frame.payload.size(), 2 + 122);
    QVERIFY(WebSocketFrameCodec::isValidUtf8(frame.payload.mid(2)));
    QCOMPARE(qFromBigEndian<quint16>(frame.payload.constData()), quint16(1002));
}

void TestWebSocketFrameCodec::decodeLengths_data()
{
    encodeLengths_data();
}

void TestWebSocketFrameCodec::decodeLengths()
{
    QFETCH(int, size);
    QFETCH(int, lengthForm);
    QFETCH(int, headerSize);

    const QByteArray payload = pattern(size);
    const QByteArray frame = serverFrame(Fin | 0x2, payload);
    QCOMPARE(frame.size(), headerSize - 4 + size); // server frames carry no key
    QCOMPARE(int(uchar(frame.at(1))), lengthForm);

    WebSocketFrameCodec codec;
    codec.feed(frame);
    WebSocketFrameCodec::Message message;
    QVERIFY(codec.next(&message));
    QCOMPARE(message.opCode, OpCode::Binary);
    QCOMPARE(message.payload.size(), payload.size());
    QCOMPARE(message.payload, payload);
    QVERIFY(!codec.next(&message));
    QVERIFY(!codec.hasFailed());

    // The same as text (the pattern is not UTF-8, so use letters).
    const QByteArray text(size, 'x');
    codec.feed(serverFrame(Fin | 0x1, text));
    QVERIFY(codec.next(&message));
    QCOMPARE(message.opCode, OpCode::Text);
    QCOMPARE(message.payload, text);
}

void TestWebSocketFrameCodec::decodeFragmentedWithInterleavedControlFrames()
{
    WebSocketFrameCodec codec;
    codec.feed(serverFrame(0x1, "Hel"));
    codec.feed(serverFrame(Fin | 0x9, "p"));
    codec.feed(serverFrame(0x0, "lo "));
    codec.feed(serverFrame(Fin | 0xA, ""));
    codec.feed(serverFrame(0x0, ""));
    codec.feed(serverFrame(Fin | 0x0, "world"));
    const QStringList expected
        = {QStringLiteral("ping:p"), QStringLiteral("pong:"), QStringLiteral("text:Hello world")};
    QCOMPARE(drain(codec), expected);
    QVERIFY(!codec.hasFailed());
}

namespace {

QByteArray severalFrames(QStringList *expected)
{
    QByteArray stream;
    stream += serverFrame(Fin | 0x1, "first");
    stream += serverFrame(Fin | 0x2, pattern(300)); // 16-bit length
    stream += serverFrame(0x2, pattern(10));
    stream += serverFrame(Fin | 0x9, "beat");
    stream += serverFrame(Fin | 0x0, pattern(130));
    stream += serverFrame(Fin | 0x1, QStringLiteral("gr\u00FC\u00DF \u20AC").toUtf8());
    stream += serverFrame(Fin | 0x1, "");
    stream += serverFrame(Fin | 0x8, closePayload(1000, "bye"));
    *expected = {
        QStringLiteral("text:first"),
        QStringLiteral("binary:") + QString::fromLatin1(pattern(300).toHex()),
        QStringLiteral("ping:beat"),
        QStringLiteral("binary:") + QString::fromLatin1((pattern(10) + pattern(130)).toHex()),
        QStringLiteral("text:gr\u00FC\u00DF \u20AC"),
        QStringLiteral("text:"),
        QStringLiteral("close:1000:bye"),
    };
    return stream;
}

} // namespace

void TestWebSocketFrameCodec::decodeStreamSplitAtEveryPosition()
{
    QStringList expected;
    const QByteArray stream = severalFrames(&expected);
    for (qsizetype split = 0; split <= stream.size(); ++split) {
        WebSocketFrameCodec codec;
        codec.feed(QByteArrayView(stream).first(split));
        QStringList got = drain(codec);
        codec.feed(QByteArrayView(stream).sliced(split));
        got += drain(codec);
        QVERIFY2(!codec.hasFailed(), qPrintable(codec.errorString()));
        QCOMPARE(got, expected);
    }
}

void TestWebSocketFrameCodec::decodeStreamByteByByte()
{
    QStringList expected;
    const QByteArray stream = severalFrames(&expected);
    WebSocketFrameCodec codec;
    QStringList got;
    for (const char byte : stream) {
        codec.feed(QByteArrayView(&byte, 1));
        got += drain(codec);
    }
    QCOMPARE(got, expected);

    // Feeding everything before asking gives the same.
    WebSocketFrameCodec whole;
    for (const char byte : stream)
        whole.feed(QByteArrayView(&byte, 1));
    QCOMPARE(drain(whole), expected);
}

void TestWebSocketFrameCodec::decodeCloseFrames()
{
    WebSocketFrameCodec codec;
    codec.feed(serverFrame(Fin | 0x8, ""));
    WebSocketFrameCodec::Message message;
    QVERIFY(codec.next(&message));
    QCOMPARE(message.opCode, OpCode::Close);
    QCOMPARE(message.closeCode, quint16(WebSocketFrameCodec::NoStatusReceived));
    QVERIFY(message.closeReason.isEmpty());

    codec.feed(serverFrame(Fin | 0x8, closePayload(4000, QStringLiteral("\u00E9t\u00E9").toUtf8())));
    QVERIFY(codec.next(&message));
    QCOMPARE(message.closeCode, quint16(4000));
    QCOMPARE(message.closeReason, QStringLiteral("\u00E9t\u00E9"));
}

void TestWebSocketFrameCodec::decodeTextSplitInsideACharacter()
{
    // "€" is E2 82 AC; a fragment boundary inside it is fine as long as the message ends whole.
    WebSocketFrameCodec codec;
    codec.feed(serverFrame(0x1, QByteArray::fromHex("e2")));
    codec.feed(serverFrame(Fin | 0x0, QByteArray::fromHex("82ac")));
    QCOMPARE(drain(codec), QStringList {QStringLiteral("text:\u20AC")});
    QVERIFY(!codec.hasFailed());
}

void TestWebSocketFrameCodec::messageSizeLimit()
{
    QCOMPARE(WebSocketFrameCodec().maxMessageSize(), qint64(64) * 1024 * 1024);

    WebSocketFrameCodec codec;
    codec.setMaxMessageSize(10);
    codec.feed(serverFrame(0x2, "12345"));
    codec.feed(serverFrame(Fin | 0x0, "67890"));
    QCOMPARE(drain(codec).size(), 1); // exactly the limit is allowed
    // Control frames do not count toward it.
    codec.feed(serverFrame(0x2, "123456"));
    codec.feed(serverFrame(Fin | 0x9, "ping"));
    codec.feed(serverFrame(Fin | 0x0, "7890"));
    QCOMPARE(drain(codec).size(), 2);
    QVERIFY(!codec.hasFailed());

    codec.feed(serverFrame(0x2, "123456"));
    codec.feed(serverFrame(Fin | 0x0, "78901"));
    QVERIFY(drain(codec).isEmpty());
    QVERIFY(codec.hasFailed());
    QCOMPARE(codec.failureCloseCode(), quint16(1009));
}

void TestWebSocketFrameCodec::protocolViolations_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("closeCode");
    QTest::addColumn<QString>("why");
    QTest::addColumn<qint64>("limit");

    const qint64 noLimit = 0;
    QTest::newRow("masked server frame") << serverFrame(Fin | 0x1, "hi", true) << 1002 << "masked" << noLimit;
    QTest::newRow("RSV1") << serverFrame(Fin | 0x40 | 0x1, "hi") << 1002 << "reserved bits" << noLimit;
    QTest::newRow("RSV2") << serverFrame(Fin | 0x20 | 0x2, "hi") << 1002 << "reserved bits" << noLimit;
    QTest::newRow("RSV3 on ping") << serverFrame(Fin | 0x10 | 0x9, "") << 1002 << "reserved bits" << noLimit;
    QTest::newRow("opcode 3") << serverFrame(Fin | 0x3, "") << 1002 << "opcode 0x3" << noLimit;
    QTest::newRow("opcode B") << serverFrame(Fin | 0xB, "") << 1002 << "opcode 0xb" << noLimit;
    QTest::newRow("ping of 126 bytes")
        << serverFrame(Fin | 0x9, QByteArray(126, 'p')) << 1002 << "125 bytes" << noLimit;
    QTest::newRow("close of 126 bytes")
        << serverFrame(Fin | 0x8, closePayload(1000, QByteArray(124, 'r'))) << 1002 << "125 bytes" << noLimit;
    QTest::newRow("fragmented ping") << serverFrame(0x9, "p") << 1002 << "fragmented" << noLimit;
    QTest::newRow("fragmented close")
        << serverFrame(0x8, closePayload(1000)) << 1002 << "fragmented" << noLimit;
    QTest::newRow("continuation first") << serverFrame(Fin | 0x0, "x") << 1002 << "continuation" << noLimit;
    QTest::newRow("continuation after a whole message")
        << serverFrame(Fin | 0x1, "a") + serverFrame(Fin | 0x0, "b") << 1002 << "continuation" << noLimit;
    QTest::newRow("new message inside a fragmented one")
        << serverFrame(0x1, "a") + serverFrame(Fin | 0x2, "b") << 1002 << "before the fragmented" << noLimit;
    QTest::newRow("64-bit length with MSB") << QByteArray::fromHex("827f8000000000000001") + QByteArray("x")
                                            << 1002 << "most significant" << noLimit;
    QTest::newRow("text: overlong") << serverFrame(Fin | 0x1, QByteArray::fromHex("c0af")) << 1007 << "UTF-8"
                                    << noLimit;
    QTest::newRow("text: surrogate") << serverFrame(Fin | 0x1, QByteArray::fromHex("eda080")) << 1007
                                     << "UTF-8" << noLimit;
    QTest::newRow("text: above U+10FFFF")
        << serverFrame(Fin | 0x1, QByteArray::fromHex("f4908080")) << 1007 << "UTF-8" << noLimit;
    QTest::newRow("text: ends inside a character")
        << serverFrame(Fin | 0x1, QByteArray::fromHex("41e282")) << 1007 << "UTF-8" << noLimit;
    QTest::newRow("text: bad byte in a later fragment")
        << serverFrame(0x1, "ok") + serverFrame(Fin | 0x0, QByteArray::fromHex("ff")) << 1007 << "UTF-8"
        << noLimit;
    QTest::newRow("close: one byte") << serverFrame(Fin | 0x8, QByteArray(1, '\x03')) << 1002 << "one-byte"
                                     << noLimit;
    QTest::newRow("close: code 1005")
        << serverFrame(Fin | 0x8, closePayload(1005)) << 1002 << "invalid code 1005" << noLimit;
    QTest::newRow("close: code 999") << serverFrame(Fin | 0x8, closePayload(999)) << 1002
                                     << "invalid code 999" << noLimit;
    QTest::newRow("close: code 2000")
        << serverFrame(Fin | 0x8, closePayload(2000)) << 1002 << "invalid code 2000" << noLimit;
    QTest::newRow("close: reason not UTF-8")
        << serverFrame(Fin | 0x8, closePayload(1000, QByteArray::fromHex("c3"))) << 1007 << "UTF-8"
        << noLimit;
    // Only the header of a 100 MiB frame: the limit applies before any payload is buffered.
    QTest::newRow("100 MiB frame, default limit")
        << QByteArray::fromHex("827f0000000006400000") << 1009 << "limit of 67108864" << noLimit;
    QTest::newRow("frame over a set limit")
        << serverFrame(Fin | 0x2, QByteArray(101, 'b')) << 1009 << "limit of 100" << qint64(100);
    QTest::newRow("fragments over a set limit")
        << serverFrame(0x1, QByteArray(60, 't')) + serverFrame(Fin | 0x0, QByteArray(41, 't')) << 1009
        << "limit of 100" << qint64(100);
}

void TestWebSocketFrameCodec::protocolViolations()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, closeCode);
    QFETCH(QString, why);
    QFETCH(qint64, limit);

    WebSocketFrameCodec codec;
    if (limit > 0)
        codec.setMaxMessageSize(limit);
    codec.feed(stream);
    drain(codec); // a valid message before the violation may come out; what matters is the failure
    QVERIFY(codec.hasFailed());
    QCOMPARE(int(codec.failureCloseCode()), closeCode);
    QVERIFY2(codec.errorString().contains(why), qPrintable(codec.errorString()));
}

void TestWebSocketFrameCodec::staysFailedUntilReset()
{
    WebSocketFrameCodec codec;
    codec.setMaxMessageSize(1000);
    codec.feed(serverFrame(Fin | 0x1, "x", true));
    QVERIFY(drain(codec).isEmpty());
    QVERIFY(codec.hasFailed());
    codec.feed(serverFrame(Fin | 0x1, "valid"));
    QVERIFY(drain(codec).isEmpty());
    QVERIFY(codec.hasFailed());

    codec.reset();
    QVERIFY(!codec.hasFailed());
    QCOMPARE(codec.maxMessageSize(), qint64(1000));
    codec.feed(serverFrame(Fin | 0x1, "valid"));
    QCOMPARE(drain(codec), QStringList {QStringLiteral("text:valid")});
}

void TestWebSocketFrameCodec::utf8Validation_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("ASCII") << QByteArray("plain text") << true;
    QTest::newRow("2-byte") << QByteArray::fromHex("c3a9") << true;
    QTest::newRow("3-byte") << QByteArray::fromHex("e282ac") << true;
    QTest::newRow("4-byte") << QByteArray::fromHex("f09d849e") << true;
    QTest::newRow("U+10FFFF") << QByteArray::fromHex("f48fbfbf") << true;
    QTest::newRow("U+FFFF") << QByteArray::fromHex("efbfbf") << true;
    QTest::newRow("overlong 2-byte") << QByteArray::fromHex("c080") << false;
    QTest::newRow("overlong 3-byte") << QByteArray::fromHex("e08080") << false;
    QTest::newRow("overlong 4-byte") << QByteArray::fromHex("f0808080") << false;
    QTest::newRow("surrogate") << QByteArray::fromHex("edbfbf") << false;
    QTest::newRow("above U+10FFFF") << QByteArray::fromHex("f4908080") << false;
    QTest::newRow("F5") << QByteArray::fromHex("f5808080") << false;
    QTest::newRow("FF") << QByteArray::fromHex("ff") << false;
    QTest::newRow("lone continuation") << QByteArray::fromHex("80") << false;
    QTest::newRow("truncated") << QByteArray::fromHex("e282") << false;
    QTest::newRow("ASCII after a lead byte") << QByteArray::fromHex("c341") << false;
}

void TestWebSocketFrameCodec::utf8Validation()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QCOMPARE(WebSocketFrameCodec::isValidUtf8(bytes), valid);
}

QTEST_GUILESS_MAIN(TestWebSocketFrameCodec)
#include "tst_websocketframecodec.moc"
