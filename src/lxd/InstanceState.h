#pragma once

#include "Resource.h"

#include <QList>
#include <QMap>

namespace Lxd {

// The live state of an instance, as GET /1.0/instances/<name>/state returns it (LXD's InstanceState),
// or as the `state` member of an instance listed with recursion=2. All counters are as the daemon
// reports them: bytes, CPU time in nanoseconds; -1 or absent means the daemon could not tell.
class InstanceState final : public Resource
{
public:
    struct Cpu
    {
        qint64 usage = 0; // nanoseconds of CPU time used
    };
    struct Memory
    {
        qint64 usage = 0;
        qint64 usagePeak = 0;
        qint64 swapUsage = 0;
        qint64 swapUsagePeak = 0;
    };
    struct Disk
    {
        qint64 usage = 0;
    };
    struct NetworkAddress
    {
        QString family; // "inet" or "inet6"
        QString address;
        QString netmask; // a prefix length: "64"
        QString scope; // "global", "link", "local"
    };
    struct NetworkCounters
    {
        qint64 bytesReceived = 0;
        qint64 bytesSent = 0;
        qint64 packetsReceived = 0;
        qint64 packetsSent = 0;
        qint64 errorsReceived = 0;
        qint64 errorsSent = 0;
        qint64 packetsDroppedOutbound = 0;
        qint64 packetsDroppedInbound = 0;
    };
    struct Network
    {
        QList<NetworkAddress> addresses;
        NetworkCounters counters;
        QString hwaddr;
        QString hostName; // the host side of the interface ("veth1234"), empty for lo
        int mtu = 0;
        QString state; // "up" or "down"
        QString type; // "broadcast", "loopback", …
    };

    using Resource::Resource;

    QString status() const { return string(QStringLiteral("status")); }
    int statusCode() const { return value(QStringLiteral("status_code")).toInt(); }
    // The PID of the instance's init on the host, 0 when it is not running.
    qint64 pid() const { return qint64(value(QStringLiteral("pid")).toDouble()); }
    qint64 processes() const { return qint64(value(QStringLiteral("processes")).toDouble()); }
    Cpu cpu() const;
    Memory memory() const;
    // Per disk device ("root"): usage where the storage driver can measure it (not on `dir`).
    QMap<QString, Disk> disk() const;
    // Per interface name inside the instance ("eth0", "lo").
    QMap<QString, Network> network() const;

    // The addresses of all interfaces except loopback, for display ("10.0.3.5", "fd42::5").
    QStringList addresses(const QString &family = {}) const;
};

} // namespace Lxd
