#include "NetworkTableModel.h"

#include <QJsonArray>

namespace Models {

NetworkTableModel::NetworkTableModel(ResourceCache *cache, QObject *parent)
    : ResourceTableModel(cache, parent)
{
    // A network or pool lists the members it is defined on; "none" outside a cluster.
    setLocationValue([](const ResourceStore::Entry &entry) {
        QStringList locations;
        const QJsonArray list = entry.object.value(QLatin1String("locations")).toArray();
        for (const QJsonValue &location : list) {
            if (location.toString() != QLatin1String("none"))
                locations.append(location.toString());
        }
        return QVariant(locations.join(QStringLiteral(", ")));
    });
    setColumns({
        {tr("Name"),
         [](const ResourceStore::Entry &entry) {
             return QVariant(entry.key);
         }},
        textColumn(tr("Type"), QStringLiteral("type")),
        boolColumn(tr("Managed"), QStringLiteral("managed")),
        textColumn(tr("IPv4"), QStringLiteral("config/ipv4.address")),
        textColumn(tr("IPv6"), QStringLiteral("config/ipv6.address")),
        textColumn(tr("Description"), QStringLiteral("description")),
        countColumn(tr("Used by"), QStringLiteral("used_by")),
        textColumn(tr("Status"), QStringLiteral("status")),
        {tr("Project"),
         [](const ResourceStore::Entry &entry) {
             return QVariant(entry.project);
         }},
    });
}

} // namespace Models
