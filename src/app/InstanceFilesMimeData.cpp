#include "InstanceFilesMimeData.h"

#include "XdndDirectSave.h"
#include "models/InstanceFolderCache.h"
#include "transfers/Transfer.h"
#include "transfers/TransferQueue.h"

#include <QCursor>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUrl>

using Models::InstanceFolderCache;
using Transfers::Transfer;

InstanceFilesMimeData::InstanceFilesMimeData(Transfers::TransferQueue *queue,
                                             const Transfers::InstanceLocation &source,
                                             const QList<Lxd::FileEntry> &entries,
                                             const QString &stagingDirectory)
    : m_queue(queue)
    , m_source(source)
    , m_entries(entries)
    , m_stagingDirectory(stagingDirectory)
{
    setData(InstanceFolderCache::MimeType, describe(source, entries));
}

InstanceFilesMimeData::~InstanceFilesMimeData() = default;

Transfer *InstanceFilesMimeData::lastTransfer() const
{
    return m_lastTransfer;
}

QByteArray InstanceFilesMimeData::describe(const Transfers::InstanceLocation &source,
                                           const QList<Lxd::FileEntry> &entries)
{
    QJsonArray paths;
    for (const Lxd::FileEntry &entry : entries)
        paths.append(entry.path);
    const QJsonObject object {{QStringLiteral("remote"), source.remote},
                              {QStringLiteral("endpoint"), source.files.client().endpoint()},
                              {QStringLiteral("project"), source.project()},
                              {QStringLiteral("instance"), source.instance()},
                              {QStringLiteral("paths"), paths}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<InstanceFilesMimeData::Description> InstanceFilesMimeData::parse(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    Description description;
    description.remote = object.value(QLatin1String("remote")).toString();
    description.endpoint = object.value(QLatin1String("endpoint")).toString();
    description.project = object.value(QLatin1String("project")).toString();
    description.instance = object.value(QLatin1String("instance")).toString();
    const QJsonArray paths = object.value(QLatin1String("paths")).toArray();
    for (const QJsonValue &path : paths) {
        if (!path.isString() || !path.toString().startsWith(QLatin1Char('/')))
            return std::nullopt;
        description.paths.append(path.toString());
    }
    if (description.instance.isEmpty() || description.paths.isEmpty())
        return std::nullopt;
    return description;
}

QStringList InstanceFilesMimeData::formats() const
{
    QStringList formats = QMimeData::formats();
    formats.append(QStringLiteral("text/uri-list"));
    if (m_entries.size() == 1 && XdndDirectSave::isAvailable())
        formats.prepend(XdndDirectSave::MimeType);
    return formats;
}

bool InstanceFilesMimeData::hasFormat(const QString &mimeType) const
{
    return formats().contains(mimeType);
}

bool InstanceFilesMimeData::runToEnd(Transfer *transfer) const
{
    m_lastTransfer = transfer;
    if (!transfer->isFinished()) {
        // The drop target waits for our answer: so do we, with the transfer panel showing progress.
        QGuiApplication::setOverrideCursor(QCursor(Qt::BusyCursor));
        QEventLoop loop;
        connect(transfer, &Transfer::finished, &loop, &QEventLoop::quit);
        connect(transfer, &QObject::destroyed, &loop, &QEventLoop::quit);
        loop.exec();
        QGuiApplication::restoreOverrideCursor();
    }
    return m_lastTransfer && m_lastTransfer->state() == Transfer::State::Completed;
}

QStringList InstanceFilesMimeData::localCopies() const
{
    if (m_localCopies)
        return *m_localCopies;
    if (!m_queue || m_entries.isEmpty())
        return {};
    // A folder of its own for each drag: the names are free there, and the copies stay until Berth
    // quits (the file manager may still be copying from them after the drop).
    QDir().mkpath(m_stagingDirectory);
    QTemporaryDir folder(QDir(m_stagingDirectory).filePath(QStringLiteral("drag-XXXXXX")));
    if (!folder.isValid())
        return {};
    folder.setAutoRemove(false);
    Transfer *transfer = m_queue->download(m_source, m_entries, folder.path());
    transfer->setConflictPolicy(Transfers::ConflictChoice::KeepBoth);
    if (!runToEnd(transfer))
        return {};
    m_localCopies = transfer->writtenPaths();
    return *m_localCopies;
}

bool InstanceFilesMimeData::saveTo(const QString &localPath) const
{
    if (!m_queue || m_entries.size() != 1 || localPath.isEmpty())
        return false;
    const QFileInfo destination(localPath);
    if (!destination.dir().exists())
        return false;
    Lxd::FileEntry entry = m_entries.first();
    entry.name = destination.fileName(); // the target chose the name
    Transfer *transfer
        = m_queue->download(m_source, QList<Lxd::FileEntry> {entry}, destination.absolutePath());
    // The target asked for exactly this name, and asks the user itself when it exists.
    transfer->setConflictPolicy(Transfers::ConflictChoice::Overwrite);
    return runToEnd(transfer);
}

QVariant InstanceFilesMimeData::retrieveData(const QString &mimeType, QMetaType type) const
{
    if (mimeType == QLatin1String("text/uri-list")) {
        QByteArray list;
        const QStringList paths = localCopies();
        for (const QString &path : paths)
            list += QUrl::fromLocalFile(path).toEncoded() + "\r\n";
        return list;
    }
    if (mimeType == XdndDirectSave::MimeType) {
        if (m_directSaved)
            return QByteArray("S");
        const QUrl url = QUrl::fromEncoded(XdndDirectSave::targetUri());
        if (!url.isLocalFile())
            return QByteArray("F"); // not a place we can write: the target falls back to other data
        m_directSaved = saveTo(url.toLocalFile());
        return QByteArray(m_directSaved ? "S" : "E");
    }
    return QMimeData::retrieveData(mimeType, type);
}
