#pragma once

#include "lxd/FileEntry.h"
#include "transfers/InstanceLocation.h"
#include "transfers/TransferConflict.h"

#include <QMimeData>
#include <QPointer>
#include <QStringList>

#include <optional>

namespace Transfers {
class Transfer;
class TransferQueue;
} // namespace Transfers

// What a drag of entries out of an instance's Files tab carries:
// - Berth's own type (InstanceFolderCache::MimeType) naming remote, project, instance and paths, so a
//   drop on another instance's files copies directly, streamed from instance to instance;
// - "XdndDirectSave0" for one entry on X11: the file manager says where the entry goes and it is
//   downloaded straight there;
// - "text/uri-list", produced only when a drop target asks for it: the entries are downloaded into a
//   staging folder first (with progress in the transfer panel), then their file URLs handed out.
// A drop target asks for data synchronously, so the two download paths wait for their transfer in a
// local event loop: the one place Berth does, because XDND gives no other way.
class InstanceFilesMimeData final : public QMimeData
{
    Q_OBJECT

public:
    InstanceFilesMimeData(Transfers::TransferQueue *queue, const Transfers::InstanceLocation &source,
                          const QList<Lxd::FileEntry> &entries, const QString &stagingDirectory);
    ~InstanceFilesMimeData() override;

    Transfers::InstanceLocation source() const { return m_source; }
    QList<Lxd::FileEntry> entries() const { return m_entries; }

    // Berth's type: who and what, readable by another Berth window.
    struct Description
    {
        QString remote;
        QString endpoint;
        QString project;
        QString instance;
        QStringList paths;
    };
    static QByteArray describe(const Transfers::InstanceLocation &source,
                               const QList<Lxd::FileEntry> &entries);
    static std::optional<Description> parse(const QByteArray &bytes);

    // The text/uri-list path: downloads the entries into a new folder under the staging folder (once)
    // and returns their local paths; empty when the download failed or was cancelled.
    QStringList localCopies() const;
    // The XDS path: downloads the one entry to exactly `localPath` (the name the target chose).
    bool saveTo(const QString &localPath) const;
    // The transfer of the last download (for progress and tests).
    Transfers::Transfer *lastTransfer() const;

    QStringList formats() const override;
    bool hasFormat(const QString &mimeType) const override;

protected:
    QVariant retrieveData(const QString &mimeType, QMetaType type) const override;

private:
    bool runToEnd(Transfers::Transfer *transfer) const;

    QPointer<Transfers::TransferQueue> m_queue;
    Transfers::InstanceLocation m_source;
    QList<Lxd::FileEntry> m_entries;
    QString m_stagingDirectory;
    mutable std::optional<QStringList> m_localCopies;
    mutable QPointer<Transfers::Transfer> m_lastTransfer;
    mutable bool m_directSaved = false;
};
