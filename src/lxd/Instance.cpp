#include "Instance.h"

#include <QJsonArray>

namespace Lxd {

void Instance::setConfigValue(const QString &key, const QString &value)
{
    QMap<QString, QString> values = config();
    if (value.isEmpty())
        values.remove(key);
    else
        values.insert(key, value);
    setConfig(values);
}

QList<Snapshot> Instance::snapshots() const
{
    QList<Snapshot> result;
    const QJsonArray items = value(QStringLiteral("snapshots")).toArray();
    for (const QJsonValue &item : items)
        result.append(Snapshot(item.toObject(), {}));
    return result;
}

QList<InstanceBackup> Instance::backups() const
{
    QList<InstanceBackup> result;
    const QJsonArray items = value(QStringLiteral("backups")).toArray();
    for (const QJsonValue &item : items)
        result.append(InstanceBackup(item.toObject(), {}));
    return result;
}

QJsonObject Instance::writable() const
{
    return pick({QStringLiteral("architecture"), QStringLiteral("config"), QStringLiteral("devices"),
                 QStringLiteral("ephemeral"), QStringLiteral("profiles"), QStringLiteral("stateful"),
                 QStringLiteral("description")});
}

} // namespace Lxd
