#include "Connection.h"

#include "EventStream.h"
#include "Transport.h"

#include <QJsonArray>

namespace Lxd {

Connection::Connection(std::unique_ptr<Transport> transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport.release())
{
    m_transport->setParent(this);
}

Connection::~Connection()
{
    // Jobs and the event stream are children too; make sure they go before the transport they use.
    delete m_events;
    const QList<QObject *> children = this->children();
    for (QObject *child : children) {
        if (child != m_transport)
            delete child;
    }
}

QString Connection::endpoint() const
{
    return m_transport->endpoint();
}

EventStream *Connection::events()
{
    if (!m_events) {
        m_events
            = new EventStream(m_transport, {QStringLiteral("lifecycle"), QStringLiteral("operation")}, this);
        m_events->start();
    }
    return m_events;
}

void Connection::setServer(const QJsonObject &server)
{
    m_server = server;
    m_extensions.clear();
    const QJsonArray extensions = server.value(QLatin1String("api_extensions")).toArray();
    m_extensions.reserve(extensions.size());
    for (const QJsonValue &extension : extensions)
        m_extensions.append(extension.toString());
    Q_EMIT serverChanged();
}

bool Connection::isTrusted() const
{
    return m_server.value(QLatin1String("auth")).toString() == QLatin1String("trusted");
}

} // namespace Lxd
