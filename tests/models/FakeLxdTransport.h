#pragma once

#include "lxd/Client.h"
#include "lxd/Transport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPointer>

class FakeEventChannel;

// Tests only: a tiny LXD for what the testbed cannot do (a cluster, a cut event stream, a daemon that
// answers slowly). It holds collections of objects per project and answers, in LXD's envelopes,
// GET <collection>?recursion=1 (with all-projects=true), GET <collection>/<key> and
// GET <collection>/<key>/state; anything else set with setReply(); 404 otherwise. Every request is
// recorded. Events are whatever the test sends through sendEvent().
class FakeLxdTransport final : public Lxd::Transport
{
    Q_OBJECT

public:
    using Lxd::Transport::Transport;
    ~FakeLxdTransport() override;

    // A client over a new fake; the client's connection owns it, `transport` points at it.
    static Lxd::Client makeClient(FakeLxdTransport **transport);

    // `collection` as the API path below /1.0 ("/instances"), `key` the rest of the object's path
    // ("c1", "custom/v1"). Objects keep the order they were first put in.
    void putObject(const QString &collection, const QString &key, const QJsonObject &object,
                   const QString &project = QStringLiteral("default"));
    void removeObject(const QString &collection, const QString &key,
                      const QString &project = QStringLiteral("default"));
    void putState(const QString &collection, const QString &key, const QJsonObject &state,
                  const QString &project = QStringLiteral("default"));
    // A fixed answer for GET `path` (below /1.0, no query), before collections are looked at.
    void setReply(const QString &path, const QJsonValue &metadata);
    // GET `path` fails with this HTTP status (and LXD's error envelope); 0 clears it.
    void setError(const QString &path, int status);

    // While held, replies wait until release() (in order); the event stream is not affected.
    void hold() { m_held = true; }
    void release();

    // Events: to every open stream.
    void sendEvent(const QJsonObject &event);
    // Any text as an event message (malformed ones too).
    void sendRawEvent(const QByteArray &text);
    static QJsonObject lifecycle(const QString &action, const QString &source,
                                 const QString &project = QStringLiteral("default"),
                                 const QJsonObject &context = {});
    static QJsonObject operationEvent(const QJsonObject &operation,
                                      const QString &project = QStringLiteral("default"));
    // Cuts every open event stream; with `refuse`, new ones fail until allowed again.
    void cutEventStreams();
    void setRefuseEventStreams(bool refuse) { m_refuseEvents = refuse; }
    int eventStreamsOpened() const { return m_eventStreamsOpened; }
    // The targets event streams were opened with ("/1.0/events?all-projects=true&type=…"), in order.
    QList<QByteArray> eventStreamTargets() const { return m_eventStreamTargets; }

    // Request targets ("/1.0/instances?recursion=1&project=p"), in order.
    QList<QByteArray> requests() const { return m_requests; }
    // How many requests had a path (query excluded) ending with `suffix`.
    int requestCount(const QByteArray &suffix) const;
    void clearRequests() { m_requests.clear(); }

    Lxd::HttpReply *send(const Lxd::HttpRequest &request) override;
    Lxd::WebSocketChannel *openWebSocket(const QByteArray &target) override;
    QString endpoint() const override { return QStringLiteral("fake:"); }

private:
    struct Collection
    {
        QStringList order;
        QMap<QString, QJsonObject> objects;
        QMap<QString, QJsonObject> states;
    };
    struct Answer
    {
        int status = 200;
        QJsonValue metadata;
    };
    Answer answer(const QString &path, const QString &project, bool allProjects) const;

    QMap<QString, QMap<QString, Collection>> m_projects; // project -> collection path -> objects
    QMap<QString, QJsonValue> m_replies;
    QMap<QString, int> m_errors;
    QList<QByteArray> m_requests;
    bool m_held = false;
    QList<std::function<void()>> m_heldReplies;
    QList<QPointer<FakeEventChannel>> m_channels;
    bool m_refuseEvents = false;
    int m_eventStreamsOpened = 0;
    QList<QByteArray> m_eventStreamTargets;
};
