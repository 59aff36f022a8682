#pragma once

#include "HttpRequest.h"

#include <QByteArrayView>
#include <QString>

namespace Lxd {

// Incremental HTTP/1.1 response parser: bytes in, split anywhere; the status, headers and decoded
// body out. It owns no socket, so it is tested by feeding it bytes.
class HttpResponseParser
{
public:
    enum class State { StatusLine, Headers, Body, Complete, Failed };

    // Prepares for the next response. A response to HEAD has no body whatever its headers say.
    void reset(bool responseToHead = false);

    // Consumes bytes from `data` and returns how many it used. It stops right after the head of a
    // 101 Switching Protocols reply and right after a complete message, leaving what follows (the
    // WebSocket's first frames, or the next pipelined response) to the caller.
    qsizetype feed(QByteArrayView data);
    // For a body delimited by the end of the connection: the peer closed, so the message is complete
    // (or, when a length was promised and not delivered, the parser fails).
    void finishOnClose();

    State state() const { return m_state; }
    bool isHeadComplete() const { return m_state == State::Body || m_state == State::Complete; }
    bool isComplete() const { return m_state == State::Complete; }
    bool hasFailed() const { return m_state == State::Failed; }
    QString errorString() const { return m_errorString; }

    int statusCode() const { return m_statusCode; }
    QByteArray reasonPhrase() const { return m_reasonPhrase; }
    const QList<HttpRequest::Header> &headers() const { return m_headers; }
    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
    // -1 when the body is chunked or delimited by the connection's end.
    qint64 contentLength() const { return m_contentLength; }
    // False when the server said `Connection: close` or the body ends with the connection.
    bool keepAlive() const { return m_keepAlive; }

    // Decoded body bytes received since the last call (chunk framing removed).
    QByteArray takeBody();
    // The same without handing the buffer over: valid until the next feed() or discardBody(). A
    // download reads hundreds of MiB through here; reusing one buffer spares an allocation per piece.
    QByteArrayView body() const { return m_body; }
    void discardBody() { m_body.resize(0); }

private:
    // Implementation state is private to HttpResponseParser.cpp's logic.
    bool fail(const QString &why);
    bool processLine(const QByteArray &line);
    bool parseStatusLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line);
    bool finishHead();
    QByteArray joinedHeader(const QByteArray &name) const;

    State m_state = State::StatusLine;
    bool m_responseToHead = false;
    QString m_errorString;
    int m_statusCode = 0;
    QByteArray m_reasonPhrase;
    QList<HttpRequest::Header> m_headers;
    qint64 m_contentLength = -1;
    bool m_keepAlive = true;
    QByteArray m_body;
    QByteArray m_lineBuffer; // a partial line (status, header or chunk size) carried between feeds
    qint64 m_headBytes = 0; // guards against endless heads
    qint64 m_bodyReceived = 0; // decoded body bytes so far, for "closed after N of M bytes"
    bool m_http10 = false;
    // Body framing
    bool m_chunked = false;
    bool m_untilClose = false;
    qint64 m_remaining = 0; // bytes left in the body or the current chunk
    enum class ChunkState { Size, Data, DataEnd, Trailers } m_chunkState = ChunkState::Size;
};

} // namespace Lxd
