#include "FileManager.h"

#include "FileEntry.h"
#include "FileListJob.h"
#include "FilePullJob.h"
#include "FilePushJob.h"
#include "FileStatJob.h"
#include "FileTreePullJob.h"
#include "FileTreePushJob.h"
#include "HttpReply.h"
#include "Response.h"

#include <QUrl>

namespace Lxd {

FileManager::FileManager(const Client &client, const QString &instance)
    : m_client(client)
    , m_instance(instance)
{ }

bool FileManager::canHead() const
{
    return m_client.hasExtension(QStringLiteral("instance_file_head"));
}

HttpRequest FileManager::request(const QByteArray &method, const QString &path) const
{
    HttpRequest request;
    request.method = method;
    // The path goes in the query: every byte but '/' percent-encoded (spaces, '&', '#', non-ASCII).
    const QString apiPath
        = QStringLiteral("/instances/%1/files?path=%2")
              .arg(Client::pathSegment(m_instance),
                   QString::fromLatin1(QUrl::toPercentEncoding(path, QByteArrayLiteral("/"))));
    request.target = m_client.apiTarget(apiPath);
    return request;
}

HttpRequest FileManager::withWriteHeaders(HttpRequest request, const QByteArray &type,
                                          const FileWriteOptions &options)
{
    // Without it Go parses a form-encoded body as form values and LXD writes an empty file.
    request.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/octet-stream"));
    request.setHeader(QByteArrayLiteral("X-LXD-type"), type);
    if (options.mode >= 0)
        request.setHeader(QByteArrayLiteral("X-LXD-mode"), FileEntry::formatMode(options.mode));
    if (options.uid >= 0)
        request.setHeader(QByteArrayLiteral("X-LXD-uid"), QByteArray::number(options.uid));
    if (options.gid >= 0)
        request.setHeader(QByteArrayLiteral("X-LXD-gid"), QByteArray::number(options.gid));
    if (type == "file")
        request.setHeader(QByteArrayLiteral("X-LXD-write"), QByteArrayLiteral("overwrite"));
    return request;
}

QString FileManager::joinPath(const QString &directory, const QString &name)
{
    if (directory.endsWith(QLatin1Char('/')))
        return directory + name;
    return directory + QLatin1Char('/') + name;
}

Error FileManager::replyError(const HttpReply &reply)
{
    if (reply.error())
        return reply.error();
    const int status = reply.statusCode();
    if (status >= 200 && status < 300)
        return {};
    Error error = Response::parse(status, reply.body(), nullptr);
    if (!error)
        error = Error(Error::Kind::Http, QString::fromLatin1(reply.reasonPhrase()), status);
    return error;
}

void FileManager::discardPartialUpload(const QString &path) const
{
    if (!m_client.isValid())
        return;
    // Owned by the connection; nobody waits for it. A 404 means nothing was left.
    m_client.send(request(QByteArrayLiteral("DELETE"), path));
}

FileStatJob *FileManager::stat(const QString &path) const
{
    auto *job = new FileStatJob(*this, path);
    job->start();
    return job;
}

FileListJob *FileManager::list(const QString &directory) const
{
    auto *job = new FileListJob(*this, directory);
    job->start();
    return job;
}

FilePullJob *FileManager::pull(const QString &remotePath, const QString &localPath) const
{
    auto *job = new FilePullJob(*this, remotePath, localPath);
    job->start();
    return job;
}

FilePullJob *FileManager::get(const QString &remotePath, QIODevice *sink) const
{
    auto *job = new FilePullJob(*this, remotePath, sink);
    job->start();
    return job;
}

FilePushJob *FileManager::push(const QString &localPath, const QString &remotePath,
                               const FileWriteOptions &options) const
{
    auto *job = new FilePushJob(*this, localPath, remotePath, options);
    job->start();
    return job;
}

FilePushJob *FileManager::put(QIODevice *source, qint64 size, const QString &remotePath,
                              const FileWriteOptions &options) const
{
    auto *job = new FilePushJob(*this, source, size, remotePath, options);
    job->start();
    return job;
}

ApiJob *FileManager::deleteFile(const QString &path) const
{
    return m_client.send(request(QByteArrayLiteral("DELETE"), path));
}

ApiJob *FileManager::makeDirectory(const QString &path, const FileWriteOptions &options) const
{
    return m_client.send(withWriteHeaders(request(QByteArrayLiteral("POST"), path), "directory", options));
}

ApiJob *FileManager::makeSymlink(const QString &path, const QString &target,
                                 const FileWriteOptions &options) const
{
    FileWriteOptions linkOptions = options;
    linkOptions.mode = -1; // links have no mode of their own
    HttpRequest request
        = withWriteHeaders(this->request(QByteArrayLiteral("POST"), path), "symlink", linkOptions);
    request.body = target.toUtf8();
    return m_client.send(request);
}

FileTreePushJob *FileManager::pushTree(const QString &localDirectory, const QString &remoteDirectory) const
{
    auto *job = new FileTreePushJob(*this, localDirectory, remoteDirectory);
    job->start();
    return job;
}

FileTreePullJob *FileManager::pullTree(const QString &remoteDirectory, const QString &localDirectory) const
{
    auto *job = new FileTreePullJob(*this, remoteDirectory, localDirectory);
    job->start();
    return job;
}

} // namespace Lxd
