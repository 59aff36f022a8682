#include "ImportRemotesDialog.h"

#include "SavedRemotes.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using Secrets::LxcConfigImporter;
using Secrets::RemoteConfig;

namespace {

constexpr int CandidateRole = Qt::UserRole;

QString addressOf(const RemoteConfig &config)
{
    return config.isLocal() ? QStringLiteral("unix://") + config.socketPath : config.url.toString();
}

} // namespace

ImportRemotesDialog::ImportRemotesDialog(SavedRemotes *saved, const QList<LxcConfigImporter::Source> &sources,
                                         QWidget *parent)
    : QDialog(parent)
    , m_saved(saved)
    , m_list(new QTreeWidget(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("importRemotesDialog"));
    setWindowTitle(tr("Import Remotes from lxc and Incus"));
    setWindowModality(Qt::WindowModal);
    resize(860, 420);
    for (const LxcConfigImporter::Source &source : sources)
        m_results.append(LxcConfigImporter::importFrom(source));

    auto *intro
        = new QLabel(tr("These are the remotes the lxc and Incus command-line tools know. Berth reads "
                        "their files and changes nothing in them; the client certificate those "
                        "servers trust is kept in your keychain."),
                     this);
    intro->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("previewTreeWidget"));
    m_list->setAccessibleName(tr("Remotes to import"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Name in Berth"), tr("From"), tr("Address"), tr("Notes")});
    m_list->setColumnWidth(NameColumn, 170);
    m_list->setColumnWidth(OriginColumn, 90);
    m_list->setColumnWidth(AddressColumn, 250);
    m_list->header()->setStretchLastSection(true);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(QStringLiteral("importPushButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_import, &QPushButton::clicked, this, &ImportRemotesDialog::startImport);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    fill();
}

ImportRemotesDialog::~ImportRemotesDialog()
{
    // Keys read from lxc's folder go no further than this dialog.
    for (LxcConfigImporter::Result &result : m_results)
        result.clientKeyPem.fill('\0');
}

QList<LxcConfigImporter::Source> ImportRemotesDialog::defaultSources()
{
    return LxcConfigImporter::findSources();
}

QString ImportRemotesDialog::messageText() const
{
    return m_message->text();
}

QTreeWidgetItem *ImportRemotesDialog::itemFor(const QString &originalName) const
{
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        if (m_candidates.value(item->data(NameColumn, CandidateRole).toInt()).originalName == originalName)
            return item;
    }
    return nullptr;
}

void ImportRemotesDialog::fill()
{
    QStringList notices;
    QStringList taken; // names given to earlier rows of this preview
    for (int index = 0; index < m_results.size(); ++index) {
        const LxcConfigImporter::Result &result = m_results.at(index);
        const QString origin = result.source.origin;
        if (result.error)
            notices.append(tr("%1: %2").arg(origin, result.error.detail()));
        for (const QString &warning : result.warnings)
            notices.append(tr("%1: %2").arg(origin, warning));
        for (const RemoteConfig &remote : result.remotes) {
            Candidate candidate {int(index), remote, remote.name};
            QStringList notes;
            bool wanted = true;
            // Already in Berth: the same socket, or the same server with the same pinned certificate.
            for (const RemoteConfig &existing : m_saved->remotes()) {
                const bool same = remote.isLocal()
                    ? existing.isLocal() && existing.socketPath == remote.socketPath
                    : existing.url == remote.url && existing.pinnedFingerprint == remote.pinnedFingerprint;
                if (same) {
                    notes.append(tr("already in Berth as “%1”").arg(existing.name));
                    wanted = false;
                    break;
                }
            }
            QString name = remote.name;
            if (m_saved->contains(name) || taken.contains(name)) {
                const QString base = QStringLiteral("%1-%2").arg(result.source.identityName, remote.name);
                name = m_saved->unusedName(base);
                for (int suffix = 2; taken.contains(name); ++suffix)
                    name = m_saved->unusedName(QStringLiteral("%1-%2").arg(base).arg(suffix));
                if (wanted)
                    notes.append(tr("“%1” is taken in Berth").arg(remote.name));
            }
            candidate.config.name = name;
            if (remote.isImageSource())
                notes.append(tr("image server: an image source when creating instances"));
            else if (remote.isLocal())
                notes.append(tr("a daemon on this computer"));
            else if (remote.pinnedFingerprint.isEmpty())
                notes.append(tr("no server certificate was kept: its certificate must be trusted again"));
            if (!remote.clientIdentity.isEmpty())
                notes.append(tr("uses %1's client certificate").arg(origin));
            if (remote.isPublic)
                notes.append(tr("public"));
            taken.append(name);

            auto *item = new QTreeWidgetItem(m_list);
            item->setText(NameColumn, name);
            item->setText(OriginColumn, origin);
            item->setText(AddressColumn, addressOf(remote));
            item->setText(NotesColumn, notes.join(QStringLiteral("; ")));
            item->setToolTip(NotesColumn, item->text(NotesColumn));
            item->setData(NameColumn, CandidateRole, int(m_candidates.size()));
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(NameColumn, wanted ? Qt::Checked : Qt::Unchecked);
            m_candidates.append(candidate);
        }
    }
    if (m_results.isEmpty())
        notices.prepend(tr("Neither lxc nor Incus has a configuration for this user (~/.config/lxc, "
                           "~/snap/lxd/common/config, ~/.config/incus)."));
    else if (m_candidates.isEmpty())
        notices.prepend(tr("No remotes were found to import."));
    m_message->setText(notices.join(QLatin1Char('\n')));
    m_import->setEnabled(!m_candidates.isEmpty());
}

void ImportRemotesDialog::startImport()
{
    m_pendingSources.clear();
    m_added.clear();
    m_failures.clear();
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        const QTreeWidgetItem *item = m_list->topLevelItem(row);
        if (item->checkState(NameColumn) != Qt::Checked)
            continue;
        const int source = m_candidates.at(item->data(NameColumn, CandidateRole).toInt()).source;
        if (!m_pendingSources.contains(source))
            m_pendingSources.append(source);
    }
    if (m_pendingSources.isEmpty()) {
        m_message->setText(tr("Tick the remotes to import."));
        return;
    }
    m_import->setEnabled(false);
    m_list->setEnabled(false);
    importNextSource();
}

void ImportRemotesDialog::importNextSource()
{
    if (m_pendingSources.isEmpty()) {
        finish();
        return;
    }
    const int source = m_pendingSources.takeFirst();
    LxcConfigImporter::Result &result = m_results[source];
    bool needsIdentity = false;
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        const QTreeWidgetItem *item = m_list->topLevelItem(row);
        const Candidate &candidate = m_candidates.at(item->data(NameColumn, CandidateRole).toInt());
        if (candidate.source == source && item->checkState(NameColumn) == Qt::Checked
            && !candidate.config.clientIdentity.isEmpty())
            needsIdentity = true;
    }
    if (!needsIdentity || !result.hasClientCertificate()) {
        addRemotesOf(source, QString());
        importNextSource();
        return;
    }
    // Its own name ("lxc"), unless Berth holds another certificate under it already.
    QString identityName = result.source.identityName;
    for (int suffix = 2; !m_saved->identityNameFits(identityName, result.clientCertificatePem); ++suffix)
        identityName = QStringLiteral("%1-%2").arg(result.source.identityName).arg(suffix);
    m_message->setText(tr("Keeping the client certificate of %1 in the keychain…").arg(result.source.origin));
    m_saved->saveIdentity(identityName, result.clientCertificatePem, result.clientKeyPem, this,
                          [this, source, identityName](const SavedRemotes::IdentityResult &saved) {
                              m_results[source].clientKeyPem.fill('\0');
                              m_results[source].clientKeyPem.clear();
                              if (!saved.ok()) {
                                  m_failures.append(
                                      tr("the client certificate of %1: %2")
                                          .arg(m_results.at(source).source.origin, saved.userMessage));
                                  addRemotesOf(source, QString()); // only those that need none
                              } else {
                                  addRemotesOf(source, identityName);
                              }
                              importNextSource();
                          });
}

void ImportRemotesDialog::addRemotesOf(int source, const QString &identityName)
{
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        const Candidate &candidate = m_candidates.at(item->data(NameColumn, CandidateRole).toInt());
        if (candidate.source != source || item->checkState(NameColumn) != Qt::Checked)
            continue;
        RemoteConfig config = candidate.config;
        if (!config.clientIdentity.isEmpty()) {
            if (identityName.isEmpty()) {
                m_failures.append(tr("%1: its client certificate could not be taken over").arg(config.name));
                continue;
            }
            config.clientIdentity = identityName;
        }
        if (m_saved->contains(config.name))
            config.name = m_saved->unusedName(config.name);
        if (const Lxd::Error error = m_saved->add(config)) {
            m_failures.append(tr("%1: %2").arg(config.name, error.detail()));
            continue;
        }
        item->setCheckState(NameColumn, Qt::Unchecked);
        item->setText(NotesColumn, tr("imported"));
        m_added.append(config.name);
    }
}

void ImportRemotesDialog::finish()
{
    m_list->setEnabled(true);
    m_import->setEnabled(true);
    const QString added = m_added.isEmpty() ? tr("No remote was imported.")
                                            : tr("Imported %1.").arg(m_added.join(QStringLiteral(", ")));
    if (!m_added.isEmpty()) {
        Q_EMIT imported(m_added);
        Q_EMIT statusMessage(added);
    }
    if (!m_failures.isEmpty()) {
        m_message->setText(added + QLatin1Char('\n')
                           + tr("Not imported: %1").arg(m_failures.join(QStringLiteral("; "))));
        return;
    }
    m_message->setText(added);
    accept();
}
