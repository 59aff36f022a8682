#include "Project.h"

namespace Lxd {

void Project::setConfigValue(const QString &key, const QString &value)
{
    QMap<QString, QString> values = config();
    if (value.isEmpty())
        values.remove(key);
    else
        values.insert(key, value);
    setConfig(values);
}

QJsonObject Project::writable() const
{
    return pick({QStringLiteral("config"), QStringLiteral("description")});
}

QJsonObject Project::post(const QString &name, const QMap<QString, QString> &config,
                          const QString &description)
{
    Project project(
        QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("description"), description}}, {});
    project.setConfig(config);
    return project.json();
}

} // namespace Lxd
