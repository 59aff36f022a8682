#include "RemotesDialog.h"

#include "AddRemoteWizard.h"
#include "CertificateChangeDialog.h"
#include "EditRemoteDialog.h"
#include "Icons.h"
#include "ImportRemotesDialog.h"
#include "MessageBox.h"
#include "SavedRemotes.h"
#include "models/Remote.h"
#include "models/RemoteRegistry.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using Secrets::RemoteConfig;

namespace {

constexpr int NameRole = Qt::UserRole;
constexpr int SavedRole = Qt::UserRole + 1;

QString addressOf(const RemoteConfig &config)
{
    if (config.isLocal())
        return QStringLiteral("unix://") + config.socketPath;
    return config.url.toString();
}

} // namespace

RemotesDialog::RemotesDialog(SavedRemotes *saved, QWidget *parent)
    : QDialog(parent)
    , m_saved(saved)
    , m_list(new QTreeWidget(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("remotesDialog"));
    setWindowTitle(tr("Remotes"));
    resize(820, 420);

    m_list->setObjectName(QStringLiteral("remotesTreeWidget"));
    m_list->setAccessibleName(tr("Remotes"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->setHeaderLabels({tr("Name"), tr("Address"), tr("Status")});
    m_list->header()->setStretchLastSection(true);
    m_list->setColumnWidth(NameColumn, 170);
    m_list->setColumnWidth(AddressColumn, 240);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);

    const auto button = [this](const QString &text, const QString &objectName) {
        auto *made = new QPushButton(text, this);
        made->setObjectName(objectName);
        made->setAutoDefault(false);
        return made;
    };
    m_add = button(tr("&Add…"), QStringLiteral("addPushButton"));
    m_edit = button(tr("&Edit…"), QStringLiteral("editPushButton"));
    m_remove = button(tr("&Remove"), QStringLiteral("removePushButton"));
    m_setDefault = button(tr("Set as &Default"), QStringLiteral("defaultPushButton"));
    m_findLocal = button(tr("Find &Local Daemons"), QStringLiteral("findLocalPushButton"));
    m_import = button(tr("&Import from lxc/Incus…"), QStringLiteral("importPushButton"));
    m_trust = button(tr("&Trust New Certificate…"), QStringLiteral("trustPushButton"));
    m_findLocal->setToolTip(tr("Add the LXD and Incus daemons of this computer that are not in the list"));
    m_trust->setToolTip(tr("The server presents another certificate than the one Berth trusts"));

    auto *buttons = new QVBoxLayout;
    for (QPushButton *each : {m_add, m_edit, m_remove, m_setDefault})
        buttons->addWidget(each);
    buttons->addSpacing(12);
    for (QPushButton *each : {m_findLocal, m_import, m_trust})
        buttons->addWidget(each);
    buttons->addStretch();
    auto *top = new QHBoxLayout;
    top->addWidget(m_list, 1);
    top->addLayout(buttons);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(m_message);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, &RemotesDialog::openAddWizard);
    connect(m_edit, &QPushButton::clicked, this, &RemotesDialog::editSelected);
    connect(m_remove, &QPushButton::clicked, this, &RemotesDialog::removeSelected);
    connect(m_setDefault, &QPushButton::clicked, this, &RemotesDialog::setDefaultSelected);
    connect(m_findLocal, &QPushButton::clicked, this, &RemotesDialog::findLocalDaemons);
    connect(m_import, &QPushButton::clicked, this, &RemotesDialog::openImport);
    connect(m_trust, &QPushButton::clicked, this, [this] { openTrustNewCertificate(selectedRemote()); });
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &RemotesDialog::updateButtons);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &RemotesDialog::editSelected);
    connect(m_saved, &SavedRemotes::changed, this, &RemotesDialog::fill);
    watchRegistry();
    fill();
}

RemotesDialog::~RemotesDialog() = default;

void RemotesDialog::watchRegistry()
{
    Models::RemoteRegistry *registry = m_saved->registry();
    const auto watchOne = [this](Models::Remote *remote) {
        connect(remote, &Models::Remote::stateChanged, this, &RemotesDialog::fill);
    };
    for (Models::Remote *remote : registry->remotes())
        watchOne(remote);
    connect(registry, &Models::RemoteRegistry::remoteAdded, this, [this, registry, watchOne](int index) {
        watchOne(registry->at(index));
        fill();
    });
    // Removed remotes go later (deleteLater): fill once they are out of the list.
    connect(registry, &Models::RemoteRegistry::remoteRemoved, this, &RemotesDialog::fill);
}

void RemotesDialog::fill()
{
    const QString selected = selectedRemote();
    m_list->clear();
    Models::RemoteRegistry *registry = m_saved->registry();
    const auto addRow = [this](const QString &name, const QString &address, const QString &status, bool saved,
                               bool isDefault, bool connected, bool failed) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(NameColumn, isDefault ? tr("%1 (default)").arg(name) : name);
        item->setText(AddressColumn, address);
        item->setText(StatusColumn, status);
        item->setToolTip(StatusColumn, status);
        item->setToolTip(AddressColumn, address);
        item->setData(NameColumn, NameRole, name);
        item->setData(NameColumn, SavedRole, saved);
        QFont font = item->font(NameColumn);
        font.setBold(isDefault);
        item->setFont(NameColumn, font);
        item->setIcon(NameColumn,
                      Icons::remote(connected    ? Models::Remote::State::Connected
                                        : failed ? Models::Remote::State::Failed
                                                 : Models::Remote::State::Connecting));
    };
    const QList<RemoteConfig> remotes = m_saved->remotes();
    for (const RemoteConfig &config : remotes) {
        const Models::Remote *remote = registry->find(config.name);
        QString status;
        if (config.isImageSource())
            status = tr("Image server (an image source when creating instances)");
        else if (!m_saved->problem(config.name).isEmpty())
            status = m_saved->problem(config.name);
        else if (remote)
            status = remote->stateText();
        else
            status = tr("Not connected");
        const bool connected = remote && remote->state() == Models::Remote::State::Connected;
        const bool failed = !m_saved->problem(config.name).isEmpty()
            || (remote && remote->state() == Models::Remote::State::Failed);
        addRow(config.name, addressOf(config), status, true, config.name == m_saved->defaultRemote(),
               connected || config.isImageSource(), failed);
    }
    for (const Models::Remote *remote : registry->remotes()) {
        if (m_saved->contains(remote->name()))
            continue;
        addRow(remote->name(), remote->endpoint(), tr("%1 (this session only)").arg(remote->stateText()),
               false, false, remote->state() == Models::Remote::State::Connected,
               remote->state() == Models::Remote::State::Failed);
    }
    if (!selectRemote(selected) && m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    updateButtons();
}

bool RemotesDialog::selectRemote(const QString &name)
{
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        if (!name.isEmpty() && item->data(NameColumn, NameRole).toString() == name) {
            m_list->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

QString RemotesDialog::selectedRemote() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(NameColumn, NameRole).toString() : QString();
}

void RemotesDialog::updateButtons()
{
    const QString name = selectedRemote();
    const bool saved = m_saved->contains(name);
    m_edit->setEnabled(saved);
    m_remove->setEnabled(!name.isEmpty());
    m_setDefault->setEnabled(saved && name != m_saved->defaultRemote()
                             && !m_saved->remote(name).isImageSource());
    m_trust->setEnabled(saved && m_saved->hasCertificateChange(name));
}

void RemotesDialog::openAddWizard()
{
    auto *wizard = new AddRemoteWizard(m_saved, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &AddRemoteWizard::remoteAdded, this, [this](const QString &name) {
        selectRemote(name);
        m_message->setText(tr("Added %1.").arg(name));
    });
    connect(wizard, &AddRemoteWizard::statusMessage, this, &RemotesDialog::statusMessage);
    wizard->open();
}

void RemotesDialog::openImport()
{
    auto *dialog = new ImportRemotesDialog(m_saved, ImportRemotesDialog::defaultSources(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportRemotesDialog::statusMessage, this, [this](const QString &text) {
        m_message->setText(text);
        Q_EMIT statusMessage(text);
    });
    dialog->open();
}

void RemotesDialog::openTrustNewCertificate(const QString &name)
{
    if (!m_saved->contains(name))
        return;
    auto *dialog = new CertificateChangeDialog(m_saved, name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CertificateChangeDialog::statusMessage, this, &RemotesDialog::statusMessage);
    dialog->open();
}

void RemotesDialog::editSelected()
{
    const QString name = selectedRemote();
    if (!m_saved->contains(name))
        return;
    auto *dialog = new EditRemoteDialog(m_saved, name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EditRemoteDialog::renamed, this,
            [this](const QString &, const QString &newName) { selectRemote(newName); });
    dialog->open();
}

void RemotesDialog::removeSelected()
{
    const QString name = selectedRemote();
    if (name.isEmpty())
        return;
    MessageBox::confirm(
        this, tr("Remove Remote"), tr("Remove the remote “%1” from Berth?").arg(name), tr("&Remove"), this,
        [this, name] {
            if (const Lxd::Error error = m_saved->remove(name)) {
                m_message->setText(tr("“%1” could not be removed: %2").arg(name, error.detail()));
                return;
            }
            m_message->setText(tr("Removed %1.").arg(name));
            Q_EMIT statusMessage(tr("Removed remote %1").arg(name));
        },
        true,
        tr("The server itself is not changed, and it still trusts Berth's certificate until you remove it "
           "from its trust store (`lxc config trust list`)."));
}

void RemotesDialog::setDefaultSelected()
{
    const QString name = selectedRemote();
    if (const Lxd::Error error = m_saved->setDefault(name))
        m_message->setText(tr("“%1” could not be made the default: %2").arg(name, error.detail()));
    else
        m_message->setText(tr("%1 is the default remote now; Berth opens it first.").arg(name));
}

void RemotesDialog::findLocalDaemons()
{
    const QList<RemoteConfig> found = m_saved->unsavedLocalDaemons();
    QStringList added;
    QStringList failed;
    for (const RemoteConfig &config : found) {
        if (const Lxd::Error error = m_saved->add(config))
            failed.append(tr("%1 (%2)").arg(config.socketPath, error.detail()));
        else
            added.append(tr("%1 (%2)").arg(config.name, config.socketPath));
    }
    if (found.isEmpty())
        m_message->setText(tr("No other LXD or Incus daemon was found on this computer."));
    else if (failed.isEmpty())
        m_message->setText(tr("Added: %1.").arg(added.join(QStringLiteral(", "))));
    else
        m_message->setText(tr("Added: %1. Not added: %2.")
                               .arg(added.isEmpty() ? tr("none") : added.join(QStringLiteral(", ")),
                                    failed.join(QStringLiteral(", "))));
}
