#pragma once

#include "HttpRequest.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace Lxd {

// The body of POST /1.0/images (LXD's ImagesPost), built from one of the named sources and refined
// with setters:
//
//     ImagesPost::fromSimplestreams("https://images.example.org", "alpine/3.19").setAutoUpdate(true)
//
// Fields that are never set are left out, so the daemon's defaults apply. For an upload from files
// (ImageManager::createFromFile) the same options travel as X-LXD-* headers: see uploadHeaders().
class ImagesPost
{
public:
    ImagesPost() = default;

    // A unified image tarball at `url`, which must answer HEAD with the LXD-Image-Hash and
    // LXD-Image-URL headers (source.type url).
    static ImagesPost fromUrl(const QString &url);
    // An image of another LXD server ("https://host:8443") by fingerprint; `certificate` (PEM) pins
    // the server's certificate, `secret` (from POST /1.0/images/<fp>/secret there) unlocks a private
    // image. `sourceProject` is the project the image lives in on that server.
    static ImagesPost fromLxdServer(const QString &server, const QString &fingerprint,
                                    const QString &certificate = {}, const QString &secret = {},
                                    const QString &sourceProject = {});
    // The same by alias: the daemon resolves it on the server (public images only) and can follow the
    // alias later when auto_update is set.
    static ImagesPost fromLxdServerAlias(const QString &server, const QString &alias,
                                         const QString &certificate = {}, const QString &sourceProject = {});
    // An image of a simplestreams server ("https://images.example.org") by alias or fingerprint.
    static ImagesPost fromSimplestreams(const QString &server, const QString &alias);
    // Publishing: an image made from an instance, or from one of its snapshots.
    static ImagesPost fromInstance(const QString &instance);
    static ImagesPost fromSnapshot(const QString &instance, const QString &snapshot);

    ImagesPost &setPublic(bool isPublic);
    ImagesPost &setAutoUpdate(bool autoUpdate);
    ImagesPost &setProperties(const QMap<QString, QString> &properties);
    ImagesPost &setProperty(const QString &key, const QString &value);
    ImagesPost &setProfiles(const QStringList &profiles);
    ImagesPost &setExpiresAt(const QDateTime &expiresAt);
    ImagesPost &setFilename(const QString &filename);
    // Aliases to create for the new image (extension image_create_aliases; added one by one afterwards
    // for uploads, which cannot carry them).
    ImagesPost &addAlias(const QString &name, const QString &description = {});
    ImagesPost &setAliases(const QStringList &names);
    // "gzip", "xz", "none", …: how a published image is compressed.
    ImagesPost &setCompressionAlgorithm(const QString &algorithm);
    // "container" or "virtual-machine": which image an alias names on the source server.
    ImagesPost &setImageType(const QString &type);
    // Any other field of `source`, for what the named builders do not cover.
    ImagesPost &setSourceValue(const QString &key, const QJsonValue &value);
    // Uploads only: the daemon refuses the upload unless its SHA-256 is this (X-LXD-fingerprint).
    ImagesPost &setExpectedFingerprint(const QString &fingerprint);

    bool has(const QString &key) const { return m_body.contains(key); }
    QJsonObject source() const { return m_source; }
    // Each {"name", "description"}.
    QJsonArray aliases() const { return m_aliases; }
    QStringList aliasNames() const;
    QMap<QString, QString> properties() const;

    // The body as sent.
    QJsonObject toJson() const;
    // For an upload: X-LXD-public, X-LXD-filename, X-LXD-properties, X-LXD-profiles (honoured from
    // LXD 5.x releases after 5.0) and X-LXD-fingerprint, encoded as LXD's Go client does (properties
    // and profiles as URL query strings).
    QList<HttpRequest::Header> uploadHeaders() const;

private:
    static ImagesPost withSource(const QString &type);

    QJsonObject m_body;
    QJsonObject m_source;
    QJsonArray m_aliases;
    QString m_expectedFingerprint;
};

} // namespace Lxd
