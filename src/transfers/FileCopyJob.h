#pragma once

#include "StreamPipe.h"
#include "lxd/FileEntry.h"
#include "lxd/FileManager.h"
#include "lxd/Job.h"

#include <QPointer>

namespace Lxd {
class FileStatJob;
class HttpReply;
} // namespace Lxd

namespace Transfers {

// Copies one file or symbolic link from one instance to another (same or different server), streamed:
// the source is read in ranged GETs of ChunkSize bytes into a StreamPipe that is the body of the
// upload, and the next range is asked for only when the upload has drained the pipe, so memory stays
// bounded by about two chunks whatever the file's size and nothing is written to the local disk.
// Mode and owner go with the file. As FilePushJob, an existing file or link at the target is removed
// first (unless told the path is free), a folder there is an error, and a failed or cancelled copy
// removes its partial file from the target. progress() reports bytes written to the target.
class FileCopyJob final : public Lxd::Job
{
    Q_OBJECT

public:
    FileCopyJob(const Lxd::FileManager &source, const QString &sourcePath, const Lxd::FileManager &target,
                const QString &targetPath, QObject *parent = nullptr);
    ~FileCopyJob() override;

    // The source's metadata, when a listing gave it already (no stat request then). A link's target is
    // written exactly as given here.
    void setSourceEntry(const Lxd::FileEntry &entry);
    // Whether something may be at the target path already (the default). Off: it is known to be free.
    void setReplaceExisting(bool replace) { m_replace = replace; }
    // LXD 5.0 reports a relative link target joined with the link's folder: one inside `folder` is made
    // relative again (see FileTreePullJob::localLinkTarget). Only for links stat()ed by this job.
    void setLinkRoot(const QString &folder) { m_linkRoot = folder; }

    void start();

    QString sourcePath() const { return m_sourcePath; }
    QString targetPath() const { return m_targetPath; }
    Lxd::FileEntry sourceEntry() const { return m_entry; }
    qint64 size() const { return m_entry.size; }
    qint64 bytesSent() const { return m_sent; }

    static constexpr qint64 ChunkSize = 8 * 1024 * 1024;

protected:
    void stopWork() override;

private:
    void onSourceStat(Lxd::Job *job);
    void checkTarget();
    void onTargetChecked(Lxd::Job *job);
    void removeExisting();
    void write();
    void writeLink();
    void startUpload();
    void fetchMore();
    void onRangeHeaders();
    void onRangeFinished();
    void onUploadFinished();
    void fail(const Lxd::Error &error);
    void dropAll();

    Lxd::FileManager m_source;
    QString m_sourcePath;
    Lxd::FileManager m_target;
    QString m_targetPath;
    Lxd::FileEntry m_entry;
    bool m_haveEntry = false;
    bool m_replace = true;
    QString m_linkRoot;
    bool m_targetIsOurs = false; // whatever is at the target path now was written by us

    QPointer<Lxd::Job> m_step;
    StreamPipe m_pipe;
    QPointer<Lxd::HttpReply> m_range;
    qint64 m_rangeStart = 0;
    qint64 m_fetched = 0; // bytes of the source in the pipe or sent
    QPointer<Lxd::HttpReply> m_upload;
    qint64 m_sent = 0;
};

} // namespace Transfers
