#pragma once

#include "Resource.h"

namespace Lxd {

// An image alias as GET /1.0/images/aliases/<name> returns it (LXD's ImageAliasesEntry): a name
// pointing at an image's fingerprint.
class ImageAlias final : public Resource
{
public:
    using Resource::Resource;

    QString name() const { return string(QStringLiteral("name")); }
    QString description() const { return string(QStringLiteral("description")); }
    // The fingerprint of the image the alias points at.
    QString target() const { return string(QStringLiteral("target")); }
    QString type() const { return string(QStringLiteral("type")); } // "container" or "virtual-machine"

    void setDescription(const QString &description) { setValue(QStringLiteral("description"), description); }
    // Points the alias at another image.
    void setTarget(const QString &fingerprint) { setValue(QStringLiteral("target"), fingerprint); }

    // What PUT /1.0/images/aliases/<name> takes (LXD's ImageAliasesEntryPut).
    QJsonObject writable() const;
    // What POST /1.0/images/aliases takes to create it (LXD's ImageAliasesPost).
    QJsonObject createBody() const;
};

} // namespace Lxd
