#include "RemoteConfig.h"

#include "ClientIdentityStore.h"
#include "lxd/TlsIdentity.h"

namespace Secrets {

namespace {

const QLatin1String nameKey("name");
const QLatin1String urlKey("url");
const QLatin1String socketKey("socket");
const QLatin1String protocolKey("protocol");
const QLatin1String fingerprintKey("pinned-fingerprint");
const QLatin1String projectKey("project");
const QLatin1String publicKey("public");
const QLatin1String authTypeKey("auth-type");
const QLatin1String identityKey("client-identity");

} // namespace

QString RemoteConfig::protocolName(Protocol protocol)
{
    return protocol == Protocol::SimpleStreams ? QStringLiteral("simplestreams") : QStringLiteral("lxd");
}

bool RemoteConfig::protocolFromName(const QString &name, Protocol *protocol)
{
    if (name.isEmpty() || name == QLatin1String("lxd") || name == QLatin1String("incus")) {
        *protocol = Protocol::Lxd;
        return true;
    }
    if (name == QLatin1String("simplestreams")) {
        *protocol = Protocol::SimpleStreams;
        return true;
    }
    return false;
}

QString RemoteConfig::validate() const
{
    if (name.trimmed().isEmpty())
        return QStringLiteral("a remote needs a name");
    if (name.contains(QLatin1Char(':')) || name.contains(QLatin1Char('/')))
        return QStringLiteral("the remote name “%1” contains ':' or '/'").arg(name);
    if (isLocal() && !url.isEmpty())
        return QStringLiteral("remote “%1” has both a socket and a URL").arg(name);
    if (isLocal()) {
        if (protocol != Protocol::Lxd)
            return QStringLiteral("remote “%1”: a unix socket speaks the LXD protocol only").arg(name);
    } else if (!url.isValid() || url.host().isEmpty()
               || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        return QStringLiteral("remote “%1” needs an https:// URL or a socket path").arg(name);
    }
    if (!pinnedFingerprint.isEmpty() && Lxd::TlsIdentity::normalizeFingerprint(pinnedFingerprint).isEmpty())
        return QStringLiteral("remote “%1”: the pinned fingerprint is not a SHA-256 in hex").arg(name);
    if (!ClientIdentityStore::isValidName(clientIdentity))
        return QStringLiteral("remote “%1”: the client identity “%2” is not a valid name")
            .arg(name, clientIdentity);
    return {};
}

QJsonObject RemoteConfig::toJson() const
{
    QJsonObject object;
    object.insert(nameKey, name);
    if (isLocal())
        object.insert(socketKey, socketPath);
    else
        object.insert(urlKey, url.toString());
    object.insert(protocolKey, protocolName(protocol));
    if (!pinnedFingerprint.isEmpty())
        object.insert(fingerprintKey,
                      QString::fromLatin1(Lxd::TlsIdentity::normalizeFingerprint(pinnedFingerprint)));
    if (!project.isEmpty())
        object.insert(projectKey, project);
    if (isPublic)
        object.insert(publicKey, true);
    if (!authType.isEmpty())
        object.insert(authTypeKey, authType);
    if (!clientIdentity.isEmpty())
        object.insert(identityKey, clientIdentity);
    return object;
}

RemoteConfig RemoteConfig::fromJson(const QJsonObject &object, QString *error)
{
    RemoteConfig remote;
    remote.name = object.value(nameKey).toString();
    remote.socketPath = object.value(socketKey).toString();
    const QString url = object.value(urlKey).toString();
    if (!url.isEmpty())
        remote.url = QUrl(url, QUrl::StrictMode);
    const QString protocol = object.value(protocolKey).toString();
    if (!protocolFromName(protocol, &remote.protocol)) {
        *error = QStringLiteral("remote “%1” has the unknown protocol “%2”").arg(remote.name, protocol);
        return {};
    }
    remote.pinnedFingerprint = object.value(fingerprintKey).toString().toLatin1();
    remote.project = object.value(projectKey).toString();
    remote.isPublic = object.value(publicKey).toBool();
    remote.authType = object.value(authTypeKey).toString();
    remote.clientIdentity = object.value(identityKey).toString();
    *error = remote.validate();
    if (!error->isEmpty())
        return {};
    if (!remote.pinnedFingerprint.isEmpty())
        remote.pinnedFingerprint = Lxd::TlsIdentity::normalizeFingerprint(remote.pinnedFingerprint);
    return remote;
}

bool RemoteConfig::operator==(const RemoteConfig &other) const
{
    return name == other.name && url == other.url && socketPath == other.socketPath
        && protocol == other.protocol
        && Lxd::TlsIdentity::normalizeFingerprint(pinnedFingerprint)
        == Lxd::TlsIdentity::normalizeFingerprint(other.pinnedFingerprint)
        && project == other.project && isPublic == other.isPublic && authType == other.authType
        && clientIdentity == other.clientIdentity;
}

} // namespace Secrets
