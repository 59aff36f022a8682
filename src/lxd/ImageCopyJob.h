#pragma once

#include "Client.h"
#include "Image.h"
#include "ImagesPost.h"
#include "Job.h"

#include <QPointer>

#include <memory>

class QTemporaryDir;

namespace Lxd {

// Copies an image from one client's server to another's, as `lxc image copy` does (pylxd's
// `image.copy(new_client)`), in one of LXD's three modes:
//  - Pull (the default): the target daemon downloads from the source daemon. Berth asks the source
//    for its certificate and addresses (GET /1.0) and, for a private image, a one-time secret
//    (POST /1.0/images/<fp>/secret), then POST /1.0/images on the target with source.type "image",
//    mode "pull", protocol "lxd". The source must listen on the network (core.https_address).
//  - Push: the source daemon uploads to the target daemon: a token from the target (POST /1.0/images
//    with mode "push"), then POST /1.0/images/<fp>/export on the source. The target must listen on
//    the network.
//  - Relay: through this machine: an export to temporary files, then an upload to the target. Works
//    when neither daemon can reach the other.
// Progress: the target's (or, for push, the source's) percentages; bytes for a relay.
//
// The job keeps both clients' connections alive until it finishes.
class ImageCopyJob final : public Job
{
    Q_OBJECT

public:
    enum class Mode { Pull, Push, Relay };
    Q_ENUM(Mode)

    struct Options
    {
        Mode mode = Mode::Pull;
        // The copy's public, auto_update, aliases, profiles and properties. When public or auto_update
        // is not set, the copy takes the source image's value, as pylxd does.
        ImagesPost image;
        // Also give the copy the source image's aliases.
        bool copyAliases = false;
        // Where the other daemon reaches the one that listens ("127.0.0.1:8443" or an https:// URL);
        // empty: that daemon's own environment.addresses, tried in turn.
        QStringList addresses;
    };

    enum class Stage { ServerInfo, SourceImage, Token, Transfer, Done };
    Q_ENUM(Stage)

    ImageCopyJob(Client source, QString fingerprint, Client target, Options options,
                 QObject *parent = nullptr);
    ~ImageCopyJob() override;

    // Starts the work. Called once by whoever made the job, after connecting to it.
    void start();

    Stage stage() const { return m_stage; }
    // The source image as it was fetched, and the copy's fingerprint on the target.
    Image sourceImage() const { return m_sourceImage; }
    QString fingerprint() const { return m_fingerprint; }
    // The address that worked (or was tried last), for pull and push.
    QString address() const { return m_address; }
    // The daemon's last progress text ("rootfs: 45% (10MB/s)").
    QString progressText() const { return m_progressText; }

Q_SIGNALS:
    void stageChanged(Lxd::ImageCopyJob::Stage stage);

protected:
    void stopWork() override;

private:
    void setStage(Stage stage);
    void getServerInfo();
    void onServerInfo(Job *job);
    void getSourceImage();
    void onSourceImage(Job *job);
    void getToken();
    void onToken(Job *job);
    void transfer();
    void onTransferFinished(Job *job);
    void relayExport();
    void relayUpload(Job *exportJob);
    ImagesPost copyOptions() const;
    void fail(const Error &error);
    void cancelToken();
    void track(Job *job);

    Client m_source;
    QString m_requested;
    Client m_target;
    Options m_options;
    Stage m_stage = Stage::ServerInfo;
    QPointer<Job> m_current;
    QString m_certificate;
    QStringList m_addresses;
    int m_nextAddress = 0;
    QString m_address;
    QStringList m_transferErrors;
    Image m_sourceImage;
    QString m_fingerprint;
    QString m_secret;
    QString m_tokenOperation; // on the source (pull) or the target (push)
    QString m_progressText;
    std::unique_ptr<QTemporaryDir> m_relayDir;
};

} // namespace Lxd
