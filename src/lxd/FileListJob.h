#pragma once

#include "FileDownloadSink.h"
#include "FileEntry.h"
#include "FileManager.h"
#include "FileTransferIssue.h"
#include "Job.h"

#include <QList>
#include <QPointer>
#include <QSet>

namespace Lxd {

class FileStatJob;
class HttpReply;

// A folder's entries with their metadata. LXD's GET on a folder gives only names; each entry's
// metadata comes from a FileStatJob, several in flight at once over the transport's connections (at
// most maxParallel()). A name that is not one path component ("..", "a/b", "/etc/passwd", "") is
// refused: reported, not looked up, and not in entries(). An entry that vanished meanwhile is left out.
class FileListJob final : public Job
{
    Q_OBJECT

public:
    FileListJob(const FileManager &files, const QString &directory, QObject *parent = nullptr);
    ~FileListJob() override;

    // Entries' metadata requests in flight at once; set before the listing arrives. 0: names only
    // (every entry's type is Unknown), one request in all.
    void setMaxParallel(int count) { m_maxParallel = qMax(0, count); }
    int maxParallel() const { return m_maxParallel; }
    void setDetail(bool full) { m_fullDetail = full; }

    void start();

    QString directory() const { return m_directory; }
    // The folder itself, from the listing's headers (mode, owner, time).
    FileEntry directoryEntry() const { return m_directoryEntry; }
    // Sorted by name.
    QList<FileEntry> entries() const { return m_entries; }
    QList<FileTransferIssue> refusedNames() const { return m_refused; }

    static constexpr int DefaultMaxParallel = 4;
    // A listing is a JSON array of names; beyond this it is not a listing a person can use.
    static constexpr qint64 MaxListingBytes = 64 * 1024 * 1024;

Q_SIGNALS:
    void nameRefused(const Lxd::FileTransferIssue &issue);

protected:
    void stopWork() override;

private:
    void onHeaders();
    void onListingFinished();
    void startStats();
    void onStatFinished(Job *job);
    void dropAll();

    FileManager m_files;
    QString m_directory;
    int m_maxParallel = DefaultMaxParallel;
    bool m_fullDetail = true;
    QPointer<HttpReply> m_reply;
    FileDownloadSink m_sink;
    FileEntry m_directoryEntry;
    QStringList m_pending;
    QList<QPointer<FileStatJob>> m_running;
    QList<FileEntry> m_entries;
    QList<FileTransferIssue> m_refused;
};

} // namespace Lxd
