#pragma once

#include "RemoteConfig.h"
#include "lxd/Error.h"

#include <QByteArray>
#include <QDir>
#include <QList>
#include <QString>
#include <QStringList>

namespace Secrets {

// Reads the remotes of the `lxc` CLI (~/.config/lxc, or $LXD_CONF; the snap's ~/snap/lxd/common/config) and
// of Incus (~/.config/incus, or $INCUS_CONF): config.yml (remotes with addr, protocol, public, auth_type,
// project; default-remote), the server certificates in servercerts/<remote>.crt as pinned fingerprints,
// and the client.crt/client.key pair those servers trust. It only reads: nothing in those folders changes.
// Local files, small: the calls are synchronous. Never throws (yaml-cpp's exceptions end here).
class LxcConfigImporter final
{
public:
    enum class Tool { Lxc, Incus };

    struct Source
    {
        Tool tool = Tool::Lxc;
        QString directory; // holds config.yml, servercerts/, client.crt and client.key
        QString origin; // for people: "lxc", "lxc (snap)", "incus", "$LXD_CONF"
        QString identityName; // the ClientIdentityStore name its client certificate gets: "lxc", "incus"…
        QString localSocket; // what the address "unix://" means for this tool
    };

    struct Result
    {
        Source source;
        // Every remote of the file in its order: LXD servers and simplestreams image servers.
        QList<RemoteConfig> remotes;
        QString defaultRemote;
        // The client certificate its servers trust. The key is a secret: hand it to
        // ClientIdentityStore::save() and drop it; never log it.
        QByteArray clientCertificatePem;
        QByteArray clientKeyPem;
        // What was skipped or is missing (a remote without address, a server certificate that is
        // missing, a client key without certificate…).
        QStringList warnings;
        // Set when config.yml cannot be read or parsed; it names the file and the line.
        Lxd::Error error;

        bool hasClientCertificate() const
        {
            return !clientCertificatePem.isEmpty() && !clientKeyPem.isEmpty();
        }
        QList<RemoteConfig> servers() const;
        QList<RemoteConfig> imageSources() const;
    };

    // The folders worth importing from (they have a config.yml or a client certificate), in this order:
    // lxc ($LXD_CONF, else ~/.config/lxc), the lxd snap's lxc, Incus ($INCUS_CONF, else ~/.config/incus).
    static QList<Source> findSources(const QString &home = QDir::homePath());
    static Source sourceAt(const QString &directory, Tool tool);

    static Result importFrom(const Source &source);
};

} // namespace Secrets
