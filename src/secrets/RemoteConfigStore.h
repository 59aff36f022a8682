#pragma once

#include "ConfigDirectory.h"
#include "RemoteConfig.h"
#include "lxd/Error.h"

#include <QList>
#include <QString>

namespace Secrets {

// Berth's list of remotes and its default remote, as "remotes.json" in the configuration folder, written
// atomically. It holds no secret (see RemoteConfig). The file is small and local: the calls are
// synchronous, like QSettings.
class RemoteConfigStore final
{
public:
    struct Contents
    {
        QList<RemoteConfig> remotes;
        QString defaultRemote;

        // -1 when there is no remote of that name.
        qsizetype indexOf(const QString &name) const;
        // Empty when the list can be saved; otherwise what is wrong (a name twice, a default that is not
        // in the list, a remote that is not usable).
        QString validate() const;
    };

    explicit RemoteConfigStore(const QString &configDirectory = ConfigDirectory::path());

    QString filePath() const { return m_filePath; }

    // A missing file is an empty list, not an error; a file that is not Berth's remote list is a Parse
    // error naming it.
    Lxd::Error load(Contents *contents) const;
    Lxd::Error save(const Contents &contents) const;

private:
    QString m_directory;
    QString m_filePath;
};

} // namespace Secrets
