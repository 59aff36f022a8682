#include "StorageVolume.h"

namespace Lxd {

void StorageVolume::setConfigValue(const QString &key, const QString &value)
{
    QMap<QString, QString> values = config();
    if (value.isEmpty())
        values.remove(key);
    else
        values.insert(key, value);
    setConfig(values);
}

QJsonObject StorageVolume::writable() const
{
    return pick({QStringLiteral("config"), QStringLiteral("description")});
}

QJsonObject StorageVolume::post(const QString &name, const QMap<QString, QString> &config,
                                const QString &description, const QString &contentType)
{
    StorageVolume volume(QJsonObject {{QStringLiteral("name"), name},
                                      {QStringLiteral("type"), QStringLiteral("custom")},
                                      {QStringLiteral("description"), description},
                                      {QStringLiteral("content_type"), contentType}},
                         {});
    volume.setConfig(config);
    return volume.json();
}

QJsonObject StorageVolume::copyPost(const QString &name, const QString &sourcePool, const QString &sourceName,
                                    bool volumeOnly)
{
    return QJsonObject {
        {QStringLiteral("name"), name},
        {QStringLiteral("type"), QStringLiteral("custom")},
        {QStringLiteral("source"),
         QJsonObject {{QStringLiteral("type"), QStringLiteral("copy")},
                      {QStringLiteral("pool"), sourcePool},
                      {QStringLiteral("name"), sourceName},
                      {QStringLiteral("volume_only"), volumeOnly}}},
    };
}

} // namespace Lxd
