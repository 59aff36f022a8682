#pragma once

#include "Client.h"
#include "Job.h"

#include <QPointer>

namespace Lxd {

class ImageExportSink;

// Downloads an image (GET /1.0/images/<fingerprint>/export) straight to disk, as `lxc image export`
// does: a unified image to `imagePath`; a split one's metadata tarball to `imagePath` and its rootfs
// to `rootfsPath`. The bytes are checked against the fingerprint as they pass; a failed, cancelled
// or mismatching export removes what it wrote. Progress is in bytes received (total -1 when the
// daemon does not say, as for split images).
//
// The job keeps its client's connection alive until it finishes.
class ImageExportJob final : public Job
{
    Q_OBJECT

public:
    ImageExportJob(Client client, QString fingerprint, QString imagePath, QString rootfsPath,
                   QObject *parent = nullptr);
    ~ImageExportJob() override;

    // Starts the download. Called once by whoever made the job, after connecting to it.
    void start();

    QString fingerprint() const { return m_fingerprint; }
    bool isSplit() const { return m_split; }
    QString imagePath() const { return m_imagePath; }
    // Empty for a unified image.
    QString rootfsPath() const { return m_split ? m_rootfsPath : QString(); }
    qint64 imageSize() const { return m_imageSize; }
    qint64 rootfsSize() const { return m_rootfsSize; }
    // The file names the server suggested ("meta-<fp>.tar.xz", "<fp>.squashfs"): for display only.
    QString suggestedImageName() const { return m_suggestedNames[0]; }
    QString suggestedRootfsName() const { return m_suggestedNames[1]; }

protected:
    void stopWork() override;

private:
    void onHeaders();
    void onFinished(Job *job);

    Client m_client;
    QString m_fingerprint;
    QString m_imagePath;
    QString m_rootfsPath;
    ImageExportSink *m_sink;
    QPointer<ApiJob> m_request;
    bool m_split = false;
    qint64 m_imageSize = 0;
    qint64 m_rootfsSize = 0;
    QString m_suggestedNames[2];
};

} // namespace Lxd
