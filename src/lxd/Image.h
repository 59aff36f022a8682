#pragma once

#include "ImageAlias.h"
#include "Resource.h"

namespace Lxd {

// An image as GET /1.0/images/<fingerprint> returns it (LXD's api.Image). Summary objects from a plain
// listing know only their fingerprint.
class Image final : public Resource
{
public:
    using Resource::Resource;

    // The full SHA-256 fingerprint (for a summary object: the one its URL gave).
    QString fingerprint() const;
    QString filename() const { return string(QStringLiteral("filename")); }
    qint64 size() const { return value(QStringLiteral("size")).toInteger(); }
    QString architecture() const { return string(QStringLiteral("architecture")); }
    QString type() const { return string(QStringLiteral("type")); } // "container" or "virtual-machine"
    bool cached() const { return boolean(QStringLiteral("cached")); }
    bool isPublic() const { return boolean(QStringLiteral("public")); }
    bool autoUpdate() const { return boolean(QStringLiteral("auto_update")); }
    QMap<QString, QString> properties() const { return stringMap(QStringLiteral("properties")); }
    QString property(const QString &key) const { return properties().value(key); }
    QStringList profiles() const { return strings(QStringLiteral("profiles")); }
    // The aliases pointing at this image: name and description, with this image as target.
    QList<ImageAlias> aliases() const;
    QStringList aliasNames() const;
    // Where the image came from, for images that can auto-update: server, protocol, alias, certificate.
    QJsonObject updateSource() const { return object(QStringLiteral("update_source")); }
    QDateTime createdAt() const { return time(QStringLiteral("created_at")); }
    QDateTime uploadedAt() const { return time(QStringLiteral("uploaded_at")); }
    QDateTime lastUsedAt() const { return time(QStringLiteral("last_used_at")); }
    // LXD gives the Unix epoch (or year 1) for "never expires": such a date is returned as null.
    QDateTime expiresAt() const;
    QString description() const { return property(QStringLiteral("description")); }

    void setPublic(bool isPublic) { setValue(QStringLiteral("public"), isPublic); }
    void setAutoUpdate(bool autoUpdate) { setValue(QStringLiteral("auto_update"), autoUpdate); }
    void setProperties(const QMap<QString, QString> &properties)
    {
        setStringMap(QStringLiteral("properties"), properties);
    }
    // Sets one property; an empty value removes it, as `lxc image unset-property` does.
    void setProperty(const QString &key, const QString &value);
    void setProfiles(const QStringList &profiles) { setStrings(QStringLiteral("profiles"), profiles); }
    // A null date means "never".
    void setExpiresAt(const QDateTime &expiresAt);

    // What PUT /1.0/images/<fingerprint> takes (LXD's ImagePut).
    QJsonObject writable() const;
};

} // namespace Lxd
