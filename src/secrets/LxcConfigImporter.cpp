#include "LxcConfigImporter.h"

#include "lxd/SocketDiscovery.h"
#include "lxd/TlsIdentity.h"

#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>

#include <exception>
#include <string>
#include <yaml-cpp/yaml.h>

namespace Secrets {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

// "config.yml, line 3, column 5" (yaml-cpp counts from 0, people from 1).
QString where(const QString &path, const YAML::Mark &mark)
{
    if (mark.is_null())
        return path;
    return QStringLiteral("%1, line %2, column %3").arg(path).arg(mark.line + 1).arg(mark.column + 1);
}

bool readFile(const QString &path, QByteArray *data, QString *why)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    *data = file.readAll();
    return true;
}

// A scalar field of a remote, or empty when absent. Throws YAML::Exception (with its mark) for a map or
// a list where a scalar belongs; importFrom() turns that into a warning.
QString scalar(const YAML::Node &remote, const char *key)
{
    const YAML::Node node = remote[key];
    if (!node || node.IsNull())
        return {};
    if (!node.IsScalar())
        throw YAML::Exception(node.Mark(), std::string("'") + key + "' is not a single value");
    return fromStd(node.Scalar());
}

bool flag(const YAML::Node &remote, const char *key)
{
    const YAML::Node node = remote[key];
    if (!node || node.IsNull())
        return false;
    return node.as<bool>();
}

// `unix://` means the tool's own default socket.
QString defaultSocket(LxcConfigImporter::Tool tool)
{
    const Lxd::SocketDiscovery::Daemon daemon = tool == LxcConfigImporter::Tool::Incus
        ? Lxd::SocketDiscovery::Daemon::Incus
        : Lxd::SocketDiscovery::Daemon::Lxd;
    QString first;
    const QList<Lxd::SocketDiscovery::Candidate> candidates = Lxd::SocketDiscovery::candidates();
    for (const Lxd::SocketDiscovery::Candidate &candidate : candidates) {
        if (candidate.daemon != daemon)
            continue;
        if (QFileInfo::exists(candidate.path))
            return candidate.path;
        if (first.isEmpty())
            first = candidate.path;
    }
    if (!first.isEmpty())
        return first;
    return tool == LxcConfigImporter::Tool::Incus ? QStringLiteral("/var/lib/incus/unix.socket")
                                                  : QStringLiteral("/var/lib/lxd/unix.socket");
}

bool worthImporting(const QString &directory)
{
    const QDir dir(directory);
    return QFileInfo::exists(dir.filePath(QStringLiteral("config.yml")))
        || QFileInfo::exists(dir.filePath(QStringLiteral("client.crt")));
}

} // namespace

QList<RemoteConfig> LxcConfigImporter::Result::servers() const
{
    QList<RemoteConfig> found;
    for (const RemoteConfig &remote : remotes) {
        if (!remote.isImageSource())
            found.append(remote);
    }
    return found;
}

QList<RemoteConfig> LxcConfigImporter::Result::imageSources() const
{
    QList<RemoteConfig> found;
    for (const RemoteConfig &remote : remotes) {
        if (remote.isImageSource())
            found.append(remote);
    }
    return found;
}

LxcConfigImporter::Source LxcConfigImporter::sourceAt(const QString &directory, Tool tool)
{
    Source source;
    source.tool = tool;
    source.directory = directory;
    source.origin = tool == Tool::Incus ? QStringLiteral("incus") : QStringLiteral("lxc");
    source.identityName = source.origin;
    source.localSocket = defaultSocket(tool);
    return source;
}

QList<LxcConfigImporter::Source> LxcConfigImporter::findSources(const QString &home)
{
    const QDir homeDir(home);
    QList<Source> sources;
    const auto add = [&sources](Source source) {
        if (worthImporting(source.directory))
            sources.append(source);
    };

    Source lxc = sourceAt(homeDir.filePath(QStringLiteral(".config/lxc")), Tool::Lxc);
    if (const QString fromEnvironment = qEnvironmentVariable("LXD_CONF"); !fromEnvironment.isEmpty()) {
        lxc.directory = fromEnvironment;
        lxc.origin = QStringLiteral("$LXD_CONF");
    }
    add(lxc);

    Source snap = sourceAt(homeDir.filePath(QStringLiteral("snap/lxd/common/config")), Tool::Lxc);
    snap.origin = QStringLiteral("lxc (snap)");
    snap.identityName = QStringLiteral("lxc-snap");
    snap.localSocket = QStringLiteral("/var/snap/lxd/common/lxd/unix.socket");
    if (QFileInfo(snap.directory).canonicalFilePath() != QFileInfo(lxc.directory).canonicalFilePath())
        add(snap);

    Source incus = sourceAt(homeDir.filePath(QStringLiteral(".config/incus")), Tool::Incus);
    if (const QString fromEnvironment = qEnvironmentVariable("INCUS_CONF"); !fromEnvironment.isEmpty()) {
        incus.directory = fromEnvironment;
        incus.origin = QStringLiteral("$INCUS_CONF");
    }
    add(incus);
    return sources;
}

LxcConfigImporter::Result LxcConfigImporter::importFrom(const Source &source)
{
    Result result;
    result.source = source;
    const QDir dir(source.directory);

    // The client certificate first: it is useful even without a config.yml.
    const QString certificatePath = dir.filePath(QStringLiteral("client.crt"));
    const QString keyPath = dir.filePath(QStringLiteral("client.key"));
    const bool hasCertificate = QFileInfo::exists(certificatePath);
    const bool hasKey = QFileInfo::exists(keyPath);
    if (hasCertificate && hasKey) {
        QString why;
        if (!readFile(certificatePath, &result.clientCertificatePem, &why)
            || !readFile(keyPath, &result.clientKeyPem, &why)) {
            result.clientCertificatePem.clear();
            result.clientKeyPem.clear();
            result.warnings.append(why);
        }
    } else if (hasCertificate != hasKey) {
        result.warnings.append(
            QStringLiteral("%1 has %2 but not %3: no client certificate imported")
                .arg(source.directory,
                     hasCertificate ? QStringLiteral("client.crt") : QStringLiteral("client.key"),
                     hasCertificate ? QStringLiteral("client.key") : QStringLiteral("client.crt")));
    }

    const QString configPath = dir.filePath(QStringLiteral("config.yml"));
    if (!QFileInfo::exists(configPath))
        return result;
    QByteArray text;
    QString why;
    if (!readFile(configPath, &text, &why)) {
        result.error = Lxd::Error(Lxd::Error::Kind::Io, why);
        return result;
    }

    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &exception) {
        result.error = Lxd::Error(
            Lxd::Error::Kind::Parse,
            QStringLiteral("%1: %2").arg(where(configPath, exception.mark), fromStd(exception.msg)));
        return result;
    } catch (const std::exception &exception) {
        result.error
            = Lxd::Error(Lxd::Error::Kind::Parse,
                         QStringLiteral("%1: %2").arg(configPath, QString::fromLocal8Bit(exception.what())));
        return result;
    }

    try {
        if (root.IsNull())
            return result;
        if (!root.IsMap()) {
            result.error = Lxd::Error(Lxd::Error::Kind::Parse,
                                      QStringLiteral("%1: not an lxc configuration (expected keys such as "
                                                     "'remotes')")
                                          .arg(where(configPath, root.Mark())));
            return result;
        }
        if (const YAML::Node defaultRemote = root["default-remote"];
            defaultRemote && defaultRemote.IsScalar())
            result.defaultRemote = fromStd(defaultRemote.Scalar());

        const YAML::Node remotes = root["remotes"];
        if (!remotes || remotes.IsNull())
            return result;
        if (!remotes.IsMap()) {
            result.error = Lxd::Error(
                Lxd::Error::Kind::Parse,
                QStringLiteral("%1: 'remotes' is not a map of names").arg(where(configPath, remotes.Mark())));
            return result;
        }

        const QString socket = source.localSocket.isEmpty() ? defaultSocket(source.tool) : source.localSocket;
        for (const auto &entry : remotes) {
            const QString name = entry.first.IsScalar() ? fromStd(entry.first.Scalar()) : QString();
            const YAML::Node node = entry.second;
            const QString at = where(configPath, node.Mark());
            if (name.isEmpty() || !node.IsMap()) {
                result.warnings.append(
                    QStringLiteral("%1: a remote that is not a name with settings; skipped").arg(at));
                continue;
            }
            try {
                RemoteConfig remote;
                remote.name = name;
                const QString address = scalar(node, "addr");
                const QString protocol = scalar(node, "protocol");
                remote.isPublic = flag(node, "public");
                remote.authType = scalar(node, "auth_type");
                remote.project = scalar(node, "project");
                if (!RemoteConfig::protocolFromName(protocol, &remote.protocol)) {
                    result.warnings.append(
                        QStringLiteral("%1: remote “%2” has the unknown protocol “%3”; skipped")
                            .arg(at, name, protocol));
                    continue;
                }
                if (address.isEmpty()) {
                    result.warnings.append(
                        QStringLiteral("%1: remote “%2” has no address; skipped").arg(at, name));
                    continue;
                }
                if (address.startsWith(QLatin1String("unix:"))) {
                    // "unix://" is the default socket; "unix:///path" (or "unix:/path") a given one.
                    QString path = address.mid(5);
                    while (path.startsWith(QLatin1String("//")))
                        path = path.mid(1);
                    remote.socketPath = path == QLatin1String("/") || path.isEmpty() ? socket : path;
                } else {
                    QString url = address;
                    if (!url.contains(QLatin1String("://")))
                        url.prepend(QLatin1String("https://"));
                    remote.url = QUrl(url, QUrl::StrictMode);
                }

                const QString serverCertificate
                    = dir.filePath(QStringLiteral("servercerts/%1.crt").arg(name));
                if (QFileInfo::exists(serverCertificate)) {
                    QByteArray pem;
                    QString readWhy;
                    const QList<QSslCertificate> certificates = readFile(serverCertificate, &pem, &readWhy)
                        ? QSslCertificate::fromData(pem, QSsl::Pem)
                        : QList<QSslCertificate>();
                    if (certificates.isEmpty()) {
                        result.warnings.append(
                            QStringLiteral(
                                "%1 is not a PEM certificate; remote “%2” has no pinned certificate")
                                .arg(serverCertificate, name));
                    } else {
                        remote.pinnedFingerprint = Lxd::TlsIdentity::fingerprint(certificates.constFirst());
                    }
                } else if (!remote.isLocal() && !remote.isPublic && !remote.isImageSource()) {
                    result.warnings.append(
                        QStringLiteral(
                            "remote “%1” has no server certificate in servercerts/: its certificate "
                            "must be accepted again")
                            .arg(name));
                }
                if (!remote.isLocal() && !remote.isPublic && !remote.isImageSource()
                    && result.hasClientCertificate())
                    remote.clientIdentity = source.identityName;

                const QString invalid = remote.validate();
                if (!invalid.isEmpty()) {
                    result.warnings.append(QStringLiteral("%1: %2; skipped").arg(at, invalid));
                    continue;
                }
                result.remotes.append(remote);
            } catch (const YAML::Exception &exception) {
                result.warnings.append(
                    QStringLiteral("%1: remote “%2”: %3; skipped")
                        .arg(where(configPath, exception.mark), name, fromStd(exception.msg)));
            }
        }
    } catch (const YAML::Exception &exception) {
        result.error = Lxd::Error(
            Lxd::Error::Kind::Parse,
            QStringLiteral("%1: %2").arg(where(configPath, exception.mark), fromStd(exception.msg)));
        result.remotes.clear();
    } catch (const std::exception &exception) {
        result.error
            = Lxd::Error(Lxd::Error::Kind::Parse,
                         QStringLiteral("%1: %2").arg(configPath, QString::fromLocal8Bit(exception.what())));
        result.remotes.clear();
    }
    return result;
}

} // namespace Secrets
