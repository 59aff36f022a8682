#include "HttpResponseParser.h"

#include <cstring>

namespace Lxd {

namespace {

// Limits that keep a confused or hostile peer from making us buffer without end.
constexpr qint64 MaxHeadBytes = 64 * 1024;
constexpr int MaxHeaders = 200;
constexpr qsizetype MaxChunkLine = 8 * 1024;
// 15 hex digits still fit in a qint64.
constexpr qsizetype MaxChunkSizeDigits = 15;

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Trims spaces and tabs only: QByteArray::trimmed() would also eat \v and \f, which are not HTTP whitespace.
QByteArray trimBlanks(const QByteArray &text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isBlank(text.at(begin)))
        ++begin;
    while (end > begin && isBlank(text.at(end - 1)))
        --end;
    return text.mid(begin, end - begin);
}

bool hasControlCharacters(const QByteArray &text, bool allowTab)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && !(allowTab && c == '\t')) || u == 0x7f)
            return true;
    }
    return false;
}

// A piece of received text for an error message: short and printable.
QString excerpt(const QByteArray &text)
{
    QByteArray shown = text.left(40);
    for (char &c : shown) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f)
            c = '?';
    }
    if (text.size() > shown.size())
        shown.append("...");
    return QString::fromLatin1(shown);
}

// The comma-separated tokens of a list-valued header, trimmed and lower-cased.
QList<QByteArray> listTokens(const QByteArray &value)
{
    QList<QByteArray> tokens;
    const QList<QByteArray> parts = value.split(',');
    for (const QByteArray &part : parts) {
        const QByteArray token = trimBlanks(part).toLower();
        if (!token.isEmpty())
            tokens.append(token);
    }
    return tokens;
}

} // namespace

void HttpResponseParser::reset(bool responseToHead)
{
    *this = HttpResponseParser();
    m_responseToHead = responseToHead;
}

QByteArray HttpResponseParser::header(const QByteArray &name) const
{
    for (const HttpRequest::Header &header : m_headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

// Every field of that name, joined as one list (RFC 9110 5.3).
QByteArray HttpResponseParser::joinedHeader(const QByteArray &name) const
{
    QByteArray joined;
    for (const HttpRequest::Header &header : m_headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (!joined.isEmpty())
            joined.append(',');
        joined.append(header.second);
    }
    return joined;
}

QByteArray HttpResponseParser::takeBody()
{
    QByteArray body = std::move(m_body);
    m_body = QByteArray();
    return body;
}

bool HttpResponseParser::fail(const QString &why)
{
    m_state = State::Failed;
    m_errorString = why;
    m_lineBuffer.clear();
    return false;
}

qsizetype HttpResponseParser::feed(QByteArrayView data)
{
    const qsizetype size = data.size();
    qsizetype pos = 0;
    while (pos < size && m_state != State::Complete && m_state != State::Failed) {
        const qsizetype available = size - pos;
        const char *begin = data.data() + pos;

        if (m_state == State::Body && !m_chunked) {
            qsizetype take = available;
            if (!m_untilClose)
                take = static_cast<qsizetype>(qMin<qint64>(m_remaining, available));
            m_body.append(begin, take);
            m_bodyReceived += take;
            pos += take;
            if (!m_untilClose) {
                m_remaining -= take;
                if (m_remaining == 0)
                    m_state = State::Complete;
            }
            continue;
        }
        if (m_state == State::Body && m_chunkState == ChunkState::Data) {
            const auto take = static_cast<qsizetype>(qMin<qint64>(m_remaining, available));
            m_body.append(begin, take);
            m_bodyReceived += take;
            pos += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_chunkState = ChunkState::DataEnd;
            continue;
        }

        // Everything else is line by line: the status line, header fields, chunk sizes, the CRLF after
        // chunk data and trailer fields. A bare LF is accepted as a line end too.
        const void *newline = std::memchr(begin, '\n', static_cast<size_t>(available));
        const qsizetype take = newline ? static_cast<const char *>(newline) - begin + 1 : available;
        const bool inHead = m_state == State::StatusLine || m_state == State::Headers
            || m_chunkState == ChunkState::Trailers;
        if (inHead) {
            m_headBytes += take;
            if (m_headBytes > MaxHeadBytes) {
                fail(QStringLiteral("the response head is larger than 64 KiB"));
                return pos + take;
            }
        } else if (m_lineBuffer.size() + take > MaxChunkLine) {
            fail(QStringLiteral("a chunk size line is longer than 8 KiB"));
            return pos + take;
        }
        m_lineBuffer.append(begin, take);
        pos += take;
        if (!newline)
            break;

        QByteArray line = std::move(m_lineBuffer);
        m_lineBuffer = QByteArray();
        line.chop(1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (!processLine(line))
            break;
    }
    return pos;
}

bool HttpResponseParser::processLine(const QByteArray &line)
{
    if (m_state == State::StatusLine) {
        // Tolerate stray empty lines before a status line (RFC 9112 2.2).
        if (line.isEmpty())
            return true;
        return parseStatusLine(line);
    }
    if (m_state == State::Headers) {
        if (line.isEmpty())
            return finishHead();
        return parseHeaderLine(line);
    }
    switch (m_chunkState) {
    case ChunkState::Size: {
        // "1a3f;name=value" or "1a3f  " : the size, then optional whitespace and extensions, ignored.
        qsizetype end = 0;
        while (end < line.size() && hexValue(line.at(end)) >= 0)
            ++end;
        qsizetype rest = end;
        while (rest < line.size() && isBlank(line.at(rest)))
            ++rest;
        if (end == 0 || (rest < line.size() && line.at(rest) != ';'))
            return fail(QStringLiteral("invalid chunk size \"%1\"").arg(excerpt(line)));
        qsizetype first = 0;
        while (first < end - 1 && line.at(first) == '0')
            ++first;
        if (end - first > MaxChunkSizeDigits)
            return fail(QStringLiteral("chunk size \"%1\" is too large").arg(excerpt(line.left(end))));
        qint64 chunkSize = 0;
        for (qsizetype i = first; i < end; ++i)
            chunkSize = chunkSize * 16 + hexValue(line.at(i));
        if (chunkSize == 0) {
            m_chunkState = ChunkState::Trailers;
        } else {
            m_remaining = chunkSize;
            m_chunkState = ChunkState::Data;
        }
        return true;
    }
    case ChunkState::DataEnd:
        if (!line.isEmpty())
            return fail(QStringLiteral("chunk data is longer than its size says"));
        m_chunkState = ChunkState::Size;
        return true;
    case ChunkState::Trailers:
        if (line.isEmpty()) {
            m_state = State::Complete;
            return true;
        }
        return parseHeaderLine(line);
    case ChunkState::Data:
        break;
    }
    return true;
}

bool HttpResponseParser::parseStatusLine(const QByteArray &line)
{
    // "HTTP/1.1 200 OK"; the reason may be empty or missing.
    if (!line.startsWith("HTTP/"))
        return fail(QStringLiteral("not an HTTP response: \"%1\"").arg(excerpt(line)));
    if (line.size() < 8 || !isDigit(line.at(5)) || line.at(6) != '.' || !isDigit(line.at(7)))
        return fail(QStringLiteral("malformed status line \"%1\"").arg(excerpt(line)));
    if (line.at(5) != '1')
        return fail(QStringLiteral("unsupported HTTP version in \"%1\"").arg(excerpt(line)));
    m_http10 = line.at(7) == '0';

    qsizetype pos = 8;
    if (pos >= line.size() || !isBlank(line.at(pos)))
        return fail(QStringLiteral("malformed status line \"%1\"").arg(excerpt(line)));
    while (pos < line.size() && isBlank(line.at(pos)))
        ++pos;
    if (pos + 3 > line.size() || !isDigit(line.at(pos)) || !isDigit(line.at(pos + 1))
        || !isDigit(line.at(pos + 2)) || (pos + 3 < line.size() && !isBlank(line.at(pos + 3))))
        return fail(QStringLiteral("malformed status code in \"%1\"").arg(excerpt(line)));
    const int code = (line.at(pos) - '0') * 100 + (line.at(pos + 1) - '0') * 10 + (line.at(pos + 2) - '0');
    if (code < 100 || code > 599)
        return fail(QStringLiteral("invalid status code %1").arg(code));
    const QByteArray reason = trimBlanks(line.mid(pos + 3));
    if (hasControlCharacters(reason, true))
        return fail(QStringLiteral("control characters in the status line"));

    m_statusCode = code;
    m_reasonPhrase = reason;
    m_state = State::Headers;
    return true;
}

bool HttpResponseParser::parseHeaderLine(const QByteArray &line)
{
    // Obsolete line folding (RFC 9112 5.2): a continuation of the previous field's value.
    if (isBlank(line.at(0))) {
        if (m_headers.isEmpty())
            return fail(QStringLiteral("a folded header line with no field before it"));
        const QByteArray more = trimBlanks(line);
        if (hasControlCharacters(more, true))
            return fail(QStringLiteral("control characters in a header field"));
        QByteArray &value = m_headers.last().second;
        if (!more.isEmpty()) {
            if (!value.isEmpty())
                value.append(' ');
            value.append(more);
        }
        return true;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon < 0)
        return fail(QStringLiteral("malformed header line \"%1\"").arg(excerpt(line)));
    // Whitespace before the colon is not allowed by RFC 9112, but harmless to tolerate in a client.
    const QByteArray name = trimBlanks(line.left(colon));
    if (name.isEmpty() || name.contains(' ') || name.contains('\t') || hasControlCharacters(name, false))
        return fail(QStringLiteral("malformed header name in \"%1\"").arg(excerpt(line)));
    const QByteArray value = trimBlanks(line.mid(colon + 1));
    if (hasControlCharacters(value, true))
        return fail(QStringLiteral("control characters in header field %1").arg(QString::fromLatin1(name)));
    if (m_headers.size() >= MaxHeaders)
        return fail(QStringLiteral("more than %1 header fields").arg(MaxHeaders));
    m_headers.append({name, value});
    return true;
}

bool HttpResponseParser::finishHead()
{
    // Interim responses (100 Continue, 103 Early Hints) precede the real one: drop them.
    if (m_statusCode >= 100 && m_statusCode < 200 && m_statusCode != 101) {
        m_statusCode = 0;
        m_reasonPhrase.clear();
        m_headers.clear();
        m_state = State::StatusLine;
        return true;
    }

    const QList<QByteArray> connection = listTokens(joinedHeader(QByteArrayLiteral("Connection")));
    m_keepAlive = m_http10 ? connection.contains("keep-alive") : !connection.contains("close");

    if (m_statusCode == 101) {
        // The connection now speaks another protocol; what follows is not ours to parse.
        m_keepAlive = false;
        m_state = State::Complete;
        return true;
    }

    // Content-Length: every field and list element must be the same non-negative number.
    qint64 length = -1;
    bool sawLength = false;
    for (const HttpRequest::Header &field : std::as_const(m_headers)) {
        if (field.first.compare("Content-Length", Qt::CaseInsensitive) != 0)
            continue;
        const QList<QByteArray> parts = field.second.split(',');
        for (const QByteArray &part : parts) {
            const QByteArray digits = trimBlanks(part);
            bool valid = !digits.isEmpty() && digits.size() <= 18;
            for (const char c : digits)
                valid = valid && isDigit(c);
            if (!valid)
                return fail(QStringLiteral("invalid Content-Length \"%1\"").arg(excerpt(field.second)));
            const qint64 value = digits.toLongLong();
            if (sawLength && value != length)
                return fail(QStringLiteral("conflicting Content-Length values"));
            sawLength = true;
            length = value;
        }
    }

    // Transfer-Encoding: only chunked (possibly after identity) is something we can decode.
    const QList<QByteArray> codings = listTokens(joinedHeader(QByteArrayLiteral("Transfer-Encoding")));
    bool chunked = false;
    for (qsizetype i = 0; i < codings.size(); ++i) {
        const QByteArray &coding = codings.at(i);
        if (coding == "chunked" && i == codings.size() - 1)
            chunked = true;
        else if (coding != "identity")
            return fail(
                QStringLiteral("unsupported transfer coding \"%1\"").arg(QString::fromLatin1(coding)));
    }

    m_contentLength = chunked ? -1 : length;
    if (m_responseToHead || m_statusCode == 204 || m_statusCode == 304) {
        m_state = State::Complete;
        return true;
    }
    m_state = State::Body;
    if (chunked) {
        m_chunked = true;
        m_chunkState = ChunkState::Size;
        // Both framings at once is how responses get smuggled: decode chunked, but never reuse the
        // connection.
        if (sawLength)
            m_keepAlive = false;
    } else if (sawLength) {
        m_remaining = length;
        if (length == 0)
            m_state = State::Complete;
    } else {
        m_untilClose = true;
        m_keepAlive = false;
    }
    return true;
}

void HttpResponseParser::finishOnClose()
{
    switch (m_state) {
    case State::Complete:
    case State::Failed:
        return;
    case State::StatusLine:
        if (m_headBytes == 0) {
            fail(QStringLiteral("connection closed before any response"));
            return;
        }
        fail(QStringLiteral("connection closed inside the response head"));
        return;
    case State::Headers:
        fail(QStringLiteral("connection closed inside the response head"));
        return;
    case State::Body:
        if (m_untilClose) {
            m_state = State::Complete;
            return;
        }
        if (m_chunked) {
            fail(QStringLiteral("connection closed after %1 bytes of a chunked body").arg(m_bodyReceived));
            return;
        }
        fail(QStringLiteral("connection closed after %1 of %2 bytes")
                 .arg(m_bodyReceived)
                 .arg(m_contentLength));
        return;
    }
}

} // namespace Lxd
