#pragma once

#include "Resource.h"

namespace Lxd {

// A trusted certificate as GET /1.0/certificates/<fingerprint> returns it (LXD's api.Certificate).
class Certificate final : public Resource
{
public:
    using Resource::Resource;

    // SHA-256 of the DER form, lower-case hex: the certificate's key in the API.
    QString fingerprint() const { return string(QStringLiteral("fingerprint")); }
    QString name() const { return string(QStringLiteral("name")); }
    QString type() const { return string(QStringLiteral("type")); } // "client", "server", "metrics"
    bool restricted() const { return boolean(QStringLiteral("restricted")); }
    // With restricted(): the projects it may reach.
    QStringList projects() const { return strings(QStringLiteral("projects")); }
    // PEM text.
    QString certificate() const { return string(QStringLiteral("certificate")); }

    void setName(const QString &name) { setValue(QStringLiteral("name"), name); }
    void setType(const QString &type) { setValue(QStringLiteral("type"), type); }
    void setRestricted(bool restricted) { setValue(QStringLiteral("restricted"), restricted); }
    void setProjects(const QStringList &projects) { setStrings(QStringLiteral("projects"), projects); }

    // What PUT /1.0/certificates/<fingerprint> takes (LXD's CertificatePut).
    QJsonObject writable() const;
};

} // namespace Lxd
