#include "StoragePoolTableModel.h"

#include <QJsonArray>

namespace Models {

StoragePoolTableModel::StoragePoolTableModel(ResourceCache *cache, QObject *parent)
    : ResourceTableModel(cache, parent)
{
    setTypeValue(
        [](const ResourceStore::Entry &entry) { return QVariant(field(entry, QStringLiteral("driver"))); });
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
        textColumn(tr("Driver"), QStringLiteral("driver")),
        textColumn(tr("Source"), QStringLiteral("config/source")),
        textColumn(tr("Description"), QStringLiteral("description")),
        countColumn(tr("Used by"), QStringLiteral("used_by")),
        textColumn(tr("Status"), QStringLiteral("status")),
    });
}

} // namespace Models
