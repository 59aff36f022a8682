#include "FileCopyJob.h"

#include "lxd/FileStatJob.h"
#include "lxd/FileTreePullJob.h"
#include "lxd/HttpReply.h"
#include "lxd/Transport.h"

namespace Transfers {

using Lxd::Error;
using Lxd::FileEntry;
using Lxd::FileManager;

namespace {

// "bytes 0-8388607/536870912" -> 0 and 536870912; false when it is not that.
bool parseContentRange(const QByteArray &value, qint64 *start, qint64 *total)
{
    const QByteArray text = value.trimmed();
    if (!text.startsWith("bytes "))
        return false;
    const qsizetype dash = text.indexOf('-');
    const qsizetype slash = text.indexOf('/');
    if (dash < 0 || slash < dash)
        return false;
    bool startOk = false;
    bool totalOk = false;
    *start = text.mid(6, dash - 6).toLongLong(&startOk);
    *total = text.mid(slash + 1).toLongLong(&totalOk);
    return startOk && totalOk;
}

} // namespace

FileCopyJob::FileCopyJob(const FileManager &source, const QString &sourcePath, const FileManager &target,
                         const QString &targetPath, QObject *parent)
    : Job(parent)
    , m_source(source)
    , m_sourcePath(sourcePath)
    , m_target(target)
    , m_targetPath(targetPath)
{
    // Every read of the pipe by the upload may make room for the next range.
    connect(&m_pipe, &StreamPipe::consumed, this, &FileCopyJob::fetchMore, Qt::QueuedConnection);
}

FileCopyJob::~FileCopyJob()
{
    dropAll();
}

void FileCopyJob::setSourceEntry(const FileEntry &entry)
{
    m_entry = entry;
    m_haveEntry = true;
}

void FileCopyJob::start()
{
    if (!m_source.isValid() || !m_target.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    if (m_haveEntry) {
        checkTarget();
        return;
    }
    auto *stat = new Lxd::FileStatJob(m_source, m_sourcePath, Lxd::FileStatJob::Detail::Full);
    m_step = stat;
    connect(stat, &Job::finished, this, &FileCopyJob::onSourceStat);
    stat->start();
}

void FileCopyJob::onSourceStat(Job *job)
{
    m_step = nullptr;
    if (job->error()) {
        fail(job->error());
        return;
    }
    m_entry = static_cast<Lxd::FileStatJob *>(job)->entry();
    m_haveEntry = true;
    if (m_entry.isSymlink() && !m_linkRoot.isEmpty())
        m_entry.symlinkTarget
            = Lxd::FileTreePullJob::localLinkTarget(m_linkRoot, m_sourcePath, m_entry.symlinkTarget);
    checkTarget();
}

void FileCopyJob::checkTarget()
{
    if (m_entry.isDirectory()) {
        fail(Error(Error::Kind::Io, QStringLiteral("%1 is a folder, not a file").arg(m_sourcePath)));
        return;
    }
    if (!m_entry.isFile() && !m_entry.isSymlink()) {
        fail(Error(Error::Kind::Io, QStringLiteral("%1 is not a file or a link").arg(m_sourcePath)));
        return;
    }
    if (m_entry.isFile() && m_entry.size < 0) {
        fail(Error::parse(QStringLiteral("the server did not say how large %1 is").arg(m_sourcePath)));
        return;
    }
    if (!m_replace) {
        m_targetIsOurs = true;
        write();
        return;
    }
    auto *stat = new Lxd::FileStatJob(m_target, m_targetPath, Lxd::FileStatJob::Detail::Basic);
    m_step = stat;
    connect(stat, &Job::finished, this, &FileCopyJob::onTargetChecked);
    stat->start();
}

void FileCopyJob::onTargetChecked(Job *job)
{
    m_step = nullptr;
    const Error error = job->error();
    if (error && !error.isNotFound()) {
        fail(error);
        return;
    }
    m_targetIsOurs = true;
    if (error) {
        write();
        return;
    }
    if (static_cast<Lxd::FileStatJob *>(job)->entry().isDirectory()) {
        fail(Error(Error::Kind::Io, QStringLiteral("%1 in the instance is a folder").arg(m_targetPath)));
        return;
    }
    removeExisting();
}

void FileCopyJob::removeExisting()
{
    m_step = m_target.deleteFile(m_targetPath);
    connect(m_step, &Job::finished, this, [this](Job *job) {
        m_step = nullptr;
        if (job->error() && !job->error().isNotFound()) {
            fail(job->error());
            return;
        }
        write();
    });
}

void FileCopyJob::write()
{
    if (m_entry.isSymlink())
        writeLink();
    else
        startUpload();
}

void FileCopyJob::writeLink()
{
    Lxd::FileWriteOptions options;
    options.uid = m_entry.uid;
    options.gid = m_entry.gid;
    m_step = m_target.makeSymlink(m_targetPath, m_entry.symlinkTarget, options);
    connect(m_step, &Job::finished, this, [this](Job *job) {
        m_step = nullptr;
        if (job->error()) {
            fail(job->error());
            return;
        }
        finishWith();
    });
}

void FileCopyJob::startUpload()
{
    Lxd::FileWriteOptions options;
    options.mode = m_entry.mode;
    options.uid = m_entry.uid;
    options.gid = m_entry.gid;
    Lxd::HttpRequest request = FileManager::withWriteHeaders(
        m_target.request(QByteArrayLiteral("POST"), m_targetPath), QByteArrayLiteral("file"), options);
    request.bodySource = &m_pipe;
    request.bodySourceSize = m_entry.size;
    m_upload = m_target.client().connection()->transport()->send(request);
    connect(m_upload, &Lxd::HttpReply::uploadProgress, this, [this](qint64 sent, qint64) {
        m_sent = sent;
        Q_EMIT progress(sent, m_entry.size);
    });
    connect(m_upload, &Lxd::HttpReply::finished, this, &FileCopyJob::onUploadFinished);
    if (m_entry.size == 0)
        m_pipe.finishWriting();
    else
        fetchMore();
}

void FileCopyJob::fetchMore()
{
    if (isFinished() || m_range || m_fetched >= m_entry.size || m_pipe.bufferedBytes() >= ChunkSize)
        return;
    m_rangeStart = m_fetched;
    const qint64 end = qMin(m_entry.size, m_fetched + ChunkSize) - 1;
    Lxd::HttpRequest request = m_source.request(QByteArrayLiteral("GET"), m_sourcePath);
    request.setHeader(QByteArrayLiteral("Range"),
                      "bytes=" + QByteArray::number(m_rangeStart) + '-' + QByteArray::number(end));
    request.responseSink = &m_pipe;
    m_range = m_source.client().connection()->transport()->send(request);
    connect(m_range, &Lxd::HttpReply::headersReceived, this, &FileCopyJob::onRangeHeaders);
    connect(m_range, &Lxd::HttpReply::finished, this, &FileCopyJob::onRangeFinished);
}

void FileCopyJob::onRangeHeaders()
{
    Lxd::HttpReply *reply = m_range;
    if (!reply)
        return;
    const int status = reply->statusCode();
    if (status < 200 || status >= 300)
        return; // an error envelope: reported when the reply ends
    qint64 start = 0;
    qint64 total = -1;
    const bool ranged = status == 206
        && parseContentRange(reply->header(QByteArrayLiteral("Content-Range")), &start, &total);
    // A server that ignores the range sends the whole file: fine only when it fits in one chunk.
    const bool whole = status == 200 && m_rangeStart == 0 && m_entry.size <= ChunkSize;
    QString why;
    if (!ranged && !whole)
        why = QStringLiteral("the server of %1 does not send parts of files").arg(m_sourcePath);
    else if (ranged && (start != m_rangeStart || total != m_entry.size))
        why = QStringLiteral("%1 changed while it was being copied").arg(m_sourcePath);
    if (!why.isEmpty())
        fail(Error(Error::Kind::Io, why));
}

void FileCopyJob::onRangeFinished()
{
    Lxd::HttpReply *reply = m_range;
    if (!reply)
        return;
    m_range = nullptr;
    reply->disconnect(this);
    reply->deleteLater();
    const Error error = FileManager::replyError(*reply);
    if (error) {
        fail(error);
        return;
    }
    const qint64 received = m_pipe.totalWritten() - m_fetched;
    if (received <= 0) {
        fail(Error::network(
            QStringLiteral("%1: the server sent nothing from byte %2").arg(m_sourcePath).arg(m_rangeStart)));
        return;
    }
    m_fetched += received;
    if (m_fetched > m_entry.size) {
        fail(Error(Error::Kind::Io, QStringLiteral("%1 grew while it was being copied").arg(m_sourcePath)));
        return;
    }
    if (m_fetched == m_entry.size)
        m_pipe.finishWriting();
    else
        fetchMore();
}

void FileCopyJob::onUploadFinished()
{
    Lxd::HttpReply *reply = m_upload;
    if (!reply)
        return;
    m_upload = nullptr;
    reply->disconnect(this);
    reply->deleteLater();
    const Error error = FileManager::replyError(*reply);
    if (error) {
        fail(error);
        return;
    }
    m_sent = m_entry.size;
    Q_EMIT progress(m_sent, m_entry.size);
    finishWith();
}

void FileCopyJob::fail(const Error &error)
{
    if (isFinished())
        return;
    const bool uploading = m_upload != nullptr;
    dropAll();
    // What the upload wrote is partial; anything else at the path is not ours to remove.
    if (uploading && m_targetIsOurs)
        m_target.discardPartialUpload(m_targetPath);
    finishWith(error);
}

void FileCopyJob::stopWork()
{
    const bool uploading = m_upload != nullptr;
    dropAll();
    if (uploading && m_targetIsOurs)
        m_target.discardPartialUpload(m_targetPath);
}

void FileCopyJob::dropAll()
{
    if (m_step)
        m_step->abandon();
    m_step = nullptr;
    for (QPointer<Lxd::HttpReply> *pointer : {&m_range, &m_upload}) {
        if (Lxd::HttpReply *reply = *pointer) {
            *pointer = nullptr;
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
    }
}

} // namespace Transfers
