#include "ImageTableModel.h"

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

QString shortFingerprint(const ResourceStore::Entry &entry)
{
    return entry.object.value(QLatin1String("fingerprint")).toString().left(12);
}

} // namespace

ImageTableModel::ImageTableModel(ResourceCache *cache, QObject *parent)
    : ResourceTableModel(cache, parent)
{
    setColumns({
        {tr("Aliases"),
         [](const ResourceStore::Entry &entry) {
             return QVariant(names(entry.object.value(QLatin1String("aliases"))));
         }},
        {tr("Fingerprint"),
         [](const ResourceStore::Entry &entry) {
             return QVariant(shortFingerprint(entry));
         }},
        textColumn(tr("Description"), QStringLiteral("properties/description")),
        textColumn(tr("Architecture"), QStringLiteral("architecture")),
        textColumn(tr("Type"), QStringLiteral("type")),
        sizeColumn(tr("Size"), QStringLiteral("size")),
        boolColumn(tr("Public"), QStringLiteral("public")),
        timeColumn(tr("Uploaded"), QStringLiteral("uploaded_at")),
        {tr("Project"),
         [](const ResourceStore::Entry &entry) {
             return QVariant(entry.project);
         }},
    });
}

} // namespace Models
