#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace Secrets {

// One remote as Berth keeps it in its configuration folder: where the server is, which certificate it must
// show and which client identity Berth shows it. Never a secret: the client key is in the KeyStore, and
// tokens and passwords are used once and forgotten.
struct RemoteConfig
{
    enum class Protocol { Lxd, SimpleStreams };

    QString name;
    QUrl url; // "https://host:8443" for LXD over HTTPS and for image servers
    QString socketPath; // a local daemon's unix socket, instead of a URL
    Protocol protocol = Protocol::Lxd;
    QByteArray pinnedFingerprint; // the server certificate's SHA-256, lowercase hex
    QString project; // the project to open; empty: the server's default
    bool isPublic = false; // no client certificate needed (image servers)
    QString authType; // as `lxc` calls it: "tls" (empty means tls), "candid", "oidc"
    QString clientIdentity; // a ClientIdentityStore name; empty: Berth's own

    bool isLocal() const { return !socketPath.isEmpty(); }
    // Simplestreams servers only serve images: the create wizard offers them as image sources.
    bool isImageSource() const { return protocol == Protocol::SimpleStreams; }

    // Empty when the remote is usable; otherwise what is wrong with it, for people.
    QString validate() const;

    QJsonObject toJson() const;
    // Fields it does not know are ignored, so that an older Berth can read a newer file.
    static RemoteConfig fromJson(const QJsonObject &object, QString *error);

    static QString protocolName(Protocol protocol); // "lxd", "simplestreams", as lxc writes them
    static bool protocolFromName(const QString &name, Protocol *protocol);

    bool operator==(const RemoteConfig &other) const;
    bool operator!=(const RemoteConfig &other) const { return !(*this == other); }
};

} // namespace Secrets
