#pragma once

#include "lxd/Error.h"
#include "lxd/TlsIdentity.h"
#include "secrets/ConfigDirectory.h"
#include "secrets/RemoteConfig.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class QWidget;

namespace Models {
class Remote;
class RemoteRegistry;
} // namespace Models

namespace Secrets {
class ClientIdentityStore;
class KeyStore;
} // namespace Secrets

// Berth's remotes across runs: the list in remotes.json (Secrets::RemoteConfigStore), the client
// identities they authenticate with (keys in the keychain), and their live connections in the
// RemoteRegistry, in the list's order. It connects every LXD server of the list at start (the default one
// first), keeps the file current as remotes are added, renamed, removed or made the default, and stops a
// remote whose server presents a certificate other than the pinned one until the user deliberately
// trusts the new one.
//
// Where no keychain exists, a new private key is kept in a file only after the user agreed (a question in
// window()); never silently.
class SavedRemotes final : public QObject
{
    Q_OBJECT

public:
    // A server that presented another certificate than the pinned one.
    struct CertificateChange
    {
        QByteArray pinned; // empty when nothing was pinned (an import without servercerts/)
        QByteArray presented;
        QString subject; // of the presented certificate, for people
    };

    // The outcome of loadIdentity(): an identity, or why not. `declined`: the user would not have the key
    // kept in a file.
    struct IdentityResult
    {
        Lxd::TlsIdentity identity;
        QByteArray fingerprint; // of the client certificate
        Lxd::Error error;
        QString userMessage;
        bool declined = false;
        bool ok() const { return !error && identity.hasClientCertificate(); }
    };

    explicit SavedRemotes(Models::RemoteRegistry *registry,
                          const QString &configDirectory = Secrets::ConfigDirectory::path(),
                          QObject *parent = nullptr);
    ~SavedRemotes() override;

    Models::RemoteRegistry *registry() const { return m_registry; }
    Secrets::KeyStore *keyStore() const { return m_keyStore; }
    Secrets::ClientIdentityStore *identities() const { return m_identities; }
    QString configDirectory() const { return m_configDirectory; }
    QString filePath() const;

    // Where questions are asked (the main window); may be null in tests that pre-answer MessageBox.
    void setWindow(QWidget *window) { m_window = window; }
    QWidget *window() const { return m_window; }

    // Reads the list and connects its LXD servers. With no list yet (the first start) the local daemons
    // found by socket discovery become the list. A list that cannot be read is left untouched and
    // reported; nothing is connected then.
    Lxd::Error load();

    QList<Secrets::RemoteConfig> remotes() const { return m_remotes; }
    bool contains(const QString &name) const;
    Secrets::RemoteConfig remote(const QString &name) const;
    QString defaultRemote() const { return m_defaultRemote; }
    // The simplestreams image servers of the list: image sources for the create wizard, never connected.
    QList<Secrets::RemoteConfig> imageSources() const;
    // A name not yet used, from `wanted` ("lxc-second", "second-2").
    QString unusedName(const QString &wanted) const;

    // Why a saved remote is not connected (its client key could not be read…); empty otherwise.
    QString problem(const QString &name) const { return m_problems.value(name); }
    bool hasCertificateChange(const QString &name) const { return m_changes.contains(name); }
    CertificateChange certificateChange(const QString &name) const { return m_changes.value(name); }

    // Saves a new remote and connects it. Errors name what is wrong (a name taken, an unusable address).
    Lxd::Error add(const Secrets::RemoteConfig &config);
    Lxd::Error rename(const QString &name, const QString &newName);
    Lxd::Error remove(const QString &name);
    Lxd::Error setDefault(const QString &name);
    // Pins `fingerprint` (the one the user was shown) for `name` and connects again.
    Lxd::Error trustCertificate(const QString &name, const QByteArray &fingerprint);

    // Local daemons whose socket exists but that are not in the list, named "local", "local-incus"…
    QList<Secrets::RemoteConfig> unsavedLocalDaemons() const;

    // Loads (or on first need makes) a client identity; "" is Berth's own. When there is no keychain and
    // the key must be stored, asks the user first (over `context` when it is a widget). `done` runs later, if
    // `context` still lives. Loads of the same name are queued, so that two callers never make two
    // certificates.
    void loadIdentity(const QString &name, QObject *context,
                      std::function<void(const IdentityResult &)> done);
    // Saves a certificate and key taken over from lxc or Incus under `name`, asking as loadIdentity() does
    // when there is no keychain. The key is not kept here.
    void saveIdentity(const QString &name, const QByteArray &certificatePem, const QByteArray &keyPem,
                      QObject *context, std::function<void(const IdentityResult &)> done);
    // Whether `name` is free for a new identity, or already holds exactly `certificatePem`.
    bool identityNameFits(const QString &name, const QByteArray &certificatePem) const;

Q_SIGNALS:
    // The list, the default, a problem or a certificate change changed.
    void changed();
    // `name`'s server presented another certificate; its connection was stopped.
    void certificateChanged(const QString &name);

private:
    Lxd::Error save();
    void connectQueued();
    void connectRemote(const Secrets::RemoteConfig &config, std::function<void()> next);
    // Where `name` goes in the registry, so that the tree shows the remotes in the list's order (the
    // Remotes manager's), whatever order they connect in and wherever one is renamed.
    int registryIndexFor(const QString &name) const;
    void watch(Models::Remote *remote);
    void checkCertificate(const QString &name);
    void runIdentityLoad(const QString &name, bool allowFile);
    // Asks whether the key of `name` may go to a file; `onAnswer(true)` when the user agreed.
    void askForFileConsent(QWidget *over, const QString &name, std::function<void(bool)> onAnswer);
    static IdentityResult declinedResult();
    void finishIdentityLoad(const QString &name, const IdentityResult &result);
    void setProblem(const QString &name, const QString &problem);

    Models::RemoteRegistry *m_registry;
    QString m_configDirectory;
    Secrets::KeyStore *m_keyStore;
    Secrets::ClientIdentityStore *m_identities;
    QPointer<QWidget> m_window;
    QList<Secrets::RemoteConfig> m_remotes;
    QString m_defaultRemote;
    QHash<QString, QString> m_problems;
    QHash<QString, CertificateChange> m_changes;
    QSet<QString> m_probing;
    QList<Secrets::RemoteConfig> m_connectQueue;
    bool m_connecting = false;
    bool m_loadFailed = false; // then the file is never overwritten
    // Client identities loaded this session, by name (the key stays in memory only).
    QHash<QString, IdentityResult> m_loadedIdentities;
    QHash<QString, QList<std::pair<QPointer<QObject>, std::function<void(const IdentityResult &)>>>>
        m_identityWaiters;
    QHash<QString, QPointer<QWidget>> m_askOver;
};
