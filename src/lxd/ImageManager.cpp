#include "ImageManager.h"

namespace Lxd {

ImageManager::ImageManager(Client client)
    : m_client(std::move(client))
{ }

QString ImageManager::path(const QString &fingerprint)
{
    return QStringLiteral("/images/") + Client::pathSegment(fingerprint);
}

QString ImageManager::aliasPath(const QString &name)
{
    return QStringLiteral("/images/aliases/") + Client::pathSegment(name);
}

ListJob<Image> *ImageManager::all() const
{
    return m_client.request<ListJob<Image>>(QByteArrayLiteral("GET"), QStringLiteral("/images?recursion=1"));
}

ListJob<Image> *ImageManager::allProjects() const
{
    return m_client.useProject({}).request<ListJob<Image>>(
        QByteArrayLiteral("GET"), QStringLiteral("/images?recursion=1&all-projects=true"));
}

ListJob<Image> *ImageManager::fingerprints() const
{
    return m_client.request<ListJob<Image>>(QByteArrayLiteral("GET"), QStringLiteral("/images"));
}

ObjectJob<Image> *ImageManager::get(const QString &fingerprint) const
{
    return m_client.request<ObjectJob<Image>>(QByteArrayLiteral("GET"), path(fingerprint));
}

ImageByAliasJob *ImageManager::getByAlias(const QString &alias) const
{
    return started(new ImageByAliasJob(m_client, alias));
}

ExistsJob *ImageManager::exists(const QString &fingerprint) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), path(fingerprint));
}

ExistsJob *ImageManager::existsByAlias(const QString &alias) const
{
    return m_client.request<ExistsJob>(QByteArrayLiteral("GET"), aliasPath(alias));
}

ImageCreateJob *ImageManager::create(const ImagesPost &post) const
{
    return started(new ImageCreateJob(m_client, post));
}

ImageCreateJob *ImageManager::createFromFile(const QString &tarball, const ImagesPost &options) const
{
    return started(new ImageCreateJob(m_client, options, tarball, QString()));
}

ImageCreateJob *ImageManager::createFromFiles(const QString &metadataTarball, const QString &rootfs,
                                              const ImagesPost &options, bool virtualMachine) const
{
    return started(new ImageCreateJob(m_client, options, metadataTarball, rootfs, virtualMachine));
}

ImageCreateJob *ImageManager::createFromUrl(const QString &url, bool isPublic, bool autoUpdate) const
{
    return create(ImagesPost::fromUrl(url).setPublic(isPublic).setAutoUpdate(autoUpdate));
}

ImageCreateJob *ImageManager::createFromSimplestreams(const QString &server, const QString &alias,
                                                      bool isPublic, bool autoUpdate) const
{
    return create(ImagesPost::fromSimplestreams(server, alias).setPublic(isPublic).setAutoUpdate(autoUpdate));
}

ImageCopyJob *ImageManager::copy(const QString &fingerprint, const Client &target,
                                 const ImageCopyJob::Options &options) const
{
    return started(new ImageCopyJob(m_client, fingerprint, target, options));
}

ApiJob *ImageManager::withEtag(const QByteArray &method, const QString &target, const QJsonObject &body,
                               const QByteArray &etag) const
{
    HttpRequest request = Client::jsonRequest(method, m_client.apiTarget(target), body);
    if (!etag.isEmpty())
        request.setHeader(QByteArrayLiteral("If-Match"), etag);
    return m_client.send(request);
}

ApiJob *ImageManager::save(const Image &image) const
{
    return withEtag(QByteArrayLiteral("PUT"), path(image.fingerprint()), image.writable(), image.etag());
}

ApiJob *ImageManager::put(const QString &fingerprint, const QJsonObject &imagePut,
                          const QByteArray &etag) const
{
    return withEtag(QByteArrayLiteral("PUT"), path(fingerprint), imagePut, etag);
}

ApiJob *ImageManager::patch(const QString &fingerprint, const QJsonObject &changes,
                            const QByteArray &etag) const
{
    return withEtag(QByteArrayLiteral("PATCH"), path(fingerprint), changes, etag);
}

OperationJob *ImageManager::remove(const QString &fingerprint) const
{
    return m_client.operation(QByteArrayLiteral("DELETE"), path(fingerprint));
}

OperationJob *ImageManager::refresh(const QString &fingerprint) const
{
    return m_client.operation(QByteArrayLiteral("POST"), path(fingerprint) + QStringLiteral("/refresh"));
}

ApiJob *ImageManager::createSecret(const QString &fingerprint) const
{
    return m_client.api(QByteArrayLiteral("POST"), path(fingerprint) + QStringLiteral("/secret"));
}

QString ImageManager::secretOf(const ApiJob *secretJob)
{
    return secretJob->metadata()
        .toObject()
        .value(QLatin1String("metadata"))
        .toObject()
        .value(QLatin1String("secret"))
        .toString();
}

ImageExportJob *ImageManager::exportToFiles(const QString &fingerprint, const QString &imagePath,
                                            const QString &rootfsPath) const
{
    return started(new ImageExportJob(m_client, fingerprint, imagePath, rootfsPath));
}

ListJob<ImageAlias> *ImageManager::aliases() const
{
    return m_client.request<ListJob<ImageAlias>>(QByteArrayLiteral("GET"),
                                                 QStringLiteral("/images/aliases?recursion=1"));
}

ObjectJob<ImageAlias> *ImageManager::getAlias(const QString &name) const
{
    return m_client.request<ObjectJob<ImageAlias>>(QByteArrayLiteral("GET"), aliasPath(name));
}

ApiJob *ImageManager::addAlias(const QString &name, const QString &fingerprint,
                               const QString &description) const
{
    const QJsonObject body {{QStringLiteral("name"), name},
                            {QStringLiteral("target"), fingerprint},
                            {QStringLiteral("description"), description}};
    return m_client.api(QByteArrayLiteral("POST"), QStringLiteral("/images/aliases"), body);
}

ApiJob *ImageManager::removeAlias(const QString &name) const
{
    return m_client.api(QByteArrayLiteral("DELETE"), aliasPath(name));
}

ApiJob *ImageManager::renameAlias(const QString &name, const QString &newName) const
{
    return m_client.api(QByteArrayLiteral("POST"), aliasPath(name),
                        QJsonObject {{QStringLiteral("name"), newName}});
}

ApiJob *ImageManager::saveAlias(const ImageAlias &alias) const
{
    return withEtag(QByteArrayLiteral("PUT"), aliasPath(alias.name()), alias.writable(), alias.etag());
}

} // namespace Lxd
