#include "ClusterMemberTableModel.h"

#include <QJsonArray>

namespace Models {

namespace {

// The names in an array of strings, or of objects with a "name".
QString names(const QJsonValue &array)
{
    QStringList names;
    const QJsonArray items = array.toArray();
    for (const QJsonValue &item : items)
        names.append(item.isObject() ? item.toObject().value(QLatin1String("name")).toString()
                                     : item.toString());
    return names.join(QStringLiteral(", "));
}

} // namespace

ClusterMemberTableModel::ClusterMemberTableModel(ResourceCache *cache, QObject *parent)
    : ResourceTableModel(cache, parent)
{
    // A member is itself a location: filtering by location picks members.
    setLocationValue([](const ResourceStore::Entry &entry) { return QVariant(entry.key); });
    setColumns({
        {tr("Name"),
         [](const ResourceStore::Entry &entry) {
             return QVariant(entry.key);
         }},
        textColumn(tr("URL"), QStringLiteral("url")),
        {tr("Roles"),
         [](const ResourceStore::Entry &entry) {
             return QVariant(names(entry.object.value(QLatin1String("roles"))));
         }},
        textColumn(tr("Architecture"), QStringLiteral("architecture")),
        textColumn(tr("Failure domain"), QStringLiteral("failure_domain")),
        textColumn(tr("Status"), QStringLiteral("status")),
        textColumn(tr("Message"), QStringLiteral("message")),
        textColumn(tr("Description"), QStringLiteral("description")),
    });
}

} // namespace Models
