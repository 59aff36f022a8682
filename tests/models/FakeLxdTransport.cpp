#include "FakeLxdTransport.h"

#include "FakeEventChannel.h"
#include "lxd/Connection.h"
#include "lxd/HttpReply.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

namespace {

class FakeReply final : public Lxd::HttpReply
{
public:
    using Lxd::HttpReply::HttpReply;

    void answer(int status, const QJsonValue &metadata)
    {
        QJsonObject envelope;
        if (status < 400) {
            envelope = {{QStringLiteral("type"), QStringLiteral("sync")},
                        {QStringLiteral("status"), QStringLiteral("Success")},
                        {QStringLiteral("status_code"), 200},
                        {QStringLiteral("operation"), QString()},
                        {QStringLiteral("error_code"), 0},
                        {QStringLiteral("error"), QString()},
                        {QStringLiteral("metadata"), metadata}};
        } else {
            envelope = {{QStringLiteral("type"), QStringLiteral("error")},
                        {QStringLiteral("status"), QString()},
                        {QStringLiteral("status_code"), 0},
                        {QStringLiteral("operation"), QString()},
                        {QStringLiteral("error_code"), status},
                        {QStringLiteral("error"),
                         status == 404 ? QStringLiteral("not found") : QStringLiteral("internal error")},
                        {QStringLiteral("metadata"), QJsonValue()}};
        }
        setStatus(status, status < 400 ? QByteArrayLiteral("OK") : QByteArrayLiteral("Error"));
        setHeaders({{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}});
        setBody(QJsonDocument(envelope).toJson(QJsonDocument::Compact));
        Q_EMIT headersReceived();
        finish();
    }

    void abort() override { finish(Lxd::Error::cancelled()); }
};

} // namespace

FakeLxdTransport::~FakeLxdTransport() = default;

Lxd::Client FakeLxdTransport::makeClient(FakeLxdTransport **transport)
{
    auto fake = std::make_unique<FakeLxdTransport>();
    *transport = fake.get();
    return Lxd::Client(std::make_shared<Lxd::Connection>(std::move(fake)));
}

void FakeLxdTransport::putObject(const QString &collection, const QString &key, const QJsonObject &object,
                                 const QString &project)
{
    Collection &objects = m_projects[project][collection];
    if (!objects.objects.contains(key))
        objects.order.append(key);
    objects.objects.insert(key, object);
}

void FakeLxdTransport::removeObject(const QString &collection, const QString &key, const QString &project)
{
    Collection &objects = m_projects[project][collection];
    objects.order.removeAll(key);
    objects.objects.remove(key);
    objects.states.remove(key);
}

void FakeLxdTransport::putState(const QString &collection, const QString &key, const QJsonObject &state,
                                const QString &project)
{
    m_projects[project][collection].states.insert(key, state);
}

void FakeLxdTransport::setReply(const QString &path, const QJsonValue &metadata)
{
    m_replies.insert(path, metadata);
}

void FakeLxdTransport::setError(const QString &path, int status)
{
    if (status == 0)
        m_errors.remove(path);
    else
        m_errors.insert(path, status);
}

void FakeLxdTransport::release()
{
    m_held = false;
    const QList<std::function<void()>> replies = std::exchange(m_heldReplies, {});
    for (const std::function<void()> &reply : replies)
        reply();
}

int FakeLxdTransport::requestCount(const QByteArray &suffix) const
{
    int count = 0;
    for (const QByteArray &target : m_requests) {
        const int query = target.indexOf('?');
        if ((query < 0 ? target : target.left(query)).endsWith(suffix))
            ++count;
    }
    return count;
}

FakeLxdTransport::Answer FakeLxdTransport::answer(const QString &path, const QString &project,
                                                  bool allProjects) const
{
    if (m_errors.contains(path))
        return {m_errors.value(path), QJsonValue()};
    if (m_replies.contains(path))
        return {200, m_replies.value(path)};
    const QStringList projects = allProjects ? m_projects.keys() : QStringList {project};
    QJsonArray listing;
    bool isCollection = false;
    for (const QString &name : projects) {
        const QMap<QString, Collection> collections = m_projects.value(name);
        for (auto it = collections.cbegin(); it != collections.cend(); ++it) {
            const Collection &collection = it.value();
            if (path == it.key()) {
                isCollection = true;
                for (const QString &key : collection.order) {
                    QJsonObject object = collection.objects.value(key);
                    if (allProjects)
                        object.insert(QStringLiteral("project"), name);
                    listing.append(object);
                }
                continue;
            }
            if (allProjects || !path.startsWith(it.key() + QLatin1Char('/')))
                continue;
            const QString rest = path.mid(it.key().size() + 1);
            if (collection.objects.contains(rest))
                return {200, collection.objects.value(rest)};
            if (rest.endsWith(QLatin1String("/state")) && collection.states.contains(rest.chopped(6)))
                return {200, collection.states.value(rest.chopped(6))};
        }
    }
    if (isCollection)
        return {200, listing};
    return {404, QJsonValue()};
}

Lxd::HttpReply *FakeLxdTransport::send(const Lxd::HttpRequest &request)
{
    m_requests.append(request.target);
    const QUrl url(QString::fromUtf8(request.target));
    const QUrlQuery query(url);
    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(QLatin1String("/1.0")))
        path = path.mid(4);
    QString project = query.queryItemValue(QStringLiteral("project"), QUrl::FullyDecoded);
    if (project.isEmpty())
        project = QStringLiteral("default");
    const bool allProjects = query.queryItemValue(QStringLiteral("all-projects")) == QLatin1String("true");
    const Answer answer
        = request.method == "GET" ? this->answer(path, project, allProjects) : Answer {404, {}};

    auto *reply = new FakeReply(nullptr);
    const QPointer<FakeReply> guard(reply);
    // Answered as the daemon would at this moment: what was current when the request arrived.
    std::function<void()> deliver = [guard, answer] {
        if (guard)
            guard->answer(answer.status, answer.metadata);
    };
    if (m_held)
        m_heldReplies.append(deliver);
    else
        QTimer::singleShot(0, reply, deliver);
    return reply;
}

Lxd::WebSocketChannel *FakeLxdTransport::openWebSocket(const QByteArray &target)
{
    ++m_eventStreamsOpened;
    m_eventStreamTargets.append(target);
    auto *channel = new FakeEventChannel(m_refuseEvents);
    m_channels.append(channel);
    return channel;
}

void FakeLxdTransport::sendEvent(const QJsonObject &event)
{
    sendRawEvent(QJsonDocument(event).toJson(QJsonDocument::Compact));
}

void FakeLxdTransport::sendRawEvent(const QByteArray &text)
{
    for (const QPointer<FakeEventChannel> &channel : std::as_const(m_channels)) {
        if (channel)
            channel->deliver(text);
    }
}

void FakeLxdTransport::cutEventStreams()
{
    const QList<QPointer<FakeEventChannel>> channels = std::exchange(m_channels, {});
    for (const QPointer<FakeEventChannel> &channel : channels) {
        if (channel)
            channel->cut();
    }
}

QJsonObject FakeLxdTransport::lifecycle(const QString &action, const QString &source, const QString &project,
                                        const QJsonObject &context)
{
    QJsonObject metadata {{QStringLiteral("action"), action}, {QStringLiteral("source"), source}};
    if (!context.isEmpty())
        metadata.insert(QStringLiteral("context"), context);
    return {{QStringLiteral("type"), QStringLiteral("lifecycle")},
            {QStringLiteral("timestamp"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {QStringLiteral("project"), project},
            {QStringLiteral("location"), QStringLiteral("none")},
            {QStringLiteral("metadata"), metadata}};
}

QJsonObject FakeLxdTransport::operationEvent(const QJsonObject &operation, const QString &project)
{
    return {{QStringLiteral("type"), QStringLiteral("operation")},
            {QStringLiteral("timestamp"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {QStringLiteral("project"), project},
            {QStringLiteral("location"), QStringLiteral("none")},
            {QStringLiteral("metadata"), operation}};
}
