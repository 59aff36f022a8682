#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Lxd {

// RFC 6455 framing for the client side of a WebSocket, with no I/O: it encodes the frames a client
// sends (always masked) and decodes the frames a server sends from bytes split anywhere. Fragmented
// messages are reassembled; control frames may arrive between fragments. Every violation of the
// protocol makes the decoder fail for good, with the close code to send to the server.
class WebSocketFrameCodec final
{
public:
    enum class OpCode : quint8 {
        Continuation = 0x0,
        Text = 0x1,
        Binary = 0x2,
        Close = 0x8,
        Ping = 0x9,
        Pong = 0xA,
    };

    // The close codes Berth sends or has to recognise (RFC 6455 section 7.4.1).
    enum CloseCode : quint16 {
        NormalClosure = 1000,
        GoingAway = 1001,
        ProtocolError = 1002,
        UnsupportedData = 1003,
        NoStatusReceived = 1005, // never sent: stands for a close frame without a code
        InvalidPayload = 1007,
        PolicyViolation = 1008,
        MessageTooBig = 1009,
        InternalError = 1011,
    };

    // A complete message (Text or Binary, reassembled) or one control frame (Close, Ping, Pong).
    struct Message
    {
        OpCode opCode = OpCode::Binary;
        QByteArray payload;
        // For Close only: the code (NoStatusReceived when the frame had none) and the UTF-8 reason.
        quint16 closeCode = 0;
        QString closeReason;
    };

    static constexpr qint64 DefaultMaxMessageSize = qint64(64) * 1024 * 1024;
    static constexpr int MaxControlPayload = 125;

    // Encoding: one masked client frame. `fin` false starts or continues a fragmented message.
    static QByteArray encodeFrame(OpCode opCode, QByteArrayView payload, bool fin = true);
    // The same with a chosen masking key, for tests that need identical bytes.
    static QByteArray encodeFrame(OpCode opCode, QByteArrayView payload, bool fin, quint32 maskingKey);
    // A close frame; the UTF-8 reason is cut (at a character boundary) to fit 125 bytes of payload.
    static QByteArray encodeClose(quint16 code, const QString &reason = {});

    // A code that may appear in a close frame on the wire (1005, 1006 and 1015 may not).
    static bool isValidCloseCode(quint16 code);
    static bool isValidUtf8(QByteArrayView data);

    // Decoding. Appends server bytes; nothing is parsed until next() asks for a message.
    void feed(QByteArrayView data);
    // Takes the next complete message or control frame. Returns false when more bytes are needed or
    // when the decoder has failed.
    bool next(Message *message);

    bool hasFailed() const { return m_failed; }
    // When failed: the code to close the connection with (1002, 1007 or 1009) and what went wrong.
    quint16 failureCloseCode() const { return m_failureCloseCode; }
    QString errorString() const { return m_errorString; }

    qint64 maxMessageSize() const { return m_maxMessageSize; }
    void setMaxMessageSize(qint64 bytes) { m_maxMessageSize = bytes; }

    // Forgets all input and any failure (the size limit is kept).
    void reset();

private:
    // Incremental UTF-8 validation: carries a partial sequence across fragment boundaries.
    struct Utf8Validator
    {
        bool feed(QByteArrayView data); // false on an invalid sequence
        bool isComplete() const { return m_needed == 0; }
        int m_needed = 0; // continuation bytes still expected
        uchar m_lower = 0x80; // bounds of the next continuation byte (they reject overlongs and surrogates)
        uchar m_upper = 0xBF;
    };

    bool fail(quint16 closeCode, const QString &why);
    bool parseHeader(); // false when more bytes are needed or on failure
    bool finishFrame(Message *message);
    void compactBuffer();

    QByteArray m_buffer; // bytes fed and not consumed yet, from m_offset on
    qsizetype m_offset = 0;

    // The frame being read
    bool m_inFrame = false;
    bool m_fin = false;
    OpCode m_opCode = OpCode::Continuation;
    quint64 m_remaining = 0;
    QByteArray m_control; // payload of a control frame

    // The data message being reassembled
    bool m_inMessage = false;
    OpCode m_messageOpCode = OpCode::Binary;
    QByteArray m_message;
    Utf8Validator m_utf8;

    qint64 m_maxMessageSize = DefaultMaxMessageSize;
    bool m_failed = false;
    quint16 m_failureCloseCode = 0;
    QString m_errorString;
};

} // namespace Lxd
