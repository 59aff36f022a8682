#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

namespace Lxd {

class EventStream;
class Transport;

// What every Client of one remote shares: the transport, the server's description once fetched, and
// the event stream that operation jobs and caches listen to. Clients are cheap scoped views of it.
class Connection final : public QObject
{
    Q_OBJECT

public:
    // How operation jobs learn that an operation ended: from /1.0/events (the default), or by asking
    // /1.0/operations/<id>/wait (the fallback, forced here for tests and for servers without events).
    enum class OperationWait { Events, Polling };
    Q_ENUM(OperationWait)

    explicit Connection(std::unique_ptr<Transport> transport, QObject *parent = nullptr);
    ~Connection() override;

    Transport *transport() const { return m_transport; }
    QString endpoint() const;

    // The shared stream of lifecycle and operation events for all projects, started on first use.
    EventStream *events();

    OperationWait operationWait() const { return m_operationWait; }
    void setOperationWait(OperationWait wait) { m_operationWait = wait; }

    // GET /1.0 as last fetched; empty until then.
    QJsonObject server() const { return m_server; }
    bool hasServerInfo() const { return !m_server.isEmpty(); }
    void setServer(const QJsonObject &server);
    QStringList apiExtensions() const { return m_extensions; }
    bool hasExtension(const QString &name) const { return m_extensions.contains(name); }
    bool isTrusted() const;

Q_SIGNALS:
    void serverChanged();

private:
    Transport *m_transport; // a child of this object
    QPointer<EventStream> m_events;
    OperationWait m_operationWait = OperationWait::Events;
    QJsonObject m_server;
    QStringList m_extensions;
};

} // namespace Lxd
