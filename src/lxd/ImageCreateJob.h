#pragma once

#include "Client.h"
#include "ImagesPost.h"
#include "Job.h"

#include <QPointer>

namespace Lxd {

class ConcatenatedDevice;

// Adds an image to a server (POST /1.0/images) and follows the operation to its end:
//  - from a JSON body (a URL, another LXD server, a simplestreams server, an instance), or
//  - as an upload from disk, streamed and never loaded into memory: a unified tarball as the raw
//    body, or a split image (metadata + rootfs tarballs) as multipart/form-data with the parts
//    "metadata" and "rootfs" ("rootfs.img" for a virtual machine), as LXD's Go client sends them.
//    Options travel as X-LXD-* headers; aliases, which an upload cannot carry, are added afterwards.
// Progress: bytes sent during an upload, then the daemon's percentages (total 100).
//
// The job keeps its client's connection alive until it finishes.
class ImageCreateJob final : public Job
{
    Q_OBJECT

public:
    ImageCreateJob(Client client, ImagesPost post, QObject *parent = nullptr);
    // An upload: unified when `rootfsPath` is empty, split otherwise.
    ImageCreateJob(Client client, ImagesPost options, QString imagePath, QString rootfsPath,
                   bool virtualMachine = false, QObject *parent = nullptr);
    ~ImageCreateJob() override;

    // Starts the work. Called once by whoever made the job, after connecting to it.
    void start();

    bool isUpload() const { return !m_imagePath.isEmpty(); }
    // The new image's fingerprint, from the operation; also set when the daemon refused an image it
    // already has ("Image with same fingerprint already exists").
    QString fingerprint() const { return m_fingerprint; }
    // The image's size in bytes as the daemon counted it, or -1.
    qint64 size() const { return m_size; }
    // The operation as last seen, and its last progress text ("rootfs: 45% (10MB/s)").
    QJsonObject operation() const { return m_operationObject; }
    QString progressText() const { return m_progressText; }
    // The aliases made after an upload (all of ImagesPost::aliases() when the job succeeded).
    QStringList createdAliases() const { return m_createdAliases; }
    // The multipart boundary of a split upload (for tests and logs).
    QByteArray boundary() const { return m_boundary; }

protected:
    void stopWork() override;

private:
    bool prepareUpload(HttpRequest *request, Error *error);
    void onOperationFinished(Job *job);
    void addNextAlias();

    Client m_client;
    ImagesPost m_post;
    QString m_imagePath;
    QString m_rootfsPath;
    bool m_virtualMachine = false;
    ConcatenatedDevice *m_body = nullptr;
    QByteArray m_boundary;
    QPointer<OperationJob> m_operation;
    QPointer<ApiJob> m_aliasJob;
    QJsonObject m_operationObject;
    QString m_progressText;
    QString m_fingerprint;
    qint64 m_size = -1;
    int m_nextAlias = 0;
    QStringList m_createdAliases;
};

} // namespace Lxd
