#include "ImagesPost.h"

#include <QUrl>

namespace Lxd {

namespace {

// Header values are single lines: a name with a line break would start a header of its own.
QByteArray headerValue(const QString &text)
{
    QByteArray value = text.toUtf8();
    value.replace('\r', ' ').replace('\n', ' ');
    return value;
}

QByteArray queryItem(const QString &key, const QString &value)
{
    return QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
}

} // namespace

ImagesPost ImagesPost::withSource(const QString &type)
{
    ImagesPost post;
    post.m_source.insert(QStringLiteral("type"), type);
    return post;
}

ImagesPost ImagesPost::fromUrl(const QString &url)
{
    ImagesPost post = withSource(QStringLiteral("url"));
    post.m_source.insert(QStringLiteral("mode"), QStringLiteral("pull"));
    post.m_source.insert(QStringLiteral("url"), url);
    return post;
}

ImagesPost ImagesPost::fromLxdServer(const QString &server, const QString &fingerprint,
                                     const QString &certificate, const QString &secret,
                                     const QString &sourceProject)
{
    ImagesPost post = withSource(QStringLiteral("image"));
    post.m_source.insert(QStringLiteral("mode"), QStringLiteral("pull"));
    post.m_source.insert(QStringLiteral("server"), server);
    post.m_source.insert(QStringLiteral("protocol"), QStringLiteral("lxd"));
    post.m_source.insert(QStringLiteral("fingerprint"), fingerprint);
    if (!certificate.isEmpty())
        post.m_source.insert(QStringLiteral("certificate"), certificate);
    if (!secret.isEmpty())
        post.m_source.insert(QStringLiteral("secret"), secret);
    if (!sourceProject.isEmpty())
        post.m_source.insert(QStringLiteral("project"), sourceProject);
    return post;
}

ImagesPost ImagesPost::fromLxdServerAlias(const QString &server, const QString &alias,
                                          const QString &certificate, const QString &sourceProject)
{
    ImagesPost post = withSource(QStringLiteral("image"));
    post.m_source.insert(QStringLiteral("mode"), QStringLiteral("pull"));
    post.m_source.insert(QStringLiteral("server"), server);
    post.m_source.insert(QStringLiteral("protocol"), QStringLiteral("lxd"));
    post.m_source.insert(QStringLiteral("alias"), alias);
    if (!certificate.isEmpty())
        post.m_source.insert(QStringLiteral("certificate"), certificate);
    if (!sourceProject.isEmpty())
        post.m_source.insert(QStringLiteral("project"), sourceProject);
    return post;
}

ImagesPost ImagesPost::fromSimplestreams(const QString &server, const QString &alias)
{
    ImagesPost post = withSource(QStringLiteral("image"));
    post.m_source.insert(QStringLiteral("mode"), QStringLiteral("pull"));
    post.m_source.insert(QStringLiteral("server"), server);
    post.m_source.insert(QStringLiteral("protocol"), QStringLiteral("simplestreams"));
    post.m_source.insert(QStringLiteral("alias"), alias);
    return post;
}

ImagesPost ImagesPost::fromInstance(const QString &instance)
{
    ImagesPost post = withSource(QStringLiteral("instance"));
    post.m_source.insert(QStringLiteral("name"), instance);
    return post;
}

ImagesPost ImagesPost::fromSnapshot(const QString &instance, const QString &snapshot)
{
    ImagesPost post = withSource(QStringLiteral("snapshot"));
    post.m_source.insert(QStringLiteral("name"), instance + QLatin1Char('/') + snapshot);
    return post;
}

ImagesPost &ImagesPost::setPublic(bool isPublic)
{
    m_body.insert(QStringLiteral("public"), isPublic);
    return *this;
}

ImagesPost &ImagesPost::setAutoUpdate(bool autoUpdate)
{
    m_body.insert(QStringLiteral("auto_update"), autoUpdate);
    return *this;
}

ImagesPost &ImagesPost::setProperties(const QMap<QString, QString> &properties)
{
    QJsonObject object;
    for (auto it = properties.begin(); it != properties.end(); ++it)
        object.insert(it.key(), it.value());
    m_body.insert(QStringLiteral("properties"), object);
    return *this;
}

ImagesPost &ImagesPost::setProperty(const QString &key, const QString &value)
{
    QJsonObject object = m_body.value(QLatin1String("properties")).toObject();
    object.insert(key, value);
    m_body.insert(QStringLiteral("properties"), object);
    return *this;
}

ImagesPost &ImagesPost::setProfiles(const QStringList &profiles)
{
    m_body.insert(QStringLiteral("profiles"), QJsonArray::fromStringList(profiles));
    return *this;
}

ImagesPost &ImagesPost::setExpiresAt(const QDateTime &expiresAt)
{
    m_body.insert(QStringLiteral("expires_at"), expiresAt.toUTC().toString(Qt::ISODateWithMs));
    return *this;
}

ImagesPost &ImagesPost::setFilename(const QString &filename)
{
    m_body.insert(QStringLiteral("filename"), filename);
    return *this;
}

ImagesPost &ImagesPost::addAlias(const QString &name, const QString &description)
{
    m_aliases.append(
        QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("description"), description}});
    return *this;
}

ImagesPost &ImagesPost::setAliases(const QStringList &names)
{
    m_aliases = {};
    for (const QString &name : names)
        addAlias(name);
    return *this;
}

ImagesPost &ImagesPost::setCompressionAlgorithm(const QString &algorithm)
{
    m_body.insert(QStringLiteral("compression_algorithm"), algorithm);
    return *this;
}

ImagesPost &ImagesPost::setImageType(const QString &type)
{
    m_source.insert(QStringLiteral("image_type"), type);
    return *this;
}

ImagesPost &ImagesPost::setSourceValue(const QString &key, const QJsonValue &value)
{
    m_source.insert(key, value);
    return *this;
}

ImagesPost &ImagesPost::setExpectedFingerprint(const QString &fingerprint)
{
    m_expectedFingerprint = fingerprint;
    return *this;
}

QStringList ImagesPost::aliasNames() const
{
    QStringList names;
    for (const QJsonValue &alias : m_aliases)
        names.append(alias.toObject().value(QLatin1String("name")).toString());
    return names;
}

QMap<QString, QString> ImagesPost::properties() const
{
    QMap<QString, QString> map;
    const QJsonObject object = m_body.value(QLatin1String("properties")).toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

QJsonObject ImagesPost::toJson() const
{
    QJsonObject body = m_body;
    if (!m_source.isEmpty())
        body.insert(QStringLiteral("source"), m_source);
    if (!m_aliases.isEmpty())
        body.insert(QStringLiteral("aliases"), m_aliases);
    return body;
}

QList<HttpRequest::Header> ImagesPost::uploadHeaders() const
{
    QList<HttpRequest::Header> headers;
    if (m_body.value(QLatin1String("public")).toBool())
        headers.append({QByteArrayLiteral("X-LXD-public"), QByteArrayLiteral("true")});
    const QString filename = m_body.value(QLatin1String("filename")).toString();
    if (!filename.isEmpty())
        headers.append({QByteArrayLiteral("X-LXD-filename"), headerValue(filename)});
    const QMap<QString, QString> props = properties();
    if (!props.isEmpty()) {
        QByteArrayList items;
        for (auto it = props.begin(); it != props.end(); ++it)
            items.append(queryItem(it.key(), it.value()));
        headers.append({QByteArrayLiteral("X-LXD-properties"), items.join('&')});
    }
    const QJsonArray profiles = m_body.value(QLatin1String("profiles")).toArray();
    if (!profiles.isEmpty()) {
        QByteArrayList items;
        for (const QJsonValue &profile : profiles)
            items.append(queryItem(QStringLiteral("profile"), profile.toString()));
        headers.append({QByteArrayLiteral("X-LXD-profiles"), items.join('&')});
    }
    if (!m_expectedFingerprint.isEmpty())
        headers.append({QByteArrayLiteral("X-LXD-fingerprint"), headerValue(m_expectedFingerprint)});
    return headers;
}

} // namespace Lxd
