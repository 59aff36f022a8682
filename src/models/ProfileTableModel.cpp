#include "ProfileTableModel.h"

namespace Models {

ProfileTableModel::ProfileTableModel(ResourceCache *cache, QObject *parent)
    : ResourceTableModel(cache, parent)
{
    setColumns({
        {tr("Name"),
         [](const ResourceStore::Entry &entry) {
             return QVariant(entry.key);
         }},
        textColumn(tr("Description"), QStringLiteral("description")),
        countColumn(tr("Used by"), QStringLiteral("used_by")),
        {tr("Project"),
         [](const ResourceStore::Entry &entry) {
             return QVariant(entry.project);
         }},
    });
}

} // namespace Models
