#pragma once

#include "lxd/Client.h"

#include <QList>
#include <QObject>

namespace Models {

class Remote;

// The remotes Berth is connected to, in the order the user sees them. It owns them; views and models
// observe it. Keeping the list across runs (and trust) belongs to whoever fills it.
class RemoteRegistry final : public QObject
{
    Q_OBJECT

public:
    explicit RemoteRegistry(QObject *parent = nullptr);
    ~RemoteRegistry() override;

    int count() const { return int(m_remotes.size()); }
    Remote *at(int index) const { return m_remotes.value(index); }
    QList<Remote *> remotes() const { return m_remotes; }
    Remote *find(const QString &name) const;
    int indexOf(const Remote *remote) const;

    // Adds a remote at the end and starts connecting to it. Null when the name is taken or the client
    // invalid.
    Remote *add(const QString &name, const Lxd::Client &client);
    // The same at `index` (clamped to the list), so that whoever fills the list keeps its own order.
    Remote *insert(int index, const QString &name, const Lxd::Client &client);
    void remove(const QString &name);

    // The local daemons found by Lxd::SocketDiscovery: LXD as "local", Incus as "local" too when
    // there is no local LXD, else "local-incus". Returns what was added.
    QList<Remote *> addLocalRemotes();

Q_SIGNALS:
    void remoteAboutToBeAdded(int index);
    void remoteAdded(int index);
    void remoteAboutToBeRemoved(int index);
    void remoteRemoved(int index);

private:
    QList<Remote *> m_remotes;
};

} // namespace Models
