#include "FilePullJob.h"

#include "FileStatJob.h"
#include "HttpReply.h"
#include "LocalPathGuard.h"
#include "Transport.h"

#include <QFileInfo>

#include <sys/stat.h>

namespace Lxd {

FilePullJob::FilePullJob(const FileManager &files, const QString &remotePath, const QString &localPath,
                         QObject *parent)
    : Job(parent)
    , m_files(files)
    , m_remotePath(remotePath)
{
    const QFileInfo info(localPath);
    m_guard = std::make_shared<LocalPathGuard>(info.absolutePath());
    m_relativePath = info.fileName();
}

FilePullJob::FilePullJob(const FileManager &files, const QString &remotePath,
                         std::shared_ptr<LocalPathGuard> guard, const QString &relativePath, QObject *parent)
    : Job(parent)
    , m_files(files)
    , m_remotePath(remotePath)
    , m_guard(std::move(guard))
    , m_relativePath(relativePath)
{ }

FilePullJob::FilePullJob(const FileManager &files, const QString &remotePath, QIODevice *sink,
                         QObject *parent)
    : Job(parent)
    , m_files(files)
    , m_remotePath(remotePath)
    , m_device(sink)
    , m_toDevice(true)
{ }

FilePullJob::~FilePullJob()
{
    dropReply();
    discardTemporary();
}

QString FilePullJob::localPath() const
{
    return m_guard ? m_guard->absolutePath(m_relativePath) : QString();
}

void FilePullJob::start()
{
    if (!m_files.isValid()) {
        fail(Error::network(QStringLiteral("no connection")));
        return;
    }
    if (m_toDevice && (!m_device || !m_device->isWritable())) {
        fail(Error(Error::Kind::Io, QStringLiteral("the download's device is not open for writing")));
        return;
    }
    if (!m_toDevice) {
        if (!m_guard->isValid()) {
            fail(m_guard->error());
            return;
        }
        const QString why = LocalPathGuard::relativePathRefusal(m_relativePath);
        if (!why.isEmpty()) {
            fail(Error(Error::Kind::Io,
                       QStringLiteral("refused the local path \"%1\": %2").arg(m_relativePath, why)));
            return;
        }
    }
    HttpRequest request = m_files.request(QByteArrayLiteral("GET"), m_remotePath);
    // Until the headers say it is a file, only a link's target (small) is expected.
    m_sink.setMemoryLimit(FileStatJob::MaxLinkTargetBytes, FileDownloadSink::Overflow::Fail);
    request.responseSink = &m_sink;
    m_reply = m_files.client().connection()->transport()->send(request);
    connect(m_reply, &HttpReply::headersReceived, this, &FilePullJob::onHeaders);
    connect(m_reply, &HttpReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (!m_entry.isSymlink())
            Q_EMIT progress(received, m_entry.size);
    });
    connect(m_reply, &HttpReply::finished, this, &FilePullJob::onFinished);
}

void FilePullJob::onHeaders()
{
    HttpReply *reply = m_reply;
    if (!reply || reply->statusCode() < 200 || reply->statusCode() >= 300)
        return;
    m_entry = FileEntry::fromHeaders(m_remotePath, reply->headers());
    bool ok = false;
    const qint64 length = reply->header(QByteArrayLiteral("Content-Length")).trimmed().toLongLong(&ok);
    if (m_entry.type == FileEntry::Type::Directory) {
        dropReply();
        fail(Error(Error::Kind::Io,
                   QStringLiteral("%1 in the instance is a folder, not a file").arg(m_remotePath)));
        return;
    }
    if (m_entry.isSymlink())
        return;
    m_entry.type = FileEntry::Type::File; // servers before `file_get_symlink` do not say
    m_entry.size = ok ? length : -1;
    if (m_toDevice) {
        m_sink.setTarget(m_device);
        return;
    }
    const Error error = m_guard->createTemporary(m_relativePath, &m_file, &m_temporaryName);
    if (error) {
        dropReply();
        fail(error);
        return;
    }
    m_sink.setTarget(&m_file);
}

void FilePullJob::onFinished()
{
    HttpReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();

    const Error error = FileManager::replyError(*reply);
    if (error) {
        fail(error);
        return;
    }
    if (m_entry.isSymlink()) {
        const QString target = QString::fromUtf8(m_sink.data());
        m_entry.symlinkTarget = target;
        if (!m_toDevice) {
            const Error linkError = m_guard->makeSymlink(m_relativePath, target);
            if (linkError) {
                fail(linkError);
                return;
            }
        }
        finishWith();
        return;
    }
    if (m_entry.size >= 0 && m_sink.bytesReceived() != m_entry.size) {
        fail(Error::network(QStringLiteral("%1: received %2 of %3 bytes")
                                .arg(m_remotePath)
                                .arg(m_sink.bytesReceived())
                                .arg(m_entry.size)));
        return;
    }
    if (m_entry.size < 0)
        m_entry.size = m_sink.bytesReceived();
    if (!m_toDevice) {
        const Error commitError = commitFile();
        if (commitError) {
            fail(commitError);
            return;
        }
    }
    Q_EMIT progress(m_entry.size, m_entry.size);
    finishWith();
}

Error FilePullJob::commitFile()
{
    const int fd = m_file.handle();
    // Set-user-ID and friends from inside an instance have no business on the local disk.
    if (m_entry.mode >= 0 && ::fchmod(fd, static_cast<mode_t>(m_entry.mode & 0777)) != 0)
        return Error(Error::Kind::Io, QStringLiteral("cannot set the mode of %1").arg(localPath()));
    if (m_entry.modified.isValid())
        m_file.setFileTime(m_entry.modified, QFileDevice::FileModificationTime);
    m_file.close();
    const Error error = m_guard->commitTemporary(m_relativePath, m_temporaryName);
    if (error)
        return error;
    m_temporaryName.clear();
    return {};
}

void FilePullJob::fail(const Error &error)
{
    discardTemporary();
    finishWith(error);
}

void FilePullJob::stopWork()
{
    dropReply();
    discardTemporary();
}

void FilePullJob::dropReply()
{
    if (HttpReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void FilePullJob::discardTemporary()
{
    m_sink.setTarget(nullptr);
    if (m_file.isOpen())
        m_file.close();
    if (!m_temporaryName.isEmpty() && m_guard)
        m_guard->removeTemporary(m_relativePath, m_temporaryName);
    m_temporaryName.clear();
}

} // namespace Lxd
