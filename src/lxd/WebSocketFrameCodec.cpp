#include "WebSocketFrameCodec.h"

#include <QRandomGenerator>
#include <QtEndian>

#include <utility>

namespace Lxd {

namespace {

bool isControl(WebSocketFrameCodec::OpCode opCode)
{
    return (quint8(opCode) & 0x8) != 0;
}

bool isKnownOpCode(quint8 value)
{
    switch (WebSocketFrameCodec::OpCode(value)) {
    case WebSocketFrameCodec::OpCode::Continuation:
    case WebSocketFrameCodec::OpCode::Text:
    case WebSocketFrameCodec::OpCode::Binary:
    case WebSocketFrameCodec::OpCode::Close:
    case WebSocketFrameCodec::OpCode::Ping:
    case WebSocketFrameCodec::OpCode::Pong:
        return true;
    }
    return false;
}

// Compacting the input buffer only once this much has been consumed keeps byte-by-byte feeding linear.
constexpr qsizetype CompactThreshold = 64 * 1024;

} // namespace

QByteArray WebSocketFrameCodec::encodeFrame(OpCode opCode, QByteArrayView payload, bool fin)
{
    // RFC 6455 5.3: a fresh, unpredictable key for every frame.
    return encodeFrame(opCode, payload, fin, QRandomGenerator::global()->generate());
}

QByteArray WebSocketFrameCodec::encodeFrame(OpCode opCode, QByteArrayView payload, bool fin,
                                            quint32 maskingKey)
{
    const quint64 length = quint64(payload.size());
    const qsizetype lengthBytes = length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8;
    const qsizetype headerSize = 2 + lengthBytes + 4;

    QByteArray frame(headerSize + payload.size(), Qt::Uninitialized);
    auto *out = reinterpret_cast<uchar *>(frame.data());
    out[0] = uchar((fin ? 0x80 : 0x00) | quint8(opCode));
    if (lengthBytes == 0) {
        out[1] = uchar(0x80 | length);
    } else if (lengthBytes == 2) {
        out[1] = 0x80 | 126;
        qToBigEndian(quint16(length), out + 2);
    } else {
        out[1] = 0x80 | 127;
        qToBigEndian(length, out + 2);
    }
    uchar *mask = out + 2 + lengthBytes;
    qToBigEndian(maskingKey, mask);

    uchar *data = mask + 4;
    const auto *in = reinterpret_cast<const uchar *>(payload.data());
    for (qsizetype i = 0; i < payload.size(); ++i)
        data[i] = in[i] ^ mask[i & 3];
    return frame;
}

QByteArray WebSocketFrameCodec::encodeClose(quint16 code, const QString &reason)
{
    // 1005 means "no code": it is expressed by an empty close frame, never put on the wire.
    if (code == 0 || code == NoStatusReceived)
        return encodeFrame(OpCode::Close, {});
    QByteArray utf8 = reason.toUtf8();
    constexpr qsizetype maxReason = MaxControlPayload - 2;
    if (utf8.size() > maxReason) {
        qsizetype cut = maxReason;
        // Do not split a character: step back to the lead byte of the one that does not fit.
        while (cut > 0 && (uchar(utf8.at(cut)) & 0xC0) == 0x80)
            --cut;
        utf8.truncate(cut);
    }
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian(code, payload.data());
    payload.append(utf8);
    return encodeFrame(OpCode::Close, payload);
}

bool WebSocketFrameCodec::isValidCloseCode(quint16 code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

bool WebSocketFrameCodec::isValidUtf8(QByteArrayView data)
{
    Utf8Validator validator;
    return validator.feed(data) && validator.isComplete();
}

bool WebSocketFrameCodec::Utf8Validator::feed(QByteArrayView data)
{
    // RFC 3629 section 4: the first continuation byte's range excludes overlong forms, UTF-16
    // surrogates and code points above U+10FFFF.
    for (const char c : data) {
        const uchar byte = uchar(c);
        if (m_needed > 0) {
            if (byte < m_lower || byte > m_upper)
                return false;
            m_lower = 0x80;
            m_upper = 0xBF;
            --m_needed;
            continue;
        }
        if (byte < 0x80)
            continue;
        if (byte >= 0xC2 && byte <= 0xDF) {
            m_needed = 1;
        } else if (byte == 0xE0) {
            m_needed = 2;
            m_lower = 0xA0;
        } else if (byte == 0xED) {
            m_needed = 2;
            m_upper = 0x9F;
        } else if (byte >= 0xE1 && byte <= 0xEF) {
            m_needed = 2;
        } else if (byte == 0xF0) {
            m_needed = 3;
            m_lower = 0x90;
        } else if (byte >= 0xF1 && byte <= 0xF3) {
            m_needed = 3;
        } else if (byte == 0xF4) {
            m_needed = 3;
            m_upper = 0x8F;
        } else {
            return false;
        }
    }
    return true;
}

void WebSocketFrameCodec::feed(QByteArrayView data)
{
    if (m_failed || data.isEmpty())
        return;
    compactBuffer();
    m_buffer.append(data);
}

void WebSocketFrameCodec::compactBuffer()
{
    if (m_offset == 0)
        return;
    if (m_offset >= m_buffer.size()) {
        m_buffer.clear();
        m_offset = 0;
    } else if (m_offset >= CompactThreshold || m_offset * 2 >= m_buffer.size()) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
}

void WebSocketFrameCodec::reset()
{
    const qint64 limit = m_maxMessageSize;
    *this = WebSocketFrameCodec();
    m_maxMessageSize = limit;
}

bool WebSocketFrameCodec::fail(quint16 closeCode, const QString &why)
{
    m_failed = true;
    m_failureCloseCode = closeCode;
    m_errorString = why;
    m_buffer.clear();
    m_offset = 0;
    m_message.clear();
    m_control.clear();
    return false;
}

bool WebSocketFrameCodec::next(Message *message)
{
    while (!m_failed) {
        if (!m_inFrame && !parseHeader())
            return false;

        const qsizetype available = m_buffer.size() - m_offset;
        const auto take = qsizetype(qMin(m_remaining, quint64(available)));
        if (take > 0) {
            const QByteArrayView chunk(m_buffer.constData() + m_offset, take);
            if (isControl(m_opCode)) {
                m_control.append(chunk);
            } else {
                // Checking each fragment as it comes stops a bad text message early.
                if (m_messageOpCode == OpCode::Text && !m_utf8.feed(chunk))
                    return fail(InvalidPayload, QStringLiteral("a text message is not valid UTF-8"));
                m_message.append(chunk);
            }
            m_offset += take;
            m_remaining -= quint64(take);
        }
        if (m_remaining > 0)
            return false;
        m_inFrame = false;
        if (finishFrame(message))
            return true;
    }
    return false;
}

bool WebSocketFrameCodec::parseHeader()
{
    const qsizetype available = m_buffer.size() - m_offset;
    if (available < 2)
        return false;
    const auto *in = reinterpret_cast<const uchar *>(m_buffer.constData() + m_offset);
    const bool fin = (in[0] & 0x80) != 0;
    const quint8 rawOpCode = in[0] & 0x0F;
    const bool masked = (in[1] & 0x80) != 0;
    const quint8 length7 = in[1] & 0x7F;

    // Everything the first two bytes can prove wrong is reported before waiting for more.
    if ((in[0] & 0x70) != 0)
        return fail(ProtocolError,
                    QStringLiteral("a frame has reserved bits set, but no extension was negotiated"));
    if (!isKnownOpCode(rawOpCode))
        return fail(ProtocolError,
                    QStringLiteral("a frame has the reserved opcode 0x%1").arg(rawOpCode, 0, 16));
    const auto opCode = OpCode(rawOpCode);
    if (masked)
        return fail(ProtocolError, QStringLiteral("the server sent a masked frame"));
    if (isControl(opCode)) {
        if (!fin)
            return fail(ProtocolError, QStringLiteral("a control frame is fragmented"));
        if (length7 > MaxControlPayload)
            return fail(ProtocolError, QStringLiteral("a control frame is longer than 125 bytes"));
    } else if (opCode == OpCode::Continuation && !m_inMessage) {
        return fail(ProtocolError,
                    QStringLiteral("a continuation frame came outside of a fragmented message"));
    } else if (opCode != OpCode::Continuation && m_inMessage) {
        return fail(ProtocolError, QStringLiteral("a new message started before the fragmented one ended"));
    }

    const qsizetype lengthBytes = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
    if (available < 2 + lengthBytes)
        return false;
    quint64 length = length7;
    if (lengthBytes == 2)
        length = qFromBigEndian<quint16>(in + 2);
    else if (lengthBytes == 8)
        length = qFromBigEndian<quint64>(in + 2);
    if (length >> 63)
        return fail(ProtocolError, QStringLiteral("a frame length has its most significant bit set"));

    if (!isControl(opCode)) {
        const quint64 already = opCode == OpCode::Continuation ? quint64(m_message.size()) : 0;
        const quint64 limit = quint64(qMax<qint64>(m_maxMessageSize, 0));
        if (length > limit || already > limit - length)
            return fail(MessageTooBig,
                        QStringLiteral("a message is larger than the limit of %1 bytes").arg(limit));
        if (opCode != OpCode::Continuation) {
            m_inMessage = true;
            m_messageOpCode = opCode;
            m_message.clear();
            m_utf8 = {};
        }
    } else {
        m_control.clear();
    }

    m_inFrame = true;
    m_fin = fin;
    m_opCode = opCode;
    m_remaining = length;
    m_offset += 2 + lengthBytes;
    return true;
}

bool WebSocketFrameCodec::finishFrame(Message *message)
{
    if (isControl(m_opCode)) {
        Message control;
        control.opCode = m_opCode;
        if (m_opCode == OpCode::Close) {
            if (m_control.size() == 1)
                return fail(ProtocolError, QStringLiteral("a close frame has a one-byte payload"));
            if (m_control.isEmpty()) {
                control.closeCode = NoStatusReceived;
            } else {
                control.closeCode = qFromBigEndian<quint16>(m_control.constData());
                if (!isValidCloseCode(control.closeCode))
                    return fail(
                        ProtocolError,
                        QStringLiteral("a close frame has the invalid code %1").arg(control.closeCode));
                const QByteArrayView reason = QByteArrayView(m_control).sliced(2);
                if (!isValidUtf8(reason))
                    return fail(InvalidPayload, QStringLiteral("a close frame's reason is not valid UTF-8"));
                control.closeReason = QString::fromUtf8(reason);
            }
        }
        control.payload = std::exchange(m_control, QByteArray());
        if (message)
            *message = std::move(control);
        return true;
    }

    if (!m_fin)
        return false;
    if (m_messageOpCode == OpCode::Text && !m_utf8.isComplete())
        return fail(InvalidPayload, QStringLiteral("a text message ends inside a UTF-8 sequence"));
    m_inMessage = false;
    if (message) {
        message->opCode = m_messageOpCode;
        message->payload = std::exchange(m_message, QByteArray());
        message->closeCode = 0;
        message->closeReason.clear();
    } else {
        m_message.clear();
    }
    return true;
}

} // namespace Lxd
