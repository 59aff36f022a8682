#include "OperationTableModel.h"

namespace Models {

OperationTableModel::OperationTableModel(OperationCache *cache, QObject *parent)
    : ResourceTableModel(cache, parent)
{
    setTypeValue(
        [](const ResourceStore::Entry &entry) { return QVariant(field(entry, QStringLiteral("class"))); });
    setColumns({
        textColumn(tr("Description"), QStringLiteral("description")),
        textColumn(tr("Status"), QStringLiteral("status")),
        textColumn(tr("Class"), QStringLiteral("class")),
        timeColumn(tr("Created"), QStringLiteral("created_at")),
        timeColumn(tr("Updated"), QStringLiteral("updated_at")),
        boolColumn(tr("Cancellable"), QStringLiteral("may_cancel")),
        textColumn(tr("Error"), QStringLiteral("err")),
        {tr("Location"),
         [](const ResourceStore::Entry &entry) {
             const QString location = field(entry, QStringLiteral("location"));
             return QVariant(location == QLatin1String("none") ? QString() : location);
         }},
        {tr("Project"),
         [](const ResourceStore::Entry &entry) {
             return QVariant(entry.project);
         }},
    });
}

} // namespace Models
