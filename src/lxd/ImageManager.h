#pragma once

#include "Client.h"
#include "Image.h"
#include "ImageAlias.h"
#include "ImageByAliasJob.h"
#include "ImageCopyJob.h"
#include "ImageCreateJob.h"
#include "ImageExportJob.h"
#include "ImagesPost.h"
#include "ResourceJobs.h"

namespace Lxd {

// Images and image aliases of one client's project (pylxd's `client.images`). Every call starts a
// job and returns it; connect to Job::finished with a context object and read the result there.
// Images are named by fingerprint; LXD also accepts a unique prefix of one wherever a fingerprint
// goes in a URL.
class ImageManager
{
public:
    explicit ImageManager(Client client);

    // One request for all of them (recursion=1): Full images.
    ListJob<Image> *all() const;
    // Every project at once (extension images_all_projects).
    ListJob<Image> *allProjects() const;
    // The plain listing: Summary images that know only their fingerprint (pylxd's `all()`).
    ListJob<Image> *fingerprints() const;
    ObjectJob<Image> *get(const QString &fingerprint) const;
    ImageByAliasJob *getByAlias(const QString &alias) const;
    ExistsJob *exists(const QString &fingerprint) const;
    ExistsJob *existsByAlias(const QString &alias) const;

    // POST /1.0/images with a JSON body (see ImagesPost for the sources).
    ImageCreateJob *create(const ImagesPost &post) const;
    // Uploads from disk, streamed: a unified tarball, or a split image's metadata and rootfs
    // (`virtualMachine`: the rootfs is a VM disk). `options` carries public, properties, filename and
    // aliases (and an expected fingerprint the daemon then checks).
    ImageCreateJob *createFromFile(const QString &tarball, const ImagesPost &options = {}) const;
    ImageCreateJob *createFromFiles(const QString &metadataTarball, const QString &rootfs,
                                    const ImagesPost &options = {}, bool virtualMachine = false) const;
    // pylxd's `create_from_url` and `create_from_simplestreams`.
    ImageCreateJob *createFromUrl(const QString &url, bool isPublic = false, bool autoUpdate = false) const;
    ImageCreateJob *createFromSimplestreams(const QString &server, const QString &alias,
                                            bool isPublic = false, bool autoUpdate = false) const;
    // Copies an image of this server to `target`'s (pylxd's `image.copy(new_client)`).
    ImageCopyJob *copy(const QString &fingerprint, const Client &target,
                       const ImageCopyJob::Options &options = {}) const;

    // PUT of writable() with If-Match: a change made elsewhere since `image` was fetched is a
    // conflict (Error::isConflict()), never silently overwritten.
    ApiJob *save(const Image &image) const;
    // PUT of an ImagePut body of the caller's making (pylxd's `put`), guarded by `etag` when given.
    ApiJob *put(const QString &fingerprint, const QJsonObject &imagePut, const QByteArray &etag = {}) const;
    // PATCH of just `changes` (also guarded by the ETag when one is given).
    ApiJob *patch(const QString &fingerprint, const QJsonObject &changes, const QByteArray &etag = {}) const;
    OperationJob *remove(const QString &fingerprint) const;
    // POST /1.0/images/<fp>/refresh: fetches a newer version from the image's update source now
    // (extension image_force_refresh). The operation's metadata says {"refreshed": true|false}.
    OperationJob *refresh(const QString &fingerprint) const;
    // POST /1.0/images/<fp>/secret: a one-time secret that lets an untrusted server fetch this private
    // image. The reply is the token operation (it stays running until used); see secretOf().
    ApiJob *createSecret(const QString &fingerprint) const;
    static QString secretOf(const ApiJob *secretJob);
    // GET /1.0/images/<fp>/export straight to disk (see ImageExportJob for split images).
    ImageExportJob *exportToFiles(const QString &fingerprint, const QString &imagePath,
                                  const QString &rootfsPath = {}) const;

    // Image aliases (recursion=1: Full objects).
    ListJob<ImageAlias> *aliases() const;
    ObjectJob<ImageAlias> *getAlias(const QString &name) const;
    ApiJob *addAlias(const QString &name, const QString &fingerprint, const QString &description = {}) const;
    ApiJob *removeAlias(const QString &name) const;
    ApiJob *renameAlias(const QString &name, const QString &newName) const;
    // PUT of the alias' description and target with If-Match (pointing it at another image).
    ApiJob *saveAlias(const ImageAlias &alias) const;

    const Client &client() const { return m_client; }
    // "/images/<fingerprint>" and "/images/aliases/<name>", percent-encoded.
    static QString path(const QString &fingerprint);
    static QString aliasPath(const QString &name);

private:
    template<class JobType>
    static JobType *started(JobType *job)
    {
        job->start();
        return job;
    }
    ApiJob *withEtag(const QByteArray &method, const QString &path, const QJsonObject &body,
                     const QByteArray &etag) const;

    Client m_client;
};

} // namespace Lxd
