#include "SnapshotTableModel.h"

namespace Models {

SnapshotTableModel::SnapshotTableModel(ResourceCache *cache, QObject *parent)
    : ResourceTableModel(cache, parent)
{
    setColumns({
        {tr("Name"),
         [](const ResourceStore::Entry &entry) {
             return QVariant(entry.key);
         }},
        timeColumn(tr("Created"), QStringLiteral("created_at")),
        timeColumn(tr("Expires"), QStringLiteral("expires_at")),
        boolColumn(tr("Stateful"), QStringLiteral("stateful")),
    });
}

} // namespace Models
