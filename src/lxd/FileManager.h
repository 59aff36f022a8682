#pragma once

#include "Client.h"
#include "FileWriteOptions.h"
#include "HttpRequest.h"

#include <QString>

class QIODevice;

namespace Lxd {

class FileListJob;
class FilePullJob;
class FilePushJob;
class FileStatJob;
class FileTreePullJob;
class FileTreePushJob;
class HttpReply;

// The files of one instance (`/1.0/instances/<name>/files`): pylxd's `instance.files`. Cheap to copy.
//
// Every transfer streams from and to disk (or a device) with progress and can be cancelled. Names
// that come from the server never become local paths unchecked: pulls write through LocalPathGuard.
// A running job keeps the client's connection alive until it ends.
class FileManager
{
public:
    FileManager() = default;
    FileManager(const Client &client, const QString &instance);

    const Client &client() const { return m_client; }
    QString instance() const { return m_instance; }
    bool isValid() const { return m_client.isValid() && !m_instance.isEmpty(); }
    // HEAD on the files endpoint (API extension `instance_file_head`); without it metadata comes from GET.
    bool canHead() const;

    // Metadata of one path: type, mode, owner, modification time, size of a file, target of a link.
    FileStatJob *stat(const QString &path) const;
    // A folder's entries, each with its metadata.
    FileListJob *list(const QString &directory) const;

    // Downloads a file to `localPath`, written under a temporary name beside it and renamed when
    // complete; a link becomes a local link. pylxd's `files.get`, streamed.
    FilePullJob *pull(const QString &remotePath, const QString &localPath) const;
    // Downloads a file into `sink` (open for writing, owned by the caller, kept alive until the end).
    FilePullJob *get(const QString &remotePath, QIODevice *sink) const;
    // Uploads a local file; its mode is kept unless `options` gives one. pylxd's `files.put`, streamed.
    FilePushJob *push(const QString &localPath, const QString &remotePath,
                      const FileWriteOptions &options = {}) const;
    // Uploads `size` bytes read from `source` (open for reading, owned by the caller).
    FilePushJob *put(QIODevice *source, qint64 size, const QString &remotePath,
                     const FileWriteOptions &options = {}) const;

    // DELETE (API extension `file_delete`): a file, a link or an empty folder.
    ApiJob *deleteFile(const QString &path) const;
    // A folder; its parent must exist. An existing folder is left as it is (LXD answers success).
    ApiJob *makeDirectory(const QString &path, const FileWriteOptions &options = {}) const;
    // A symbolic link to `target` (stored as given). Fails when something exists at `path`.
    ApiJob *makeSymlink(const QString &path, const QString &target,
                        const FileWriteOptions &options = {}) const;

    // The contents of `localDirectory` into `remoteDirectory` (made when missing), recursively, keeping
    // modes and links. pylxd's `files.recursive_put`.
    FileTreePushJob *pushTree(const QString &localDirectory, const QString &remoteDirectory) const;
    // The contents of `remoteDirectory` into `localDirectory` (made when missing; its parent must
    // exist), recursively, keeping modes and links. pylxd's `files.recursive_get`.
    FileTreePullJob *pullTree(const QString &remoteDirectory, const QString &localDirectory) const;

    // Building blocks for the jobs.
    HttpRequest request(const QByteArray &method, const QString &path) const;
    static HttpRequest withWriteHeaders(HttpRequest request, const QByteArray &type,
                                        const FileWriteOptions &options);
    // "/root" + "a" -> "/root/a"; "/" + "a" -> "/a".
    static QString joinPath(const QString &directory, const QString &name);
    // The outcome of a finished file request: the transport's error, or LXD's error envelope for a
    // status other than 2xx.
    static Error replyError(const HttpReply &reply);
    // Removes what a failed or cancelled upload left at `path`, in the background: the job that
    // started the upload may be gone before the daemon answers.
    void discardPartialUpload(const QString &path) const;

private:
    Client m_client;
    QString m_instance;
};

} // namespace Lxd
