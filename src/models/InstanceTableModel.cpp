#include "InstanceTableModel.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>

namespace Models {

namespace {

QString textOf(const ResourceCache::Entry &entry, const char *key)
{
    return entry.object.value(QLatin1String(key)).toString();
}

QString typeLabel(const QString &type)
{
    if (type == QLatin1String("virtual-machine"))
        return InstanceTableModel::tr("VM");
    if (type == QLatin1String("container"))
        return InstanceTableModel::tr("Container");
    return type;
}

} // namespace

InstanceTableModel::InstanceTableModel(ResourceCache *cache, QObject *parent)
    : ResourceTableModel(cache, parent)
{
    const auto memoryUsage = [](const ResourceCache::Entry &entry) -> qint64 {
        return qint64(
            entry.state.value(QLatin1String("memory")).toObject().value(QLatin1String("usage")).toDouble());
    };
    const auto created = [](const ResourceCache::Entry &entry) {
        return QDateTime::fromString(entry.object.value(QLatin1String("created_at")).toString(),
                                     Qt::ISODateWithMs);
    };
    setColumns({
        {tr("Name"),
         [](const ResourceCache::Entry &entry) {
             return QVariant(entry.key);
         }},
        {tr("Status"),
         [](const ResourceCache::Entry &entry) {
             return QVariant(textOf(entry, "status"));
         }},
        {tr("Type"),
         [](const ResourceCache::Entry &entry) {
             return QVariant(typeLabel(textOf(entry, "type")));
         }},
        {tr("IPv4"),
         [](const ResourceCache::Entry &entry) {
             return QVariant(addresses(entry.state, QStringLiteral("inet")).join(QLatin1Char('\n')));
         }},
        {tr("IPv6"),
         [](const ResourceCache::Entry &entry) {
             return QVariant(addresses(entry.state, QStringLiteral("inet6")).join(QLatin1Char('\n')));
         }},
        {tr("Memory"),
         [memoryUsage](const ResourceCache::Entry &entry) {
             const qint64 usage = memoryUsage(entry);
             return usage > 0 ? QVariant(QLocale().formattedDataSize(usage)) : QVariant(QString());
         },
         [memoryUsage](const ResourceCache::Entry &entry) {
             return QVariant(memoryUsage(entry));
         }},
        {tr("Project"),
         [](const ResourceCache::Entry &entry) {
             return QVariant(entry.project);
         }},
        {tr("Location"),
         [](const ResourceCache::Entry &entry) {
             const QString location = textOf(entry, "location");
             return QVariant(location == QLatin1String("none") ? QString() : location);
         }},
        {tr("Created"),
         [created](const ResourceCache::Entry &entry) {
             return QVariant(QLocale().toString(created(entry).toLocalTime(), QLocale::ShortFormat));
         },
         [created](const ResourceCache::Entry &entry) {
             return QVariant(created(entry));
         }},
    });
}

QStringList InstanceTableModel::addresses(const QJsonObject &state, const QString &family)
{
    QStringList result;
    const QJsonObject network = state.value(QLatin1String("network")).toObject();
    for (auto it = network.begin(); it != network.end(); ++it) {
        if (it.key() == QLatin1String("lo"))
            continue;
        const QJsonArray list = it.value().toObject().value(QLatin1String("addresses")).toArray();
        for (const QJsonValue &value : list) {
            const QJsonObject address = value.toObject();
            if (address.value(QLatin1String("family")).toString() == family
                && address.value(QLatin1String("scope")).toString() == QLatin1String("global"))
                result.append(QStringLiteral("%1 (%2)").arg(
                    address.value(QLatin1String("address")).toString(), it.key()));
        }
    }
    return result;
}

} // namespace Models
