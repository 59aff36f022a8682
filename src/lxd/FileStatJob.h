#pragma once

#include "FileDownloadSink.h"
#include "FileEntry.h"
#include "FileManager.h"
#include "Job.h"

#include <QPointer>

namespace Lxd {

class HttpReply;

// Metadata of one path in an instance. With `instance_file_head` a HEAD gives type, mode, owner and
// time; LXD 5.0's HEAD has no length, so a file's size then comes from a one-byte ranged GET, and a
// link's target from a GET of the link (its body). Without HEAD, the ranged GET gives everything.
// No request ever brings a whole file: a server that ignores the range is cut off after its headers.
class FileStatJob final : public Job
{
    Q_OBJECT

public:
    enum class Detail {
        Basic, // type, mode, owner, time: one request
        Full, // and a file's size, a link's target
    };

    FileStatJob(const FileManager &files, const QString &path, Detail detail = Detail::Full,
                QObject *parent = nullptr);
    ~FileStatJob() override;

    void start();

    QString path() const { return m_path; }
    FileEntry entry() const { return m_entry; }
    // Whether the metadata came from HEAD (the server has `instance_file_head`).
    bool usedHead() const { return m_usedHead; }

    // A link's target is a path: anything longer is not one.
    static constexpr qint64 MaxLinkTargetBytes = 64 * 1024;

protected:
    void stopWork() override;

private:
    enum class Step { Head, RangedGet, LinkGet };

    void send(Step step);
    void onHeaders();
    void onFinished();
    void dropReply();

    FileManager m_files;
    QString m_path;
    Detail m_detail;
    Step m_step = Step::Head;
    QPointer<HttpReply> m_reply;
    FileDownloadSink m_sink;
    FileEntry m_entry;
    bool m_usedHead = false;
    bool m_sizeFromHeaders = false;
};

} // namespace Lxd
