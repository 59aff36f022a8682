#include "lxd/HttpResponseParser.h"

#include <QRandomGenerator>
#include <QTest>

using Lxd::HttpResponseParser;

namespace {

struct Outcome
{
    HttpResponseParser::State state = HttpResponseParser::State::StatusLine;
    qsizetype consumed = 0;
    QByteArray body;
    int statusCode = 0;
    QByteArray reason;
    QList<Lxd::HttpRequest::Header> headers;
    qint64 contentLength = -1;
    bool keepAlive = true;
    QString error;
};

// Feeds `input` in the pieces that `cuts` (ascending offsets) make, as a socket would deliver it, and
// stops where the parser stops consuming (a complete message, a 101 head, a failure).
Outcome parse(const QByteArray &input, const QList<qsizetype> &cuts, bool head, bool closeAtEnd)
{
    HttpResponseParser parser;
    parser.reset(head);
    Outcome outcome;
    qsizetype from = 0;
    QList<qsizetype> ends = cuts;
    ends.append(input.size());
    for (const qsizetype end : std::as_const(ends)) {
        const QByteArrayView piece = QByteArrayView(input).sliced(from, end - from);
        const qsizetype used = parser.feed(piece);
        outcome.consumed += used;
        outcome.body += parser.takeBody();
        from = end;
        if (used < piece.size())
            break;
    }
    if (closeAtEnd && outcome.consumed == input.size())
        parser.finishOnClose();
    outcome.body += parser.takeBody();
    outcome.state = parser.state();
    outcome.statusCode = parser.statusCode();
    outcome.reason = parser.reasonPhrase();
    outcome.headers = parser.headers();
    outcome.contentLength = parser.contentLength();
    outcome.keepAlive = parser.keepAlive();
    outcome.error = parser.errorString();
    return outcome;
}

// Every way to deliver the bytes that the tests try: in one piece, in two pieces cut at every position
// (or every `stride`th for long inputs), and one byte at a time.
QList<QList<qsizetype>> deliveries(const QByteArray &input)
{
    QList<QList<qsizetype>> result;
    result.append(QList<qsizetype>());
    const qsizetype stride = input.size() > 4096 ? 97 : 1;
    for (qsizetype cut = 1; cut < input.size(); cut += stride)
        result.append(QList<qsizetype> {cut});
    QList<qsizetype> bytes;
    for (qsizetype cut = 1; cut < input.size(); ++cut)
        bytes.append(cut);
    result.append(bytes);
    return result;
}

QString describe(const QList<qsizetype> &cuts)
{
    if (cuts.isEmpty())
        return QStringLiteral("in one piece");
    if (cuts.size() == 1)
        return QStringLiteral("cut at %1").arg(cuts.first());
    return QStringLiteral("byte by byte");
}

QByteArray headerValue(const QList<Lxd::HttpRequest::Header> &headers, const QByteArray &name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return QByteArrayLiteral("<absent>");
}

} // namespace

class TestHttpResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validReplies_data();
    void validReplies();
    void malformedReplies_data();
    void malformedReplies();
    void stopsAfterCompleteMessage();
    void resetParsesNextResponse();
    void mutatedInputNeverCrashes();
};

void TestHttpResponseParser::validReplies_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("head");
    QTest::addColumn<bool>("closeAtEnd");
    QTest::addColumn<qsizetype>("consumed"); // -1: all of the input
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("contentLength");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<QByteArray>("headerName");
    QTest::addColumn<QByteArray>("headerValue");

    const QByteArray next = QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

    QTest::newRow("content-length") << QByteArrayLiteral(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        "Content-Length: 26\r\n\r\n{\"type\":\"sync\",\"status\":1}")
                                    << false << false << qsizetype(-1) << 200 << QByteArray("OK")
                                    << QByteArray("{\"type\":\"sync\",\"status\":1}") << qint64(26) << true
                                    << QByteArray("content-type") << QByteArray("application/json");
    {
        const QByteArray first
            = QByteArrayLiteral("HTTP/1.1 404 Not Found\r\nContent-Length: 5\r\n\r\nnope!");
        QTest::newRow("content-length, next response left alone")
            << first + next << false << false << first.size() << 404 << QByteArray("Not Found")
            << QByteArray("nope!") << qint64(5) << true << QByteArray("Content-Length") << QByteArray("5");
    }
    {
        const QByteArray chunked = QByteArrayLiteral("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                     "5;name=value\r\nhello\r\n"
                                                     "7 ; quoted=\"a;b\"\r\n, world\r\n"
                                                     "0\r\nX-Trailer: present\r\nX-Other: too\r\n\r\n");
        QTest::newRow("chunked, extensions, trailers, next response left alone")
            << chunked + next << false << false << chunked.size() << 200 << QByteArray("OK")
            << QByteArray("hello, world") << qint64(-1) << true << QByteArray("x-trailer")
            << QByteArray("present");
    }
    QTest::newRow("chunked, upper-case hex, leading zeros, no trailers")
        << QByteArrayLiteral("HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n"
                             "000A\r\n0123456789\r\n00000\r\n\r\n")
        << false << false << qsizetype(-1) << 200 << QByteArray("OK") << QByteArray("0123456789")
        << qint64(-1) << true << QByteArray("Transfer-Encoding") << QByteArray("Chunked");
    QTest::newRow("close-delimited") << QByteArrayLiteral(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"
        "until the very end") << false
                                     << true << qsizetype(-1) << 200 << QByteArray("OK")
                                     << QByteArray("until the very end") << qint64(-1) << false
                                     << QByteArray("Content-Type") << QByteArray("text/plain");
    QTest::newRow("close-delimited, empty")
        << QByteArrayLiteral("HTTP/1.1 200 OK\r\n\r\n") << false << true << qsizetype(-1) << 200
        << QByteArray("OK") << QByteArray() << qint64(-1) << false << QByteArray("Content-Length")
        << QByteArray("<absent>");
    {
        const QByteArray head = QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n"
                                                  "X-LXD-type: file\r\n\r\n");
        QTest::newRow("HEAD has no body")
            << head + next << true << false << head.size() << 200 << QByteArray("OK") << QByteArray()
            << qint64(1234) << true << QByteArray("x-lxd-TYPE") << QByteArray("file");
    }
    {
        const QByteArray head = QByteArrayLiteral("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        QTest::newRow("HEAD, chunked has no body")
            << head + next << true << false << head.size() << 200 << QByteArray("OK") << QByteArray()
            << qint64(-1) << true << QByteArray("Transfer-Encoding") << QByteArray("chunked");
    }
    {
        const QByteArray head = QByteArrayLiteral("HTTP/1.1 204 No Content\r\nServer: lxd\r\n\r\n");
        QTest::newRow("204 has no body")
            << head + next << false << false << head.size() << 204 << QByteArray("No Content") << QByteArray()
            << qint64(-1) << true << QByteArray("server") << QByteArray("lxd");
    }
    {
        const QByteArray head = QByteArrayLiteral("HTTP/1.1 304 Not Modified\r\nETag: \"abc\"\r\n\r\n");
        QTest::newRow("304 has no body")
            << head + next << false << false << head.size() << 304 << QByteArray("Not Modified")
            << QByteArray() << qint64(-1) << true << QByteArray("etag") << QByteArray("\"abc\"");
    }
    {
        const QByteArray head
            = QByteArrayLiteral("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                "Connection: Upgrade\r\n"
                                "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
        QTest::newRow("101 stops after the head")
            << head + QByteArray("\x81\x05hello\x82\x00", 9) << false << false << head.size() << 101
            << QByteArray("Switching Protocols") << QByteArray() << qint64(-1) << false
            << QByteArray("upgrade") << QByteArray("websocket");
    }
    QTest::newRow("100 Continue is skipped")
        << QByteArrayLiteral("HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n"
                             "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok")
        << false << false << qsizetype(-1) << 201 << QByteArray("Created") << QByteArray("ok") << qint64(2)
        << true << QByteArray("X-Interim") << QByteArray("<absent>");
    QTest::newRow("HTTP/1.0 closes by default")
        << QByteArrayLiteral("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok") << false << false
        << qsizetype(-1) << 200 << QByteArray("OK") << QByteArray("ok") << qint64(2) << false
        << QByteArray("Connection") << QByteArray("<absent>");
    QTest::newRow("HTTP/1.0 keep-alive")
        << QByteArrayLiteral("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n"
                             "Content-Length: 2\r\n\r\nok")
        << false << false << qsizetype(-1) << 200 << QByteArray("OK") << QByteArray("ok") << qint64(2) << true
        << QByteArray("connection") << QByteArray("Keep-Alive");
    QTest::newRow("Connection: close")
        << QByteArrayLiteral("HTTP/1.1 200 OK\r\nConnection: foo, close\r\n"
                             "Content-Length: 2\r\n\r\nok")
        << false << false << qsizetype(-1) << 200 << QByteArray("OK") << QByteArray("ok") << qint64(2)
        << false << QByteArray("connection") << QByteArray("foo, close");
    QTest::newRow("folded and odd whitespace")
        << QByteArrayLiteral("HTTP/1.1   200   Fine  \r\n"
                             "X-Folded: first\r\n \t second\r\n"
                             "X-Spaces :  \t padded value \t \r\n"
                             "content-LENGTH:\t2\r\n\r\nok")
        << false << false << qsizetype(-1) << 200 << QByteArray("Fine") << QByteArray("ok") << qint64(2)
        << true << QByteArray("x-folded") << QByteArray("first second");
    QTest::newRow("bare LF line ends")
        << QByteArrayLiteral("HTTP/1.1 200 OK\nX-A: b\nContent-Length: 2\n\nok") << false << false
        << qsizetype(-1) << 200 << QByteArray("OK") << QByteArray("ok") << qint64(2) << true
        << QByteArray("X-A") << QByteArray("b");
    QTest::newRow("no reason phrase, empty body")
        << QByteArrayLiteral("HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n") << false << false << qsizetype(-1)
        << 404 << QByteArray() << QByteArray() << qint64(0) << true << QByteArray("content-length")
        << QByteArray("0");
    QTest::newRow("repeated equal Content-Length")
        << QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 003\r\n\r\nabc")
        << false << false << qsizetype(-1) << 200 << QByteArray("OK") << QByteArray("abc") << qint64(3)
        << true << QByteArray("X-None") << QByteArray("<absent>");
    QTest::newRow("chunked wins over Content-Length, no reuse")
        << QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "3\r\nabc\r\n0\r\n\r\n")
        << false << false << qsizetype(-1) << 200 << QByteArray("OK") << QByteArray("abc") << qint64(-1)
        << false << QByteArray("X-None") << QByteArray("<absent>");
    {
        QByteArray many = QByteArrayLiteral("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 199; ++i)
            many += "X-Header-" + QByteArray::number(i) + ": " + QByteArray::number(i) + "\r\n";
        many += "Content-Length: 2\r\n\r\nok";
        QTest::newRow("200 headers") << many << false << false << qsizetype(-1) << 200 << QByteArray("OK")
                                     << QByteArray("ok") << qint64(2) << true << QByteArray("x-header-198")
                                     << QByteArray("198");
    }
    {
        const QByteArray start = QByteArrayLiteral("HTTP/1.1 200 OK\r\nX-Big: ");
        const QByteArray end = QByteArrayLiteral("\r\nContent-Length: 2\r\n\r\n");
        const QByteArray value(64 * 1024 - start.size() - end.size(), 'v');
        QTest::newRow("head of exactly 64 KiB")
            << start + value + end + "ok" << false << false << qsizetype(-1) << 200 << QByteArray("OK")
            << QByteArray("ok") << qint64(2) << true << QByteArray("x-big") << value;
    }
}

void TestHttpResponseParser::validReplies()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, head);
    QFETCH(bool, closeAtEnd);
    QFETCH(qsizetype, consumed);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(QByteArray, body);
    QFETCH(qint64, contentLength);
    QFETCH(bool, keepAlive);
    QFETCH(QByteArray, headerName);
    QFETCH(QByteArray, headerValue);
    if (consumed < 0)
        consumed = input.size();

    const QList<QList<qsizetype>> ways = deliveries(input);
    for (const QList<qsizetype> &cuts : ways) {
        const Outcome outcome = parse(input, cuts, head, closeAtEnd);
        const QByteArray how = describe(cuts).toUtf8();
        QVERIFY2(outcome.state == HttpResponseParser::State::Complete,
                 how + ": " + outcome.error.toUtf8() + " state " + QByteArray::number(int(outcome.state)));
        QVERIFY2(outcome.consumed == consumed, how);
        QVERIFY2(outcome.statusCode == status, how);
        QVERIFY2(outcome.reason == reason, how);
        QVERIFY2(outcome.body == body, how + ": " + outcome.body.left(80));
        QVERIFY2(outcome.contentLength == contentLength, how);
        QVERIFY2(outcome.keepAlive == keepAlive, how);
        QVERIFY2(::headerValue(outcome.headers, headerName) == headerValue, how);
        QVERIFY2(outcome.error.isEmpty(), how);
    }
}

void TestHttpResponseParser::malformedReplies_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("closeAtEnd");
    QTest::addColumn<QString>("error"); // a part of errorString()

    const QByteArray ok = QByteArrayLiteral("HTTP/1.1 200 OK\r\n");
    QTest::newRow("not HTTP at all") << QByteArrayLiteral("SSH-2.0-OpenSSH_9.2p1\r\n") << false
                                     << QStringLiteral("not an HTTP response");
    QTest::newRow("binary garbage") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\n", 12)
                                    << false << QStringLiteral("not an HTTP response");
    QTest::newRow("JSON without a head")
        << QByteArrayLiteral("{\"type\":\"sync\"}\n") << false << QStringLiteral("not an HTTP response");
    QTest::newRow("HTTP/2 status line")
        << QByteArrayLiteral("HTTP/2 200\r\n\r\n") << false << QStringLiteral("malformed status line");
    QTest::newRow("unsupported version") << QByteArrayLiteral("HTTP/3.0 200 OK\r\n\r\n") << false
                                         << QStringLiteral("unsupported HTTP version");
    QTest::newRow("letters in status code")
        << QByteArrayLiteral("HTTP/1.1 2OO OK\r\n\r\n") << false << QStringLiteral("malformed status code");
    QTest::newRow("two-digit status code")
        << QByteArrayLiteral("HTTP/1.1 99 Odd\r\n\r\n") << false << QStringLiteral("malformed status code");
    QTest::newRow("four-digit status code")
        << QByteArrayLiteral("HTTP/1.1 2000 OK\r\n\r\n") << false << QStringLiteral("malformed status code");
    QTest::newRow("status code out of range") << QByteArrayLiteral("HTTP/1.1 600 Nope\r\n\r\n") << false
                                              << QStringLiteral("invalid status code 600");
    QTest::newRow("header without colon") << ok + "NoColonHere\r\n\r\n"
                                          << false << QStringLiteral("malformed header line");
    QTest::newRow("space inside header name") << ok + "Bad Name: x\r\n\r\n"
                                              << false << QStringLiteral("malformed header name");
    QTest::newRow("empty header name") << ok + ": x\r\n\r\n"
                                       << false << QStringLiteral("malformed header name");
    QTest::newRow("fold with nothing to fold") << ok + " continued\r\n\r\n"
                                               << false << QStringLiteral("folded header line");
    QTest::newRow("NUL in a header value")
        << ok + QByteArray("X-A: a\0b\r\n\r\n", 11) << false << QStringLiteral("control characters");
    QTest::newRow("negative Content-Length") << ok + "Content-Length: -1\r\n\r\n"
                                             << false << QStringLiteral("invalid Content-Length");
    QTest::newRow("Content-Length not a number") << ok + "Content-Length: 12abc\r\n\r\n"
                                                 << false << QStringLiteral("invalid Content-Length");
    QTest::newRow("empty Content-Length") << ok + "Content-Length:\r\n\r\n"
                                          << false << QStringLiteral("invalid Content-Length");
    QTest::newRow("Content-Length overflow") << ok + "Content-Length: 99999999999999999999\r\n\r\n"
                                             << false << QStringLiteral("invalid Content-Length");
    QTest::newRow("conflicting Content-Length fields")
        << ok + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello" << false
        << QStringLiteral("conflicting Content-Length");
    QTest::newRow("conflicting Content-Length list")
        << ok + "Content-Length: 5, 6\r\n\r\nhello" << false << QStringLiteral("conflicting Content-Length");
    QTest::newRow("unsupported transfer coding") << ok + "Transfer-Encoding: gzip\r\n\r\n"
                                                 << false << QStringLiteral("unsupported transfer coding");
    QTest::newRow("chunked not last") << ok + "Transfer-Encoding: chunked, gzip\r\n\r\n"
                                      << false << QStringLiteral("unsupported transfer coding");
    const QByteArray chunked = ok + "Transfer-Encoding: chunked\r\n\r\n";
    QTest::newRow("chunk size not hex") << chunked + "zz\r\n"
                                        << false << QStringLiteral("invalid chunk size");
    QTest::newRow("chunk size empty") << chunked + "\r\n" << false << QStringLiteral("invalid chunk size");
    QTest::newRow("negative chunk size") << chunked + "-5\r\nhello\r\n"
                                         << false << QStringLiteral("invalid chunk size");
    QTest::newRow("chunk size overflow") << chunked + "1fffffffffffffffff\r\n"
                                         << false << QStringLiteral("too large");
    QTest::newRow("chunk longer than its size") << chunked + "3\r\nhello\r\n0\r\n\r\n"
                                                << false << QStringLiteral("longer than its size");
    QTest::newRow("endless chunk size line")
        << chunked + QByteArray(9000, '0') << false << QStringLiteral("longer than 8 KiB");
    QTest::newRow("head over 64 KiB") << ok + "X-Big: " + QByteArray(64 * 1024, 'v') + "\r\n\r\n"
                                      << false << QStringLiteral("larger than 64 KiB");
    QTest::newRow("status line over 64 KiB, no newline")
        << "HTTP/1.1 200 " + QByteArray(70 * 1024, 'x') << false << QStringLiteral("larger than 64 KiB");
    {
        QByteArray many = ok;
        for (int i = 0; i < 201; ++i)
            many += "X-" + QByteArray::number(i) + ": v\r\n";
        QTest::newRow("201 headers") << many + "\r\n"
                                     << false << QStringLiteral("more than 200 header fields");
    }
    QTest::newRow("truncated body") << ok + "Content-Length: 10\r\n\r\nhalf" << true
                                    << QStringLiteral("connection closed after 4 of 10 bytes");
    QTest::newRow("truncated chunked body") << chunked
            + "a\r\n01234" << true << QStringLiteral("connection closed after 5 bytes of a chunked body");
    QTest::newRow("truncated before trailers end") << chunked + "1\r\nx\r\n0\r\n"
                                                   << true << QStringLiteral("chunked body");
    QTest::newRow("truncated head") << ok + "Content-Len" << true
                                    << QStringLiteral("inside the response head");
    QTest::newRow("truncated status line")
        << QByteArrayLiteral("HTTP/1.1 20") << true << QStringLiteral("inside the response head");
    QTest::newRow("nothing at all") << QByteArray() << true << QStringLiteral("before any response");
}

void TestHttpResponseParser::malformedReplies()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, closeAtEnd);
    QFETCH(QString, error);

    const QList<QList<qsizetype>> ways = deliveries(input);
    for (const QList<qsizetype> &cuts : ways) {
        const Outcome outcome = parse(input, cuts, false, closeAtEnd);
        const QByteArray how = describe(cuts).toUtf8();
        QVERIFY2(outcome.state == HttpResponseParser::State::Failed,
                 how + ": state " + QByteArray::number(int(outcome.state)));
        QVERIFY2(outcome.error.contains(error), how + ": " + outcome.error.toUtf8());
        QVERIFY2(outcome.consumed <= input.size(), how);
    }
}

void TestHttpResponseParser::stopsAfterCompleteMessage()
{
    HttpResponseParser parser;
    parser.reset();
    const QByteArray first = QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc");
    QCOMPARE(parser.feed(first + "HTTP/1.1"), first.size());
    QVERIFY(parser.isComplete());
    QCOMPARE(parser.feed("more"), qsizetype(0));
    QCOMPARE(parser.takeBody(), QByteArray("abc"));
    QCOMPARE(parser.takeBody(), QByteArray());

    HttpResponseParser failed;
    failed.reset();
    QVERIFY(failed.feed("garbage\r\n") > 0);
    QVERIFY(failed.hasFailed());
    QCOMPARE(failed.feed("HTTP/1.1 200 OK\r\n"), qsizetype(0));
    failed.finishOnClose();
    QVERIFY(failed.hasFailed());
    QVERIFY(failed.errorString().contains(QStringLiteral("not an HTTP response")));
}

void TestHttpResponseParser::resetParsesNextResponse()
{
    HttpResponseParser parser;
    parser.reset(true);
    QByteArray data
        = QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\n\r\n"
                            "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\r\nfail");
    const qsizetype used = parser.feed(data);
    QVERIFY(parser.isComplete());
    QCOMPARE(parser.header("x-a"), QByteArray("1"));
    parser.reset();
    QCOMPARE(parser.state(), HttpResponseParser::State::StatusLine);
    QVERIFY(parser.headers().isEmpty());
    QCOMPARE(parser.feed(QByteArrayView(data).sliced(used)), data.size() - used);
    QVERIFY(parser.isComplete());
    QCOMPARE(parser.statusCode(), 500);
    QCOMPARE(parser.header("X-A"), QByteArray());
    QCOMPARE(parser.takeBody(), QByteArray("fail"));
}

// Damaged replies in random pieces: whatever the bytes, the parser ends in some state, never reads
// past its input and never crashes (run under the sanitizer build too).
void TestHttpResponseParser::mutatedInputNeverCrashes()
{
    const QList<QByteArray> seeds = {
        QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello"),
        QByteArrayLiteral(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: 1\r\n\r\n"),
        QByteArrayLiteral("HTTP/1.0 101 Switching\r\nUpgrade: websocket\r\n\r\n\x81\x00"),
    };
    QRandomGenerator random(20261122);
    int completed = 0;
    int failed = 0;
    for (int round = 0; round < 5000; ++round) {
        QByteArray input = seeds.at(round % seeds.size());
        const int mutations = 1 + random.bounded(4);
        for (int i = 0; i < mutations; ++i) {
            const auto at = random.bounded(static_cast<int>(input.size()));
            switch (random.bounded(3)) {
            case 0:
                input[at] = static_cast<char>(random.bounded(256));
                break;
            case 1:
                input.remove(at, 1 + random.bounded(3));
                break;
            default:
                input.insert(at, static_cast<char>(random.bounded(256)));
                break;
            }
        }
        QList<qsizetype> cuts;
        for (qsizetype at = 1 + random.bounded(8); at < input.size(); at += 1 + random.bounded(8))
            cuts.append(at);
        const Outcome outcome = parse(input, cuts, random.bounded(2) == 1, true);
        QVERIFY(outcome.consumed <= input.size());
        QVERIFY(outcome.state == HttpResponseParser::State::Complete
                || outcome.state == HttpResponseParser::State::Failed);
        QCOMPARE(outcome.state == HttpResponseParser::State::Failed, !outcome.error.isEmpty());
        completed += outcome.state == HttpResponseParser::State::Complete;
        failed += outcome.state == HttpResponseParser::State::Failed;
    }
    // Both outcomes occur, so the mutations really reach the parser's checks.
    QVERIFY(completed > 0);
    QVERIFY(failed > 0);
}

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_httpresponseparser.moc"
