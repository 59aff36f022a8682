#include "FilePushJob.h"

#include "FileStatJob.h"
#include "HttpReply.h"
#include "Transport.h"

#include <sys/stat.h>

namespace Lxd {

FilePushJob::FilePushJob(const FileManager &files, const QString &localPath, const QString &remotePath,
                         const FileWriteOptions &options, QObject *parent)
    : Job(parent)
    , m_files(files)
    , m_localPath(localPath)
    , m_remotePath(remotePath)
    , m_options(options)
{ }

FilePushJob::FilePushJob(const FileManager &files, QIODevice *source, qint64 size, const QString &remotePath,
                         const FileWriteOptions &options, QObject *parent)
    : Job(parent)
    , m_files(files)
    , m_remotePath(remotePath)
    , m_options(options)
    , m_source(source)
    , m_size(size)
{ }

FilePushJob::~FilePushJob()
{
    dropAll();
}

void FilePushJob::start()
{
    if (!m_files.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    if (!m_localPath.isEmpty()) {
        m_file.setFileName(m_localPath);
        if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
            finishWith(Error(Error::Kind::Io,
                             QStringLiteral("cannot read %1: %2").arg(m_localPath, m_file.errorString())));
            return;
        }
        struct stat info;
        if (::fstat(m_file.handle(), &info) != 0 || !S_ISREG(info.st_mode)) {
            finishWith(Error(Error::Kind::Io, QStringLiteral("%1 is not a regular file").arg(m_localPath)));
            return;
        }
        m_size = info.st_size;
        if (m_options.mode < 0)
            m_options.mode = static_cast<int>(info.st_mode & 07777);
        m_source = &m_file;
    } else if (!m_source || !m_source->isReadable()) {
        finishWith(Error(Error::Kind::Io, QStringLiteral("the upload's source is not open for reading")));
        return;
    }

    if (!m_options.replaceExisting) {
        upload();
        return;
    }
    m_check = new FileStatJob(m_files, m_remotePath, FileStatJob::Detail::Basic);
    connect(m_check, &Job::finished, this, &FilePushJob::onCheckFinished);
    m_check->start();
}

void FilePushJob::onCheckFinished(Job *job)
{
    auto *check = static_cast<FileStatJob *>(job);
    m_check = nullptr;
    const Error error = check->error();
    if (error && !error.isNotFound()) {
        finishWith(error);
        return;
    }
    m_checked = true;
    if (error) { // nothing there
        upload();
        return;
    }
    if (check->entry().isDirectory()) {
        finishWith(
            Error(Error::Kind::Io, QStringLiteral("%1 in the instance is a folder").arg(m_remotePath)));
        return;
    }
    removeExisting();
}

void FilePushJob::removeExisting()
{
    m_remove = m_files.deleteFile(m_remotePath);
    connect(m_remove, &Job::finished, this, [this](Job *job) {
        m_remove = nullptr;
        if (job->error() && !job->error().isNotFound()) {
            finishWith(job->error());
            return;
        }
        upload();
    });
}

void FilePushJob::upload()
{
    HttpRequest request = FileManager::withWriteHeaders(
        m_files.request(QByteArrayLiteral("POST"), m_remotePath), QByteArrayLiteral("file"), m_options);
    request.bodySource = m_source;
    request.bodySourceSize = m_size;
    m_reply = m_files.client().connection()->transport()->send(request);
    connect(m_reply, &HttpReply::uploadProgress, this, [this](qint64 sent, qint64) {
        m_sent = sent;
        Q_EMIT progress(sent, m_size);
    });
    connect(m_reply, &HttpReply::finished, this, &FilePushJob::onUploadFinished);
}

void FilePushJob::onUploadFinished()
{
    HttpReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();
    const Error error = FileManager::replyError(*reply);
    if (error) {
        // An error envelope for a path we did not check may be about something that was already there
        // (a folder): only what is surely ours is removed.
        if (m_checked || error.kind() != Error::Kind::Api)
            m_files.discardPartialUpload(m_remotePath);
        finishWith(error);
        return;
    }
    if (m_size >= 0) {
        m_sent = m_size;
        Q_EMIT progress(m_size, m_size);
    }
    finishWith();
}

void FilePushJob::stopWork()
{
    const bool uploading = m_reply != nullptr;
    dropAll();
    if (uploading)
        m_files.discardPartialUpload(m_remotePath);
}

void FilePushJob::dropAll()
{
    if (m_check)
        m_check->abandon();
    if (m_remove)
        m_remove->abandon();
    if (HttpReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

} // namespace Lxd
