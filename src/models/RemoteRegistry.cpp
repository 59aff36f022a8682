#include "RemoteRegistry.h"

#include "Remote.h"
#include "lxd/SocketDiscovery.h"

namespace Models {

RemoteRegistry::RemoteRegistry(QObject *parent)
    : QObject(parent)
{ }

RemoteRegistry::~RemoteRegistry() = default;

Remote *RemoteRegistry::find(const QString &name) const
{
    for (Remote *remote : m_remotes) {
        if (remote->name() == name)
            return remote;
    }
    return nullptr;
}

int RemoteRegistry::indexOf(const Remote *remote) const
{
    for (int index = 0; index < m_remotes.size(); ++index) {
        if (m_remotes[index] == remote)
            return index;
    }
    return -1;
}

Remote *RemoteRegistry::add(const QString &name, const Lxd::Client &client)
{
    return insert(count(), name, client);
}

Remote *RemoteRegistry::insert(int index, const QString &name, const Lxd::Client &client)
{
    if (name.isEmpty() || find(name) || !client.isValid())
        return nullptr;
    index = qBound(0, index, count());
    Q_EMIT remoteAboutToBeAdded(index);
    auto *remote = new Remote(name, client, this);
    m_remotes.insert(index, remote);
    Q_EMIT remoteAdded(index);
    remote->start();
    return remote;
}

void RemoteRegistry::remove(const QString &name)
{
    Remote *remote = find(name);
    if (!remote)
        return;
    const int index = indexOf(remote);
    Q_EMIT remoteAboutToBeRemoved(index);
    m_remotes.removeAt(index);
    Q_EMIT remoteRemoved(index);
    remote->deleteLater(); // it may be the sender of the signal that led here
}

QList<Remote *> RemoteRegistry::addLocalRemotes()
{
    QString lxdSocket;
    QString incusSocket;
    const QList<Lxd::SocketDiscovery::Candidate> found = Lxd::SocketDiscovery::existing();
    for (const Lxd::SocketDiscovery::Candidate &candidate : found) {
        QString &socket = candidate.daemon == Lxd::SocketDiscovery::Daemon::Lxd ? lxdSocket : incusSocket;
        if (socket.isEmpty())
            socket = candidate.path;
    }
    QList<Remote *> added;
    if (!lxdSocket.isEmpty()) {
        if (Remote *remote = add(QStringLiteral("local"), Lxd::Client::overUnixSocket(lxdSocket)))
            added.append(remote);
    }
    if (!incusSocket.isEmpty()) {
        const QString name = lxdSocket.isEmpty() ? QStringLiteral("local") : QStringLiteral("local-incus");
        if (Remote *remote = add(name, Lxd::Client::overUnixSocket(incusSocket)))
            added.append(remote);
    }
    return added;
}

} // namespace Models
