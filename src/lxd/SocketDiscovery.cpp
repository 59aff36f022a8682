#include "SocketDiscovery.h"

#include <QFileInfo>

namespace Lxd {

QList<SocketDiscovery::Candidate> SocketDiscovery::candidates()
{
    QList<Candidate> result;
    const auto add = [&result](Daemon daemon, const QString &path, const QString &origin) {
        if (path.isEmpty())
            return;
        for (const Candidate &candidate : std::as_const(result)) {
            if (candidate.path == path)
                return;
        }
        result.append({daemon, path, origin});
    };
    const QString lxdDir = qEnvironmentVariable("LXD_DIR");
    add(Daemon::Lxd, qEnvironmentVariable("LXD_SOCKET"), QStringLiteral("$LXD_SOCKET"));
    if (!lxdDir.isEmpty())
        add(Daemon::Lxd, lxdDir + QLatin1String("/unix.socket"), QStringLiteral("$LXD_DIR"));
    add(Daemon::Lxd, QStringLiteral("/var/snap/lxd/common/lxd/unix.socket"), QStringLiteral("snap"));
    add(Daemon::Lxd, QStringLiteral("/var/lib/lxd/unix.socket"), QStringLiteral("/var/lib/lxd"));

    const QString incusDir = qEnvironmentVariable("INCUS_DIR");
    add(Daemon::Incus, qEnvironmentVariable("INCUS_SOCKET"), QStringLiteral("$INCUS_SOCKET"));
    if (!incusDir.isEmpty())
        add(Daemon::Incus, incusDir + QLatin1String("/unix.socket"), QStringLiteral("$INCUS_DIR"));
    add(Daemon::Incus, QStringLiteral("/var/lib/incus/unix.socket"), QStringLiteral("/var/lib/incus"));
    return result;
}

QList<SocketDiscovery::Candidate> SocketDiscovery::existing()
{
    QList<Candidate> found;
    const QList<Candidate> all = candidates();
    for (const Candidate &candidate : all) {
        if (QFileInfo::exists(candidate.path))
            found.append(candidate);
    }
    return found;
}

QString SocketDiscovery::defaultSocket()
{
    const QList<Candidate> found = existing();
    return found.isEmpty() ? QString() : found.first().path;
}

} // namespace Lxd
