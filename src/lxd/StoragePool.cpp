#include "StoragePool.h"

namespace Lxd {

void StoragePool::setConfigValue(const QString &key, const QString &value)
{
    QMap<QString, QString> values = config();
    if (value.isEmpty())
        values.remove(key);
    else
        values.insert(key, value);
    setConfig(values);
}

QJsonObject StoragePool::writable() const
{
    return pick({QStringLiteral("config"), QStringLiteral("description")});
}

QJsonObject StoragePool::post(const QString &name, const QString &driver,
                              const QMap<QString, QString> &config, const QString &description)
{
    StoragePool pool(QJsonObject {{QStringLiteral("name"), name},
                                  {QStringLiteral("driver"), driver},
                                  {QStringLiteral("description"), description}},
                     {});
    pool.setConfig(config);
    return pool.json();
}

} // namespace Lxd
