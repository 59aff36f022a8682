#include "StorageVolumeTableModel.h"

namespace Models {

StorageVolumeTableModel::StorageVolumeTableModel(ResourceCache *cache, QObject *parent)
    : ResourceTableModel(cache, parent)
{
    setColumns({
        textColumn(tr("Name"), QStringLiteral("name")),
        textColumn(tr("Type"), QStringLiteral("type")),
        textColumn(tr("Content type"), QStringLiteral("content_type")),
        textColumn(tr("Description"), QStringLiteral("description")),
        countColumn(tr("Used by"), QStringLiteral("used_by")),
        {tr("Location"),
         [](const ResourceStore::Entry &entry) {
             const QString location = field(entry, QStringLiteral("location"));
             return QVariant(location == QLatin1String("none") ? QString() : location);
         }},
        {tr("Project"),
         [](const ResourceStore::Entry &entry) {
             return QVariant(entry.project);
         }},
        timeColumn(tr("Created"), QStringLiteral("created_at")),
    });
}

} // namespace Models
