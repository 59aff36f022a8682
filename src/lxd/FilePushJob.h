#pragma once

#include "FileManager.h"
#include "FileWriteOptions.h"
#include "Job.h"

#include <QFile>
#include <QPointer>

namespace Lxd {

class FileStatJob;
class HttpReply;

// Uploads one file into an instance, streamed from a local file or a device (with Content-Length).
// By default an existing file or link at the path is removed first (LXD 5.0 would keep its mode and
// owner, and write through a link); a folder there is an error. A failed or cancelled upload removes
// its partial remote file. progress() reports bytes sent and the file's size.
class FilePushJob final : public Job
{
    Q_OBJECT

public:
    // From a local file; its mode is sent unless `options` gives one.
    FilePushJob(const FileManager &files, const QString &localPath, const QString &remotePath,
                const FileWriteOptions &options, QObject *parent = nullptr);
    // From `source` (open for reading, not owned): `size` bytes from its current position.
    FilePushJob(const FileManager &files, QIODevice *source, qint64 size, const QString &remotePath,
                const FileWriteOptions &options, QObject *parent = nullptr);
    ~FilePushJob() override;

    void start();

    QString localPath() const { return m_localPath; }
    QString remotePath() const { return m_remotePath; }
    qint64 size() const { return m_size; }
    qint64 bytesSent() const { return m_sent; }

protected:
    void stopWork() override;

private:
    void onCheckFinished(Job *job);
    void removeExisting();
    void upload();
    void onUploadFinished();
    void dropAll();

    FileManager m_files;
    QString m_localPath;
    QString m_remotePath;
    FileWriteOptions m_options;
    QFile m_file;
    QPointer<QIODevice> m_source;
    qint64 m_size = -1;
    qint64 m_sent = 0;
    bool m_checked = false; // we know nothing but our own upload can be at the path
    QPointer<FileStatJob> m_check;
    QPointer<ApiJob> m_remove;
    QPointer<HttpReply> m_reply;
};

} // namespace Lxd
