#include "FileStatJob.h"

#include "HttpReply.h"
#include "Transport.h"

namespace Lxd {

namespace {

// "bytes 0-0/1234" (206) or "bytes */1234" (416): the total after the slash.
qint64 totalFromContentRange(const QByteArray &value)
{
    const qsizetype slash = value.lastIndexOf('/');
    if (slash < 0)
        return -1;
    bool ok = false;
    const qint64 total = value.mid(slash + 1).trimmed().toLongLong(&ok);
    return ok && total >= 0 ? total : -1;
}

qint64 contentLength(const HttpReply &reply)
{
    const QByteArray value = reply.header(QByteArrayLiteral("Content-Length"));
    bool ok = false;
    const qint64 length = value.trimmed().toLongLong(&ok);
    return ok && length >= 0 ? length : -1;
}

} // namespace

FileStatJob::FileStatJob(const FileManager &files, const QString &path, Detail detail, QObject *parent)
    : Job(parent)
    , m_files(files)
    , m_path(path)
    , m_detail(detail)
{ }

FileStatJob::~FileStatJob()
{
    dropReply();
}

void FileStatJob::start()
{
    if (!m_files.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    m_usedHead = m_files.canHead();
    send(m_usedHead ? Step::Head : Step::RangedGet);
}

void FileStatJob::send(Step step)
{
    m_step = step;
    HttpRequest request
        = m_files.request(step == Step::Head ? QByteArrayLiteral("HEAD") : QByteArrayLiteral("GET"), m_path);
    m_sink.setTarget(nullptr);
    if (step == Step::RangedGet) {
        request.setHeader(QByteArrayLiteral("Range"), QByteArrayLiteral("bytes=0-0"));
        // A folder's listing or the first byte: not needed, dropped.
        m_sink.setMemoryLimit(0, FileDownloadSink::Overflow::Discard);
        request.responseSink = &m_sink;
    } else if (step == Step::LinkGet) {
        m_sink.setMemoryLimit(MaxLinkTargetBytes, FileDownloadSink::Overflow::Fail);
        request.responseSink = &m_sink;
    }
    m_reply = m_files.client().connection()->transport()->send(request);
    connect(m_reply, &HttpReply::headersReceived, this, &FileStatJob::onHeaders);
    connect(m_reply, &HttpReply::finished, this, &FileStatJob::onFinished);
}

void FileStatJob::onHeaders()
{
    HttpReply *reply = m_reply;
    if (!reply || m_step != Step::RangedGet || reply->statusCode() != 200)
        return;
    // The server ignored the range and is sending a whole file: its length is all we wanted.
    const FileEntry entry = FileEntry::fromHeaders(m_path, reply->headers());
    if (entry.type != FileEntry::Type::File)
        return;
    m_entry = entry;
    m_entry.size = contentLength(*reply);
    dropReply();
    finishWith();
}

void FileStatJob::onFinished()
{
    HttpReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();

    const Error error = FileManager::replyError(*reply);
    const int status = reply->statusCode();
    // An empty file answers a range with 416 and its size in Content-Range: not an error here.
    if (error && !(m_step == Step::RangedGet && status == 416)) {
        finishWith(error);
        return;
    }

    if (m_step == Step::LinkGet) {
        m_entry.symlinkTarget = QString::fromUtf8(m_sink.data());
        finishWith();
        return;
    }

    const qint64 size = m_entry.size;
    m_entry = FileEntry::fromHeaders(m_path, reply->headers());
    m_entry.size = size;
    if (m_entry.type == FileEntry::Type::Unknown) {
        finishWith(Error::parse(QStringLiteral("no X-LXD-type in the reply for %1").arg(m_path)));
        return;
    }

    if (m_step == Step::RangedGet && m_entry.isFile()) {
        const QByteArray range = reply->header(QByteArrayLiteral("Content-Range"));
        m_entry.size = status == 200 ? contentLength(*reply) : totalFromContentRange(range);
    } else if (m_step == Step::Head && m_entry.isFile()) {
        // Newer servers may give the length with HEAD.
        m_entry.size = contentLength(*reply);
    }

    if (m_detail == Detail::Full) {
        if (m_entry.isFile() && m_entry.size < 0 && m_step == Step::Head) {
            send(Step::RangedGet);
            return;
        }
        if (m_entry.isSymlink()) {
            send(Step::LinkGet);
            return;
        }
    }
    finishWith();
}

void FileStatJob::stopWork()
{
    dropReply();
}

void FileStatJob::dropReply()
{
    if (HttpReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

} // namespace Lxd
