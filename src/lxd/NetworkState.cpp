#include "NetworkState.h"

#include <QJsonArray>

namespace Lxd {

QList<NetworkState::Address> NetworkState::addresses() const
{
    QList<Address> result;
    const QJsonArray items = value(QStringLiteral("addresses")).toArray();
    for (const QJsonValue &item : items) {
        const QJsonObject address = item.toObject();
        result.append({address.value(QLatin1String("family")).toString(),
                       address.value(QLatin1String("address")).toString(),
                       address.value(QLatin1String("netmask")).toString(),
                       address.value(QLatin1String("scope")).toString()});
    }
    return result;
}

qint64 NetworkState::counter(const QString &key) const
{
    return qint64(object(QStringLiteral("counters")).value(key).toDouble());
}

} // namespace Lxd
