#pragma once

#include "FileManager.h"
#include "FileTransferIssue.h"
#include "FileWriteOptions.h"
#include "Job.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>

namespace Lxd {

// Makes the folders of a tree in an instance, parents first, before its files go (a step of
// FileTreePushJob and of Transfers::FileTreeCopyJob). The top folder is made when missing (its
// parent must exist) and listed when it exists; each folder below it is made, with its mode and
// owner, when it is new, and listed when it was there already, where it keeps its own. So the caller
// knows which names were there before (isExisting()) and replaces only those. A folder that cannot
// be made or listed is reported and what is below it is left out (isLeftOut()); only the top folder
// failing fails the job.
class RemoteFolderTreeJob final : public Job
{
    Q_OBJECT

public:
    struct Folder
    {
        QString relativePath; // see FileTreePaths; "" is the top folder
        FileWriteOptions options; // for a folder that is made
        QString reportedPath; // the path an issue about it names (where it comes from)
    };

    // `folders`: the top folder ("") first, parents before children.
    RemoteFolderTreeJob(const FileManager &files, const QString &remoteDirectory,
                        const QList<Folder> &folders, QObject *parent = nullptr);
    ~RemoteFolderTreeJob() override;

    void start();

    // What the folders are like once made; kept by the caller (the job goes after finished()).
    class Outcome
    {
    public:
        // Whether an entry of that name was in its folder before (only folders that existed are listed).
        bool isExisting(const QString &relativePath) const;
        // Whether it is in (or is) a folder that could not be made or listed.
        bool isLeftOut(const QString &relativePath) const;

    private:
        friend class RemoteFolderTreeJob;
        QHash<QString, QSet<QString>> m_existingNames; // folders that existed before, with their entries
        QSet<QString> m_failed;
    };

    Outcome outcome() const { return m_outcome; }
    QList<FileTransferIssue> issues() const { return m_issues; }

Q_SIGNALS:
    void entryFailed(const Lxd::FileTransferIssue &issue);

protected:
    void begin() override;
    void stopWork() override;

private:
    void prepareNext();
    void onListed(Job *job);
    void onMade(Job *job);
    void makeFolder(const Folder &folder);
    void failFolder(const Folder &folder, const Error &error);
    QString remotePathOf(const QString &relativePath) const;

    FileManager m_files;
    QString m_root;
    QList<Folder> m_folders;
    int m_next = 0;
    QPointer<Job> m_step;
    Outcome m_outcome;
    QList<FileTransferIssue> m_issues;
};

} // namespace Lxd
