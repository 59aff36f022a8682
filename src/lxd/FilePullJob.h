#pragma once

#include "FileDownloadSink.h"
#include "FileEntry.h"
#include "FileManager.h"
#include "Job.h"

#include <QFile>
#include <QPointer>

#include <memory>

namespace Lxd {

class HttpReply;
class LocalPathGuard;

// Downloads one file from an instance, streamed: to a local file, or into a device the caller owns.
// A local file is written under a temporary name in its folder (through a LocalPathGuard, never
// through a link) and renamed when complete, with the remote mode (less set-user-ID, set-group-ID
// and sticky bits) and modification time; a failed or cancelled download removes it, so nothing
// partial is ever left under the final name. A link becomes a local link with the target the server
// gives. A folder is an error. progress() reports bytes received and the file's size.
class FilePullJob final : public Job
{
    Q_OBJECT

public:
    // To `localPath`; its folder must exist.
    FilePullJob(const FileManager &files, const QString &remotePath, const QString &localPath,
                QObject *parent = nullptr);
    // To `relativePath` below the guard's folder (tree pulls share one guard).
    FilePullJob(const FileManager &files, const QString &remotePath, std::shared_ptr<LocalPathGuard> guard,
                const QString &relativePath, QObject *parent = nullptr);
    // Into `sink` (open for writing, not owned). A link's target is then in entry(), not in the sink.
    FilePullJob(const FileManager &files, const QString &remotePath, QIODevice *sink,
                QObject *parent = nullptr);
    ~FilePullJob() override;

    void start();

    QString remotePath() const { return m_remotePath; }
    // The local file's final path (empty when pulling into a device).
    QString localPath() const;
    // The remote file's metadata, from the reply's headers (size from Content-Length).
    FileEntry entry() const { return m_entry; }
    qint64 bytesReceived() const { return m_sink.bytesReceived(); }

protected:
    void stopWork() override;

private:
    void onHeaders();
    void onFinished();
    void fail(const Error &error);
    Error commitFile();
    void dropReply();
    void discardTemporary();

    FileManager m_files;
    QString m_remotePath;
    std::shared_ptr<LocalPathGuard> m_guard;
    QString m_relativePath;
    QPointer<QIODevice> m_device;
    bool m_toDevice = false;

    QPointer<HttpReply> m_reply;
    FileDownloadSink m_sink;
    QFile m_file;
    QString m_temporaryName;
    FileEntry m_entry;
};

} // namespace Lxd
