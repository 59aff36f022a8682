#include "ImageExportJob.h"

#include "ImageExportSink.h"

namespace Lxd {

ImageExportJob::ImageExportJob(Client client, QString fingerprint, QString imagePath, QString rootfsPath,
                               QObject *parent)
    : Job(parent)
    , m_client(std::move(client))
    , m_fingerprint(std::move(fingerprint))
    , m_imagePath(std::move(imagePath))
    , m_rootfsPath(std::move(rootfsPath))
    , m_sink(new ImageExportSink(m_imagePath, m_rootfsPath, this))
{ }

ImageExportJob::~ImageExportJob()
{
    // The request writes into the sink: stop it before the sink goes.
    stopWork();
}

void ImageExportJob::start()
{
    if (!m_client.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    if (m_fingerprint.isEmpty() || m_imagePath.isEmpty()) {
        finishWith(Error(Error::Kind::Io, QStringLiteral("an image export needs a fingerprint and a file")));
        return;
    }
    HttpRequest request;
    request.target = m_client.apiTarget(QStringLiteral("/images/") + Client::pathSegment(m_fingerprint)
                                        + QStringLiteral("/export"));
    request.responseSink = m_sink;
    m_request = m_client.send(request, ApiJob::ReplyBody::Raw);
    connect(m_request, &ApiJob::headersReceived, this, &ImageExportJob::onHeaders);
    connect(m_request, &Job::progress, this, &Job::progress);
    connect(m_request, &Job::finished, this, &ImageExportJob::onFinished);
}

void ImageExportJob::onHeaders()
{
    const int status = m_request->httpStatus();
    if (status < 200 || status >= 300)
        return; // an error envelope: kept by the request, never written to the sink
    const QByteArray disposition = m_request->header(QByteArrayLiteral("Content-Disposition"));
    const qsizetype at = disposition.indexOf("filename=");
    if (at >= 0) {
        QByteArray name = disposition.mid(at + 9);
        if (name.startsWith('"') && name.endsWith('"') && name.size() >= 2)
            name = name.mid(1, name.size() - 2);
        m_suggestedNames[0] = QString::fromUtf8(name);
    }
    // A sink that refuses (no boundary, a file that cannot be made) fails the first write, and so the
    // request, with its own error.
    m_sink->start(m_request->header(QByteArrayLiteral("Content-Type")));
    m_split = m_sink->isSplit();
}

void ImageExportJob::onFinished(Job *job)
{
    m_request = nullptr;
    Error error = job->error();
    const Error sinkError = m_sink->isOpen() ? m_sink->finish() : m_sink->error();
    if (sinkError)
        error = sinkError; // more precise than the transport's "cannot write the reply"
    if (!error) {
        m_imageSize = m_sink->imageSize();
        m_rootfsSize = m_sink->rootfsSize();
        if (m_split) {
            m_suggestedNames[0] = m_sink->metadataPartFilename();
            m_suggestedNames[1] = m_sink->rootfsPartFilename();
        }
        // LXD's Go client accepts a hash that starts with the fingerprint asked for (a short one).
        const QString hash = m_sink->sha256();
        if (!hash.startsWith(m_fingerprint.toLower()))
            error = Error::parse(QStringLiteral("the exported image does not match its fingerprint: got %1, "
                                                "expected %2")
                                     .arg(hash, m_fingerprint));
    }
    if (error)
        m_sink->discard();
    finishWith(error);
}

void ImageExportJob::stopWork()
{
    if (m_request) {
        ApiJob *request = m_request;
        m_request = nullptr;
        request->disconnect(this);
        request->abandon();
        m_sink->discard();
    }
}

} // namespace Lxd
