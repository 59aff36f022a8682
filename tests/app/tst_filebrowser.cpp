#include "ConflictPrompt.h"
#include "InstanceFileView.h"
#include "InstanceFilesMimeData.h"
#include "InstanceFilesPage.h"
#include "JobWaiter.h"
#include "LxcCommand.h"
#include "MessageBox.h"
#include "RemoteFileEditor.h"
#include "TestClients.h"
#include "Testbed.h"
#include "TextPrompt.h"
#include "Theme.h"
#include "TransferPanel.h"
#include "lxd/AuthenticateJob.h"
#include "lxd/LocalPathGuard.h"
#include "models/InstanceFolderCache.h"
#include "models/InstanceFolderListModel.h"
#include "models/InstanceFolderTreeModel.h"
#include "models/Remote.h"
#include "transfers/Transfer.h"
#include "transfers/TransferQueue.h"
#include "transfers/TransferQueueModel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUrl>
#include <QUuid>

#include <sys/stat.h>
#include <unistd.h>

using Models::InstanceFolderCache;
using Transfers::Transfer;

namespace {

constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 BigFileSize = 512 * MiB;
// For what only needs a transfer that runs long enough to be cancelled partway (and copies between
// daemons, which check the same things on small files): the 512 MiB file is moved once, by the drop.
constexpr qint64 MediumFileSize = 64 * MiB;
// A name with spaces and letters outside ASCII, as people name files.
const QString OddName = QStringLiteral("Résumé über Größe – 日本.txt");

QByteArray sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

QString readLocalLink(const QString &path)
{
    QByteArray buffer(4096, Qt::Uninitialized);
    const ssize_t length = ::readlink(QFile::encodeName(path).constData(), buffer.data(), buffer.size());
    return length < 0 ? QString() : QFile::decodeName(buffer.left(length));
}

// "relative/path" -> "kind|mode|size|sha256" or "link|target", for every entry below `root`.
QMap<QString, QString> describeLocalTree(const QString &root)
{
    QMap<QString, QString> tree;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(root).relativeFilePath(path);
        struct stat info;
        if (::lstat(QFile::encodeName(path).constData(), &info) != 0)
            continue;
        const QString mode = QString::number(info.st_mode & 07777, 8);
        if (S_ISLNK(info.st_mode))
            tree.insert(relative, QStringLiteral("link|%1").arg(readLocalLink(path)));
        else if (S_ISDIR(info.st_mode))
            tree.insert(relative, QStringLiteral("dir|%1").arg(mode));
        else
            tree.insert(relative,
                        QStringLiteral("file|%1|%2|%3")
                            .arg(mode)
                            .arg(info.st_size)
                            .arg(QString::fromLatin1(sha256OfFile(path))));
    }
    return tree;
}

QStringList leftovers(const QString &root)
{
    QStringList found;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        if (it.fileName().startsWith(Lxd::LocalPathGuard::temporaryPrefix()))
            found.append(it.filePath());
    }
    return found;
}

// Waits for a transfer to end, the event loop turning; false on timeout.
bool waitForTransfer(Transfer *transfer, int timeoutMs = 120000)
{
    if (!transfer)
        return false;
    QElapsedTimer clock;
    clock.start();
    while (!transfer->isFinished() && clock.elapsed() < timeoutMs)
        QTest::qWait(20);
    if (!transfer->isFinished())
        qWarning("still %s after %d ms: %lld of %lld bytes, %d of %d items",
                 qPrintable(transfer->stateText()), timeoutMs, transfer->bytesDone(), transfer->bytesTotal(),
                 transfer->itemsDone(), transfer->itemsTotal());
    return transfer->isFinished();
}

} // namespace

// The Files tab against the real daemons, used the way a person would: folders browsed, files dropped
// from a file manager (a real QDropEvent with file URLs), entries dragged out (the data the drop target
// asks for), dragged from one instance to another on a second daemon, transfers cancelled halfway. Every
// outcome is checked from outside Berth: `lxc exec … sha256sum`, `stat`, `readlink`, and the local disk.
class TestFileBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void browsesFoldersLazily();
    void dropFromFileManagerUploadsEverythingIntact();
    void secondDropAsksAndKeepsBoth();
    void dragOutWritesTheSameTreeBack();
    void dragBetweenInstancesOnTwoDaemonsCopiesStreamed();
    void cancelHalfwayLeavesNoPartialFile();
    void folderActionsChangeTheInstance();
    void fileOpenedInEditorIsUploadedOnSave();

private:
    LxcResult exec(const QString &instance, const QStringList &command,
                   Testbed::Daemon daemon = Testbed::Daemon::Local) const
    {
        return LxcCommand::run(QStringList {QStringLiteral("exec"), instance, QStringLiteral("--")} + command,
                               daemon);
    }
    bool remoteExists(const QString &instance, const QString &path,
                      Testbed::Daemon daemon = Testbed::Daemon::Local) const;
    QMap<QString, QString> describeRemoteTree(const QString &instance, const QString &root,
                                              Testbed::Daemon daemon = Testbed::Daemon::Local) const;
    QString remoteSha256(const QString &instance, const QString &path,
                         Testbed::Daemon daemon = Testbed::Daemon::Local) const;
    bool showFolder(InstanceFilesPage *page, const QString &folder);
    Transfer *dropUrls(InstanceFilesPage *page, const QList<QUrl> &urls);
    Transfer *dropMime(InstanceFilesPage *page, QMimeData *mime);
    Lxd::FileEntry listedEntry(InstanceFilesPage *page, const QString &name) const;
    bool grabTransferPanelInBothThemes(const QString &file);

    QTemporaryDir m_local;
    QString m_fixtures; // what gets dropped
    QString m_bigFile;
    QByteArray m_bigSha;
    QString m_mediumFile; // not in the drop folder
    QString m_tree;
    QString m_link;
    QString m_oddFile;
    QString m_instance; // on the local daemon
    QString m_secondInstance; // on the second daemon
    QByteArray m_secondFingerprint;
    Models::Remote *m_localRemote = nullptr;
    Models::Remote *m_secondRemote = nullptr;
    InstanceFilesPage *m_page = nullptr;
    InstanceFilesPage *m_secondPage = nullptr;
};

void TestFileBrowser::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    if (!Testbed::unavailableReason(Testbed::Daemon::Second).isEmpty())
        QFAIL("the testbed's second daemon is needed");
    MessageBox::setTestMode(true);
    TextPrompt::setTestMode(true);
    QVERIFY(m_local.isValid());

    const QString suffix = QUuid::createUuid().toString(QUuid::Id128).left(8);
    m_instance = QStringLiteral("files-browser-%1").arg(suffix);
    m_secondInstance = QStringLiteral("files-second-%1").arg(suffix);
    LxcResult launched = LxcCommand::run({QStringLiteral("launch"), Testbed::imageAlias(), m_instance});
    QVERIFY2(launched.ok(), qPrintable(launched.errorOutput));
    launched = LxcCommand::run({QStringLiteral("launch"), Testbed::imageAlias(), m_secondInstance},
                               Testbed::Daemon::Second);
    QVERIFY2(launched.ok(), qPrintable(launched.errorOutput));

    // What a user drops: a big file, a tree of 1,000 small files in nested folders (with a relative link
    // and modes of every kind), a link, and a file with spaces and non-ASCII letters in its name.
    m_fixtures = m_local.filePath(QStringLiteral("desktop"));
    QVERIFY(QDir().mkpath(m_fixtures));
    m_bigFile = QDir(m_fixtures).filePath(QStringLiteral("big image.bin"));
    {
        QFile file(m_bigFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCryptographicHash hash(QCryptographicHash::Sha256);
        QRandomGenerator generator(7);
        QByteArray chunk(4 * MiB, Qt::Uninitialized);
        for (qint64 written = 0; written < BigFileSize; written += chunk.size()) {
            generator.fillRange(reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / 4);
            hash.addData(chunk);
            QCOMPARE(file.write(chunk), chunk.size());
        }
        m_bigSha = hash.result().toHex();
    }
    m_mediumFile = m_local.filePath(QStringLiteral("medium.bin"));
    {
        QFile file(m_mediumFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QRandomGenerator generator(5);
        QByteArray chunk(4 * MiB, Qt::Uninitialized);
        for (qint64 written = 0; written < MediumFileSize; written += chunk.size()) {
            generator.fillRange(reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / 4);
            QCOMPARE(file.write(chunk), chunk.size());
        }
    }
    m_tree = QDir(m_fixtures).filePath(QStringLiteral("project tree"));
    QRandomGenerator generator(11);
    int files = 0;
    for (int a = 0; a < 10; ++a) {
        for (int b = 0; b < 10; ++b) {
            const QString folder = QStringLiteral("%1/part-%2/sub %3").arg(m_tree).arg(a).arg(b);
            QVERIFY(QDir().mkpath(folder));
            for (int c = 0; c < 10; ++c) {
                const QString path = QStringLiteral("%1/file-%2.txt").arg(folder).arg(c);
                QFile file(path);
                QVERIFY(file.open(QIODevice::WriteOnly));
                QByteArray bytes(static_cast<int>(generator.bounded(1, 6000)), Qt::Uninitialized);
                generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
                file.write(bytes);
                file.close();
                const mode_t modes[] = {0644, 0600, 0755, 0640, 0444};
                ::chmod(QFile::encodeName(path).constData(), modes[(a + b + c) % 5]);
                ++files;
            }
        }
    }
    QCOMPARE(files, 1000);
    ::chmod(QFile::encodeName(m_tree + QStringLiteral("/part-3")).constData(), 0750);
    QVERIFY(QFile::link(QStringLiteral("sub 1/file-1.txt"), m_tree + QStringLiteral("/part-0/inner link")));
    m_link = QDir(m_fixtures).filePath(QStringLiteral("a link"));
    QVERIFY(QFile::link(QStringLiteral("big image.bin"), m_link));
    m_oddFile = QDir(m_fixtures).filePath(OddName);
    {
        QFile file(m_oddFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Grüße aus dem Container\n");
    }
    ::chmod(QFile::encodeName(m_oddFile).constData(), 0640);

    // The second daemon over HTTPS with a certificate trusted by password: copies leave through the
    // unix socket and arrive through TLS, and back.
    QString why;
    const Lxd::Client second = TestClients::untrustedHttpsClient(
        Testbed::httpsAddress(Testbed::Daemon::Second), &m_secondFingerprint, &why);
    QVERIFY2(second.isValid(), qPrintable(why));
    Lxd::Error error;
    QVERIFY(JobWaiter::wait(second.authenticateWithPassword(Testbed::trustPassword()), &error));
    QVERIFY2(!error, qPrintable(error.userMessage()));
    QVERIFY(JobWaiter::wait(second.getServer(), &error));

    m_localRemote = new Models::Remote(QStringLiteral("local"),
                                       Lxd::Client::overUnixSocket(Testbed::socketPath()), this);
    m_secondRemote = new Models::Remote(QStringLiteral("second"), second, this);
    m_page = new InstanceFilesPage();
    m_page->resize(1200, 800);
    m_page->setInstance(m_localRemote, QStringLiteral("default"), m_instance, QStringLiteral("Running"));
    m_page->show();
    m_secondPage = new InstanceFilesPage();
    m_secondPage->resize(1200, 800);
    m_secondPage->setInstance(m_secondRemote, QStringLiteral("default"), m_secondInstance,
                              QStringLiteral("Running"));
    m_secondPage->show();
}

void TestFileBrowser::cleanupTestCase()
{
    delete m_page;
    delete m_secondPage;
    if (!m_instance.isEmpty())
        LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), m_instance});
    if (!m_secondInstance.isEmpty())
        LxcCommand::run({QStringLiteral("delete"), QStringLiteral("--force"), m_secondInstance},
                        Testbed::Daemon::Second);
    if (!m_secondFingerprint.isEmpty())
        LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("remove"),
                         QString::fromLatin1(m_secondFingerprint.left(12))},
                        Testbed::Daemon::Second);
}

bool TestFileBrowser::remoteExists(const QString &instance, const QString &path, Testbed::Daemon daemon) const
{
    return exec(instance,
                {QStringLiteral("sh"), QStringLiteral("-c"),
                 QStringLiteral("test -e \"$1\" || test -L \"$1\""), QStringLiteral("sh"), path},
                daemon)
        .ok();
}

QString TestFileBrowser::remoteSha256(const QString &instance, const QString &path,
                                      Testbed::Daemon daemon) const
{
    const LxcResult result = exec(instance, {QStringLiteral("sha256sum"), path}, daemon);
    return result.ok() ? result.output.section(QLatin1Char(' '), 0, 0) : QString();
}

// describeLocalTree(), made inside the instance with busybox (and the same format).
QMap<QString, QString> TestFileBrowser::describeRemoteTree(const QString &instance, const QString &root,
                                                           Testbed::Daemon daemon) const
{
    const QString script = QStringLiteral(
        "cd \"$1\" && find . -mindepth 1 | while IFS= read -r f; do "
        "  if [ -L \"$f\" ]; then printf '%s\\tlink|%s\\n' \"$f\" \"$(readlink \"$f\")\"; "
        "  elif [ -d \"$f\" ]; then printf '%s\\tdir|%s\\n' \"$f\" \"$(stat -c %a \"$f\")\"; "
        "  else printf '%s\\tfile|%s|%s|%s\\n' \"$f\" \"$(stat -c %a \"$f\")\" \"$(stat -c %s \"$f\")\" "
        "\"$(sha256sum \"$f\" | cut -d' ' -f1)\"; fi; done");
    const LxcResult result = exec(
        instance, {QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("sh"), root}, daemon);
    QMap<QString, QString> tree;
    const QStringList lines = result.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines)
        tree.insert(line.section(QLatin1Char('\t'), 0, 0).mid(2), line.section(QLatin1Char('\t'), 1));
    return tree;
}

bool TestFileBrowser::showFolder(InstanceFilesPage *page, const QString &folder)
{
    page->pathEdit()->setText(folder);
    QTest::keyClick(page->pathEdit(), Qt::Key_Return);
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 60000) {
        if (page->currentFolder() == folder
            && page->folderCache()->state(folder) == InstanceFolderCache::State::Loaded)
            return true;
        QTest::qWait(20);
    }
    return false;
}

Lxd::FileEntry TestFileBrowser::listedEntry(InstanceFilesPage *page, const QString &name) const
{
    const QList<Lxd::FileEntry> entries = page->listModel()->entries();
    for (const Lxd::FileEntry &entry : entries) {
        if (entry.name == name)
            return entry;
    }
    return {};
}

// The transfer panel in the light theme above the dark one, for docs/screenshots.
bool TestFileBrowser::grabTransferPanelInBothThemes(const QString &file)
{
    TransferPanel *panel = m_page->transferPanel();
    const Theme::Mode before = Theme::mode();
    QList<QImage> shots;
    for (const Theme::Mode mode : {Theme::Mode::Light, Theme::Mode::Dark}) {
        Theme::apply(mode);
        QApplication::processEvents();
        shots.append(panel->grab(QRect(0, 0, panel->width(), qMin(panel->height(), 120))).toImage());
    }
    Theme::apply(before);
    QImage both(shots.first().width(), shots.first().height() + shots.last().height(), QImage::Format_RGB32);
    QPainter painter(&both);
    painter.drawImage(0, 0, shots.first());
    painter.drawImage(0, shots.first().height(), shots.last());
    painter.end();
    return both.save(file);
}

// A drop as the desktop delivers it: enter, move, drop, on the empty space of the file list.
Transfer *TestFileBrowser::dropMime(InstanceFilesPage *page, QMimeData *mime)
{
    QTreeView *view = page->listView();
    QWidget *viewport = view->viewport();
    const QPoint position(viewport->width() / 2, viewport->height() - 8); // below the last row
    const int before = page->transferQueue()->count();
    QDragEnterEvent enter(position, Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    if (!enter.isAccepted())
        return nullptr;
    QDragMoveEvent move(position, Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    if (!move.isAccepted())
        return nullptr;
    QDropEvent drop(position, Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &drop);
    if (!drop.isAccepted() || drop.dropAction() != Qt::CopyAction)
        return nullptr;
    return page->transferQueue()->count() > before ? page->transferQueue()->at(before) : nullptr;
}

Transfer *TestFileBrowser::dropUrls(InstanceFilesPage *page, const QList<QUrl> &urls)
{
    QMimeData mime;
    mime.setUrls(urls);
    return dropMime(page, &mime);
}

void TestFileBrowser::browsesFoldersLazily()
{
    // It opens in /root, with the tree open down to it.
    QTRY_COMPARE_WITH_TIMEOUT(m_page->currentFolder(), QStringLiteral("/root"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(m_page->folderCache()->state(QStringLiteral("/")),
                              InstanceFolderCache::State::Loaded, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(m_page->folderView()->currentIndex().data(Qt::DisplayRole).toString(),
                              QStringLiteral("root"), 10000);
    // Only what was opened is listed.
    QCOMPARE(m_page->folderCache()->state(QStringLiteral("/usr")), InstanceFolderCache::State::NotLoaded);
    // From here on the models are checked at every change (the testers look into every folder, so
    // only after the check above).
    QAbstractItemModelTester listTester(m_page->listView()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester treeTester(m_page->folderView()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);

    // The path bar, then the detail list with what `stat` says.
    QVERIFY(showFolder(m_page, QStringLiteral("/etc")));
    const Lxd::FileEntry hostname = listedEntry(m_page, QStringLiteral("hostname"));
    QVERIFY(hostname.isFile());
    const QStringList stat = exec(m_instance,
                                  {QStringLiteral("stat"), QStringLiteral("-c"), QStringLiteral("%a %s %u"),
                                   QStringLiteral("/etc/hostname")})
                                 .output.trimmed()
                                 .split(QLatin1Char(' '));
    QCOMPARE(stat.size(), 3);
    QCOMPARE(hostname.mode, stat.at(0).toInt(nullptr, 8));
    QCOMPARE(hostname.size, stat.at(1).toLongLong());
    QCOMPARE(hostname.uid, stat.at(2).toLongLong());
    const QModelIndex row = m_page->listModel()->indexOfName(QStringLiteral("hostname"));
    QVERIFY(row.siblingAtColumn(Models::InstanceFolderListModel::ModeColumn)
                .data()
                .toString()
                .contains(QStringLiteral("rw-r--r--")));
    QVERIFY(m_page->folderView()->currentIndex().data(Qt::DisplayRole).toString() == QStringLiteral("etc"));

    // Up, back.
    m_page->upAction()->trigger();
    QCOMPARE(m_page->currentFolder(), QStringLiteral("/"));
    m_page->backAction()->trigger();
    QCOMPARE(m_page->currentFolder(), QStringLiteral("/etc"));
    // A folder made after its parent was listed (here by a shell) is shown open in the tree all the same.
    QVERIFY(exec(m_instance,
                 {QStringLiteral("mkdir"), QStringLiteral("-p"), QStringLiteral("/root/made later/inner")})
                .ok());
    QVERIFY(showFolder(m_page, QStringLiteral("/root/made later/inner")));
    QTRY_COMPARE_WITH_TIMEOUT(
        m_page->folderView()->currentIndex().data(Models::InstanceFolderTreeModel::PathRole).toString(),
        QStringLiteral("/root/made later/inner"), 20000);
    for (QModelIndex parent = m_page->folderView()->currentIndex().parent(); parent.isValid();
         parent = parent.parent())
        QVERIFY2(m_page->folderView()->isExpanded(parent),
                 qPrintable(parent.data(Models::InstanceFolderTreeModel::PathRole).toString()));
    QVERIFY(m_page->folderView()->visualRect(m_page->folderView()->currentIndex()).isValid());

    // A folder that is not there says so.
    m_page->pathEdit()->setText(QStringLiteral("/no/such/folder"));
    QTest::keyClick(m_page->pathEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->message().contains(QStringLiteral("/no/such/folder")), 20000);
}

void TestFileBrowser::dropFromFileManagerUploadsEverythingIntact()
{
    const QString folder = QStringLiteral("/root/dropped here");
    QVERIFY(exec(m_instance, {QStringLiteral("mkdir"), QStringLiteral("-p"), folder}).ok());
    QVERIFY(showFolder(m_page, folder));
    QAbstractItemModelTester tester(m_page->transferPanel()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);

    Transfer *transfer = dropUrls(m_page,
                                  {QUrl::fromLocalFile(m_bigFile), QUrl::fromLocalFile(m_tree),
                                   QUrl::fromLocalFile(m_link), QUrl::fromLocalFile(m_oddFile)});
    QVERIFY2(transfer, "the drop was taken");
    QCOMPARE(transfer->direction(), Transfer::Direction::Upload);
    QCOMPARE(transfer->itemsTotal(), 4);
    // Progress, speed and time left are shown while it runs.
    bool sawProgress = false;
    bool grabbed = false;
    QElapsedTimer clock;
    clock.start();
    while (!transfer->isFinished() && clock.elapsed() < 180000) {
        const QModelIndex row = m_page->transferPanel()->model()->indexOf(transfer);
        if (transfer->percent() > 0 && transfer->percent() < 100 && transfer->bytesPerSecond() > 0
            && !row.siblingAtColumn(Transfers::TransferQueueModel::SpeedColumn).data().toString().isEmpty()) {
            // BERTH_SCREENSHOT_DIR: the Files tab with this transfer in progress, for docs/screenshots.
            const QString screenshots = qEnvironmentVariable("BERTH_SCREENSHOT_DIR");
            if (!grabbed && !screenshots.isEmpty() && transfer->percent() >= 20) {
                grabbed
                    = m_page->grab().save(QDir(screenshots).filePath(QStringLiteral("files-transfer.png")))
                    && grabTransferPanelInBothThemes(
                          QDir(screenshots).filePath(QStringLiteral("transfers.png")));
            }
            sawProgress = true;
        }
        QTest::qWait(50);
    }
    QVERIFY2(transfer->state() == Transfer::State::Completed, qPrintable(transfer->stateText()));
    QVERIFY2(transfer->issues().isEmpty(), qPrintable(transfer->issues().join(QLatin1Char('\n'))));
    QVERIFY(sawProgress);
    QCOMPARE(transfer->bytesDone(), transfer->bytesTotal());

    // Byte for byte, mode for mode, link for link.
    QCOMPARE(remoteSha256(m_instance, folder + QStringLiteral("/big image.bin")).toLatin1(), m_bigSha);
    QCOMPARE(remoteSha256(m_instance, folder + QLatin1Char('/') + OddName).toLatin1(),
             sha256OfFile(m_oddFile));
    QCOMPARE(exec(m_instance,
                  {QStringLiteral("stat"), QStringLiteral("-c"), QStringLiteral("%a"),
                   folder + QLatin1Char('/') + OddName})
                 .output.trimmed(),
             QStringLiteral("640"));
    QCOMPARE(
        exec(m_instance, {QStringLiteral("readlink"), folder + QStringLiteral("/a link")}).output.trimmed(),
        QStringLiteral("big image.bin"));
    const QMap<QString, QString> local = describeLocalTree(m_tree);
    QCOMPARE(local.size(), 1000 + 110 + 1); // files, folders, the link
    const QMap<QString, QString> remote
        = describeRemoteTree(m_instance, folder + QStringLiteral("/project tree"));
    QCOMPARE(remote, local);
    // And the list shows them.
    QTRY_VERIFY_WITH_TIMEOUT(listedEntry(m_page, OddName).isFile(), 30000);
    QVERIFY(listedEntry(m_page, QStringLiteral("a link")).isSymlink());
    QVERIFY(listedEntry(m_page, QStringLiteral("project tree")).isDirectory());
}

void TestFileBrowser::secondDropAsksAndKeepsBoth()
{
    const QString folder = QStringLiteral("/root/dropped here");
    QVERIFY(showFolder(m_page, folder));
    const int asked = ConflictPrompt::askedCount();
    ConflictPrompt::setNextAnswer(Transfers::ConflictChoice::KeepBoth);
    Transfer *transfer = dropUrls(m_page, {QUrl::fromLocalFile(m_oddFile)});
    QVERIFY(transfer);
    QVERIFY(waitForTransfer(transfer));
    QCOMPARE(ConflictPrompt::askedCount(), asked + 1);
    QCOMPARE(ConflictPrompt::lastConflict().name, OddName);
    QCOMPARE(transfer->state(), Transfer::State::Completed);
    const QString kept = QStringLiteral("Résumé über Größe – 日本 (2).txt");
    QCOMPARE(remoteSha256(m_instance, folder + QLatin1Char('/') + kept).toLatin1(), sha256OfFile(m_oddFile));
    QCOMPARE(remoteSha256(m_instance, folder + QLatin1Char('/') + OddName).toLatin1(),
             sha256OfFile(m_oddFile));
}

void TestFileBrowser::dragOutWritesTheSameTreeBack()
{
    const QString folder = QStringLiteral("/root/dropped here");
    QVERIFY(showFolder(m_page, folder));
    QVERIFY(m_page->selectEntries({QStringLiteral("project tree"), QStringLiteral("a link"), OddName,
                                   QStringLiteral("big image.bin")}));
    QCOMPARE(m_page->selectedEntries().size(), 4);

    // A file manager without XDS asks for text/uri-list: everything is downloaded first, then handed out.
    std::unique_ptr<InstanceFilesMimeData> drag(m_page->createDragData(m_page->selectedEntries()));
    QVERIFY(drag->hasFormat(QStringLiteral("text/uri-list")));
    QVERIFY(drag->hasFormat(InstanceFolderCache::MimeType));
    const QList<QUrl> urls = drag->urls();
    QCOMPARE(urls.size(), 4);
    QStringList localPaths;
    for (const QUrl &url : urls) {
        QVERIFY(url.isLocalFile());
        localPaths.append(url.toLocalFile());
    }
    const QString staged = QFileInfo(localPaths.first()).absolutePath();
    QVERIFY(leftovers(staged).isEmpty());
    QCOMPARE(describeLocalTree(QDir(staged).filePath(QStringLiteral("project tree"))),
             describeLocalTree(m_tree));
    QCOMPARE(sha256OfFile(QDir(staged).filePath(QStringLiteral("big image.bin"))), m_bigSha);
    QCOMPARE(readLocalLink(QDir(staged).filePath(QStringLiteral("a link"))), QStringLiteral("big image.bin"));
    QCOMPARE(sha256OfFile(QDir(staged).filePath(OddName)), sha256OfFile(m_oddFile));
    QCOMPARE(QFileInfo(QDir(staged).filePath(OddName)).permissions() & 0x7777,
             QFileInfo(m_oddFile).permissions() & 0x7777);
    // Asked again (the target may ask twice), the same copies: nothing downloads twice.
    const int transfers = m_page->transferQueue()->count();
    QCOMPARE(drag->urls().size(), 4);
    QCOMPARE(m_page->transferQueue()->count(), transfers);

    // A file manager with XDS names the place: the entry goes exactly there, under the name it chose (a
    // small folder, the 1,000 files were checked above).
    const QString chosen = m_local.filePath(QStringLiteral("chosen by the file manager"));
    QVERIFY(QDir().mkpath(chosen));
    QVERIFY(showFolder(m_page, folder + QStringLiteral("/project tree/part-0")));
    QVERIFY(m_page->selectEntries({QStringLiteral("sub 1")}));
    std::unique_ptr<InstanceFilesMimeData> direct(m_page->createDragData(m_page->selectedEntries()));
    QVERIFY(direct->saveTo(QDir(chosen).filePath(QStringLiteral("folder from berth"))));
    QCOMPARE(describeLocalTree(QDir(chosen).filePath(QStringLiteral("folder from berth"))),
             describeLocalTree(m_tree + QStringLiteral("/part-0/sub 1")));
    QVERIFY(leftovers(chosen).isEmpty());
}

void TestFileBrowser::dragBetweenInstancesOnTwoDaemonsCopiesStreamed()
{
    // Small things, in the shapes that matter: two parts of the dropped tree (one with a link inside the
    // tree, one a folder of mode 750), the top-level link and the file with the odd name. The 512 MiB and
    // the 1,000 files went in and out above; here what is checked is the path between two daemons.
    const QString source = QStringLiteral("/root/to copy");
    QVERIFY(exec(m_instance,
                 {QStringLiteral("sh"), QStringLiteral("-c"),
                  QStringLiteral("mkdir -p \"$1\" && cd '/root/dropped here' && cp -a 'project tree/part-0' "
                                 "'project tree/part-3' 'a link' \"$2\" \"$1\""),
                  QStringLiteral("sh"), source, OddName})
                .ok());
    QVERIFY(showFolder(m_page, source));
    const QString target = QStringLiteral("/root/from local");
    QVERIFY(exec(m_secondInstance, {QStringLiteral("mkdir"), QStringLiteral("-p"), target},
                 Testbed::Daemon::Second)
                .ok());
    QVERIFY(showFolder(m_secondPage, target));

    // The drag's own data, dropped on the other instance's list: Berth's type wins over file URLs.
    const QStringList names {QStringLiteral("part-0"), QStringLiteral("part-3"), QStringLiteral("a link"),
                             OddName};
    QVERIFY(m_page->selectEntries(names));
    std::unique_ptr<InstanceFilesMimeData> drag(m_page->createDragData(m_page->selectedEntries()));
    const int localTransfers = m_page->transferQueue()->count();
    Transfer *copy = dropMime(m_secondPage, drag.get());
    QVERIFY2(copy, "the drop was taken");
    QCOMPARE(copy->direction(), Transfer::Direction::Copy);
    QCOMPARE(copy->itemsTotal(), 4);
    QVERIFY(waitForTransfer(copy, 60000));
    QVERIFY2(copy->state() == Transfer::State::Completed, qPrintable(copy->stateText()));
    QVERIFY2(copy->issues().isEmpty(), qPrintable(copy->issues().join(QLatin1Char('\n'))));
    // Streamed: nothing was downloaded to this computer on the way.
    QCOMPARE(m_page->transferQueue()->count(), localTransfers);

    const auto part = [this](const QString &name) {
        return m_tree + QLatin1Char('/') + name;
    };
    QCOMPARE(
        describeRemoteTree(m_secondInstance, target + QStringLiteral("/part-0"), Testbed::Daemon::Second),
        describeLocalTree(part(QStringLiteral("part-0"))));
    QCOMPARE(
        describeRemoteTree(m_secondInstance, target + QStringLiteral("/part-3"), Testbed::Daemon::Second),
        describeLocalTree(part(QStringLiteral("part-3"))));
    QCOMPARE(exec(m_secondInstance,
                  {QStringLiteral("stat"), QStringLiteral("-c"), QStringLiteral("%a"),
                   target + QStringLiteral("/part-3")},
                  Testbed::Daemon::Second)
                 .output.trimmed(),
             QStringLiteral("750"));
    QCOMPARE(exec(m_secondInstance,
                  {QStringLiteral("readlink"), target + QStringLiteral("/part-0/inner link")},
                  Testbed::Daemon::Second)
                 .output.trimmed(),
             QStringLiteral("sub 1/file-1.txt"));
    QCOMPARE(remoteSha256(m_secondInstance, target + QLatin1Char('/') + OddName, Testbed::Daemon::Second)
                 .toLatin1(),
             sha256OfFile(m_oddFile));
    QCOMPARE(exec(m_secondInstance,
                  {QStringLiteral("stat"), QStringLiteral("-c"), QStringLiteral("%a"),
                   target + QLatin1Char('/') + OddName},
                  Testbed::Daemon::Second)
                 .output.trimmed(),
             QStringLiteral("640"));
    QCOMPARE(exec(m_secondInstance, {QStringLiteral("readlink"), target + QStringLiteral("/a link")},
                  Testbed::Daemon::Second)
                 .output.trimmed(),
             QStringLiteral("big image.bin"));

    // Again onto what is there now, merged: a file changed there and one removed come back as they are
    // here, a link replaced by a file becomes the link again, and what only the target has stays.
    QVERIFY(
        exec(m_secondInstance,
             {QStringLiteral("sh"), QStringLiteral("-c"),
              QStringLiteral("cd \"$1\" && echo changed > 'sub 1/file-1.txt' && rm 'sub 2/file-2.txt' && "
                             "rm 'inner link' && echo not a link > 'inner link' && echo mine > 'theirs.txt'"),
              QStringLiteral("sh"), target + QStringLiteral("/part-0")},
             Testbed::Daemon::Second)
            .ok());
    QVERIFY(m_page->selectEntries({QStringLiteral("part-0")}));
    std::unique_ptr<InstanceFilesMimeData> again(m_page->createDragData(m_page->selectedEntries()));
    const int asked = ConflictPrompt::askedCount();
    ConflictPrompt::setNextAnswer(Transfers::ConflictChoice::Overwrite);
    Transfer *merge = dropMime(m_secondPage, again.get());
    QVERIFY(merge);
    QVERIFY(waitForTransfer(merge, 60000));
    QVERIFY2(merge->state() == Transfer::State::Completed, qPrintable(merge->stateText()));
    QVERIFY2(merge->issues().isEmpty(), qPrintable(merge->issues().join(QLatin1Char('\n'))));
    QCOMPARE(ConflictPrompt::askedCount(), asked + 1);
    QMap<QString, QString> merged
        = describeRemoteTree(m_secondInstance, target + QStringLiteral("/part-0"), Testbed::Daemon::Second);
    QVERIFY(merged.take(QStringLiteral("theirs.txt")).startsWith(QStringLiteral("file|")));
    QCOMPARE(merged, describeLocalTree(part(QStringLiteral("part-0"))));

    // And back, from the second daemon (over HTTPS) into a new folder on the first.
    QVERIFY(showFolder(m_secondPage, target));
    QVERIFY(m_secondPage->selectEntries({QStringLiteral("part-3")}));
    QVERIFY(
        exec(m_instance, {QStringLiteral("mkdir"), QStringLiteral("-p"), QStringLiteral("/root/back again")})
            .ok());
    QVERIFY(showFolder(m_page, QStringLiteral("/root/back again")));
    std::unique_ptr<InstanceFilesMimeData> back(
        m_secondPage->createDragData(m_secondPage->selectedEntries()));
    Transfer *returned = dropMime(m_page, back.get());
    QVERIFY(returned);
    QVERIFY(waitForTransfer(returned, 60000));
    QVERIFY2(returned->state() == Transfer::State::Completed, qPrintable(returned->stateText()));
    QCOMPARE(describeRemoteTree(m_instance, QStringLiteral("/root/back again/part-3")),
             describeLocalTree(part(QStringLiteral("part-3"))));
    QCOMPARE(exec(m_instance,
                  {QStringLiteral("stat"), QStringLiteral("-c"), QStringLiteral("%a"),
                   QStringLiteral("/root/back again/part-3")})
                 .output.trimmed(),
             QStringLiteral("750"));
}

void TestFileBrowser::cancelHalfwayLeavesNoPartialFile()
{
    // A 64 MiB file: long enough to be caught partway, on every side.
    const QString folder = QStringLiteral("/root/cancelled");
    QVERIFY(exec(m_instance, {QStringLiteral("mkdir"), QStringLiteral("-p"), folder}).ok());
    QVERIFY(showFolder(m_page, folder));
    TransferPanel *panel = m_page->transferPanel();
    // Cancelled from the transfer panel once bytes move, and well before the end.
    // The panel of the page the transfer was dropped on.
    auto cancelPartway = [panel](Transfer *transfer, TransferPanel *owner = nullptr) {
        QElapsedTimer clock;
        clock.start();
        while (!transfer->isFinished() && transfer->percent() < 5 && clock.elapsed() < 60000)
            QTest::qWait(2);
        if (transfer->isFinished() || transfer->percent() >= 90) {
            qWarning("not caught partway: %s at %d %%", qPrintable(transfer->stateText()),
                     transfer->percent());
            return false;
        }
        TransferPanel *shown = owner ? owner : panel;
        shown->select(transfer);
        shown->cancelAction()->trigger();
        if (transfer->state() != Transfer::State::Cancelled)
            qWarning("not cancelled: %s at %d %%", qPrintable(transfer->stateText()), transfer->percent());
        return transfer->state() == Transfer::State::Cancelled;
    };
    Transfer *upload = dropUrls(m_page, {QUrl::fromLocalFile(m_mediumFile)});
    QVERIFY(upload);
    QVERIFY2(cancelPartway(upload), "the upload was cancelled partway");
    // The partial file is removed from the instance in the background.
    QTRY_VERIFY_WITH_TIMEOUT(!remoteExists(m_instance, folder + QStringLiteral("/medium.bin")), 20000);

    // A download of it, cancelled: nothing under its name, no temporary file.
    const QString remoteFolder = QStringLiteral("/root/cancel source");
    QVERIFY(exec(m_instance, {QStringLiteral("mkdir"), QStringLiteral("-p"), remoteFolder}).ok());
    const LxcResult pushed = LxcCommand::run({QStringLiteral("file"), QStringLiteral("push"), m_mediumFile,
                                              m_instance + remoteFolder + QStringLiteral("/medium.bin")});
    QVERIFY2(pushed.ok(), qPrintable(pushed.errorOutput));
    QVERIFY(exec(m_instance,
                 {QStringLiteral("sh"), QStringLiteral("-c"),
                  QStringLiteral("cd \"$1\" && for i in 1 2 3; do echo $i > small-$i.txt; done"),
                  QStringLiteral("sh"), remoteFolder})
                .ok());
    const QString downloads = m_local.filePath(QStringLiteral("downloads"));
    QVERIFY(QDir().mkpath(downloads));
    Transfers::InstanceLocation here = m_page->location();
    Transfer *download = m_page->transferQueue()->download(
        here, QStringList {remoteFolder + QStringLiteral("/medium.bin")}, downloads);
    QVERIFY2(cancelPartway(download), "the download was cancelled partway");
    QVERIFY(QDir(downloads)
                .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)
                .isEmpty());
    // A folder download, cancelled: its temporary folder goes too.
    Transfer *folderDownload = m_page->transferQueue()->download(here, QStringList {remoteFolder}, downloads);
    QVERIFY2(cancelPartway(folderDownload), "the folder download was cancelled partway");
    QVERIFY(QDir(downloads)
                .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)
                .isEmpty());

    // A copy to the second daemon, cancelled: no partial file there.
    QVERIFY(exec(m_secondInstance, {QStringLiteral("mkdir"), QStringLiteral("-p"), folder},
                 Testbed::Daemon::Second)
                .ok());
    QVERIFY(showFolder(m_secondPage, folder));
    QVERIFY(showFolder(m_page, remoteFolder));
    QVERIFY(m_page->selectEntries({QStringLiteral("medium.bin")}));
    std::unique_ptr<InstanceFilesMimeData> drag(m_page->createDragData(m_page->selectedEntries()));
    Transfer *copy = dropMime(m_secondPage, drag.get());
    QVERIFY(copy);
    QVERIFY2(cancelPartway(copy, m_secondPage->transferPanel()), "the copy was cancelled partway");
    QTRY_VERIFY_WITH_TIMEOUT(
        !remoteExists(m_secondInstance, folder + QStringLiteral("/medium.bin"), Testbed::Daemon::Second),
        20000);
    // (Retry is tst_transferqueue's.)
}

void TestFileBrowser::folderActionsChangeTheInstance()
{
    const QString folder = QStringLiteral("/root/actions");
    QVERIFY(exec(m_instance, {QStringLiteral("mkdir"), QStringLiteral("-p"), folder}).ok());
    QVERIFY(showFolder(m_page, folder));

    TextPrompt::setNextAnswer(QStringLiteral("new folder"));
    m_page->newFolderAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(listedEntry(m_page, QStringLiteral("new folder")).isDirectory(), 20000);
    QVERIFY(exec(m_instance,
                 {QStringLiteral("test"), QStringLiteral("-d"), folder + QStringLiteral("/new folder")})
                .ok());

    QVERIFY(m_page->selectEntries({QStringLiteral("new folder")}));
    TextPrompt::setNextAnswer(QStringLiteral("renamed ü"));
    m_page->renameAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(listedEntry(m_page, QStringLiteral("renamed ü")).isDirectory(), 20000);
    QVERIFY(!remoteExists(m_instance, folder + QStringLiteral("/new folder")));

    QVERIFY(m_page->selectEntries({QStringLiteral("renamed ü")}));
    TextPrompt::setNextAnswer(QStringLiteral("0710"));
    m_page->changeModeAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(listedEntry(m_page, QStringLiteral("renamed ü")).mode, 0710, 20000);
    QCOMPARE(exec(m_instance,
                  {QStringLiteral("stat"), QStringLiteral("-c"), QStringLiteral("%a"),
                   folder + QStringLiteral("/renamed ü")})
                 .output.trimmed(),
             QStringLiteral("710"));
    // Bad input is refused with a reason, and nothing changes.
    QVERIFY(m_page->selectEntries({QStringLiteral("renamed ü")}));
    TextPrompt::setNextAnswer(QStringLiteral("rwx"));
    m_page->changeModeAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->message().contains(QStringLiteral("octal")), 5000);

    // Delete asks, and a folder goes with what is in it.
    QVERIFY(exec(m_instance,
                 {QStringLiteral("sh"), QStringLiteral("-c"),
                  QStringLiteral("mkdir -p '%1/renamed ü/a/b' && echo x > '%1/renamed ü/a/b/f' && ln -s f "
                                 "'%1/renamed ü/a/b/l'")
                      .arg(folder)})
                .ok());
    QVERIFY(m_page->selectEntries({QStringLiteral("renamed ü")}));
    MessageBox::setNextAnswer(MessageBox::Answer::Reject);
    m_page->deleteAction()->trigger();
    QVERIFY(MessageBox::lastMessage().contains(QStringLiteral("renamed ü")));
    QVERIFY(remoteExists(m_instance, folder + QStringLiteral("/renamed ü")));
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    m_page->deleteAction()->trigger();
    QVERIFY(MessageBox::lastMessage().contains(QStringLiteral("renamed ü")));
    QTRY_VERIFY_WITH_TIMEOUT(!remoteExists(m_instance, folder + QStringLiteral("/renamed ü")), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!listedEntry(m_page, QStringLiteral("renamed ü")).isDirectory(), 20000);
}

void TestFileBrowser::fileOpenedInEditorIsUploadedOnSave()
{
    const QString folder = QStringLiteral("/root/actions");
    QVERIFY(exec(m_instance,
                 {QStringLiteral("sh"), QStringLiteral("-c"),
                  QStringLiteral("echo first > '%1/notes.txt'").arg(folder)})
                .ok());
    QVERIFY(showFolder(m_page, folder));
    QTRY_VERIFY_WITH_TIMEOUT(listedEntry(m_page, QStringLiteral("notes.txt")).isFile(), 20000);
    QString opened;
    m_page->editor()->setOpener([&opened](const QUrl &url) {
        opened = url.toLocalFile();
        return true;
    });
    m_page->editor()->setSettleDelay(100);
    QVERIFY(m_page->selectEntries({QStringLiteral("notes.txt")}));
    m_page->openInEditorAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty(), 20000);
    QFile local(opened);
    QVERIFY(local.open(QIODevice::ReadOnly));
    QCOMPARE(local.readAll(), QByteArray("first\n"));
    local.close();

    // An editor that saves in place (every save changes the size: no waiting for a new modification time)…
    {
        QFile file(opened);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("second\n");
    }
    QTRY_COMPARE_WITH_TIMEOUT(
        exec(m_instance, {QStringLiteral("cat"), folder + QStringLiteral("/notes.txt")}).output,
        QStringLiteral("second\n"), 20000);
    // …and one that writes a new file and renames it over the old one.
    {
        QFile file(opened + QStringLiteral(".swp"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("third\n");
    }
    QVERIFY(::rename(QFile::encodeName(opened + QStringLiteral(".swp")).constData(),
                     QFile::encodeName(opened).constData())
            == 0);
    QTRY_COMPARE_WITH_TIMEOUT(
        exec(m_instance, {QStringLiteral("cat"), folder + QStringLiteral("/notes.txt")}).output,
        QStringLiteral("third\n"), 20000);

    // Leaving for another instance offers to stop watching.
    QCOMPARE(m_page->editor()->watchedFiles().size(), 1);
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    m_page->setInstance(m_secondRemote, QStringLiteral("default"), m_secondInstance,
                        QStringLiteral("Running"));
    QTRY_COMPARE_WITH_TIMEOUT(m_page->editor()->watchedFiles().size(), 0, 5000);
    QVERIFY(MessageBox::lastMessage().contains(QStringLiteral("Stop watching")));
    QVERIFY(!QFile::exists(opened));
}

QTEST_MAIN(TestFileBrowser)
#include "tst_filebrowser.moc"
