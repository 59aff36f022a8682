#include "CertificateTableModel.h"

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

CertificateTableModel::CertificateTableModel(ResourceCache *cache, QObject *parent)
    : ResourceTableModel(cache, parent)
{
    setColumns({
        textColumn(tr("Name"), QStringLiteral("name")),
        textColumn(tr("Type"), QStringLiteral("type")),
        {tr("Fingerprint"),
         [](const ResourceStore::Entry &entry) {
             return QVariant(entry.key.left(12));
         }},
        boolColumn(tr("Restricted"), QStringLiteral("restricted")),
        {tr("Projects"),
         [](const ResourceStore::Entry &entry) {
             return QVariant(names(entry.object.value(QLatin1String("projects"))));
         }},
    });
}

} // namespace Models
