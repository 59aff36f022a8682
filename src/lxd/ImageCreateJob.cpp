#include "ImageCreateJob.h"

#include "ConcatenatedDevice.h"

#include <QFileInfo>
#include <QUuid>

namespace Lxd {

namespace {

// A quoted-string for a Content-Disposition parameter, as Go's mime/multipart writes it.
QByteArray quoted(const QString &text)
{
    QByteArray value = text.toUtf8();
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\r', ' ').replace('\n', ' ');
    return '"' + value + '"';
}

QByteArray partHeader(const QByteArray &boundary, const QByteArray &name, const QString &path, bool first)
{
    QByteArray header = first ? QByteArray() : QByteArrayLiteral("\r\n");
    header += "--" + boundary + "\r\n";
    header += "Content-Disposition: form-data; name=" + quoted(QString::fromLatin1(name))
        + "; filename=" + quoted(QFileInfo(path).fileName()) + "\r\n";
    header += "Content-Type: application/octet-stream\r\n\r\n";
    return header;
}

} // namespace

ImageCreateJob::ImageCreateJob(Client client, ImagesPost post, QObject *parent)
    : Job(parent)
    , m_client(std::move(client))
    , m_post(std::move(post))
{ }

ImageCreateJob::ImageCreateJob(Client client, ImagesPost options, QString imagePath, QString rootfsPath,
                               bool virtualMachine, QObject *parent)
    : Job(parent)
    , m_client(std::move(client))
    , m_post(std::move(options))
    , m_imagePath(std::move(imagePath))
    , m_rootfsPath(std::move(rootfsPath))
    , m_virtualMachine(virtualMachine)
{ }

ImageCreateJob::~ImageCreateJob()
{
    // The request reads from m_body: stop it before the body goes.
    stopWork();
}

void ImageCreateJob::start()
{
    if (!m_client.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    HttpRequest request;
    if (isUpload()) {
        Error error;
        if (!prepareUpload(&request, &error)) {
            finishWith(error);
            return;
        }
    } else {
        request = Client::jsonRequest(QByteArrayLiteral("POST"),
                                      m_client.apiTarget(QStringLiteral("/images")), m_post.toJson());
        // The daemon creates these itself (extension image_create_aliases).
        m_nextAlias = int(m_post.aliases().size());
    }
    m_operation = m_client.operation(request);
    connect(m_operation, &Job::progress, this, &Job::progress);
    connect(m_operation, &OperationJob::operationUpdated, this, [this](const QJsonObject &operation) {
        m_operationObject = operation;
        if (m_operation && !m_operation->progressText().isEmpty())
            m_progressText = m_operation->progressText();
    });
    connect(m_operation, &Job::finished, this, &ImageCreateJob::onOperationFinished);
}

bool ImageCreateJob::prepareUpload(HttpRequest *request, Error *error)
{
    m_body = new ConcatenatedDevice(this);
    QString why;
    QByteArray contentType;
    if (m_rootfsPath.isEmpty()) {
        if (!m_body->appendFile(m_imagePath, &why)) {
            *error = Error(Error::Kind::Io, why);
            return false;
        }
        contentType = QByteArrayLiteral("application/octet-stream");
        if (!m_post.has(QStringLiteral("filename")))
            m_post.setFilename(QFileInfo(m_imagePath).fileName());
    } else {
        // Random, so that it cannot occur in the files (RFC 2046 allows up to 70 characters).
        m_boundary
            = QUuid::createUuid().toByteArray(QUuid::Id128) + QUuid::createUuid().toByteArray(QUuid::Id128);
        m_body->appendBytes(partHeader(m_boundary, QByteArrayLiteral("metadata"), m_imagePath, true));
        if (!m_body->appendFile(m_imagePath, &why)) {
            *error = Error(Error::Kind::Io, why);
            return false;
        }
        const QByteArray rootfsName
            = m_virtualMachine ? QByteArrayLiteral("rootfs.img") : QByteArrayLiteral("rootfs");
        m_body->appendBytes(partHeader(m_boundary, rootfsName, m_rootfsPath, false));
        if (!m_body->appendFile(m_rootfsPath, &why)) {
            *error = Error(Error::Kind::Io, why);
            return false;
        }
        m_body->appendBytes("\r\n--" + m_boundary + "--\r\n");
        contentType = "multipart/form-data; boundary=" + m_boundary;
    }
    m_body->open(QIODevice::ReadOnly);

    request->method = QByteArrayLiteral("POST");
    request->target = m_client.apiTarget(QStringLiteral("/images"));
    request->setHeader(QByteArrayLiteral("Content-Type"), contentType);
    const QList<HttpRequest::Header> headers = m_post.uploadHeaders();
    for (const HttpRequest::Header &header : headers)
        request->setHeader(header.first, header.second);
    request->bodySource = m_body;
    request->bodySourceSize = m_body->size();
    return true;
}

void ImageCreateJob::onOperationFinished(Job *job)
{
    auto *operation = static_cast<OperationJob *>(job);
    m_operation = nullptr;
    if (!operation->operation().isEmpty())
        m_operationObject = operation->operation();
    if (!operation->progressText().isEmpty())
        m_progressText = operation->progressText();
    const QJsonObject metadata = operation->operationMetadata();
    m_fingerprint = metadata.value(QLatin1String("fingerprint")).toString();
    bool ok = false;
    const qint64 size = metadata.value(QLatin1String("size")).toString().toLongLong(&ok);
    if (ok)
        m_size = size;
    if (m_body)
        m_body->close();

    if (job->error()) {
        finishWith(job->error());
        return;
    }
    if (m_fingerprint.isEmpty()) {
        finishWith(Error::parse(QStringLiteral("the image operation ended without a fingerprint")));
        return;
    }
    addNextAlias();
}

void ImageCreateJob::addNextAlias()
{
    const QJsonArray aliases = m_post.aliases();
    if (m_nextAlias >= aliases.size()) {
        finishWith();
        return;
    }
    QJsonObject body = aliases.at(m_nextAlias++).toObject();
    body.insert(QStringLiteral("target"), m_fingerprint);
    const QString name = body.value(QLatin1String("name")).toString();
    m_aliasJob = m_client.api(QByteArrayLiteral("POST"), QStringLiteral("/images/aliases"), body);
    connect(m_aliasJob, &Job::finished, this, [this, name](Job *job) {
        m_aliasJob = nullptr;
        if (job->error()) {
            const Error &error = job->error();
            finishWith(Error(error.kind(),
                             QStringLiteral("the image %1 was added, but not its alias \"%2\": %3")
                                 .arg(m_fingerprint, name, error.detail()),
                             error.httpStatus(), error.lxdCode()));
            return;
        }
        m_createdAliases.append(name);
        addNextAlias();
    });
}

void ImageCreateJob::stopWork()
{
    if (m_operation) {
        OperationJob *operation = m_operation;
        m_operation = nullptr;
        operation->disconnect(this);
        operation->abandon();
    }
    if (m_aliasJob) {
        ApiJob *alias = m_aliasJob;
        m_aliasJob = nullptr;
        alias->disconnect(this);
        alias->abandon();
    }
    if (m_body && m_body->isOpen()) {
        // Qt Network may still hold the device until the aborted reply is deleted, later: go after it.
        m_body->setParent(nullptr);
        m_body->deleteLater();
        m_body = nullptr;
    }
}

} // namespace Lxd
