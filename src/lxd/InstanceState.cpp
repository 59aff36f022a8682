#include "InstanceState.h"

#include <QJsonArray>

namespace Lxd {

namespace {

// LXD sends 64-bit counters as JSON numbers; a double holds them exactly up to 2^53.
qint64 integer(const QJsonObject &object, const char *key)
{
    return qint64(object.value(QLatin1String(key)).toDouble());
}

} // namespace

InstanceState::Cpu InstanceState::cpu() const
{
    Cpu cpu;
    cpu.usage = integer(object(QStringLiteral("cpu")), "usage");
    return cpu;
}

InstanceState::Memory InstanceState::memory() const
{
    const QJsonObject json = object(QStringLiteral("memory"));
    Memory memory;
    memory.usage = integer(json, "usage");
    memory.usagePeak = integer(json, "usage_peak");
    memory.swapUsage = integer(json, "swap_usage");
    memory.swapUsagePeak = integer(json, "swap_usage_peak");
    return memory;
}

QMap<QString, InstanceState::Disk> InstanceState::disk() const
{
    QMap<QString, Disk> result;
    const QJsonObject json = object(QStringLiteral("disk"));
    for (auto it = json.begin(); it != json.end(); ++it) {
        Disk disk;
        disk.usage = integer(it.value().toObject(), "usage");
        result.insert(it.key(), disk);
    }
    return result;
}

QMap<QString, InstanceState::Network> InstanceState::network() const
{
    QMap<QString, Network> result;
    const QJsonObject json = object(QStringLiteral("network"));
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QJsonObject nic = it.value().toObject();
        Network network;
        const QJsonArray addresses = nic.value(QLatin1String("addresses")).toArray();
        for (const QJsonValue &item : addresses) {
            const QJsonObject address = item.toObject();
            network.addresses.append({address.value(QLatin1String("family")).toString(),
                                      address.value(QLatin1String("address")).toString(),
                                      address.value(QLatin1String("netmask")).toString(),
                                      address.value(QLatin1String("scope")).toString()});
        }
        const QJsonObject counters = nic.value(QLatin1String("counters")).toObject();
        network.counters.bytesReceived = integer(counters, "bytes_received");
        network.counters.bytesSent = integer(counters, "bytes_sent");
        network.counters.packetsReceived = integer(counters, "packets_received");
        network.counters.packetsSent = integer(counters, "packets_sent");
        network.counters.errorsReceived = integer(counters, "errors_received");
        network.counters.errorsSent = integer(counters, "errors_sent");
        network.counters.packetsDroppedOutbound = integer(counters, "packets_dropped_outbound");
        network.counters.packetsDroppedInbound = integer(counters, "packets_dropped_inbound");
        network.hwaddr = nic.value(QLatin1String("hwaddr")).toString();
        network.hostName = nic.value(QLatin1String("host_name")).toString();
        network.mtu = nic.value(QLatin1String("mtu")).toInt();
        network.state = nic.value(QLatin1String("state")).toString();
        network.type = nic.value(QLatin1String("type")).toString();
        result.insert(it.key(), network);
    }
    return result;
}

QStringList InstanceState::addresses(const QString &family) const
{
    QStringList result;
    const QMap<QString, Network> nics = network();
    for (auto it = nics.begin(); it != nics.end(); ++it) {
        if (it.value().type == QLatin1String("loopback"))
            continue;
        for (const NetworkAddress &address : it.value().addresses) {
            if (family.isEmpty() || address.family == family)
                result.append(address.address);
        }
    }
    return result;
}

} // namespace Lxd
