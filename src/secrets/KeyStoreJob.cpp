#include "KeyStoreJob.h"

#include "SecretFileStore.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusError>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <qt6keychain/keychain.h>

namespace Secrets {

namespace {

const QString secretService = QStringLiteral("org.freedesktop.secrets");
const QString secretServicePath = QStringLiteral("/org/freedesktop/secrets");
const QString secretServiceInterface = QStringLiteral("org.freedesktop.Secret.Service");

Lxd::Error keychainError(const QString &detail)
{
    return Lxd::Error(Lxd::Error::Kind::Io, detail);
}

} // namespace

KeyStoreJob::KeyStoreJob(Operation operation, QString service, QString key, QByteArray secret,
                         KeyStore::FileFallback fallback, QString fallbackDirectory, int probeTimeoutMs,
                         int keychainTimeoutMs, QObject *parent)
    : Lxd::Job(parent)
    , m_operation(operation)
    , m_service(std::move(service))
    , m_key(std::move(key))
    , m_secret(std::move(secret))
    , m_fallback(fallback)
    , m_fallbackDirectory(std::move(fallbackDirectory))
    , m_probeTimeoutMs(probeTimeoutMs)
{
    m_keychainTimer.setSingleShot(true);
    m_keychainTimer.setInterval(keychainTimeoutMs);
    connect(&m_keychainTimer, &QTimer::timeout, this, [this] {
        fail(
            Failure::Other,
            QStringLiteral("the keychain did not answer within %1 s").arg(m_keychainTimer.interval() / 1000));
    });
}

KeyStoreJob::~KeyStoreJob() = default;

void KeyStoreJob::start()
{
    if (m_key.isEmpty()) {
        fail(Failure::Other, QStringLiteral("a secret needs a name"));
        return;
    }
    if (m_operation == Operation::Remove) {
        if (const Lxd::Error error = SecretFileStore(m_fallbackDirectory).remove(m_key)) {
            fail(Failure::Other, error.detail());
            return;
        }
    }

    // QtKeychain cannot tell "no keychain service" from other failures (libsecret reports both as
    // OtherError), so ask the bus first whether a Secret Service answers. Asking for its collections also
    // starts a D-Bus activatable one, as the keychain call itself would.
    // The first use connects to the bus's local socket, once per process, as QtKeychain itself does.
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        const QString why = bus.lastError().isValid() ? bus.lastError().message()
                                                      : QStringLiteral("there is no D-Bus session bus");
        withoutKeychain(why);
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(secretService, secretServicePath,
                                                       QStringLiteral("org.freedesktop.DBus.Properties"),
                                                       QStringLiteral("Get"));
    call << secretServiceInterface << QStringLiteral("Collections");
    m_probe = new QDBusPendingCallWatcher(bus.asyncCall(call, m_probeTimeoutMs), this);
    connect(m_probe, &QDBusPendingCallWatcher::finished, this, &KeyStoreJob::onProbed);
}

void KeyStoreJob::stopWork()
{
    // A QtKeychain job cannot be stopped, and deleting it while libsecret still holds it would crash: it
    // runs to its end and deletes itself, and our connection to it ends with this job.
    delete m_probe;
    m_probe = nullptr;
    m_keychainTimer.stop();
}

void KeyStoreJob::onProbed(QDBusPendingCallWatcher *watcher)
{
    watcher->deleteLater();
    m_probe = nullptr;
    if (isFinished())
        return;
    if (watcher->isError()) {
        const QDBusError error = watcher->error();
        withoutKeychain(QStringLiteral("%1 (%2)").arg(error.message(), error.name()));
        return;
    }
    useKeychain();
}

void KeyStoreJob::withoutKeychain(const QString &why)
{
    const QString detail
        = QStringLiteral("no keychain service answers (Secret Service %1 on the D-Bus session bus): %2")
              .arg(secretService, why);
    const SecretFileStore files(m_fallbackDirectory);
    switch (m_operation) {
    case Operation::Store:
        if (m_fallback != KeyStore::FileFallback::Allow) {
            fail(Failure::NoKeychain, detail);
            return;
        }
        if (const Lxd::Error error = files.write(m_key, m_secret)) {
            fail(Failure::Other, error.detail());
            return;
        }
        succeed(Location::File);
        return;
    case Operation::Read:
        if (!files.contains(m_key)) {
            fail(Failure::NoKeychain, detail);
            return;
        }
        if (const Lxd::Error error = files.read(m_key, &m_secret)) {
            fail(Failure::Other, error.detail());
            return;
        }
        succeed(Location::File);
        return;
    case Operation::Remove:
        fail(Failure::NoKeychain, detail);
        return;
    }
}

void KeyStoreJob::useKeychain()
{
    QKeychain::Job *job = nullptr;
    switch (m_operation) {
    case Operation::Store: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setBinaryData(m_secret);
        job = write;
        break;
    }
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    // No parent: see stopWork().
    job->setAutoDelete(true);
    // QtKeychain's own fallback writes secrets in plain text to QSettings: never.
    job->setInsecureFallback(false);
    job->setKey(m_key);
    connect(job, &QKeychain::Job::finished, this, &KeyStoreJob::onKeychainFinished);
    m_keychainTimer.start();
    job->start();
}

void KeyStoreJob::onKeychainFinished(QKeychain::Job *job)
{
    m_keychainTimer.stop();
    if (isFinished())
        return;
    const QKeychain::Error error = job->error();
    const QString detail = QStringLiteral("the keychain answered: %1").arg(job->errorString());
    const SecretFileStore files(m_fallbackDirectory);

    switch (error) {
    case QKeychain::NoError:
        break;
    case QKeychain::EntryNotFound:
        if (m_operation == Operation::Read) {
            // Stored in the file while there was no keychain?
            if (files.contains(m_key)) {
                if (const Lxd::Error fileError = files.read(m_key, &m_secret)) {
                    fail(Failure::Other, fileError.detail());
                    return;
                }
                succeed(Location::File);
                return;
            }
            fail(Failure::NotFound, QStringLiteral("no secret named %1").arg(m_key));
            return;
        }
        if (m_operation == Operation::Remove) {
            succeed(Location::None);
            return;
        }
        fail(Failure::Other, detail);
        return;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        fail(Failure::AccessDenied, detail);
        return;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        withoutKeychain(detail);
        return;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        fail(Failure::Other, detail);
        return;
    }

    switch (m_operation) {
    case Operation::Store:
        // A copy left in the file from a time without keychain is no longer needed.
        if (const Lxd::Error fileError = files.remove(m_key)) {
            fail(Failure::Other, fileError.detail());
            return;
        }
        break;
    case Operation::Read:
        m_secret = static_cast<QKeychain::ReadPasswordJob *>(job)->binaryData();
        break;
    case Operation::Remove:
        break;
    }
    succeed(m_operation == Operation::Remove ? Location::None : Location::Keychain);
}

void KeyStoreJob::succeed(Location location)
{
    m_location = location;
    if (m_operation != Operation::Read)
        m_secret.clear();
    finishWith();
}

void KeyStoreJob::fail(Failure failure, const QString &detail)
{
    m_failure = failure;
    m_secret.clear();
    finishWith(keychainError(detail));
}

QString KeyStoreJob::userMessage() const
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("Secrets::KeyStoreJob", text);
    };
    switch (m_failure) {
    case Failure::None:
        return {};
    case Failure::NoKeychain:
        return tr("No keychain service is running (such as GNOME Keyring or KWallet), so Berth cannot keep "
                  "the secret “%1” in it.")
            .arg(m_key);
    case Failure::NotFound:
        return tr("The keychain holds no secret named “%1”.").arg(m_key);
    case Failure::AccessDenied:
        return tr("The keychain is locked or refused access to “%1”.").arg(m_key);
    case Failure::Other:
        return tr("The secret “%1” could not be used: %2").arg(m_key, error().detail());
    }
    return error().detail();
}

} // namespace Secrets
