#pragma once

#include <QList>
#include <QString>

namespace Lxd {

// Where a local LXD or Incus daemon listens, in the order their own clients look.
class SocketDiscovery
{
public:
    enum class Daemon { Lxd, Incus };

    struct Candidate
    {
        Daemon daemon;
        QString path;
        QString origin; // "$LXD_SOCKET", "snap", … for people
    };

    // Every place worth trying, in order: $LXD_SOCKET, $LXD_DIR/unix.socket, the snap's socket,
    // /var/lib/lxd/unix.socket; then $INCUS_SOCKET, $INCUS_DIR/unix.socket, /var/lib/incus/unix.socket.
    static QList<Candidate> candidates();
    // The candidates whose socket file exists (not yet proof that a daemon answers).
    static QList<Candidate> existing();
    // The first existing LXD socket, else the first existing Incus socket, else empty.
    static QString defaultSocket();
};

} // namespace Lxd
