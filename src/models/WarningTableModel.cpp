#include "WarningTableModel.h"

namespace Models {

WarningTableModel::WarningTableModel(ResourceCache *cache, QObject *parent)
    : ResourceTableModel(cache, parent)
{
    setColumns({
        textColumn(tr("Type"), QStringLiteral("type")),
        textColumn(tr("Status"), QStringLiteral("status")),
        textColumn(tr("Severity"), QStringLiteral("severity")),
        {tr("Count"),
         [](const ResourceStore::Entry &entry) {
             return QVariant(QString::number(entry.object.value(QLatin1String("count")).toInt()));
         },
         [](const ResourceStore::Entry &entry) {
             return QVariant(entry.object.value(QLatin1String("count")).toInt());
         }},
        textColumn(tr("Project"), QStringLiteral("project")),
        {tr("Location"),
         [](const ResourceStore::Entry &entry) {
             const QString location = field(entry, QStringLiteral("location"));
             return QVariant(location == QLatin1String("none") ? QString() : location);
         }},
        textColumn(tr("Last message"), QStringLiteral("last_message")),
        timeColumn(tr("First seen"), QStringLiteral("first_seen_at")),
        timeColumn(tr("Last seen"), QStringLiteral("last_seen_at")),
    });
}

} // namespace Models
