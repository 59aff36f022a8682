#pragma once

#include "InstanceLocation.h"
#include "TransferConflict.h"
#include "lxd/Error.h"
#include "lxd/FileEntry.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QDirIterator;

namespace Lxd {
class Job;
struct FileTransferIssue;
} // namespace Lxd

namespace Transfers {

// One transfer in the queue: some files and folders (the items) going from the desktop into an
// instance (upload), from an instance to the desktop (download), or from one instance to another
// (copy, streamed). Items go one after the other; inside a folder several files go at once. A
// transfer reports progress, speed and time left, asks what to do when a name exists (policy or
// question), goes on past an entry that fails (reported in issues()), and can be cancelled and retried
// (a retry does again only the items that did not complete).
//
// Nothing is lost: a download is written under a temporary name (a folder as a whole) and renamed when
// complete; a cancelled or failed upload or copy removes its partial file from the instance; names that
// come from an instance are checked before they touch the local disk.
class Transfer final : public QObject
{
    Q_OBJECT

public:
    enum class Direction { Upload, Download, Copy };
    Q_ENUM(Direction)
    enum class State {
        Queued,
        Running,
        WaitingForAnswer, // a conflict question is open
        Completed, // every item is done (some entries inside may have failed: issues())
        Failed, // an item could not be transferred (the others went on)
        Cancelled,
    };
    Q_ENUM(State)

    // One thing the user gave: a local path (upload) or a path in the source instance.
    struct Item
    {
        QString source;
        QString name; // the name it gets at the destination (may change: "keep both")
        Lxd::FileEntry::Type type = Lxd::FileEntry::Type::Unknown;
        qint64 size = -1; // bytes of a file or of a whole folder, once known
        qint64 bytesDone = 0;
        bool done = false;
        bool failed = false;
        QString writtenName; // what this transfer wrote at the destination, for a retry to replace
    };

    ~Transfer() override;

    Direction direction() const { return m_direction; }
    // "Upload 3 items to local:c1", for people.
    QString title() const;
    // "/home/me → local:c1:/root"
    QString route() const;
    InstanceLocation source() const { return m_source; }
    InstanceLocation target() const { return m_target; }
    // The folder everything goes into: local for a download, else in the target instance.
    QString destination() const { return m_destination; }
    QList<Item> items() const { return m_items; }
    // Where the items are now at the destination (final names, local or in the instance).
    QStringList writtenPaths() const;

    State state() const { return m_state; }
    bool isFinished() const;
    QString stateText() const;

    qint64 bytesDone() const;
    // -1 while some item's size is not known yet.
    qint64 bytesTotal() const;
    // 0–100, or -1 when the total is not known yet.
    int percent() const;
    int itemsDone() const;
    int itemsTotal() const { return static_cast<int>(m_items.size()); }
    // Bytes per second over the last few seconds; 0 when idle.
    double bytesPerSecond() const { return m_speed; }
    // -1 when unknown.
    qint64 secondsLeft() const;
    QString currentName() const;
    // Entries that failed or were refused while the rest went on ("x: cannot read").
    QStringList issues() const { return m_issues; }
    // Why the transfer failed (or the items that failed).
    QString errorMessage() const { return m_errorMessage; }

    ConflictChoice conflictPolicy() const { return m_policy; }
    void setConflictPolicy(ConflictChoice policy) { m_policy = policy; }
    // The answer to conflictAsked(); `forAll` applies it to the rest of this transfer's items.
    void answerConflict(ConflictChoice choice, bool forAll = false);
    TransferConflict openConflict() const { return m_conflict; }

    void cancel();

Q_SIGNALS:
    // Progress (at most about ten times a second) or state.
    void changed();
    void stateChanged(Transfers::Transfer::State state);
    void conflictAsked(const Transfers::TransferConflict &conflict);
    void finished();

private:
    friend class TransferQueue;
    Transfer(Direction direction, InstanceLocation source, InstanceLocation target, QString destination,
             QList<Item> items, QObject *parent);
    // For the queue.
    void start();
    void prepareRetry();

    enum class WriteMode { New, Replace };

    void setState(State state);
    void measureLocal();
    void nextItem();
    void prepareItem();
    void onSourceKnown();
    // Calls `then(name, exists, existingIsFolder)` once it knows (at once for a local destination).
    void checkDestination(const QString &name, const std::function<void(const QString &, bool, bool)> &then);
    void resolve(ConflictChoice choice, const QString &name, bool existingIsFolder);
    void findFreeName(const QString &name, int number);
    void run(const QString &name, WriteMode mode);
    void runUpload(const QString &name, WriteMode mode);
    void runDownload(const QString &name, WriteMode mode);
    void runCopy(const QString &name, WriteMode mode);
    // Makes `job` the current step; when it ends, `afterwards` (if any) gives the item's outcome, or
    // nothing when it started another step.
    void watch(Lxd::Job *job, std::function<std::optional<Lxd::Error>(Lxd::Job *)> afterwards = {});
    void itemDone(const Lxd::Error &error);
    void addIssues(const QList<Lxd::FileTransferIssue> &issues);
    void addIssue(const QString &message);
    void complete();
    void dropJob();
    void discardTemporaryFolder();
    void noteProgress();
    void sampleSpeed();
    QString destinationPath(const QString &name) const;
    static QString numberedName(const QString &name, int number, bool folder);

    Direction m_direction;
    InstanceLocation m_source;
    InstanceLocation m_target;
    QString m_destination;
    QList<Item> m_items;
    State m_state = State::Queued;
    ConflictChoice m_policy = ConflictChoice::Ask;
    QStringList m_issues;
    QStringList m_failures; // items that failed in this attempt
    QString m_errorMessage;

    int m_current = -1;
    QPointer<Lxd::Job> m_job;
    std::function<std::optional<Lxd::Error>(Lxd::Job *)> m_afterJob;
    qint64 m_jobBytes = 0; // bytes the current job has moved
    QString m_temporaryFolder; // a folder download's temporary name, until it is renamed
    TransferConflict m_conflict;
    QString m_conflictName;
    bool m_conflictWithFolder = false;
    std::unique_ptr<QDirIterator> m_measure; // counting a local folder's bytes, a slice per turn
    qint64 m_measured = 0;

    QTimer m_changeTimer;
    QTimer m_speedTimer;
    QElapsedTimer m_clock;
    std::deque<std::pair<qint64, qint64>> m_samples; // (ms, bytes)
    double m_speed = 0;
};

} // namespace Transfers
