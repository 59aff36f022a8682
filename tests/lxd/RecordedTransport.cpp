#include "RecordedTransport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace {

QByteArray key(const QByteArray &method, const QByteArray &target)
{
    return method + ' ' + target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
}

// Finishes from the event loop, never inside send(), as every real reply does.
class CannedReply final : public Lxd::HttpReply
{
public:
    explicit CannedReply(const RecordedTransport::Canned &canned, QObject *parent)
        : Lxd::HttpReply(parent)
    {
        setStatus(canned.status, canned.status < 400 ? QByteArrayLiteral("OK") : QByteArrayLiteral("Error"));
        setHeaders(canned.headers);
        setBody(canned.body);
        QTimer::singleShot(0, this, [this] {
            Q_EMIT headersReceived();
            finish();
        });
    }

    void abort() override { finish(Lxd::Error::cancelled()); }
};

QByteArray envelope(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

void RecordedTransport::addReply(const QByteArray &method, const QByteArray &path, const Canned &reply)
{
    m_replies[key(method, path)].append(reply);
}

QList<Lxd::HttpRequest> RecordedTransport::requests(const QByteArray &method, const QByteArray &path) const
{
    QList<Lxd::HttpRequest> matching;
    for (const Lxd::HttpRequest &request : m_requests) {
        if (key(request.method, request.target) == key(method, path))
            matching.append(request);
    }
    return matching;
}

Lxd::HttpReply *RecordedTransport::send(const Lxd::HttpRequest &request)
{
    m_requests.append(request);
    QList<Canned> &queue = m_replies[key(request.method, request.target)];
    Canned canned = error(404, QStringLiteral("not found"));
    if (!queue.isEmpty())
        canned = queue.size() > 1 ? queue.takeFirst() : queue.constFirst();
    return new CannedReply(canned, nullptr);
}

RecordedTransport::Canned RecordedTransport::sync(const QJsonValue &metadata, const QByteArray &etag)
{
    Canned canned;
    canned.body = envelope({{QStringLiteral("type"), QStringLiteral("sync")},
                            {QStringLiteral("status"), QStringLiteral("Success")},
                            {QStringLiteral("status_code"), 200},
                            {QStringLiteral("operation"), QString()},
                            {QStringLiteral("error_code"), 0},
                            {QStringLiteral("error"), QString()},
                            {QStringLiteral("metadata"), metadata}});
    canned.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    if (!etag.isEmpty())
        canned.headers.append({QByteArrayLiteral("ETag"), etag});
    return canned;
}

RecordedTransport::Canned RecordedTransport::async(const QJsonObject &operation)
{
    Canned canned;
    canned.status = 202;
    const QString id = operation.value(QLatin1String("id")).toString();
    canned.body = envelope({{QStringLiteral("type"), QStringLiteral("async")},
                            {QStringLiteral("status"), QStringLiteral("Operation created")},
                            {QStringLiteral("status_code"), 100},
                            {QStringLiteral("operation"), QStringLiteral("/1.0/operations/") + id},
                            {QStringLiteral("error_code"), 0},
                            {QStringLiteral("error"), QString()},
                            {QStringLiteral("metadata"), operation}});
    canned.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    canned.headers.append(
        {QByteArrayLiteral("Location"), QStringLiteral("/1.0/operations/%1").arg(id).toUtf8()});
    return canned;
}

RecordedTransport::Canned RecordedTransport::error(int status, const QString &message)
{
    Canned canned;
    canned.status = status;
    canned.body = envelope({{QStringLiteral("type"), QStringLiteral("error")},
                            {QStringLiteral("status"), QString()},
                            {QStringLiteral("status_code"), 0},
                            {QStringLiteral("operation"), QString()},
                            {QStringLiteral("error_code"), status},
                            {QStringLiteral("error"), message},
                            {QStringLiteral("metadata"), QJsonValue()}});
    canned.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    return canned;
}
