#include "Image.h"

#include <QJsonArray>

namespace Lxd {

QString Image::fingerprint() const
{
    const QString full = string(QStringLiteral("fingerprint"));
    // ListJob names summary objects after the last segment of their URL, here the fingerprint.
    return full.isEmpty() ? string(QStringLiteral("name")) : full;
}

QList<ImageAlias> Image::aliases() const
{
    QList<ImageAlias> result;
    const QJsonArray items = value(QStringLiteral("aliases")).toArray();
    result.reserve(items.size());
    for (const QJsonValue &item : items) {
        QJsonObject alias = item.toObject();
        alias.insert(QStringLiteral("target"), fingerprint());
        if (!alias.contains(QLatin1String("type")) && !type().isEmpty())
            alias.insert(QStringLiteral("type"), type());
        // Not fetched on its own, so without an ETag: a summary.
        result.append(ImageAlias(alias, {}, Detail::Summary));
    }
    return result;
}

QStringList Image::aliasNames() const
{
    QStringList names;
    const QJsonArray items = value(QStringLiteral("aliases")).toArray();
    for (const QJsonValue &item : items)
        names.append(item.toObject().value(QLatin1String("name")).toString());
    return names;
}

QDateTime Image::expiresAt() const
{
    const QDateTime at = time(QStringLiteral("expires_at"));
    if (!at.isValid() || at.toSecsSinceEpoch() <= 0)
        return {};
    return at;
}

void Image::setProperty(const QString &key, const QString &value)
{
    QMap<QString, QString> map = properties();
    if (value.isEmpty())
        map.remove(key);
    else
        map.insert(key, value);
    setProperties(map);
}

void Image::setExpiresAt(const QDateTime &expiresAt)
{
    // The zero time LXD itself stores for "never".
    setValue(QStringLiteral("expires_at"),
             expiresAt.isValid() ? expiresAt.toUTC().toString(Qt::ISODateWithMs)
                                 : QStringLiteral("1970-01-01T00:00:00Z"));
}

QJsonObject Image::writable() const
{
    QJsonObject put
        = pick({QStringLiteral("auto_update"), QStringLiteral("properties"), QStringLiteral("public"),
                QStringLiteral("expires_at"), QStringLiteral("profiles")});
    // Go decodes a JSON null map as an empty one, but an absent key is clearer for older servers.
    if (!put.value(QLatin1String("properties")).isObject())
        put.insert(QStringLiteral("properties"), QJsonObject());
    return put;
}

} // namespace Lxd
