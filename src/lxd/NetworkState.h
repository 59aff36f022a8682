#pragma once

#include "Resource.h"

#include <QList>

namespace Lxd {

// What GET /1.0/networks/<name>/state returns (LXD's api.NetworkState): the host interface as the kernel
// sees it. Read-only: it has no writable part and no ETag.
class NetworkState final : public Resource
{
public:
    struct Address
    {
        QString family; // "inet", "inet6"
        QString address;
        QString netmask;
        QString scope; // "global", "link", …
    };

    using Resource::Resource;

    QString state() const { return string(QStringLiteral("state")); } // "up", "down"
    QString type() const { return string(QStringLiteral("type")); } // "broadcast", "loopback", …
    QString hwaddr() const { return string(QStringLiteral("hwaddr")); }
    int mtu() const { return value(QStringLiteral("mtu")).toInt(); }
    QList<Address> addresses() const;
    qint64 bytesReceived() const { return counter(QStringLiteral("bytes_received")); }
    qint64 bytesSent() const { return counter(QStringLiteral("bytes_sent")); }
    qint64 packetsReceived() const { return counter(QStringLiteral("packets_received")); }
    qint64 packetsSent() const { return counter(QStringLiteral("packets_sent")); }
    // Details by kind of interface; empty when it is not of that kind.
    QJsonObject bridge() const { return object(QStringLiteral("bridge")); }
    QJsonObject bond() const { return object(QStringLiteral("bond")); }
    QJsonObject vlan() const { return object(QStringLiteral("vlan")); }
    QJsonObject ovn() const { return object(QStringLiteral("ovn")); }

private:
    qint64 counter(const QString &key) const;
};

} // namespace Lxd
