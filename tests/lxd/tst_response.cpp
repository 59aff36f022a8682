#include "lxd/Event.h"
#include "lxd/Response.h"

#include <QJsonObject>
#include <QTest>

using Lxd::Error;
using Lxd::Response;

// LXD's envelope and event parsing: every reply goes through these two functions.
class TestResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesSuccess_data();
    void parsesSuccess();
    void parsesFailure_data();
    void parsesFailure();
    void errorMessagesNameTheCause();
    void parsesEvents_data();
    void parsesEvents();
};

void TestResponse::parsesSuccess_data()
{
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("async");
    QTest::addColumn<QString>("operationId");
    QTest::addColumn<QString>("metadataKey");

    QTest::newRow("sync with object") << 200
                                      << QByteArray(R"({"type":"sync","status":"Success","status_code":200,)"
                                                    R"("operation":"","error_code":0,"error":"",)"
                                                    R"("metadata":{"api_version":"1.0"}})")
                                      << false << QString() << QStringLiteral("api_version");
    QTest::newRow("sync with list") << 200
                                    << QByteArray(R"({"type":"sync","status":"Success","status_code":200,)"
                                                  R"("metadata":["/1.0/instances/c1"]})")
                                    << false << QString() << QString();
    QTest::newRow("async operation") << 202
                                     << QByteArray(
                                            R"({"type":"async","status":"Operation created",)"
                                            R"("status_code":100,"operation":"/1.0/operations/)"
                                            R"(8d3a1e38-1a0c-4a6c-9a0e-6b1b8d3b2e10",)"
                                            R"("metadata":{"id":"8d3a1e38-1a0c-4a6c-9a0e-6b1b8d3b2e10",)"
                                            R"("class":"task","status_code":103}})")
                                     << true << QStringLiteral("8d3a1e38-1a0c-4a6c-9a0e-6b1b8d3b2e10")
                                     << QStringLiteral("class");
    // What a cluster member answers: the operation's URL names the project.
    QTest::newRow("async operation with a query")
        << 202
        << QByteArray(R"({"type":"async","status":"Operation created",)"
                      R"("status_code":100,"operation":"/1.0/operations/)"
                      R"(072fc205-f5cd-4697-b4e2-df7601840509?project=default",)"
                      R"("metadata":{"class":"task","status_code":103}})")
        << true << QStringLiteral("072fc205-f5cd-4697-b4e2-df7601840509") << QStringLiteral("class");
    QTest::newRow("sync with null metadata") << 200
                                             << QByteArray(R"({"type":"sync","status":"Success",)"
                                                           R"("status_code":200,"metadata":null})")
                                             << false << QString() << QString();
}

void TestResponse::parsesSuccess()
{
    QFETCH(int, httpStatus);
    QFETCH(QByteArray, body);
    QFETCH(bool, async);
    QFETCH(QString, operationId);
    QFETCH(QString, metadataKey);

    Response response;
    const Error error = Response::parse(httpStatus, body, &response);
    QVERIFY2(!error, qPrintable(error.detail()));
    QCOMPARE(response.type == Response::Type::Async, async);
    QCOMPARE(response.httpStatus, httpStatus);
    QCOMPARE(response.operationId(), operationId);
    if (!metadataKey.isEmpty())
        QVERIFY(response.metadata.toObject().contains(metadataKey));
}

void TestResponse::parsesFailure_data()
{
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Error::Kind>("kind");
    QTest::addColumn<int>("expectedHttpStatus");
    QTest::addColumn<QString>("detailContains");

    QTest::newRow("not found") << 404
                               << QByteArray(
                                      R"({"type":"error","error":"Instance not found","error_code":404,)"
                                      R"("metadata":null})")
                               << Error::Kind::Api << 404 << QStringLiteral("Instance not found");
    QTest::newRow("etag conflict") << 412
                                   << QByteArray(
                                          R"({"type":"error","error":"ETag doesn't match: abc vs def",)"
                                          R"("error_code":412})")
                                   << Error::Kind::Api << 412 << QStringLiteral("ETag");
    QTest::newRow("forbidden") << 403
                               << QByteArray(R"({"type":"error","error":"not authorized","error_code":403})")
                               << Error::Kind::Api << 403 << QStringLiteral("not authorized");
    QTest::newRow("html from a proxy") << 502 << QByteArray("<html><body>Bad gateway</body></html>")
                                       << Error::Kind::Http << 502 << QStringLiteral("Bad gateway");
    QTest::newRow("empty 500") << 500 << QByteArray() << Error::Kind::Http << 500 << QString();
    QTest::newRow("truncated json") << 200 << QByteArray(R"({"type":"sync","metadata":{"a":)")
                                    << Error::Kind::Parse << 0 << QStringLiteral("HTTP 200");
    QTest::newRow("json array") << 200 << QByteArray("[1,2,3]") << Error::Kind::Parse << 0
                                << QStringLiteral("not a JSON object");
    QTest::newRow("unknown type") << 200 << QByteArray(R"({"type":"surprise"})") << Error::Kind::Parse << 0
                                  << QStringLiteral("surprise");
    QTest::newRow("no type") << 200 << QByteArray(R"({"metadata":{}})") << Error::Kind::Parse << 0
                             << QStringLiteral("unknown response type");
    QTest::newRow("async without operation")
        << 202 << QByteArray(R"({"type":"async","metadata":{}})") << Error::Kind::Parse << 0
        << QStringLiteral("without an operation");
    QTest::newRow("sync envelope with error status") << 500 << QByteArray(R"({"type":"sync","metadata":{}})")
                                                     << Error::Kind::Http << 500 << QStringLiteral("500");
    QTest::newRow("binary garbage") << 200 << QByteArray("\x00\xff\xfe garbage", 11) << Error::Kind::Parse
                                    << 0 << QString();
}

void TestResponse::parsesFailure()
{
    QFETCH(int, httpStatus);
    QFETCH(QByteArray, body);
    QFETCH(Error::Kind, kind);
    QFETCH(int, expectedHttpStatus);
    QFETCH(QString, detailContains);

    Response response;
    const Error error = Response::parse(httpStatus, body, &response);
    QVERIFY(error.isError());
    QCOMPARE(error.kind(), kind);
    QCOMPARE(error.httpStatus(), expectedHttpStatus);
    QVERIFY2(error.detail().contains(detailContains), qPrintable(error.detail()));
    QVERIFY(!error.userMessage().isEmpty());
}

void TestResponse::errorMessagesNameTheCause()
{
    Response response;
    const Error conflict = Response::parse(
        412, R"({"type":"error","error":"ETag doesn't match","error_code":412})", &response);
    QVERIFY(conflict.isConflict());
    QVERIFY(conflict.userMessage().contains(QStringLiteral("changed elsewhere")));
    const Error notFound = Response::parse(
        404, R"({"type":"error","error":"Instance not found","error_code":404})", &response);
    QVERIFY(notFound.isNotFound());
    QVERIFY(notFound.userMessage().contains(QStringLiteral("Instance not found")));
    QVERIFY(Error::cancelled().isCancelled());
}

void TestResponse::parsesEvents_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("millisecond");

    QTest::newRow("lifecycle") << QByteArray(
        R"({"type":"lifecycle","timestamp":"2026-11-22T06:30:01.123456789Z",)"
        R"("project":"default","location":"none","metadata":{"action":)"
        R"("instance-started","source":"/1.0/instances/c1"}})")
                               << true << QStringLiteral("lifecycle") << QStringLiteral("instance-started")
                               << QStringLiteral("/1.0/instances/c1") << 123;
    QTest::newRow("operation") << QByteArray(R"({"type":"operation","timestamp":"2026-11-22T06:30:01.5Z",)"
                                             R"("metadata":{"id":"abc","status_code":200}})")
                               << true << QStringLiteral("operation") << QString() << QStringLiteral("abc")
                               << 500;
    QTest::newRow("logging") << QByteArray(R"({"type":"logging","timestamp":"2026-11-22T06:30:01Z",)"
                                           R"("metadata":{"level":"debug","message":"hi"}})")
                             << true << QStringLiteral("logging") << QString() << QString() << 0;
    QTest::newRow("no type") << QByteArray(R"({"metadata":{}})") << false << QString() << QString()
                             << QString() << 0;
    QTest::newRow("not json") << QByteArray("hello") << false << QString() << QString() << QString() << 0;
}

void TestResponse::parsesEvents()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    QFETCH(QString, type);
    QFETCH(QString, action);
    QFETCH(QString, source);
    QFETCH(int, millisecond);

    Lxd::Event event;
    QString why;
    QCOMPARE(Lxd::Event::fromJson(json, &event, &why), valid);
    if (!valid) {
        QVERIFY(!why.isEmpty());
        return;
    }
    QCOMPARE(event.type, type);
    QCOMPARE(event.action(), action);
    QCOMPARE(event.source(), source);
    QVERIFY(event.timestamp.isValid());
    QCOMPARE(event.timestamp.time().msec(), millisecond);
}

QTEST_GUILESS_MAIN(TestResponse)
#include "tst_response.moc"
