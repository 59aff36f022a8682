#pragma once

#include "Resource.h"

namespace Lxd {

// A project as GET /1.0/projects/<name> returns it (LXD's api.Project). Its `features.*` keys say which
// kinds of object (images, profiles, storage volumes, networks) it keeps apart from the default project.
class Project final : public Resource
{
public:
    using Resource::Resource;

    QString name() const { return string(QStringLiteral("name")); }
    QString description() const { return string(QStringLiteral("description")); }
    QMap<QString, QString> config() const { return stringMap(QStringLiteral("config")); }
    QStringList usedBy() const { return strings(QStringLiteral("used_by")); }

    void setDescription(const QString &description) { setValue(QStringLiteral("description"), description); }
    void setConfig(const QMap<QString, QString> &config) { setStringMap(QStringLiteral("config"), config); }
    // Sets one key; an empty value removes it.
    void setConfigValue(const QString &key, const QString &value);

    // What PUT /1.0/projects/<name> takes (LXD's ProjectPut).
    QJsonObject writable() const;
    // What POST /1.0/projects takes (LXD's ProjectsPost).
    static QJsonObject post(const QString &name, const QMap<QString, QString> &config = {},
                            const QString &description = {});
};

} // namespace Lxd
