#include "SavedRemotes.h"

#include "MessageBox.h"
#include "lxd/Client.h"
#include "lxd/EventStream.h"
#include "lxd/ServerCertificateProbe.h"
#include "lxd/SocketDiscovery.h"
#include "models/Remote.h"
#include "models/RemoteRegistry.h"
#include "secrets/ClientIdentityJob.h"
#include "secrets/ClientIdentityStore.h"
#include "secrets/KeyStore.h"
#include "secrets/RemoteConfigStore.h"

#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>

#include <algorithm>
#include <memory>

using Secrets::RemoteConfig;

namespace {

QString describeSubject(const QSslCertificate &certificate)
{
    QStringList parts;
    for (const auto &[attribute, label] : {std::pair {QSslCertificate::CommonName, QStringLiteral("CN")},
                                           std::pair {QSslCertificate::Organization, QStringLiteral("O")}}) {
        const QStringList values = certificate.subjectInfo(attribute);
        for (const QString &value : values)
            parts.append(label + QLatin1Char('=') + value);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

SavedRemotes::SavedRemotes(Models::RemoteRegistry *registry, const QString &configDirectory, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_configDirectory(configDirectory)
    , m_keyStore(new Secrets::KeyStore(configDirectory, this))
    , m_identities(new Secrets::ClientIdentityStore(m_keyStore, configDirectory, this))
{ }

SavedRemotes::~SavedRemotes() = default;

QString SavedRemotes::filePath() const
{
    return Secrets::RemoteConfigStore(m_configDirectory).filePath();
}

Lxd::Error SavedRemotes::load()
{
    const Secrets::RemoteConfigStore store(m_configDirectory);
    Secrets::RemoteConfigStore::Contents contents;
    if (!QFileInfo::exists(store.filePath())) {
        // The first start: the daemons of this computer, kept so that removing one is remembered.
        contents.remotes = unsavedLocalDaemons();
        if (!contents.remotes.isEmpty())
            contents.defaultRemote = contents.remotes.constFirst().name;
        m_remotes = contents.remotes;
        m_defaultRemote = contents.defaultRemote;
        if (!m_remotes.isEmpty()) {
            if (const Lxd::Error error = save())
                return error;
        }
    } else {
        if (const Lxd::Error error = store.load(&contents)) {
            m_loadFailed = true;
            return error;
        }
        m_remotes = contents.remotes;
        m_defaultRemote = contents.defaultRemote;
    }
    // The default first, so that it is the one the window opens.
    for (const RemoteConfig &config : std::as_const(m_remotes)) {
        if (config.name == m_defaultRemote)
            m_connectQueue.prepend(config);
        else
            m_connectQueue.append(config);
    }
    connectQueued();
    Q_EMIT changed();
    return {};
}

bool SavedRemotes::contains(const QString &name) const
{
    return Secrets::RemoteConfigStore::Contents {m_remotes, {}}.indexOf(name) >= 0;
}

RemoteConfig SavedRemotes::remote(const QString &name) const
{
    for (const RemoteConfig &config : m_remotes) {
        if (config.name == name)
            return config;
    }
    return {};
}

QList<RemoteConfig> SavedRemotes::imageSources() const
{
    QList<RemoteConfig> sources;
    for (const RemoteConfig &config : m_remotes) {
        if (config.isImageSource())
            sources.append(config);
    }
    return sources;
}

QString SavedRemotes::unusedName(const QString &wanted) const
{
    const auto taken = [this](const QString &name) {
        return contains(name) || (m_registry && m_registry->find(name));
    };
    if (!taken(wanted))
        return wanted;
    for (int suffix = 2;; ++suffix) {
        const QString candidate = QStringLiteral("%1-%2").arg(wanted).arg(suffix);
        if (!taken(candidate))
            return candidate;
    }
}

Lxd::Error SavedRemotes::save()
{
    if (m_loadFailed)
        return Lxd::Error(
            Lxd::Error::Kind::Io,
            tr("%1 could not be read when Berth started; it is not overwritten. Fix or move it, "
               "and start Berth again.")
                .arg(filePath()));
    Secrets::RemoteConfigStore::Contents contents {m_remotes, m_defaultRemote};
    return Secrets::RemoteConfigStore(m_configDirectory).save(contents);
}

Lxd::Error SavedRemotes::add(const RemoteConfig &config)
{
    if (const QString why = config.validate(); !why.isEmpty())
        return Lxd::Error(Lxd::Error::Kind::Io, why);
    if (contains(config.name) || (m_registry->find(config.name)))
        return Lxd::Error(Lxd::Error::Kind::Io, tr("There is already a remote named “%1”.").arg(config.name));
    m_remotes.append(config);
    if (const Lxd::Error error = save()) {
        m_remotes.removeLast();
        return error;
    }
    m_connectQueue.append(config);
    connectQueued();
    Q_EMIT changed();
    return {};
}

Lxd::Error SavedRemotes::rename(const QString &name, const QString &newName)
{
    if (name == newName)
        return {};
    const qsizetype index = Secrets::RemoteConfigStore::Contents {m_remotes, {}}.indexOf(name);
    if (index < 0)
        return Lxd::Error(Lxd::Error::Kind::Io, tr("There is no remote named “%1”.").arg(name));
    if (contains(newName) || m_registry->find(newName))
        return Lxd::Error(Lxd::Error::Kind::Io, tr("There is already a remote named “%1”.").arg(newName));
    RemoteConfig renamed = m_remotes.at(index);
    renamed.name = newName;
    if (const QString why = renamed.validate(); !why.isEmpty())
        return Lxd::Error(Lxd::Error::Kind::Io, why);
    const QList<RemoteConfig> before = m_remotes;
    const QString defaultBefore = m_defaultRemote;
    m_remotes[index] = renamed;
    if (m_defaultRemote == name)
        m_defaultRemote = newName;
    if (const Lxd::Error error = save()) {
        m_remotes = before;
        m_defaultRemote = defaultBefore;
        return error;
    }
    if (m_changes.contains(name))
        m_changes.insert(newName, m_changes.take(name));
    if (m_problems.contains(name))
        m_problems.insert(newName, m_problems.take(name));
    m_registry->remove(name);
    m_connectQueue.append(renamed);
    connectQueued();
    Q_EMIT changed();
    return {};
}

Lxd::Error SavedRemotes::remove(const QString &name)
{
    const qsizetype index = Secrets::RemoteConfigStore::Contents {m_remotes, {}}.indexOf(name);
    if (index < 0) {
        // A remote connected for this session only (--socket): there is nothing saved to forget.
        m_registry->remove(name);
        return {};
    }
    const QList<RemoteConfig> before = m_remotes;
    const QString defaultBefore = m_defaultRemote;
    m_remotes.removeAt(index);
    if (m_defaultRemote == name)
        m_defaultRemote = m_remotes.isEmpty() ? QString() : m_remotes.constFirst().name;
    if (const Lxd::Error error = save()) {
        m_remotes = before;
        m_defaultRemote = defaultBefore;
        return error;
    }
    m_changes.remove(name);
    m_problems.remove(name);
    m_registry->remove(name);
    Q_EMIT changed();
    return {};
}

Lxd::Error SavedRemotes::setDefault(const QString &name)
{
    if (!contains(name))
        return Lxd::Error(Lxd::Error::Kind::Io, tr("There is no remote named “%1”.").arg(name));
    const QString before = m_defaultRemote;
    m_defaultRemote = name;
    if (const Lxd::Error error = save()) {
        m_defaultRemote = before;
        return error;
    }
    Q_EMIT changed();
    return {};
}

Lxd::Error SavedRemotes::trustCertificate(const QString &name, const QByteArray &fingerprint)
{
    const qsizetype index = Secrets::RemoteConfigStore::Contents {m_remotes, {}}.indexOf(name);
    if (index < 0)
        return Lxd::Error(Lxd::Error::Kind::Io, tr("There is no remote named “%1”.").arg(name));
    const QByteArray normalized = Lxd::TlsIdentity::normalizeFingerprint(fingerprint);
    if (normalized.isEmpty())
        return Lxd::Error(Lxd::Error::Kind::Io,
                          tr("“%1” is not a SHA-256 fingerprint.").arg(QString::fromLatin1(fingerprint)));
    const QList<RemoteConfig> before = m_remotes;
    m_remotes[index].pinnedFingerprint = normalized;
    if (const Lxd::Error error = save()) {
        m_remotes = before;
        return error;
    }
    m_changes.remove(name);
    m_problems.remove(name);
    m_registry->remove(name);
    m_connectQueue.append(m_remotes.at(index));
    connectQueued();
    Q_EMIT changed();
    return {};
}

QList<RemoteConfig> SavedRemotes::unsavedLocalDaemons() const
{
    QSet<QString> known;
    for (const RemoteConfig &config : m_remotes) {
        if (config.isLocal())
            known.insert(QFileInfo(config.socketPath).canonicalFilePath());
    }
    QList<RemoteConfig> found;
    bool hasLxd = false;
    const QList<Lxd::SocketDiscovery::Candidate> candidates = Lxd::SocketDiscovery::existing();
    for (const Lxd::SocketDiscovery::Candidate &candidate : candidates) {
        const QString canonical = QFileInfo(candidate.path).canonicalFilePath();
        const bool lxd = candidate.daemon == Lxd::SocketDiscovery::Daemon::Lxd;
        hasLxd = hasLxd || lxd;
        if (known.contains(canonical))
            continue;
        known.insert(canonical);
        const auto taken = [this, &found](const QString &name) {
            return contains(name)
                || std::any_of(found.cbegin(), found.cend(),
                               [&name](const RemoteConfig &other) { return other.name == name; });
        };
        // Incus is "local" too where there is no LXD, as `incus` itself calls it.
        const QString base = lxd || !hasLxd ? QStringLiteral("local") : QStringLiteral("local-incus");
        QString name = base;
        for (int suffix = 2; taken(name); ++suffix)
            name = QStringLiteral("%1-%2").arg(base).arg(suffix);
        RemoteConfig config;
        config.name = name;
        config.socketPath = candidate.path;
        found.append(config);
    }
    return found;
}

void SavedRemotes::connectQueued()
{
    if (m_connecting || m_connectQueue.isEmpty())
        return;
    m_connecting = true;
    const RemoteConfig config = m_connectQueue.takeFirst();
    connectRemote(config, [this] {
        m_connecting = false;
        connectQueued();
    });
}

void SavedRemotes::connectRemote(const RemoteConfig &config, std::function<void()> next)
{
    if (config.isImageSource() || m_registry->find(config.name) || !contains(config.name)) {
        next();
        return;
    }
    if (config.isLocal()) {
        if (Models::Remote *added = m_registry->insert(registryIndexFor(config.name), config.name,
                                                       Lxd::Client::overUnixSocket(config.socketPath)))
            watch(added);
        next();
        return;
    }
    loadIdentity(config.clientIdentity, this, [this, config, next](const IdentityResult &result) {
        // The list may have changed while the key was read (renamed, removed, another pin).
        if (remote(config.name) != config || m_registry->find(config.name)) {
            next();
            return;
        }
        if (!result.ok()) {
            setProblem(config.name,
                       result.declined
                           ? tr("Not connected: Berth has no client certificate, because no keychain exists "
                                "and keeping its key in a file was declined.")
                           : tr("Not connected: %1").arg(result.userMessage));
            next();
            return;
        }
        setProblem(config.name, {});
        Lxd::TlsIdentity identity = result.identity;
        identity.setPinnedFingerprint(config.pinnedFingerprint);
        if (Models::Remote *added = m_registry->insert(registryIndexFor(config.name), config.name,
                                                       Lxd::Client::overHttps(config.url, identity)))
            watch(added);
        next();
    });
}

int SavedRemotes::registryIndexFor(const QString &name) const
{
    // After every connected remote that comes before it in the list; remotes of this session only
    // (--socket) stay at the end.
    const Secrets::RemoteConfigStore::Contents list {m_remotes, {}};
    const qsizetype position = list.indexOf(name);
    int index = 0;
    const QList<Models::Remote *> connected = m_registry->remotes();
    for (const Models::Remote *remote : connected) {
        const qsizetype other = list.indexOf(remote->name());
        if (other >= 0 && other < position)
            ++index;
    }
    return index;
}

void SavedRemotes::watch(Models::Remote *remote)
{
    const QString name = remote->name();
    connect(remote, &Models::Remote::stateChanged, this, [this, remote, name](Models::Remote::State state) {
        if (state == Models::Remote::State::Failed && remote->lastError().kind() == Lxd::Error::Kind::Tls)
            checkCertificate(name);
    });
}

void SavedRemotes::checkCertificate(const QString &name)
{
    const RemoteConfig config = remote(name);
    if (config.isLocal() || !config.url.isValid() || m_probing.contains(name) || m_changes.contains(name))
        return;
    m_probing.insert(name);
    auto *probe = new Lxd::ServerCertificateProbe(config.url, this);
    probe->setTimeout(15000);
    connect(probe, &Lxd::Job::finished, this, [this, name, config, probe] {
        m_probing.remove(name);
        if (probe->error() || remote(name) != config)
            return; // unreachable now, or changed meanwhile: the remote's own state says enough
        const QByteArray pinned = Lxd::TlsIdentity::normalizeFingerprint(config.pinnedFingerprint);
        const QByteArray presented = probe->fingerprint();
        if (presented.isEmpty() || presented == pinned)
            return; // another TLS failure; the remote's state names it
        m_changes.insert(name, {pinned, presented, describeSubject(probe->certificate())});
        // Stop here: no more attempts against a server that is not the one the user trusted.
        if (Models::Remote *connected = m_registry->find(name))
            connected->client().events()->stop();
        setProblem(name,
                   pinned.isEmpty()
                       ? tr("Stopped: no certificate is pinned for this server. Check and trust its "
                            "certificate first.")
                       : tr("Stopped: the server's certificate has changed. It may have been reinstalled, "
                            "or someone may be intercepting the connection."));
        Q_EMIT certificateChanged(name);
    });
}

void SavedRemotes::setProblem(const QString &name, const QString &problem)
{
    if (m_problems.value(name) == problem)
        return;
    if (problem.isEmpty())
        m_problems.remove(name);
    else
        m_problems.insert(name, problem);
    Q_EMIT changed();
}

void SavedRemotes::loadIdentity(const QString &name, QObject *context,
                                std::function<void(const IdentityResult &)> done)
{
    if (m_loadedIdentities.contains(name)) {
        const IdentityResult result = m_loadedIdentities.value(name);
        QMetaObject::invokeMethod(
            context, [result, done = std::move(done)] { done(result); }, Qt::QueuedConnection);
        return;
    }
    auto &waiters = m_identityWaiters[name];
    waiters.append({QPointer<QObject>(context), std::move(done)});
    if (waiters.size() == 1) {
        m_askOver.insert(name, qobject_cast<QWidget *>(context));
        runIdentityLoad(name, false);
    }
}

void SavedRemotes::runIdentityLoad(const QString &name, bool allowFile)
{
    Secrets::ClientIdentityJob *job = m_identities->load(
        name, allowFile ? Secrets::KeyStore::FileFallback::Allow : Secrets::KeyStore::FileFallback::Refuse);
    connect(job, &Lxd::Job::finished, this, [this, name, allowFile](Lxd::Job *finished) {
        auto *identityJob = static_cast<Secrets::ClientIdentityJob *>(finished);
        IdentityResult result;
        if (identityJob->succeeded()) {
            result.identity = identityJob->identity();
            result.fingerprint = identityJob->fingerprint();
            finishIdentityLoad(name, result);
            return;
        }
        if (identityJob->isNoKeychain() && !allowFile) {
            // Asked over the dialog that needs the key, if that is who asked, else over the main window.
            QWidget *over = m_askOver.value(name) ? m_askOver.value(name).data() : m_window.data();
            askForFileConsent(over, name, [this, name](bool agreed) {
                if (agreed)
                    runIdentityLoad(name, true);
                else
                    finishIdentityLoad(name, declinedResult());
            });
            return;
        }
        result.error = identityJob->error();
        result.userMessage = identityJob->userMessage();
        finishIdentityLoad(name, result);
    });
}

void SavedRemotes::finishIdentityLoad(const QString &name, const IdentityResult &result)
{
    if (result.ok())
        m_loadedIdentities.insert(name, result);
    m_askOver.remove(name);
    const auto waiters = m_identityWaiters.take(name);
    for (const auto &[context, done] : waiters) {
        if (context)
            done(result);
    }
}

SavedRemotes::IdentityResult SavedRemotes::declinedResult()
{
    IdentityResult declined;
    declined.declined = true;
    declined.error
        = Lxd::Error(Lxd::Error::Kind::Io, QStringLiteral("keeping the key in a file was declined"));
    declined.userMessage = tr("No keychain exists, and keeping the key in a file was declined.");
    return declined;
}

void SavedRemotes::askForFileConsent(QWidget *over, const QString &name, std::function<void(bool)> onAnswer)
{
    // Only the user may decide that a private key goes into a file.
    if (!over)
        over = m_window;
    const QString whose
        = name.isEmpty() ? tr("Berth's own client certificate") : tr("the client certificate “%1”").arg(name);
    MessageBox::confirm(
        over, tr("No Keychain"),
        tr("No keychain service is running (such as GNOME Keyring or KWallet), so Berth cannot keep the "
           "private key of %1 in it.")
            .arg(whose),
        tr("Keep in a File"), this, [onAnswer] { onAnswer(true); }, false,
        tr("Berth can keep the key in a file that only you can read (%1). Anyone who can read your files, or "
           "a backup of them, could then act as you on your servers. If you decline, nothing is stored and "
           "the remote stays unconnected.")
            .arg(m_keyStore->fallbackDirectory()),
        [onAnswer] { onAnswer(false); });
}

bool SavedRemotes::identityNameFits(const QString &name, const QByteArray &certificatePem) const
{
    if (!Secrets::ClientIdentityStore::isValidName(name))
        return false;
    QFile file(m_identities->certificatePath(name));
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QList<QSslCertificate> existing = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    const QList<QSslCertificate> wanted = QSslCertificate::fromData(certificatePem, QSsl::Pem);
    return !existing.isEmpty() && !wanted.isEmpty() && existing.constFirst() == wanted.constFirst();
}

void SavedRemotes::saveIdentity(const QString &name, const QByteArray &certificatePem,
                                const QByteArray &keyPem, QObject *context,
                                std::function<void(const IdentityResult &)> done)
{
    QPointer<QObject> guard(context);
    auto run = std::make_shared<std::function<void(bool)>>();
    *run = [this, name, certificatePem, keyPem, guard, done, run](bool allowFile) {
        Secrets::ClientIdentityJob *job = m_identities->save(
            name, certificatePem, keyPem,
            allowFile ? Secrets::KeyStore::FileFallback::Allow : Secrets::KeyStore::FileFallback::Refuse);
        connect(job, &Lxd::Job::finished, this,
                [this, name, guard, done, run, allowFile](Lxd::Job *finished) {
                    auto *identityJob = static_cast<Secrets::ClientIdentityJob *>(finished);
                    if (identityJob->isNoKeychain() && !allowFile) {
                        askForFileConsent(qobject_cast<QWidget *>(guard.data()), name,
                                          [this, guard, done, run](bool agreed) {
                                              if (agreed)
                                                  (*run)(true);
                                              else if (guard)
                                                  done(declinedResult());
                                              if (!agreed)
                                                  *run = nullptr; // break the cycle
                                          });
                        return;
                    }
                    IdentityResult result;
                    if (identityJob->succeeded()) {
                        result.identity = identityJob->identity();
                        result.fingerprint = identityJob->fingerprint();
                        m_loadedIdentities.insert(name, result);
                    } else {
                        result.error = identityJob->error();
                        result.userMessage = identityJob->userMessage();
                    }
                    *run = nullptr; // break the cycle
                    if (guard)
                        done(result);
                });
    };
    (*run)(false);
}
