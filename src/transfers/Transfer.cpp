#include "Transfer.h"

#include "FileCopyJob.h"
#include "FileTreeCopyJob.h"
#include "lxd/FilePullJob.h"
#include "lxd/FilePushJob.h"
#include "lxd/FileStatJob.h"
#include "lxd/FileTransferIssue.h"
#include "lxd/FileTreePullJob.h"
#include "lxd/FileTreePushJob.h"
#include "lxd/LocalPathGuard.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>
#include <QRandomGenerator>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Transfers {

using Lxd::Error;
using Lxd::FileEntry;
using Lxd::FileManager;
using Lxd::Job;

namespace {

constexpr int ChangeIntervalMs = 100;
constexpr int SpeedSampleMs = 250;
constexpr qint64 SpeedWindowMs = 3000;
constexpr int MeasureSlice = 2000; // local entries counted per event-loop turn
constexpr int MaxKeepBothNumber = 999;

QString folderOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

QString readLocalLink(const QString &path, bool *ok)
{
    QByteArray buffer(4096, Qt::Uninitialized);
    const ssize_t length = ::readlink(QFile::encodeName(path).constData(), buffer.data(), buffer.size());
    *ok = length >= 0 && length < buffer.size();
    return *ok ? QFile::decodeName(buffer.left(length)) : QString();
}

// Removes a folder this transfer made, even one whose folders were already given read-only modes.
void removeLocalTree(const QString &path)
{
    QDirIterator it(path, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString directory = it.next();
        if (!it.fileInfo().isSymLink())
            ::chmod(QFile::encodeName(directory).constData(), 0700);
    }
    ::chmod(QFile::encodeName(path).constData(), 0700);
    QDir(path).removeRecursively();
}

Error ioError(const QString &text)
{
    return Error(Error::Kind::Io, text);
}

} // namespace

Transfer::Transfer(Direction direction, InstanceLocation source, InstanceLocation target, QString destination,
                   QList<Item> items, QObject *parent)
    : QObject(parent)
    , m_direction(direction)
    , m_source(std::move(source))
    , m_target(std::move(target))
    , m_destination(std::move(destination))
    , m_items(std::move(items))
{
    m_changeTimer.setSingleShot(true);
    m_changeTimer.setInterval(ChangeIntervalMs);
    connect(&m_changeTimer, &QTimer::timeout, this, &Transfer::changed);
    m_speedTimer.setInterval(SpeedSampleMs);
    connect(&m_speedTimer, &QTimer::timeout, this, &Transfer::sampleSpeed);
}

Transfer::~Transfer()
{
    dropJob();
    discardTemporaryFolder();
}

QString Transfer::title() const
{
    const int count = itemsTotal();
    const QString what = count == 1 ? m_items.first().name : tr("%n items", nullptr, count);
    switch (m_direction) {
    case Direction::Upload:
        return tr("Upload %1 to %2").arg(what, m_target.label());
    case Direction::Download:
        return tr("Download %1 from %2").arg(what, m_source.label());
    case Direction::Copy:
        return tr("Copy %1 from %2 to %3").arg(what, m_source.label(), m_target.label());
    }
    return what;
}

QString Transfer::route() const
{
    const QString from = m_items.isEmpty() ? QString() : folderOf(m_items.first().source);
    switch (m_direction) {
    case Direction::Upload:
        return tr("%1 → %2:%3").arg(from, m_target.label(), m_destination);
    case Direction::Download:
        return tr("%1:%2 → %3").arg(m_source.label(), from, m_destination);
    case Direction::Copy:
        return tr("%1:%2 → %3:%4").arg(m_source.label(), from, m_target.label(), m_destination);
    }
    return {};
}

QStringList Transfer::writtenPaths() const
{
    QStringList paths;
    for (const Item &item : m_items) {
        if (!item.writtenName.isEmpty())
            paths.append(destinationPath(item.writtenName));
    }
    return paths;
}

bool Transfer::isFinished() const
{
    return m_state == State::Completed || m_state == State::Failed || m_state == State::Cancelled;
}

QString Transfer::stateText() const
{
    switch (m_state) {
    case State::Queued:
        return tr("Waiting");
    case State::Running:
        return currentName().isEmpty() ? tr("Preparing") : currentName();
    case State::WaitingForAnswer:
        return tr("“%1” exists: waiting for an answer").arg(m_conflict.name);
    case State::Completed:
        return m_issues.isEmpty() ? tr("Done") : tr("Done, %n problem(s)", nullptr, int(m_issues.size()));
    case State::Failed:
        return tr("Failed: %1").arg(m_errorMessage);
    case State::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

qint64 Transfer::bytesDone() const
{
    qint64 done = 0;
    for (int i = 0; i < m_items.size(); ++i)
        done += i == m_current && !m_items.at(i).done ? m_jobBytes : m_items.at(i).bytesDone;
    return done;
}

qint64 Transfer::bytesTotal() const
{
    qint64 total = 0;
    for (const Item &item : m_items) {
        if (item.size < 0)
            return -1;
        total += item.size;
    }
    return total;
}

int Transfer::percent() const
{
    const qint64 total = bytesTotal();
    if (total < 0)
        return -1;
    if (total == 0)
        return itemsDone() == itemsTotal() ? 100 : 0;
    return static_cast<int>(qBound(qint64(0), bytesDone() * 100 / total, qint64(100)));
}

int Transfer::itemsDone() const
{
    return static_cast<int>(
        std::count_if(m_items.cbegin(), m_items.cend(), [](const Item &item) { return item.done; }));
}

qint64 Transfer::secondsLeft() const
{
    const qint64 total = bytesTotal();
    if (m_state != State::Running || total < 0 || m_speed <= 0)
        return -1;
    return static_cast<qint64>(double(qMax<qint64>(0, total - bytesDone())) / m_speed + 0.5);
}

QString Transfer::currentName() const
{
    return m_current >= 0 && m_current < m_items.size() ? m_items.at(m_current).name : QString();
}

QString Transfer::destinationPath(const QString &name) const
{
    if (m_direction == Direction::Download)
        return QDir(m_destination).filePath(name);
    return FileManager::joinPath(m_destination, name);
}

QString Transfer::numberedName(const QString &name, int number, bool folder)
{
    // "notes.txt" -> "notes (2).txt"; a folder, a dot file or a name without a dot gets it at the end.
    const qsizetype dot = folder ? -1 : name.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0)
        return QStringLiteral("%1 (%2)").arg(name).arg(number);
    return QStringLiteral("%1 (%2)%3").arg(name.left(dot)).arg(number).arg(name.mid(dot));
}

void Transfer::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    if (state != State::Running)
        m_speed = 0;
    Q_EMIT stateChanged(state);
    m_changeTimer.stop();
    Q_EMIT changed();
}

void Transfer::noteProgress()
{
    if (!m_changeTimer.isActive())
        m_changeTimer.start();
}

void Transfer::sampleSpeed()
{
    if (m_state != State::Running && m_state != State::WaitingForAnswer) {
        m_speedTimer.stop();
        return;
    }
    const qint64 now = m_clock.elapsed();
    m_samples.emplace_back(now, bytesDone());
    while (m_samples.size() > 2 && m_samples.front().first < now - SpeedWindowMs)
        m_samples.pop_front();
    const auto &first = m_samples.front();
    const auto &last = m_samples.back();
    m_speed = last.first > first.first
        ? double(qMax<qint64>(0, last.second - first.second)) * 1000.0 / double(last.first - first.first)
        : 0;
    noteProgress();
}

void Transfer::start()
{
    if (m_state != State::Queued)
        return;
    m_current = -1;
    m_measured = 0;
    m_samples.clear();
    m_clock.start();
    m_speedTimer.start();
    setState(State::Running);
    if (m_direction == Direction::Upload)
        measureLocal();
    else
        nextItem();
}

void Transfer::prepareRetry()
{
    if (m_state != State::Failed && m_state != State::Cancelled)
        return;
    for (Item &item : m_items) {
        item.failed = false;
        if (!item.done)
            item.bytesDone = 0;
    }
    m_issues.clear();
    m_errorMessage.clear();
    m_current = -1;
    m_jobBytes = 0;
    m_speed = 0;
    setState(State::Queued);
}

// Uploads know their totals before the first byte: the local folders are counted a slice at a time.
void Transfer::measureLocal()
{
    if (m_state != State::Running)
        return;
    int counted = 0;
    for (int i = 0; i < m_items.size(); ++i) {
        Item &item = m_items[i];
        if (item.done || item.size >= 0)
            continue;
        if (!m_measure) {
            struct stat info;
            if (::lstat(QFile::encodeName(item.source).constData(), &info) != 0)
                continue; // reported when its turn comes
            if (!S_ISDIR(info.st_mode)) {
                item.size = S_ISREG(info.st_mode) ? info.st_size : 0;
                continue;
            }
            m_measure = std::make_unique<QDirIterator>(
                item.source, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                QDirIterator::Subdirectories);
            m_measured = 0;
        }
        while (m_measure->hasNext() && counted < MeasureSlice) {
            m_measure->next();
            ++counted;
            const QFileInfo info = m_measure->fileInfo();
            if (info.isFile() && !info.isSymLink())
                m_measured += info.size();
        }
        if (m_measure->hasNext()) {
            QMetaObject::invokeMethod(this, &Transfer::measureLocal, Qt::QueuedConnection);
            return;
        }
        item.size = m_measured;
        m_measure.reset();
    }
    noteProgress();
    nextItem();
}

void Transfer::nextItem()
{
    if (m_state != State::Running)
        return;
    do {
        ++m_current;
    } while (m_current < m_items.size() && m_items.at(m_current).done);
    m_jobBytes = 0;
    if (m_current >= m_items.size()) {
        complete();
        return;
    }
    noteProgress();
    prepareItem();
}

void Transfer::prepareItem()
{
    Item &item = m_items[m_current];
    if (m_direction == Direction::Upload) {
        struct stat info;
        if (::lstat(QFile::encodeName(item.source).constData(), &info) != 0) {
            itemDone(ioError(
                tr("cannot read %1: %2").arg(item.source, QString::fromLocal8Bit(std::strerror(errno)))));
            return;
        }
        if (S_ISDIR(info.st_mode)) {
            item.type = FileEntry::Type::Directory;
        } else if (S_ISLNK(info.st_mode)) {
            item.type = FileEntry::Type::Symlink;
            item.size = 0;
        } else if (S_ISREG(info.st_mode)) {
            item.type = FileEntry::Type::File;
            item.size = info.st_size;
        } else {
            itemDone(ioError(tr("%1 is not a file, folder or link").arg(item.source)));
            return;
        }
        onSourceKnown();
        return;
    }
    if (item.type != FileEntry::Type::Unknown && (item.type != FileEntry::Type::File || item.size >= 0)) {
        onSourceKnown();
        return;
    }
    auto *stat = new Lxd::FileStatJob(m_source.files, item.source, Lxd::FileStatJob::Detail::Full);
    m_job = stat;
    connect(stat, &Job::finished, this, [this](Job *job) {
        m_job = nullptr;
        if (job->error()) {
            itemDone(job->error());
            return;
        }
        const FileEntry entry = static_cast<Lxd::FileStatJob *>(job)->entry();
        Item &current = m_items[m_current];
        current.type = entry.type;
        if (!entry.isDirectory())
            current.size = qMax<qint64>(0, entry.size);
        onSourceKnown();
    });
    stat->start();
}

void Transfer::onSourceKnown()
{
    Item &item = m_items[m_current];
    if (m_direction == Direction::Download) {
        // The name comes from the instance: it must be one plain name before it becomes a local path.
        const QString why = Lxd::LocalPathGuard::nameRefusal(item.name);
        if (!why.isEmpty()) {
            itemDone(ioError(tr("refused the name “%1” from %2: %3").arg(item.name, m_source.label(), why)));
            return;
        }
    }
    if (!item.writtenName.isEmpty()) {
        // A retry: what is there is what this transfer wrote before.
        run(item.writtenName, WriteMode::Replace);
        return;
    }
    checkDestination(item.name, [this](const QString &name, bool exists, bool existingIsFolder) {
        if (!exists) {
            run(name, WriteMode::New);
            return;
        }
        const bool incomingIsFolder = m_items.at(m_current).type == FileEntry::Type::Directory;
        if (m_policy != ConflictChoice::Ask) {
            resolve(m_policy, name, existingIsFolder);
            return;
        }
        m_conflict = TransferConflict();
        m_conflict.name = name;
        m_conflict.existingPath = destinationPath(name);
        m_conflict.existingIsFolder = existingIsFolder;
        m_conflict.incomingIsFolder = incomingIsFolder;
        m_conflict.remainingItems = static_cast<int>(m_items.size()) - m_current - 1;
        m_conflictName = name;
        m_conflictWithFolder = existingIsFolder;
        setState(State::WaitingForAnswer);
        Q_EMIT conflictAsked(m_conflict);
    });
}

void Transfer::checkDestination(const QString &name,
                                const std::function<void(const QString &, bool, bool)> &then)
{
    if (m_direction == Direction::Download) {
        struct stat info;
        const QString path = destinationPath(name);
        const bool exists = ::lstat(QFile::encodeName(path).constData(), &info) == 0;
        then(name, exists, exists && S_ISDIR(info.st_mode));
        return;
    }
    auto *stat = new Lxd::FileStatJob(m_target.files, destinationPath(name), Lxd::FileStatJob::Detail::Basic);
    m_job = stat;
    connect(stat, &Job::finished, this, [this, name, then](Job *job) {
        m_job = nullptr;
        const Error error = job->error();
        if (error && !error.isNotFound()) {
            itemDone(error);
            return;
        }
        then(name, !error, !error && static_cast<Lxd::FileStatJob *>(job)->entry().isDirectory());
    });
    stat->start();
}

void Transfer::answerConflict(ConflictChoice choice, bool forAll)
{
    if (m_state != State::WaitingForAnswer || choice == ConflictChoice::Ask)
        return;
    if (forAll)
        m_policy = choice;
    setState(State::Running);
    m_speedTimer.start();
    resolve(choice, m_conflictName, m_conflictWithFolder);
}

void Transfer::resolve(ConflictChoice choice, const QString &name, bool existingIsFolder)
{
    Item &item = m_items[m_current];
    const bool incomingIsFolder = item.type == FileEntry::Type::Directory;
    switch (choice) {
    case ConflictChoice::Overwrite:
        // A folder merges into a folder; a file never replaces a folder, nor a folder a file.
        if (incomingIsFolder != existingIsFolder) {
            itemDone(
                ioError(existingIsFolder
                            ? tr("%1 is a folder: a file cannot replace it").arg(destinationPath(name))
                            : tr("%1 is a file: a folder cannot replace it").arg(destinationPath(name))));
            return;
        }
        run(name, WriteMode::Replace);
        return;
    case ConflictChoice::Skip:
        item.done = true;
        item.bytesDone = qMax<qint64>(0, item.size);
        addIssue(tr("%1: skipped, the name exists").arg(destinationPath(name)));
        nextItem();
        return;
    case ConflictChoice::KeepBoth:
        findFreeName(item.name, 2);
        return;
    case ConflictChoice::Ask:
        break;
    }
}

void Transfer::findFreeName(const QString &name, int number)
{
    if (number > MaxKeepBothNumber) {
        itemDone(ioError(tr("no free name like “%1” in %2").arg(name, m_destination)));
        return;
    }
    const bool folder = m_items.at(m_current).type == FileEntry::Type::Directory;
    checkDestination(numberedName(name, number, folder),
                     [this, name, number](const QString &candidate, bool exists, bool) {
                         if (exists)
                             findFreeName(name, number + 1);
                         else
                             run(candidate, WriteMode::New);
                     });
}

void Transfer::run(const QString &name, WriteMode mode)
{
    m_items[m_current].name = name;
    noteProgress();
    switch (m_direction) {
    case Direction::Upload:
        runUpload(name, mode);
        return;
    case Direction::Download:
        runDownload(name, mode);
        return;
    case Direction::Copy:
        runCopy(name, mode);
        return;
    }
}

void Transfer::watch(Job *job, std::function<std::optional<Error>(Job *)> afterwards)
{
    m_job = job;
    m_afterJob = std::move(afterwards);
    connect(job, &Job::progress, this, [this](qint64 done, qint64) {
        m_jobBytes = done;
        noteProgress();
    });
    connect(job, &Job::finished, this, [this](Job *finished) {
        m_job = nullptr;
        std::optional<Error> error = finished->error();
        if (m_afterJob)
            error = std::exchange(m_afterJob, nullptr)(finished);
        if (error) // else the step went on with another job
            itemDone(*error);
    });
}

void Transfer::runUpload(const QString &name, WriteMode mode)
{
    const Item &item = m_items.at(m_current);
    const QString remotePath = destinationPath(name);
    const FileManager &files = m_target.files;
    if (item.type == FileEntry::Type::Directory) {
        auto *push = new Lxd::FileTreePushJob(files, item.source, remotePath);
        connect(push, &Lxd::FileTreePushJob::scanFinished, this,
                [this](int, qint64 bytes) { m_items[m_current].size = bytes; });
        watch(push, [this](Job *job) -> std::optional<Error> {
            addIssues(static_cast<Lxd::FileTreePushJob *>(job)->issues());
            return job->error();
        });
        push->start();
        return;
    }
    if (item.type == FileEntry::Type::Symlink) {
        bool ok = false;
        const QString target = readLocalLink(item.source, &ok);
        if (!ok) {
            itemDone(ioError(tr("cannot read the link %1").arg(item.source)));
            return;
        }
        auto makeLink = [this, files, remotePath, target] {
            watch(files.makeSymlink(remotePath, target));
        };
        if (mode == WriteMode::New) {
            makeLink();
            return;
        }
        // LXD will not make a link over an existing entry.
        watch(files.deleteFile(remotePath), [makeLink](Job *job) -> std::optional<Error> {
            if (job->error() && !job->error().isNotFound())
                return job->error();
            makeLink();
            return std::nullopt;
        });
        return;
    }
    Lxd::FileWriteOptions options;
    options.replaceExisting = mode == WriteMode::Replace;
    auto *push = new Lxd::FilePushJob(files, item.source, remotePath, options);
    watch(push);
    push->start();
}

void Transfer::runDownload(const QString &name, WriteMode mode)
{
    const Item &item = m_items.at(m_current);
    const FileManager &files = m_source.files;
    if (item.type == FileEntry::Type::Directory) {
        // A new folder is written under a temporary name and renamed when whole; a merge goes in place,
        // each file under its own temporary name.
        QString root = name;
        if (mode == WriteMode::New) {
            m_temporaryFolder = Lxd::LocalPathGuard::temporaryPrefix()
                + QString::number(QRandomGenerator::global()->generate64(), 16);
            root = m_temporaryFolder;
        }
        auto *pull = new Lxd::FileTreePullJob(files, item.source, QDir(m_destination).filePath(root));
        connect(pull, &Lxd::FileTreePullJob::scanFinished, this,
                [this](int, qint64 bytes) { m_items[m_current].size = bytes; });
        watch(pull, [this, name](Job *job) -> std::optional<Error> {
            addIssues(static_cast<Lxd::FileTreePullJob *>(job)->issues());
            if (job->error() || m_temporaryFolder.isEmpty()) {
                discardTemporaryFolder();
                return job->error();
            }
            const QByteArray from = QFile::encodeName(QDir(m_destination).filePath(m_temporaryFolder));
            const QByteArray to = QFile::encodeName(QDir(m_destination).filePath(name));
            // Never over something that appeared meanwhile.
            if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE) != 0) {
                const QString why = QString::fromLocal8Bit(std::strerror(errno));
                discardTemporaryFolder();
                return ioError(tr("cannot rename the downloaded folder to %1: %2")
                                   .arg(QDir(m_destination).filePath(name), why));
            }
            m_temporaryFolder.clear();
            return Error();
        });
        pull->start();
        return;
    }
    if (item.type == FileEntry::Type::Symlink) {
        // Made here rather than by FilePullJob, so that a target LXD made absolute becomes relative again.
        auto *stat = new Lxd::FileStatJob(files, item.source, Lxd::FileStatJob::Detail::Full);
        watch(stat, [this, name](Job *job) -> std::optional<Error> {
            if (job->error())
                return job->error();
            const FileEntry entry = static_cast<Lxd::FileStatJob *>(job)->entry();
            const QString target = Lxd::FileTreePullJob::localLinkTarget(folderOf(entry.path), entry.path,
                                                                         entry.symlinkTarget);
            Lxd::LocalPathGuard guard(m_destination);
            if (!guard.isValid())
                return guard.error();
            return guard.makeSymlink(name, target);
        });
        stat->start();
        return;
    }
    Q_UNUSED(mode) // FilePullJob renames its temporary file over an existing file in any case
    auto *pull = new Lxd::FilePullJob(files, item.source, QDir(m_destination).filePath(name));
    watch(pull);
    pull->start();
}

void Transfer::runCopy(const QString &name, WriteMode mode)
{
    const Item &item = m_items.at(m_current);
    const QString targetPath = destinationPath(name);
    if (item.type == FileEntry::Type::Directory) {
        auto *copy = new FileTreeCopyJob(m_source.files, item.source, m_target.files, targetPath);
        connect(copy, &FileTreeCopyJob::scanFinished, this,
                [this](int, qint64 bytes) { m_items[m_current].size = bytes; });
        watch(copy, [this](Job *job) -> std::optional<Error> {
            addIssues(static_cast<FileTreeCopyJob *>(job)->issues());
            return job->error();
        });
        copy->start();
        return;
    }
    auto *copy = new FileCopyJob(m_source.files, item.source, m_target.files, targetPath);
    copy->setReplaceExisting(mode == WriteMode::Replace);
    copy->setLinkRoot(folderOf(item.source));
    watch(copy);
    copy->start();
}

void Transfer::itemDone(const Error &error)
{
    if (m_state != State::Running || m_current < 0 || m_current >= m_items.size())
        return;
    Item &item = m_items[m_current];
    if (error) {
        item.failed = true;
        m_failures.append(tr("%1: %2").arg(item.name, error.userMessage()));
    } else {
        item.done = true;
        item.writtenName = item.name;
        item.bytesDone = item.size >= 0 ? item.size : m_jobBytes;
        if (item.size < 0)
            item.size = item.bytesDone;
    }
    m_jobBytes = 0;
    noteProgress();
    nextItem();
}

void Transfer::addIssues(const QList<Lxd::FileTransferIssue> &issues)
{
    for (const Lxd::FileTransferIssue &issue : issues)
        addIssue(issue.name.isEmpty() ? tr("%1: %2").arg(issue.path, issue.error.userMessage())
                                      : issue.error.userMessage());
}

void Transfer::addIssue(const QString &message)
{
    m_issues.append(message);
    noteProgress();
}

void Transfer::complete()
{
    m_speedTimer.stop();
    if (!m_failures.isEmpty()) {
        m_errorMessage = m_failures.size() == 1 ? m_failures.first()
                                                : tr("%1 of %2 items could not be transferred; %3")
                                                      .arg(m_failures.size())
                                                      .arg(m_items.size())
                                                      .arg(m_failures.join(QStringLiteral("; ")));
        m_issues = m_failures + m_issues;
        m_failures.clear();
        setState(State::Failed);
    } else {
        setState(State::Completed);
    }
    Q_EMIT finished();
}

void Transfer::cancel()
{
    if (isFinished())
        return;
    dropJob();
    discardTemporaryFolder();
    m_measure.reset();
    m_failures.clear();
    m_speedTimer.stop();
    setState(State::Cancelled);
    Q_EMIT finished();
}

void Transfer::dropJob()
{
    m_afterJob = nullptr;
    if (Job *job = m_job) {
        m_job = nullptr;
        job->disconnect(this);
        // A push or copy in flight removes its partial file from the instance; a pull its temporary file.
        job->abandon();
    }
}

void Transfer::discardTemporaryFolder()
{
    if (m_temporaryFolder.isEmpty())
        return;
    removeLocalTree(QDir(m_destination).filePath(m_temporaryFolder));
    m_temporaryFolder.clear();
}

} // namespace Transfers
