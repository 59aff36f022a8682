#pragma once

#include "lxd/HttpReply.h"
#include "lxd/Transport.h"

#include <QHash>
#include <QList>

// Tests only: a transport that answers from canned replies (JSON taken from LXD's documentation) and
// records every request, for what the testbed cannot do (a cluster). Replies are matched by method and
// path (the target without its query); each registered reply is used once, in order, and the last one
// for a path keeps answering. Anything unregistered gets LXD's 404 envelope.
class RecordedTransport final : public Lxd::Transport
{
    Q_OBJECT

public:
    struct Canned
    {
        int status = 200;
        QByteArray body;
        QList<Lxd::HttpRequest::Header> headers;
    };

    using Lxd::Transport::Transport;

    void addReply(const QByteArray &method, const QByteArray &path, const Canned &reply);
    QList<Lxd::HttpRequest> requests() const { return m_requests; }
    // The requests whose method and path (query excluded) match.
    QList<Lxd::HttpRequest> requests(const QByteArray &method, const QByteArray &path) const;

    Lxd::HttpReply *send(const Lxd::HttpRequest &request) override;
    Lxd::WebSocketChannel *openWebSocket(const QByteArray &) override { return nullptr; }
    QString endpoint() const override { return QStringLiteral("recorded:"); }

    // LXD envelopes.
    static Canned sync(const QJsonValue &metadata, const QByteArray &etag = {});
    static Canned async(const QJsonObject &operation);
    static Canned error(int status, const QString &message);

private:
    QHash<QByteArray, QList<Canned>> m_replies;
    QList<Lxd::HttpRequest> m_requests;
};
