// Remotes, trust, projects and clusters through Berth's own dialogs, against the testbed's daemons: the
// second daemon added by trust password and by trust token, a pin mismatch refused and then deliberately
// trusted, lxc's remotes imported, a project created and used, and the cluster's members listed, a
// container created on a chosen member, moved to the other, a member evacuated and restored. At the end,
// Berth's configuration folder, its QSettings and everything logged are searched for every secret used.
//
// The keychain is gnome-keyring on a private D-Bus session bus (started after the first test, which shows
// that without one Berth asks before it keeps a key in a file).
#include "AddRemoteWizard.h"
#include "CertificateChangeDialog.h"
#include "CreateInstanceImagePage.h"
#include "CreateInstanceNamePage.h"
#include "CreateInstancePlacementPage.h"
#include "CreateInstanceReviewPage.h"
#include "CreateInstanceWizard.h"
#include "EditRemoteDialog.h"
#include "EvacuateMemberDialog.h"
#include "ImportRemotesDialog.h"
#include "InstanceActions.h"
#include "LxcCommand.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "ProjectDialog.h"
#include "ProjectSwitcher.h"
#include "RemoteActions.h"
#include "RemoteStatusLabel.h"
#include "RemotesDialog.h"
#include "ResourceListWidget.h"
#include "SavedRemotes.h"
#include "SecretServiceSession.h"
#include "SecretsTestSupport.h"
#include "Testbed.h"
#include "TextPrompt.h"
#include "Theme.h"
#include "lxd/EventStream.h"
#include "models/ClusterMemberTableModel.h"
#include "models/InstanceTableModel.h"
#include "models/NavigationTreeModel.h"
#include "models/Remote.h"
#include "models/RemoteRegistry.h"
#include "models/ResourceCache.h"
#include "models/ResourceTableModel.h"
#include "secrets/ClientIdentityStore.h"
#include "secrets/ConfigDirectory.h"
#include "secrets/KeyStore.h"
#include "secrets/SecretFileStore.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMutex>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSslCertificate>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>
#include <QUuid>

#include <algorithm>

using Models::ResourceTableModel;
using Section = Models::NavigationTreeModel::Section;
using SecretsTestSupport::formsOf;
using SecretsTestSupport::Needle;

namespace {

QMutex logMutex;
QString capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker locker(&logMutex);
        capturedLog += message + QLatin1Char('\n');
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

constexpr int Timeout = 60000;

} // namespace

class TestRemotesManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void withoutKeychainAsksBeforeKeepingKeyInFile();
    void addsSecondDaemonByTrustPassword();
    void addsSecondDaemonByTrustToken();
    void refusesPinMismatchUntilTrustedDeliberately();
    void importsRemotesAddedByLxc();
    void projectCreatedUsedEditedDeleted();
    void clusterMembersMoveEvacuateRestore();
    void treeShowsThreeRemotesConnected();
    void leavesNoSecretBehind();
    void leavesNoTrustBehind();

private:
    QString configHome() const { return QDir(m_root.path()).filePath(QStringLiteral("config")); }
    static QByteArray daemonFingerprint(Testbed::Daemon daemon);
    static QString newTrustToken(Testbed::Daemon daemon, const QString &name);
    void openWindow();
    AddRemoteWizard *openAddWizard();
    // Drives the wizard through its three pages; the secret is a token or a password.
    void addThroughWizard(const QString &name, const QString &address, bool token, const QString &secret);
    bool isConnected(const QString &remote) const;
    // The remotes as the tree lists them, top to bottom.
    QStringList treeRemotes() const;
    // The remotes' labels the status bar shows, left to right.
    QStringList visibleStatusTexts() const;
    // The fingerprints of the certificates a daemon trusts.
    static QStringList trustedFingerprints(Testbed::Daemon daemon);
    // Takes back from the daemons what this suite made them trust, and the tokens it issued.
    void removeTrustAndTokens();
    QByteArray berthFingerprint();
    template<class Dialog>
    Dialog *newestDialog() const;
    ResourceTableModel *tableModel() const { return m_window->resourceList()->model(); }
    int rowOf(const QString &key) const;
    bool selectRows(const QStringList &keys);
    QJsonObject lxcInstance(const QString &name, Testbed::Daemon daemon, const QString &project = {}) const;

    SecretServiceSession m_session;
    QTemporaryDir m_root;
    QString m_suffix;
    Models::RemoteRegistry *m_registry = nullptr;
    SavedRemotes *m_saved = nullptr;
    MainWindow *m_window = nullptr;
    RemoteActions *m_actions = nullptr;
    QList<Needle> m_needles;
    // Certificates the daemons were made to trust, to remove at the end.
    QList<std::pair<Testbed::Daemon, QByteArray>> m_trusted;
    QList<std::pair<Testbed::Daemon, QString>> m_tokens; // issued, maybe not used
    QList<std::pair<Testbed::Daemon, QStringList>> m_cleanup; // lxc commands
};

void TestRemotesManager::initTestCase()
{
    BERTH_REQUIRE_TESTBED();
    for (const Testbed::Daemon daemon : {Testbed::Daemon::Second, Testbed::Daemon::Cluster}) {
        const QString reason = Testbed::unavailableReason(daemon);
        QVERIFY2(reason.isEmpty(), qPrintable(reason));
    }
    QVERIFY(m_root.isValid());
    m_suffix = QUuid::createUuid().toString(QUuid::Id128).left(8);
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(configHome()));
    QCoreApplication::setOrganizationName(QStringLiteral("berth-remotes-test"));
    QCoreApplication::setApplicationName(QStringLiteral("Berth"));
    MessageBox::setTestMode(true);
    TextPrompt::setTestMode(true);
    Theme::initialize();
    previousHandler = qInstallMessageHandler(captureMessage);
    m_needles += formsOf(QStringLiteral("the trust password"), Testbed::trustPassword().toUtf8());
}

void TestRemotesManager::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
    delete m_window;
    delete m_saved;
    delete m_registry;
    for (const auto &[daemon, arguments] : std::as_const(m_cleanup))
        LxcCommand::run(arguments, daemon);
    removeTrustAndTokens(); // when leavesNoTrustBehind() did not get that far
    m_session.stopKeyring();
}

void TestRemotesManager::removeTrustAndTokens()
{
    for (const auto &[daemon, fingerprint] : std::as_const(m_trusted)) {
        if (trustedFingerprints(daemon).contains(QString::fromLatin1(fingerprint)))
            LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("remove"),
                             QString::fromLatin1(fingerprint)},
                            daemon);
    }
    m_trusted.clear();
    for (const auto &[daemon, name] : std::as_const(m_tokens)) {
        // Used tokens are gone already.
        if (LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("list-tokens"),
                             QStringLiteral("--format=csv")},
                            daemon)
                .output.contains(name))
            LxcCommand::run(
                {QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("revoke-token"), name},
                daemon);
    }
    m_tokens.clear();
}

QByteArray TestRemotesManager::daemonFingerprint(Testbed::Daemon daemon)
{
    const LxcResult result = LxcCommand::run({QStringLiteral("query"), QStringLiteral("/1.0")}, daemon);
    return QJsonDocument::fromJson(result.output.toUtf8())
        .object()
        .value(QLatin1String("environment"))
        .toObject()
        .value(QLatin1String("certificate_fingerprint"))
        .toString()
        .toLatin1();
}

QString TestRemotesManager::newTrustToken(Testbed::Daemon daemon, const QString &name)
{
    const LxcResult added = LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"),
                                             QStringLiteral("add"), QStringLiteral("--name"), name},
                                            daemon);
    const QStringList lines = added.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return added.ok() && !lines.isEmpty() ? lines.constLast().trimmed() : QString();
}

template<class Dialog>
Dialog *TestRemotesManager::newestDialog() const
{
    const QList<Dialog *> dialogs = m_window->findChildren<Dialog *>();
    for (auto it = dialogs.crbegin(); it != dialogs.crend(); ++it) {
        if ((*it)->isVisible())
            return *it;
    }
    return nullptr;
}

bool TestRemotesManager::isConnected(const QString &remote) const
{
    const Models::Remote *found = m_registry->find(remote);
    return found && found->state() == Models::Remote::State::Connected;
}

QStringList TestRemotesManager::treeRemotes() const
{
    QStringList names;
    const QAbstractItemModel *tree = m_window->navigationView()->model();
    for (int row = 0; row < tree->rowCount(); ++row)
        names.append(tree->index(row, 0).data(Models::NavigationTreeModel::RemoteNameRole).toString());
    return names;
}

QStringList TestRemotesManager::visibleStatusTexts() const
{
    QList<RemoteStatusLabel *> labels = m_window->statusBar()->findChildren<RemoteStatusLabel *>();
    labels.erase(std::remove_if(labels.begin(), labels.end(),
                                [](const RemoteStatusLabel *label) { return !label->isVisible(); }),
                 labels.end());
    const auto x = [this](const QWidget *widget) {
        return widget->mapTo(m_window, QPoint()).x();
    };
    std::sort(labels.begin(), labels.end(),
              [&x](const QWidget *left, const QWidget *right) { return x(left) < x(right); });
    QStringList texts;
    for (const RemoteStatusLabel *label : std::as_const(labels)) {
        // Drawn inside the status bar, not squeezed away or beyond its edge.
        const QRect shown = QRect(label->mapTo(m_window->statusBar(), QPoint()), label->size());
        if (shown.width() > 0 && m_window->statusBar()->rect().contains(shown))
            texts.append(label->text());
    }
    return texts;
}

QStringList TestRemotesManager::trustedFingerprints(Testbed::Daemon daemon)
{
    const LxcResult listed
        = LxcCommand::run({QStringLiteral("query"), QStringLiteral("/1.0/certificates?recursion=1")}, daemon);
    QStringList fingerprints;
    const QJsonArray certificates = QJsonDocument::fromJson(listed.output.toUtf8()).array();
    for (const QJsonValue &certificate : certificates)
        fingerprints.append(certificate.toObject().value(QLatin1String("fingerprint")).toString());
    return fingerprints;
}

QByteArray TestRemotesManager::berthFingerprint()
{
    QByteArray fingerprint;
    bool done = false;
    m_saved->loadIdentity(QString(), this, [&](const SavedRemotes::IdentityResult &result) {
        fingerprint = result.fingerprint;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, Timeout))
        return {};
    return fingerprint;
}

void TestRemotesManager::withoutKeychainAsksBeforeKeepingKeyInFile()
{
    // No Secret Service on this private bus yet: Berth's own key cannot go to a keychain.
    const QString directory = QDir(m_root.path()).filePath(QStringLiteral("without-keychain"));
    Models::RemoteRegistry registry;
    SavedRemotes saved(&registry, directory);
    saved.keyStore()->setProbeTimeout(5000);
    const auto load = [&saved, this](SavedRemotes::IdentityResult *result) {
        bool done = false;
        saved.loadIdentity(QString(), this, [&](const SavedRemotes::IdentityResult &outcome) {
            *result = outcome;
            done = true;
        });
        return QTest::qWaitFor([&] { return done; }, Timeout);
    };

    MessageBox::clearMessages();
    MessageBox::setNextAnswer(MessageBox::Answer::Reject);
    SavedRemotes::IdentityResult declined;
    QVERIFY(load(&declined));
    QVERIFY(declined.declined);
    QVERIFY(!declined.ok());
    QCOMPARE(MessageBox::messageCount(), 1);
    QVERIFY2(MessageBox::lastMessage().contains(QLatin1String("No keychain")),
             qPrintable(MessageBox::lastMessage()));
    QVERIFY2(SecretsTestSupport::filesBelow(directory).isEmpty(),
             qPrintable(SecretsTestSupport::filesBelow(directory).join(u',')));

    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    SavedRemotes::IdentityResult kept;
    QVERIFY(load(&kept));
    QVERIFY2(kept.ok(), qPrintable(kept.userMessage));
    QCOMPARE(MessageBox::messageCount(), 2);
    const QString keyFile = Secrets::SecretFileStore(saved.keyStore()->fallbackDirectory())
                                .filePath(Secrets::ClientIdentityStore::keyName());
    QVERIFY2(QFile::exists(keyFile), qPrintable(keyFile));
    QCOMPARE(SecretsTestSupport::modeOf(keyFile), 0600);
    QCOMPARE(SecretsTestSupport::modeOf(saved.keyStore()->fallbackDirectory()), 0700);
    QVERIFY(QFile::exists(saved.identities()->certificatePath()));
}

void TestRemotesManager::openWindow()
{
    m_window = new MainWindow(m_registry);
    m_actions = new RemoteActions(m_window, m_saved);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

AddRemoteWizard *TestRemotesManager::openAddWizard()
{
    m_actions->manageRemotes();
    auto *manager = newestDialog<RemotesDialog>();
    if (!manager)
        return nullptr;
    manager->addButton()->click();
    AddRemoteWizard *wizard = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            const QList<AddRemoteWizard *> wizards = manager->findChildren<AddRemoteWizard *>();
            for (AddRemoteWizard *each : wizards) {
                if (each->isVisible())
                    wizard = each;
            }
            return wizard != nullptr;
        },
        5000);
    return wizard;
}

void TestRemotesManager::addThroughWizard(const QString &name, const QString &address, bool token,
                                          const QString &secret)
{
    AddRemoteWizard *wizard = openAddWizard();
    QVERIFY(wizard);
    QPointer<AddRemoteWizard> guard(wizard);
    wizard->findChild<QLineEdit *>(QStringLiteral("nameLineEdit"))->setText(name);
    wizard->findChild<QLineEdit *>(QStringLiteral("addressLineEdit"))->setText(address);
    wizard->button(QWizard::NextButton)->click();
    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(AddRemoteWizard::CertificatePageId), Timeout);
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled()); // not before the user accepts
    wizard->findChild<QCheckBox *>(QStringLiteral("acceptCertificateCheckBox"))->setChecked(true);
    wizard->button(QWizard::NextButton)->click();
    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(AddRemoteWizard::TrustPageId), 5000);
    if (token) {
        wizard->findChild<QRadioButton *>(QStringLiteral("tokenRadioButton"))->setChecked(true);
        wizard->findChild<QLineEdit *>(QStringLiteral("tokenLineEdit"))->setText(secret);
    } else {
        wizard->findChild<QRadioButton *>(QStringLiteral("passwordRadioButton"))->setChecked(true);
        wizard->findChild<QLineEdit *>(QStringLiteral("passwordLineEdit"))->setText(secret);
    }
    wizard->button(QWizard::FinishButton)->click();
    QTRY_VERIFY2_WITH_TIMEOUT(!guard || !guard->isVisible(),
                              qPrintable(guard ? guard->errorText() : QStringLiteral("closed")), Timeout);
}

void TestRemotesManager::addsSecondDaemonByTrustPassword()
{
    QString why;
    QVERIFY2(m_session.startKeyring(&why), qPrintable(why));
    m_registry = new Models::RemoteRegistry;
    m_saved = new SavedRemotes(m_registry);
    QVERIFY2(m_saved->configDirectory().startsWith(configHome()), qPrintable(m_saved->configDirectory()));
    // The first start: the local daemon is found by its socket and kept.
    QVERIFY(!m_saved->load());
    QVERIFY2(m_saved->contains(QStringLiteral("local")), "socket discovery found no local daemon");
    QCOMPARE(m_saved->defaultRemote(), QStringLiteral("local"));
    QVERIFY(QFile::exists(m_saved->filePath()));
    openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(isConnected(QStringLiteral("local")), Timeout);

    const QByteArray second = daemonFingerprint(Testbed::Daemon::Second);
    QCOMPARE(second.size(), 64);
    const QString address = Testbed::httpsAddress(Testbed::Daemon::Second);
    // Berth's certificate (made now, on first need) is taken back from the daemons at the end.
    const QByteArray own = berthFingerprint();
    QCOMPARE(own.size(), 64);
    m_trusted.append({Testbed::Daemon::Second, own});
    m_trusted.append({Testbed::Daemon::Cluster, own});

    // The same steps as addThroughWizard(), with what the user sees checked on the way.
    AddRemoteWizard *wizard = openAddWizard();
    QVERIFY(wizard);
    QPointer<AddRemoteWizard> guard(wizard);
    auto *name = wizard->findChild<QLineEdit *>(QStringLiteral("nameLineEdit"));
    auto *addressEdit = wizard->findChild<QLineEdit *>(QStringLiteral("addressLineEdit"));
    // A taken name is refused on the first page.
    name->setText(QStringLiteral("local"));
    addressEdit->setText(address);
    wizard->button(QWizard::NextButton)->click();
    QTRY_VERIFY(wizard->errorText().contains(QLatin1String("already a remote named")));
    QCOMPARE(wizard->currentId(), int(AddRemoteWizard::ServerPageId));
    name->setText(QStringLiteral("second"));
    QVERIFY2(wizard->errorText().isEmpty(), "an error stays after the input changed");
    // Nothing listens here: the error names the address.
    addressEdit->setText(QStringLiteral("127.0.0.2:1"));
    wizard->button(QWizard::NextButton)->click();
    QTRY_VERIFY_WITH_TIMEOUT(wizard->errorText().contains(QLatin1String("127.0.0.2:1")), Timeout);
    addressEdit->setText(address);
    wizard->button(QWizard::NextButton)->click();
    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(AddRemoteWizard::CertificatePageId), Timeout);
    // The fingerprint shown is the one `lxc info` gives on the server.
    QCOMPARE(wizard->findChild<QLineEdit *>(QStringLiteral("fingerprintLineEdit"))->text().toLatin1(),
             second);
    QCOMPARE(wizard->presentedFingerprint(), second);
    QVERIFY(!wizard->findChild<QLabel *>(QStringLiteral("subjectLabel"))->text().isEmpty());
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    wizard->findChild<QCheckBox *>(QStringLiteral("acceptCertificateCheckBox"))->setChecked(true);
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    wizard->button(QWizard::NextButton)->click();
    QTRY_COMPARE(wizard->currentId(), int(AddRemoteWizard::TrustPageId));

    // A wrong password: refused, said so, and the error goes as the user types again.
    const QString wrong = QStringLiteral("wrong-") + m_suffix;
    m_needles += formsOf(QStringLiteral("a wrong trust password"), wrong.toUtf8());
    wizard->findChild<QRadioButton *>(QStringLiteral("passwordRadioButton"))->setChecked(true);
    auto *password = wizard->findChild<QLineEdit *>(QStringLiteral("passwordLineEdit"));
    QTest::keyClicks(password, wrong);
    wizard->button(QWizard::FinishButton)->click();
    QTRY_VERIFY_WITH_TIMEOUT(wizard->errorText().contains(QLatin1String("refused the trust password")),
                             Timeout);
    QVERIFY(!m_saved->contains(QStringLiteral("second")));
    password->clear();
    QTest::keyClicks(password, Testbed::trustPassword());
    QVERIFY(wizard->errorText().isEmpty());
    wizard->button(QWizard::FinishButton)->click();
    QTRY_VERIFY2_WITH_TIMEOUT(!guard || !guard->isVisible(),
                              qPrintable(guard ? guard->errorText() : QString()), Timeout);

    QCOMPARE(berthFingerprint(), own);
    QVERIFY(m_saved->contains(QStringLiteral("second")));
    QCOMPARE(m_saved->remote(QStringLiteral("second")).pinnedFingerprint, second);
    QTRY_VERIFY_WITH_TIMEOUT(isConnected(QStringLiteral("second")), Timeout);
    // The daemon lists Berth's certificate as trusted; the key is in the keychain, not in a file.
    QVERIFY(LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("list"),
                             QStringLiteral("--format=csv")},
                            Testbed::Daemon::Second)
                .output.contains(QString::fromLatin1(own.left(12))));
    const QByteArray key
        = SecretServiceSession::lookup(QStringLiteral("Berth"), Secrets::ClientIdentityStore::keyName());
    QVERIFY(key.contains("PRIVATE KEY"));
    m_needles += formsOf(QStringLiteral("Berth's private key"), key);
    QVERIFY(!QFile::exists(QDir(m_saved->configDirectory()).filePath(QStringLiteral("secrets"))));
    // The manager lists it.
    auto *manager = newestDialog<RemotesDialog>();
    QVERIFY(manager);
    QVERIFY(manager->selectRemote(QStringLiteral("second")));
    QTRY_COMPARE(manager->remoteList()->currentItem()->text(RemotesDialog::StatusColumn),
                 QStringLiteral("Connected"));
}

void TestRemotesManager::addsSecondDaemonByTrustToken()
{
    // Start again without trust: remove the remote (through the manager) and Berth's certificate from the
    // daemon's trust store.
    auto *manager = newestDialog<RemotesDialog>();
    QVERIFY(manager);
    QVERIFY(manager->selectRemote(QStringLiteral("second")));
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    manager->removeButton()->click();
    QTRY_VERIFY(!m_saved->contains(QStringLiteral("second")));
    QTRY_VERIFY(!m_registry->find(QStringLiteral("second")));
    const QByteArray own = berthFingerprint();
    QVERIFY(LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"), QStringLiteral("remove"),
                             QString::fromLatin1(own)},
                            Testbed::Daemon::Second)
                .ok());

    // A token of another server is refused before it is sent.
    const QString foreignName = QStringLiteral("remotes-foreign-") + m_suffix;
    const QString foreign = newTrustToken(Testbed::Daemon::Local, foreignName);
    QVERIFY(!foreign.isEmpty());
    m_tokens.append({Testbed::Daemon::Local, foreignName});
    m_needles += formsOf(QStringLiteral("a trust token of another server"), foreign.toUtf8());
    AddRemoteWizard *wizard = openAddWizard();
    QVERIFY(wizard);
    wizard->findChild<QLineEdit *>(QStringLiteral("nameLineEdit"))->setText(QStringLiteral("second"));
    wizard->findChild<QLineEdit *>(QStringLiteral("addressLineEdit"))
        ->setText(Testbed::httpsAddress(Testbed::Daemon::Second));
    wizard->button(QWizard::NextButton)->click();
    QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(AddRemoteWizard::CertificatePageId), Timeout);
    wizard->findChild<QCheckBox *>(QStringLiteral("acceptCertificateCheckBox"))->setChecked(true);
    wizard->button(QWizard::NextButton)->click();
    QTRY_COMPARE(wizard->currentId(), int(AddRemoteWizard::TrustPageId));
    QVERIFY(wizard->findChild<QRadioButton *>(QStringLiteral("tokenRadioButton"))->isChecked()); // preferred
    wizard->findChild<QLineEdit *>(QStringLiteral("tokenLineEdit"))->setText(foreign);
    wizard->button(QWizard::FinishButton)->click();
    QTRY_VERIFY(wizard->errorText().contains(QLatin1String("made by another server")));
    // With no secret and no trust, Berth says what is missing.
    wizard->findChild<QLineEdit *>(QStringLiteral("tokenLineEdit"))->clear();
    wizard->button(QWizard::FinishButton)->click();
    QTRY_VERIFY_WITH_TIMEOUT(wizard->errorText().contains(QLatin1String("does not trust")), Timeout);
    wizard->reject();

    const QString tokenName = QStringLiteral("remotes-second-") + m_suffix;
    const QString token = newTrustToken(Testbed::Daemon::Second, tokenName);
    QVERIFY(!token.isEmpty());
    m_tokens.append({Testbed::Daemon::Second, tokenName});
    m_needles += formsOf(QStringLiteral("the second daemon's trust token"), token.toUtf8());
    m_needles += formsOf(QStringLiteral("the secret of the second daemon's token"),
                         QJsonDocument::fromJson(QByteArray::fromBase64(token.toLatin1()))
                             .object()
                             .value(QLatin1String("secret"))
                             .toString()
                             .toUtf8());
    addThroughWizard(QStringLiteral("second"), Testbed::httpsAddress(Testbed::Daemon::Second), true, token);
    QTRY_VERIFY_WITH_TIMEOUT(isConnected(QStringLiteral("second")), Timeout);
    // Used up: the token is gone from the daemon's pending list.
    QVERIFY(!LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"),
                              QStringLiteral("list-tokens"), QStringLiteral("--format=csv")},
                             Testbed::Daemon::Second)
                 .output.contains(tokenName));

    // The cluster too, by a token of its member m1; made the default to be opened first next time.
    const QString clusterTokenName = QStringLiteral("remotes-cluster-") + m_suffix;
    const QString clusterToken = newTrustToken(Testbed::Daemon::Cluster, clusterTokenName);
    QVERIFY(!clusterToken.isEmpty());
    m_tokens.append({Testbed::Daemon::Cluster, clusterTokenName});
    m_needles += formsOf(QStringLiteral("the cluster's trust token"), clusterToken.toUtf8());
    addThroughWizard(QStringLiteral("cluster"), Testbed::httpsAddress(Testbed::Daemon::Cluster), true,
                     clusterToken);
    QTRY_VERIFY_WITH_TIMEOUT(isConnected(QStringLiteral("cluster")), Timeout);
    QVERIFY(m_registry->find(QStringLiteral("cluster"))->isClustered());
    QVERIFY(manager->selectRemote(QStringLiteral("cluster")));
    QVERIFY(manager->defaultButton()->isEnabled());
    manager->defaultButton()->click();
    QCOMPARE(m_saved->defaultRemote(), QStringLiteral("cluster"));
    QVERIFY(manager->selectRemote(QStringLiteral("cluster")));
    QCOMPARE(manager->remoteList()->currentItem()->text(RemotesDialog::NameColumn),
             QStringLiteral("cluster (default)"));
    QVERIFY(!manager->defaultButton()->isEnabled());

    // The tree lists the remotes in the Remotes manager's order; so does the status bar.
    const QStringList order {QStringLiteral("local"), QStringLiteral("second"), QStringLiteral("cluster")};
    QCOMPARE(treeRemotes(), order);
    QTRY_COMPARE(visibleStatusTexts(),
                 QStringList({QStringLiteral("local: Connected"), QStringLiteral("second: Connected"),
                              QStringLiteral("cluster: Connected")}));

    // Edited: renamed (the tree follows, connected again under the new name), and the default set back.
    QVERIFY(manager->selectRemote(QStringLiteral("second")));
    manager->editButton()->click();
    EditRemoteDialog *edit = nullptr;
    QTRY_VERIFY((edit = newestDialog<EditRemoteDialog>()));
    QVERIFY(!edit->defaultCheckBox()->isChecked());
    edit->nameEdit()->setText(QStringLiteral("cluster"));
    edit->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QVERIFY2(edit->errorText().contains(QLatin1String("Not renamed")), qPrintable(edit->errorText()));
    QVERIFY(edit->isVisible());
    edit->nameEdit()->setText(QStringLiteral("second-renamed"));
    edit->defaultCheckBox()->setChecked(true);
    edit->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(!edit->isVisible());
    QCOMPARE(m_saved->defaultRemote(), QStringLiteral("second-renamed"));
    QVERIFY(!m_saved->contains(QStringLiteral("second")));
    QTRY_VERIFY_WITH_TIMEOUT(isConnected(QStringLiteral("second-renamed")), Timeout);
    QVERIFY(m_window->navigationModel()->remoteIndex(QStringLiteral("second-renamed")).isValid());
    QVERIFY(!m_window->navigationModel()->remoteIndex(QStringLiteral("second")).isValid());
    // In the same place in the tree, and still in the status bar, under its new name.
    QCOMPARE(
        treeRemotes(),
        QStringList({QStringLiteral("local"), QStringLiteral("second-renamed"), QStringLiteral("cluster")}));
    QTRY_COMPARE(visibleStatusTexts(),
                 QStringList({QStringLiteral("local: Connected"), QStringLiteral("second-renamed: Connected"),
                              QStringLiteral("cluster: Connected")}));
    QVERIFY(manager->selectRemote(QStringLiteral("second-renamed")));
    manager->editButton()->click();
    QTRY_VERIFY((edit = newestDialog<EditRemoteDialog>()));
    QVERIFY(edit->defaultCheckBox()->isChecked());
    edit->nameEdit()->setText(QStringLiteral("second"));
    edit->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(!edit->isVisible());
    QVERIFY(manager->selectRemote(QStringLiteral("local")));
    manager->defaultButton()->click();
    QCOMPARE(m_saved->defaultRemote(), QStringLiteral("local"));
    QTRY_VERIFY_WITH_TIMEOUT(isConnected(QStringLiteral("second")), Timeout);
    QCOMPARE(treeRemotes(), order);
}

void TestRemotesManager::refusesPinMismatchUntilTrustedDeliberately()
{
    // The second daemon's address, with the local daemon's certificate pinned: whoever answers there is not
    // the server that was trusted.
    const QByteArray local = daemonFingerprint(Testbed::Daemon::Local);
    const QByteArray second = daemonFingerprint(Testbed::Daemon::Second);
    QVERIFY(local != second);
    Secrets::RemoteConfig impostor;
    impostor.name = QStringLiteral("impostor");
    impostor.url = QUrl(QStringLiteral("https://") + Testbed::httpsAddress(Testbed::Daemon::Second));
    impostor.pinnedFingerprint = local;
    QVERIFY(!m_saved->add(impostor));

    QTRY_VERIFY_WITH_TIMEOUT(m_saved->hasCertificateChange(QStringLiteral("impostor")), Timeout);
    Models::Remote *remote = m_registry->find(QStringLiteral("impostor"));
    QVERIFY(remote);
    QCOMPARE(remote->state(), Models::Remote::State::Failed);
    QCOMPARE(remote->lastError().kind(), Lxd::Error::Kind::Tls);
    // Stopped: no more attempts, and nothing was listed from it.
    QCOMPARE(remote->client().events()->state(), Lxd::EventStream::State::Stopped);
    QCOMPARE(remote->projects()->count(), 0);
    QCOMPARE(m_saved->certificateChange(QStringLiteral("impostor")).pinned, local);
    QCOMPARE(m_saved->certificateChange(QStringLiteral("impostor")).presented, second);
    // A warning in the status bar and the tree.
    QTRY_VERIFY(m_actions->certificateWarning().contains(QLatin1String("impostor")));
    QVERIFY(m_actions->certificateWarning().contains(QLatin1String("has changed")));
    const QModelIndex node = m_window->navigationModel()->remoteIndex(QStringLiteral("impostor"));
    QVERIFY(node.data().toString().contains(QLatin1String("error")));
    QVERIFY(node.data(Qt::ToolTipRole).toString().contains(QString::fromLatin1(local)));
    QVERIFY(m_window->remoteStatusTexts().join(u'\n').contains(QLatin1String("impostor: Error")));
    QVERIFY(m_actions->trustCertificateAction()->isEnabled());

    // The deliberate way: both fingerprints shown, the new one pinned only when the user says so.
    m_actions->trustNewCertificate(QStringLiteral("impostor"));
    CertificateChangeDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = newestDialog<CertificateChangeDialog>()));
    QTRY_COMPARE_WITH_TIMEOUT(dialog->presentedFingerprint(), second, Timeout);
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("pinnedFingerprintLineEdit"))->text().toLatin1(),
             local);
    QCOMPARE(
        dialog->findChild<QLineEdit *>(QStringLiteral("presentedFingerprintLineEdit"))->text().toLatin1(),
        second);
    QVERIFY(dialog->trustButton()->isEnabled());
    dialog->trustButton()->click();
    QCOMPARE(m_saved->remote(QStringLiteral("impostor")).pinnedFingerprint, second);
    QVERIFY(!m_saved->hasCertificateChange(QStringLiteral("impostor")));
    QTRY_VERIFY(m_actions->certificateWarning().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(isConnected(QStringLiteral("impostor")), Timeout);
    QVERIFY(!m_saved->remove(QStringLiteral("impostor")));
    QTRY_VERIFY(!m_registry->find(QStringLiteral("impostor")));
}

void TestRemotesManager::importsRemotesAddedByLxc()
{
    // lxc with a home of its own, so that the user's real configuration is never touched.
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString lxcConf = QDir(home.path()).filePath(QStringLiteral(".config/lxc"));
    QVERIFY(QDir().mkpath(lxcConf));
    const QByteArray realHome = qgetenv("HOME");
    const QByteArray realConf = qgetenv("LXD_CONF");
    qputenv("HOME", QFile::encodeName(home.path()));
    qputenv("LXD_CONF", QFile::encodeName(lxcConf));
    const auto restore = qScopeGuard([&] {
        qputenv("HOME", realHome);
        if (realConf.isEmpty())
            qunsetenv("LXD_CONF");
        else
            qputenv("LXD_CONF", realConf);
    });
    QStringList lxcErrors;
    for (const auto &[name, daemon] : {std::pair {QStringLiteral("second"), Testbed::Daemon::Second},
                                       std::pair {QStringLiteral("clus"), Testbed::Daemon::Cluster2}}) {
        const LxcResult added = LxcCommand::run(
            {QStringLiteral("remote"), QStringLiteral("add"), name, Testbed::httpsAddress(daemon),
             QStringLiteral("--accept-certificate"), QStringLiteral("--password"), Testbed::trustPassword()});
        if (!added.ok())
            lxcErrors.append(added.errorOutput);
    }
    // lxc's certificate, made by the first `lxc remote add`, is taken back at the end, even if one failed.
    QFile certificateFile(QDir(lxcConf).filePath(QStringLiteral("client.crt")));
    QVERIFY(certificateFile.open(QIODevice::ReadOnly));
    const QByteArray lxcFingerprint
        = Lxd::TlsIdentity::fingerprint(QSslCertificate(certificateFile.readAll(), QSsl::Pem));
    m_trusted.append({Testbed::Daemon::Second, lxcFingerprint});
    m_trusted.append({Testbed::Daemon::Cluster, lxcFingerprint});
    QVERIFY2(lxcErrors.isEmpty(), qPrintable(lxcErrors.join(u'\n')));
    QFile keyFile(QDir(lxcConf).filePath(QStringLiteral("client.key")));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    m_needles += formsOf(QStringLiteral("lxc's private key"), keyFile.readAll());
    const auto digest = [&lxcConf] {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (const QString &path : SecretsTestSupport::filesBelow(lxcConf)) {
            QFile file(path);
            if (file.open(QIODevice::ReadOnly))
                hash.addData(path.toUtf8() + file.readAll());
        }
        return hash.result();
    };
    const QByteArray before = digest();

    // Remotes › Import, as the user finds it.
    m_actions->importRemotesAction()->trigger();
    ImportRemotesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = newestDialog<ImportRemotesDialog>()));
    // "second" is taken in Berth: it is offered under another name; "clus" keeps its own.
    QTreeWidgetItem *secondItem = dialog->itemFor(QStringLiteral("second"));
    QTreeWidgetItem *clusterItem = dialog->itemFor(QStringLiteral("clus"));
    QVERIFY2(secondItem && clusterItem, qPrintable(dialog->messageText()));
    QCOMPARE(secondItem->text(ImportRemotesDialog::NameColumn), QStringLiteral("lxc-second"));
    QCOMPARE(clusterItem->text(ImportRemotesDialog::NameColumn), QStringLiteral("clus"));
    QCOMPARE(clusterItem->checkState(ImportRemotesDialog::NameColumn), Qt::Checked);
    // The same server and certificate as Berth's "second": offered, but not ticked.
    QCOMPARE(secondItem->checkState(ImportRemotesDialog::NameColumn), Qt::Unchecked);
    QVERIFY2(secondItem->text(ImportRemotesDialog::NotesColumn)
                 .contains(QStringLiteral("already in Berth as “second”")),
             qPrintable(secondItem->text(ImportRemotesDialog::NotesColumn)));
    QVERIFY(secondItem->text(ImportRemotesDialog::NotesColumn).contains(QLatin1String("client certificate")));
    QCOMPARE(secondItem->text(ImportRemotesDialog::AddressColumn),
             QStringLiteral("https://") + Testbed::httpsAddress(Testbed::Daemon::Second));
    // Anything else lxc knows (its image servers) is left out here.
    for (int row = 0; row < dialog->previewList()->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = dialog->previewList()->topLevelItem(row);
        if (item != secondItem && item != clusterItem)
            item->setCheckState(ImportRemotesDialog::NameColumn, Qt::Unchecked);
    }
    secondItem->setCheckState(ImportRemotesDialog::NameColumn, Qt::Checked);
    QPointer<ImportRemotesDialog> guard(dialog);
    dialog->importButton()->click();
    QTRY_VERIFY2_WITH_TIMEOUT(!guard || !guard->isVisible(),
                              qPrintable(guard ? guard->messageText() : QString()), Timeout);

    QVERIFY(m_saved->contains(QStringLiteral("lxc-second")));
    QVERIFY(m_saved->contains(QStringLiteral("clus")));
    QCOMPARE(m_saved->remote(QStringLiteral("clus")).clientIdentity, QStringLiteral("lxc"));
    QCOMPARE(m_saved->remote(QStringLiteral("lxc-second")).pinnedFingerprint,
             daemonFingerprint(Testbed::Daemon::Second));
    // Connected with lxc's certificate, which those servers trust.
    QTRY_VERIFY_WITH_TIMEOUT(isConnected(QStringLiteral("lxc-second")), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(isConnected(QStringLiteral("clus")), Timeout);
    QVERIFY(SecretServiceSession::lookup(QStringLiteral("Berth"),
                                         Secrets::ClientIdentityStore::keyName(QStringLiteral("lxc")))
                .contains("PRIVATE KEY"));
    // lxc's files are as they were.
    QCOMPARE(digest(), before);

    // Not needed further: fewer remotes in the screenshot.
    QVERIFY(!m_saved->remove(QStringLiteral("lxc-second")));
    QVERIFY(!m_saved->remove(QStringLiteral("clus")));
}

int TestRemotesManager::rowOf(const QString &key) const
{
    ResourceTableModel *model = tableModel();
    for (int row = 0; model && row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(ResourceTableModel::KeyRole).toString() == key)
            return row;
    }
    return -1;
}

bool TestRemotesManager::selectRows(const QStringList &keys)
{
    QTableView *view = m_window->resourceList()->tableView();
    view->clearSelection();
    QAbstractItemModel *shown = view->model();
    bool all = true;
    for (const QString &key : keys) {
        bool found = false;
        for (int row = 0; row < shown->rowCount(); ++row) {
            const QModelIndex index = shown->index(row, 0);
            if (index.data(ResourceTableModel::KeyRole).toString() == key) {
                view->selectionModel()->select(index,
                                               QItemSelectionModel::Select | QItemSelectionModel::Rows);
                view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
                found = true;
            }
        }
        all = all && found;
    }
    return all;
}

QJsonObject TestRemotesManager::lxcInstance(const QString &name, Testbed::Daemon daemon,
                                            const QString &project) const
{
    const QString path = QStringLiteral("/1.0/instances/") + name
        + (project.isEmpty() ? QString() : QStringLiteral("?project=") + project);
    return QJsonDocument::fromJson(LxcCommand::run({QStringLiteral("query"), path}, daemon).output.toUtf8())
        .object();
}

void TestRemotesManager::projectCreatedUsedEditedDeleted()
{
    const QString project = QStringLiteral("remotes-") + m_suffix;
    m_cleanup.append(
        {Testbed::Daemon::Local, {QStringLiteral("project"), QStringLiteral("delete"), project}});
    QTRY_VERIFY(
        m_window->showSection(QStringLiteral("local"), QStringLiteral("default"), Section::Instances));

    m_actions->newProjectAction()->trigger();
    ProjectDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = newestDialog<ProjectDialog>()));
    QVERIFY(dialog->isCreating());
    dialog->nameEdit()->setText(project);
    dialog->descriptionEdit()->setText(QStringLiteral("made by Berth's test"));
    // Shares the default project's images and profiles, so that busybox and a root disk are there.
    dialog->featureCheckBox(QStringLiteral("images"))->setChecked(false);
    dialog->featureCheckBox(QStringLiteral("profiles"))->setChecked(false);
    QPointer<ProjectDialog> guard(dialog);
    dialog->saveButton()->click();
    QTRY_VERIFY2_WITH_TIMEOUT(!guard || !guard->isVisible(),
                              qPrintable(guard ? guard->errorText() : QString()), Timeout);
    const QJsonObject created
        = QJsonDocument::fromJson(
              LxcCommand::run({QStringLiteral("query"), QStringLiteral("/1.0/projects/") + project})
                  .output.toUtf8())
              .object();
    QCOMPARE(created.value(QLatin1String("description")).toString(), QStringLiteral("made by Berth's test"));
    QCOMPARE(
        created.value(QLatin1String("config")).toObject().value(QLatin1String("features.images")).toString(),
        QStringLiteral("false"));
    // The window goes there once the tree has it, and the switcher offers it.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->currentProject() == project, Timeout);
    ProjectSwitcher *switcher = m_actions->projectSwitcher();
    QCOMPARE(switcher->currentProject(), project);

    // Used: an instance made in it shows in its table, and only there.
    const QString instance = QStringLiteral("remotes-p-") + m_suffix;
    const LxcResult init = LxcCommand::run(
        {QStringLiteral("init"), Testbed::imageAlias(), instance, QStringLiteral("--project"), project});
    QVERIFY2(init.ok(), qPrintable(init.errorOutput));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(instance) >= 0, Timeout);
    QVERIFY(switcher->choose(QStringLiteral("default")));
    QCOMPARE(m_window->currentProject(), QStringLiteral("default"));
    QTRY_VERIFY(tableModel() && tableModel()->rowCount() >= 0);
    QCOMPARE(rowOf(instance), -1);
    // All projects: one table with the Project column.
    QVERIFY(switcher->chooseAllProjects());
    QVERIFY(m_window->isShowingAllProjects());
    QVERIFY(m_window->windowTitle().contains(QLatin1String("all projects")));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(instance) >= 0, Timeout);
    QCOMPARE(tableModel()->index(rowOf(instance), 0).data(ResourceTableModel::ProjectRole).toString(),
             project);
    QVERIFY(!m_window->resourceList()->tableView()->horizontalHeader()->isSectionHidden(
        Models::InstanceTableModel::Project));
    QVERIFY(switcher->choose(project));
    QCOMPARE(m_window->currentProject(), project);

    // A project with an instance cannot go: the server's words are shown.
    MessageBox::clearMessages();
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    m_actions->deleteProjectAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(MessageBox::lastMessage().contains(QLatin1String("Could not delete")), Timeout);

    // Edited: the description, with the ETag it was loaded with.
    m_actions->editProjectAction()->trigger();
    QTRY_VERIFY((dialog = newestDialog<ProjectDialog>()));
    QVERIFY(!dialog->isCreating());
    QTRY_COMPARE_WITH_TIMEOUT(dialog->descriptionEdit()->text(), QStringLiteral("made by Berth's test"),
                              Timeout);
    QTRY_VERIFY(!dialog->isBusy());
    dialog->descriptionEdit()->setText(QStringLiteral("edited by Berth's test"));
    guard = dialog;
    dialog->saveButton()->click();
    QTRY_VERIFY2_WITH_TIMEOUT(!guard || !guard->isVisible(),
                              qPrintable(guard ? guard->errorText() : QString()), Timeout);
    QVERIFY(LxcCommand::run({QStringLiteral("query"), QStringLiteral("/1.0/projects/") + project})
                .output.contains(QLatin1String("edited by Berth's test")));

    // Emptied, then deleted through the tree's context menu entry.
    QVERIFY(LxcCommand::run({QStringLiteral("delete"), instance, QStringLiteral("--project"), project}).ok());
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    m_actions->deleteProject(QStringLiteral("local"), project);
    QTRY_VERIFY_WITH_TIMEOUT(
        !LxcCommand::run({QStringLiteral("project"), QStringLiteral("list"), QStringLiteral("--format=csv")})
             .output.contains(project),
        Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_window->navigationModel()->projectIndex(QStringLiteral("local"), project).isValid(), Timeout);
}

void TestRemotesManager::clusterMembersMoveEvacuateRestore()
{
    const QString first = Testbed::clusterMemberName(Testbed::Daemon::Cluster);
    const QString second = Testbed::clusterMemberName(Testbed::Daemon::Cluster2);
    const QString cluster = QStringLiteral("cluster");
    QVERIFY(isConnected(cluster));

    // The members, with status, roles, failure domain and message.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->showSection(cluster, QStringLiteral("default"), Section::ClusterMembers), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(tableModel() && tableModel()->rowCount() == 2, Timeout);
    for (const QString &member : {first, second}) {
        const int row = rowOf(member);
        QVERIFY2(row >= 0, qPrintable(member));
        QCOMPARE(tableModel()->index(row, Models::ClusterMemberTableModel::Status).data().toString(),
                 QStringLiteral("Online"));
        QVERIFY(
            !tableModel()->index(row, Models::ClusterMemberTableModel::Roles).data().toString().isEmpty());
        QCOMPARE(tableModel()->index(row, Models::ClusterMemberTableModel::FailureDomain).data().toString(),
                 QStringLiteral("default"));
        QVERIFY(
            !tableModel()->index(row, Models::ClusterMemberTableModel::Message).data().toString().isEmpty());
    }

    // The create wizard offers the members to choose from.
    const QString name = QStringLiteral("remotes-c-") + m_suffix;
    m_cleanup.prepend(
        {Testbed::Daemon::Cluster, {QStringLiteral("delete"), QStringLiteral("--force"), name}});
    m_cleanup.prepend(
        {Testbed::Daemon::Cluster,
         {QStringLiteral("cluster"), QStringLiteral("restore"), second, QStringLiteral("--force")}});
    QVERIFY(m_window->showSection(cluster, QStringLiteral("default"), Section::Instances));
    m_window->newInstanceAction()->trigger();
    CreateInstanceWizard *wizard = nullptr;
    QTRY_VERIFY((wizard = newestDialog<CreateInstanceWizard>()));
    wizard->namePage()->nameEdit()->setText(name);
    wizard->button(QWizard::NextButton)->click();
    QTRY_COMPARE(wizard->currentId(), int(CreateInstanceWizard::ImagePage));
    wizard->imagePage()->referenceEdit()->setText(Testbed::imageAlias());
    QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), Timeout);
    wizard->button(QWizard::NextButton)->click();
    QTRY_COMPARE(wizard->currentId(), int(CreateInstanceWizard::PlacementPage));
    QComboBox *members = wizard->placementPage()->memberComboBox();
    QTRY_VERIFY_WITH_TIMEOUT(members->findData(first) >= 0 && members->findData(second) >= 0, Timeout);
    QVERIFY(members->isVisible());
    members->setCurrentIndex(members->findData(first));
    QCOMPARE(wizard->placementPage()->member(), first);
    for (int page = CreateInstanceWizard::LimitsPage; page <= CreateInstanceWizard::ReviewPage; ++page) {
        wizard->button(QWizard::NextButton)->click();
        QTRY_COMPARE(wizard->currentId(), page);
    }
    QVERIFY2(wizard->reviewPage()->summaryLabel()->text().contains(
                 QStringLiteral("cluster member <b>%1</b>").arg(first)),
             "the review names the member");
    wizard->reviewPage()->startCheckBox()->setChecked(true);
    // Create: made on the chosen member and started, and the wizard closes.
    QPointer<CreateInstanceWizard> guard(wizard);
    wizard->button(QWizard::FinishButton)->click();
    QTRY_VERIFY2_WITH_TIMEOUT(!guard || !guard->isVisible(),
                              qPrintable(guard ? guard->pageWithId(guard->currentId())->errorText() + u' '
                                                 + guard->reviewPage()->progressLabel()->text()
                                               : QString()),
                              Timeout);
    QCOMPARE(lxcInstance(name, Testbed::Daemon::Cluster).value(QLatin1String("location")).toString(), first);
    // The table shows it, with the member it is on.
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(name) >= 0, Timeout);
    QVERIFY(!m_window->resourceList()->tableView()->horizontalHeader()->isSectionHidden(
        Models::InstanceTableModel::Location));
    QTRY_COMPARE_WITH_TIMEOUT(
        tableModel()->index(rowOf(name), Models::InstanceTableModel::Location).data().toString(), first,
        Timeout);

    // Moved to the other member from the table's "Move to Member" menu; running, so stopped and started.
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(name) >= 0, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(
        tableModel()->index(rowOf(name), 0).data(ResourceTableModel::StatusRole).toString(),
        QStringLiteral("Running"), Timeout);
    QVERIFY(selectRows({name}));
    QTRY_COMPARE(m_window->instanceActions()->targets().size(), 1);
    QMenu parent;
    QMenu *moveMenu = m_actions->moveToMemberMenu(&parent);
    QAction *toFirst = moveMenu->findChild<QAction *>(QStringLiteral("moveTo_") + first);
    QAction *toSecond = moveMenu->findChild<QAction *>(QStringLiteral("moveTo_") + second);
    QVERIFY(toFirst && toSecond);
    QVERIFY(toSecond->isEnabled());
    QVERIFY(!toFirst->isEnabled()); // where it is already
    MessageBox::clearMessages();
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    toSecond->trigger();
    QTRY_VERIFY(MessageBox::lastMessage().contains(QLatin1String("stops it")));
    QTRY_COMPARE_WITH_TIMEOUT(
        lxcInstance(name, Testbed::Daemon::Cluster).value(QLatin1String("location")).toString(), second,
        Timeout * 2);
    QTRY_COMPARE_WITH_TIMEOUT(
        lxcInstance(name, Testbed::Daemon::Cluster).value(QLatin1String("status")).toString(),
        QStringLiteral("Running"), Timeout);

    // Evacuate the member it runs on (stopping its instances), then restore it.
    QVERIFY(m_window->showSection(cluster, QStringLiteral("default"), Section::ClusterMembers));
    QTRY_VERIFY(selectRows({second}));
    QTRY_VERIFY(m_actions->evacuateAction()->isEnabled());
    m_actions->evacuateAction()->trigger();
    EvacuateMemberDialog *evacuate = nullptr;
    QTRY_VERIFY((evacuate = newestDialog<EvacuateMemberDialog>()));
    evacuate->setMode(QStringLiteral("stop"));
    evacuate->findChild<QPushButton *>(QStringLiteral("evacuatePushButton"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(
        tableModel()->index(rowOf(second), Models::ClusterMemberTableModel::Status).data().toString(),
        QStringLiteral("Evacuated"), Timeout * 2);
    QVERIFY(
        LxcCommand::run({QStringLiteral("cluster"), QStringLiteral("list"), QStringLiteral("--format=csv")},
                        Testbed::Daemon::Cluster)
            .output.contains(QLatin1String("EVACUATED")));
    QCOMPARE(lxcInstance(name, Testbed::Daemon::Cluster).value(QLatin1String("status")).toString(),
             QStringLiteral("Stopped"));

    QVERIFY(selectRows({second}));
    MessageBox::setNextAnswer(MessageBox::Answer::Accept);
    m_actions->restoreAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(
        tableModel()->index(rowOf(second), Models::ClusterMemberTableModel::Status).data().toString(),
        QStringLiteral("Online"), Timeout * 2);
    QTRY_COMPARE_WITH_TIMEOUT(
        lxcInstance(name, Testbed::Daemon::Cluster).value(QLatin1String("status")).toString(),
        QStringLiteral("Running"), Timeout);
}

void TestRemotesManager::treeShowsThreeRemotesConnected()
{
    for (const QString &remote :
         {QStringLiteral("local"), QStringLiteral("second"), QStringLiteral("cluster")})
        QTRY_VERIFY_WITH_TIMEOUT(isConnected(remote), Timeout);
    QCOMPARE(m_registry->count(), 3);
    for (QDialog *dialog : m_window->findChildren<QDialog *>())
        dialog->close();
    QTreeView *tree = m_window->navigationView();
    tree->setAnimated(false); // the screenshot shows the tree as it ends, not half expanded
    tree->collapseAll();
    for (const QString &remote :
         {QStringLiteral("local"), QStringLiteral("second"), QStringLiteral("cluster")}) {
        const QModelIndex node = m_window->navigationModel()->remoteIndex(remote);
        QCOMPARE(node.data().toString(), remote); // no "(connecting…)", "(error)"
        tree->expand(tree->model()->index(node.row(), 0));
    }
    const QModelIndex clusterDefault
        = m_window->navigationModel()->projectIndex(QStringLiteral("cluster"), QStringLiteral("default"));
    QVERIFY(clusterDefault.isValid());
    QVERIFY(
        m_window->showSection(QStringLiteral("cluster"), QStringLiteral("default"), Section::ClusterMembers));
    QTRY_VERIFY_WITH_TIMEOUT(tableModel() && tableModel()->rowCount() == 2, Timeout);
    // What the status bar says is what the screenshot shows.
    const auto statusTexts = [this] {
        QStringList texts = m_window->remoteStatusTexts();
        texts.sort();
        return texts;
    };
    QTRY_COMPARE(statusTexts(),
                 QStringList({QStringLiteral("cluster: Connected"), QStringLiteral("local: Connected"),
                              QStringLiteral("second: Connected")}));
    // The cluster's section is shown in the tree, and the status bar has room for the three remotes.
    m_window->resize(1500, 820);
    const QStringList order {QStringLiteral("local"), QStringLiteral("second"), QStringLiteral("cluster")};
    QCOMPARE(treeRemotes(), order);
    QTRY_COMPARE(visibleStatusTexts(),
                 QStringList({QStringLiteral("local: Connected"), QStringLiteral("second: Connected"),
                              QStringLiteral("cluster: Connected")}));
    QTRY_VERIFY(tree->currentIndex().isValid());
    tree->scrollTo(tree->currentIndex());
    QTRY_VERIFY(tree->visualRect(tree->currentIndex()).isValid());
    const QString directory = qEnvironmentVariable("BERTH_SCREENSHOT_DIR");
    if (!directory.isEmpty()) {
        const QString path = QDir(directory).filePath(QStringLiteral("three-remotes.png"));
        QVERIFY2(m_window->grab().save(path), qPrintable(path));
        qInfo() << "screenshot:" << path;
    }
}

void TestRemotesManager::leavesNoSecretBehind()
{
    m_window->saveSettings();
    QSettings settings;
    settings.sync();
    QVERIFY2(settings.fileName().startsWith(configHome()), qPrintable(settings.fileName()));
    const QStringList files = SecretsTestSupport::filesBelow(configHome());
    // Something to search: the remotes, the certificates, the settings.
    QVERIFY(files.contains(m_saved->filePath()));
    QVERIFY(files.contains(settings.fileName()));
    QVERIFY(files.contains(m_saved->identities()->certificatePath()));
    QVERIFY(files.contains(m_saved->identities()->certificatePath(QStringLiteral("lxc"))));
    QVERIFY(!m_needles.isEmpty());
    QString log;
    {
        QMutexLocker locker(&logMutex);
        log = capturedLog;
    }
    const QStringList hits = SecretsTestSupport::searchForSecrets(files, log, m_needles);
    QVERIFY2(hits.isEmpty(), qPrintable(QStringLiteral("secrets found:\n") + hits.join(QLatin1Char('\n'))));
}

void TestRemotesManager::leavesNoTrustBehind()
{
    // Every certificate the daemons were made to trust (Berth's own, lxc's) and every token issued goes
    // again: the testbed is left as it was found.
    QVERIFY(!m_trusted.isEmpty());
    QVERIFY(!m_tokens.isEmpty());
    const auto trusted = m_trusted;
    const auto tokens = m_tokens;
    removeTrustAndTokens();
    for (const auto &[daemon, fingerprint] : trusted) {
        const LxcResult listed
            = LxcCommand::run({QStringLiteral("query"), QStringLiteral("/1.0/certificates")}, daemon);
        QVERIFY2(listed.ok(), qPrintable(listed.errorOutput)); // an empty list is a real answer
        const QStringList left = trustedFingerprints(daemon);
        QVERIFY2(!left.contains(QString::fromLatin1(fingerprint)), fingerprint.constData());
    }
    for (const auto &[daemon, name] : tokens) {
        const LxcResult listed
            = LxcCommand::run({QStringLiteral("config"), QStringLiteral("trust"),
                               QStringLiteral("list-tokens"), QStringLiteral("--format=csv")},
                              daemon);
        QVERIFY2(listed.ok(), qPrintable(listed.errorOutput));
        QVERIFY2(!listed.output.contains(name), qPrintable(name));
    }
}

int main(int argc, char **argv)
{
    if (const int status = SecretServiceSession::runOnPrivateBus(argc, argv); status >= 0)
        return status;
    // The cluster steps move, stop and start containers: more than QtTest's five minutes per function
    // on a loaded machine, and a watchdog abort would skip the clean-up.
    if (qEnvironmentVariableIsEmpty("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "840000");
    QApplication application(argc, argv);
    TestRemotesManager test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_remotesmanager.moc"
