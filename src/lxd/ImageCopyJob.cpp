#include "ImageCopyJob.h"

#include "ImageCreateJob.h"
#include "ImageExportJob.h"

#include <QJsonArray>
#include <QTemporaryDir>

namespace Lxd {

namespace {

QString imagePath(const QString &fingerprint)
{
    return QStringLiteral("/images/") + Client::pathSegment(fingerprint);
}

QString httpsUrl(const QString &address)
{
    return address.startsWith(QLatin1String("https://")) ? address : QStringLiteral("https://") + address;
}

// Worth trying the daemon's next address: it could not reach this one at all.
bool isUnreachable(const Error &error)
{
    const QString text = error.detail();
    return text.contains(QLatin1String("connect"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("no route"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("timeout"), Qt::CaseInsensitive);
}

} // namespace

ImageCopyJob::ImageCopyJob(Client source, QString fingerprint, Client target, Options options,
                           QObject *parent)
    : Job(parent)
    , m_source(std::move(source))
    , m_requested(std::move(fingerprint))
    , m_target(std::move(target))
    , m_options(std::move(options))
{ }

ImageCopyJob::~ImageCopyJob()
{
    stopWork();
}

void ImageCopyJob::start()
{
    if (!m_source.isValid() || !m_target.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    if (m_options.mode == Mode::Relay)
        getSourceImage();
    else
        getServerInfo();
}

void ImageCopyJob::setStage(Stage stage)
{
    if (m_stage == stage)
        return;
    m_stage = stage;
    Q_EMIT stageChanged(stage);
}

void ImageCopyJob::track(Job *job)
{
    m_current = job;
    connect(job, &Job::progress, this, &Job::progress);
}

void ImageCopyJob::getServerInfo()
{
    setStage(Stage::ServerInfo);
    // Pull: the target connects to the source; push: the source connects to the target.
    const Client &listener = m_options.mode == Mode::Pull ? m_source : m_target;
    ApiJob *job = listener.api(QByteArrayLiteral("GET"), QString());
    track(job);
    connect(job, &Job::finished, this, &ImageCopyJob::onServerInfo);
}

void ImageCopyJob::onServerInfo(Job *job)
{
    m_current = nullptr;
    if (job->error()) {
        fail(job->error());
        return;
    }
    const QJsonObject environment
        = static_cast<ApiJob *>(job)->metadata().toObject().value(QLatin1String("environment")).toObject();
    m_certificate = environment.value(QLatin1String("certificate")).toString();
    const Client &listener = m_options.mode == Mode::Pull ? m_source : m_target;
    if (!m_options.addresses.isEmpty()) {
        m_addresses = m_options.addresses;
    } else {
        // Reached over HTTPS already: that address works for us, so it is the first to try.
        const QString endpoint = listener.endpoint();
        if (endpoint.startsWith(QLatin1String("https://")))
            m_addresses.append(endpoint);
        const QJsonArray addresses = environment.value(QLatin1String("addresses")).toArray();
        for (const QJsonValue &address : addresses) {
            const QString url = httpsUrl(address.toString());
            if (!m_addresses.contains(url))
                m_addresses.append(url);
        }
    }
    if (m_addresses.isEmpty()) {
        fail(Error(Error::Kind::Api,
                   QStringLiteral("%1 does not listen on the network (core.https_address), so the other "
                                  "server cannot reach it; copy in relay mode instead")
                       .arg(listener.endpoint())));
        return;
    }
    getSourceImage();
}

void ImageCopyJob::getSourceImage()
{
    setStage(Stage::SourceImage);
    ApiJob *job = m_source.api(QByteArrayLiteral("GET"), imagePath(m_requested));
    track(job);
    connect(job, &Job::finished, this, &ImageCopyJob::onSourceImage);
}

void ImageCopyJob::onSourceImage(Job *job)
{
    m_current = nullptr;
    if (job->error()) {
        fail(job->error());
        return;
    }
    auto *request = static_cast<ApiJob *>(job);
    m_sourceImage = Image(request->metadata().toObject(), request->etag());
    switch (m_options.mode) {
    case Mode::Pull:
        if (m_sourceImage.isPublic())
            transfer();
        else
            getToken();
        break;
    case Mode::Push:
        getToken();
        break;
    case Mode::Relay:
        relayExport();
        break;
    }
}

ImagesPost ImageCopyJob::copyOptions() const
{
    ImagesPost post = m_options.image;
    if (!post.has(QStringLiteral("public")))
        post.setPublic(m_sourceImage.isPublic());
    if (!post.has(QStringLiteral("auto_update")))
        post.setAutoUpdate(m_sourceImage.autoUpdate());
    if (m_options.copyAliases) {
        const QList<ImageAlias> aliases = m_sourceImage.aliases();
        const QStringList already = post.aliasNames();
        for (const ImageAlias &alias : aliases) {
            if (!already.contains(alias.name()))
                post.addAlias(alias.name(), alias.description());
        }
    }
    return post;
}

void ImageCopyJob::getToken()
{
    setStage(Stage::Token);
    ApiJob *job = nullptr;
    if (m_options.mode == Mode::Pull) {
        // A one-time secret that lets the target download this private image.
        job = m_source.api(QByteArrayLiteral("POST"),
                           imagePath(m_sourceImage.fingerprint()) + QStringLiteral("/secret"));
    } else {
        // The target's permission for the source to upload, with what the copy should be.
        const ImagesPost options = copyOptions();
        QJsonObject body = options.toJson();
        body.insert(QStringLiteral("source"),
                    QJsonObject {{QStringLiteral("mode"), QStringLiteral("push")},
                                 {QStringLiteral("fingerprint"), m_sourceImage.fingerprint()}});
        if (!options.aliases().isEmpty())
            body.insert(QStringLiteral("aliases"), options.aliases());
        job = m_target.api(QByteArrayLiteral("POST"), QStringLiteral("/images"), body);
    }
    track(job);
    connect(job, &Job::finished, this, &ImageCopyJob::onToken);
}

void ImageCopyJob::onToken(Job *job)
{
    m_current = nullptr;
    if (job->error()) {
        fail(job->error());
        return;
    }
    // A token operation: it stays running until the secret is used or the operation cancelled.
    const Response &response = static_cast<ApiJob *>(job)->response();
    m_tokenOperation = response.operationId();
    m_secret = response.metadata.toObject()
                   .value(QLatin1String("metadata"))
                   .toObject()
                   .value(QLatin1String("secret"))
                   .toString();
    if (m_secret.isEmpty()) {
        fail(Error::parse(QStringLiteral("the server gave no secret for the image %1").arg(m_requested)));
        return;
    }
    transfer();
}

void ImageCopyJob::transfer()
{
    setStage(Stage::Transfer);
    m_address = m_addresses.value(m_nextAddress++);
    if (m_options.mode == Mode::Pull) {
        ImagesPost post = copyOptions();
        post.setSourceValue(QStringLiteral("type"), QStringLiteral("image"))
            .setSourceValue(QStringLiteral("mode"), QStringLiteral("pull"))
            .setSourceValue(QStringLiteral("protocol"), QStringLiteral("lxd"))
            .setSourceValue(QStringLiteral("server"), m_address)
            .setSourceValue(QStringLiteral("fingerprint"), m_sourceImage.fingerprint());
        if (!m_certificate.isEmpty())
            post.setSourceValue(QStringLiteral("certificate"), m_certificate);
        if (!m_secret.isEmpty())
            post.setSourceValue(QStringLiteral("secret"), m_secret);
        if (!m_source.project().isEmpty())
            post.setSourceValue(QStringLiteral("project"), m_source.project());
        auto *job = new ImageCreateJob(m_target, post);
        track(job);
        connect(job, &Job::finished, this, &ImageCopyJob::onTransferFinished);
        job->start();
        return;
    }
    // Push: the source uploads to the target with the target's secret.
    const ImagesPost options = copyOptions();
    QJsonObject body {{QStringLiteral("target"), m_address},
                      {QStringLiteral("certificate"), m_certificate},
                      {QStringLiteral("secret"), m_secret},
                      {QStringLiteral("aliases"), options.aliases()}};
    if (!m_target.project().isEmpty())
        body.insert(QStringLiteral("project"), m_target.project());
    if (options.has(QStringLiteral("profiles")))
        body.insert(QStringLiteral("profiles"), options.toJson().value(QLatin1String("profiles")));
    OperationJob *job = m_source.operation(
        QByteArrayLiteral("POST"), imagePath(m_sourceImage.fingerprint()) + QStringLiteral("/export"), body);
    track(job);
    connect(job, &OperationJob::operationUpdated, this, [this, job] {
        if (!job->progressText().isEmpty())
            m_progressText = job->progressText();
    });
    connect(job, &Job::finished, this, &ImageCopyJob::onTransferFinished);
}

void ImageCopyJob::onTransferFinished(Job *job)
{
    m_current = nullptr;
    if (auto *create = qobject_cast<ImageCreateJob *>(job)) {
        if (!create->progressText().isEmpty())
            m_progressText = create->progressText();
        m_fingerprint = create->fingerprint();
    } else {
        m_fingerprint = m_sourceImage.fingerprint();
    }
    const Error error = job->error();
    if (error) {
        m_transferErrors.append(QStringLiteral("%1: %2").arg(m_address, error.detail()));
        if (isUnreachable(error) && m_nextAddress < m_addresses.size()) {
            transfer();
            return;
        }
        fail(m_transferErrors.size() > 1 ? Error(error.kind(), m_transferErrors.join(QStringLiteral("; ")),
                                                 error.httpStatus(), error.lxdCode())
                                         : error);
        return;
    }
    // The daemon withdrew the secret when it was used.
    m_tokenOperation.clear();
    m_relayDir.reset();
    setStage(Stage::Done);
    finishWith();
}

void ImageCopyJob::relayExport()
{
    setStage(Stage::Transfer);
    m_relayDir = std::make_unique<QTemporaryDir>();
    if (!m_relayDir->isValid()) {
        fail(Error(Error::Kind::Io,
                   QStringLiteral("cannot make a temporary folder: %1").arg(m_relayDir->errorString())));
        return;
    }
    auto *job = new ImageExportJob(m_source, m_sourceImage.fingerprint(),
                                   m_relayDir->filePath(QStringLiteral("image")),
                                   m_relayDir->filePath(QStringLiteral("rootfs")));
    track(job);
    connect(job, &Job::finished, this, &ImageCopyJob::relayUpload);
    job->start();
}

void ImageCopyJob::relayUpload(Job *exportJob)
{
    m_current = nullptr;
    if (exportJob->error()) {
        fail(exportJob->error());
        return;
    }
    auto *exported = static_cast<ImageExportJob *>(exportJob);
    ImagesPost options = copyOptions();
    if (!options.has(QStringLiteral("filename")) && !m_sourceImage.filename().isEmpty())
        options.setFilename(m_sourceImage.filename());
    // The daemon checks what arrives against the fingerprint.
    options.setExpectedFingerprint(m_sourceImage.fingerprint());
    auto *job = new ImageCreateJob(m_target, options, exported->imagePath(), exported->rootfsPath(),
                                   m_sourceImage.type() == QLatin1String("virtual-machine"));
    track(job);
    connect(job, &Job::finished, this, &ImageCopyJob::onTransferFinished);
    job->start();
}

void ImageCopyJob::fail(const Error &error)
{
    cancelToken();
    m_relayDir.reset();
    finishWith(error);
}

void ImageCopyJob::cancelToken()
{
    if (m_tokenOperation.isEmpty())
        return;
    // An unused secret would stay valid on the server: withdraw it. Nobody waits for the answer.
    const Client &owner = m_options.mode == Mode::Pull ? m_source : m_target;
    owner.api(QByteArrayLiteral("DELETE"),
              QStringLiteral("/operations/") + Client::pathSegment(m_tokenOperation));
    m_tokenOperation.clear();
}

void ImageCopyJob::stopWork()
{
    if (m_current) {
        Job *current = m_current;
        m_current = nullptr;
        current->disconnect(this);
        current->abandon();
    }
    cancelToken();
}

} // namespace Lxd
