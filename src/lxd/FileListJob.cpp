#include "FileListJob.h"

#include "FileStatJob.h"
#include "HttpReply.h"
#include "LocalPathGuard.h"
#include "Response.h"
#include "Transport.h"

#include <QJsonArray>

#include <algorithm>

namespace Lxd {

FileListJob::FileListJob(const FileManager &files, const QString &directory, QObject *parent)
    : Job(parent)
    , m_files(files)
    , m_directory(directory)
{ }

FileListJob::~FileListJob()
{
    dropAll();
}

void FileListJob::start()
{
    if (!m_files.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    HttpRequest request = m_files.request(QByteArrayLiteral("GET"), m_directory);
    m_sink.setMemoryLimit(MaxListingBytes, FileDownloadSink::Overflow::Fail);
    request.responseSink = &m_sink;
    m_reply = m_files.client().connection()->transport()->send(request);
    connect(m_reply, &HttpReply::headersReceived, this, &FileListJob::onHeaders);
    connect(m_reply, &HttpReply::finished, this, &FileListJob::onListingFinished);
}

void FileListJob::onHeaders()
{
    HttpReply *reply = m_reply;
    if (!reply || reply->statusCode() < 200 || reply->statusCode() >= 300)
        return;
    m_directoryEntry = FileEntry::fromHeaders(m_directory, reply->headers());
    if (m_directoryEntry.type != FileEntry::Type::Directory) {
        // A file's contents would follow: not wanted.
        dropAll();
        finishWith(
            Error(Error::Kind::Io, QStringLiteral("%1 in the instance is not a folder").arg(m_directory)));
    }
}

void FileListJob::onListingFinished()
{
    HttpReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();
    Error error = FileManager::replyError(*reply);
    if (error) {
        finishWith(error);
        return;
    }
    Response response;
    error = Response::parse(reply->statusCode(), m_sink.data(), &response);
    if (!error && !response.metadata.isArray())
        error = Error::parse(QStringLiteral("the listing of %1 is not a list of names").arg(m_directory));
    if (error) {
        finishWith(error);
        return;
    }

    QSet<QString> seen;
    const QJsonArray names = response.metadata.toArray();
    for (const QJsonValue &value : names) {
        const QString name = value.toString();
        QString why = value.isString() ? LocalPathGuard::nameRefusal(name) : QStringLiteral("not a string");
        if (why.isEmpty() && seen.contains(name))
            why = QStringLiteral("listed twice");
        if (!why.isEmpty()) {
            FileTransferIssue issue;
            issue.kind = FileTransferIssue::Kind::RefusedName;
            issue.path = m_directory;
            issue.name = name;
            issue.error = Error(
                Error::Kind::Io,
                QStringLiteral("refused the name \"%1\" listed in %2: %3").arg(name, m_directory, why));
            m_refused.append(issue);
            Q_EMIT nameRefused(issue);
            continue;
        }
        seen.insert(name);
        m_pending.append(name);
    }
    std::sort(m_pending.begin(), m_pending.end());

    if (m_maxParallel == 0) {
        for (const QString &name : std::as_const(m_pending)) {
            FileEntry entry;
            entry.name = name;
            entry.path = FileManager::joinPath(m_directory, name);
            m_entries.append(entry);
        }
        m_pending.clear();
        finishWith();
        return;
    }
    std::reverse(m_pending.begin(), m_pending.end()); // taken from the back, in name order
    startStats();
}

void FileListJob::startStats()
{
    while (!isFinished() && m_running.size() < m_maxParallel && !m_pending.isEmpty()) {
        const QString name = m_pending.takeLast();
        auto *job = new FileStatJob(m_files, FileManager::joinPath(m_directory, name),
                                    m_fullDetail ? FileStatJob::Detail::Full : FileStatJob::Detail::Basic);
        m_running.append(job);
        connect(job, &Job::finished, this, &FileListJob::onStatFinished);
        job->start();
    }
    if (!isFinished() && m_running.isEmpty() && m_pending.isEmpty()) {
        std::sort(m_entries.begin(), m_entries.end(),
                  [](const FileEntry &a, const FileEntry &b) { return a.name < b.name; });
        finishWith();
    }
}

void FileListJob::onStatFinished(Job *job)
{
    auto *stat = static_cast<FileStatJob *>(job);
    m_running.removeAll(stat);
    if (isFinished())
        return;
    const Error error = stat->error();
    if (!error) {
        m_entries.append(stat->entry());
    } else if (!error.isNotFound()) {
        // Removed between the listing and now is normal; any other failure is the listing's.
        dropAll();
        finishWith(error);
        return;
    }
    startStats();
}

void FileListJob::stopWork()
{
    dropAll();
}

void FileListJob::dropAll()
{
    if (HttpReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    const QList<QPointer<FileStatJob>> running = std::exchange(m_running, {});
    for (const QPointer<FileStatJob> &job : running) {
        if (job)
            job->abandon();
    }
}

} // namespace Lxd
