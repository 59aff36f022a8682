#include "CreateInstanceImagePage.h"

#include "RowPaddingDelegate.h"
#include "models/Remote.h"
#include "models/RemoteRegistry.h"
#include "models/ResourceCache.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

enum Column { AliasColumn, DescriptionColumn, TypeColumn, ArchitectureColumn, SizeColumn, FingerprintColumn };

constexpr int FingerprintRole = Qt::UserRole + 1;
constexpr int ReferenceRole = Qt::UserRole + 2;

QStringList aliasesOf(const QJsonObject &image)
{
    QStringList names;
    const QJsonArray aliases = image.value(QLatin1String("aliases")).toArray();
    for (const QJsonValue &alias : aliases)
        names.append(alias.toObject().value(QLatin1String("name")).toString());
    return names;
}

QString descriptionOf(const QJsonObject &image)
{
    return image.value(QLatin1String("properties")).toObject().value(QLatin1String("description")).toString();
}

} // namespace

CreateInstanceImagePage::CreateInstanceImagePage(Models::RemoteRegistry *registry, Models::Remote *target,
                                                 const QString &project, QWidget *parent)
    : CreateInstancePage(parent)
    , m_registry(registry)
    , m_target(target)
    , m_project(project)
    , m_remotes(new QComboBox(this))
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
    , m_reference(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    setTitle(tr("Image"));
    setSubTitle(tr("The image the instance starts from: one of this server's, or one of another remote's, "
                   "copied here first."));

    m_remotes->setObjectName(QStringLiteral("imageRemoteComboBox"));
    m_remotes->setAccessibleName(tr("Remote of the image"));
    if (target)
        m_remotes->addItem(tr("%1 (where the instance goes)").arg(target->name()), target->name());
    if (registry) {
        const QList<Models::Remote *> remotes = registry->remotes();
        for (const Models::Remote *remote : remotes) {
            if (remote != target)
                m_remotes->addItem(remote->name(), remote->name());
        }
    }
    m_filter->setObjectName(QStringLiteral("imageFilterLineEdit"));
    m_filter->setAccessibleName(tr("Filter images"));
    m_filter->setPlaceholderText(tr("Filter by alias, description or fingerprint"));
    m_filter->setClearButtonEnabled(true);
    m_tree->setObjectName(QStringLiteral("imageTreeWidget"));
    m_tree->setAccessibleName(tr("Images"));
    m_tree->setHeaderLabels(
        {tr("Alias"), tr("Description"), tr("Type"), tr("Architecture"), tr("Size"), tr("Fingerprint")});
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setItemDelegate(new RowPaddingDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->header()->resizeSection(AliasColumn, 140);
    m_tree->header()->resizeSection(DescriptionColumn, 230);
    m_tree->header()->resizeSection(TypeColumn, 100);
    m_reference->setObjectName(QStringLiteral("imageReferenceLineEdit"));
    m_reference->setAccessibleName(tr("Image alias or fingerprint"));
    m_reference->setPlaceholderText(tr("an alias, or a fingerprint or its start"));
    m_status->setObjectName(QStringLiteral("imageStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *form = new QFormLayout;
    form->addRow(tr("&Remote:"), m_remotes);
    form->addRow(tr("&Filter:"), m_filter);
    auto *bottom = new QFormLayout;
    bottom->addRow(tr("&Alias or fingerprint:"), m_reference);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_tree, 1);
    layout->addLayout(bottom);
    layout->addWidget(m_status);
    addErrorLabel(layout);

    connect(m_remotes, &QComboBox::currentIndexChanged, this, &CreateInstanceImagePage::useRemote);
    connect(m_filter, &QLineEdit::textChanged, this, &CreateInstanceImagePage::fill);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &CreateInstanceImagePage::onCurrentItemChanged);
    connect(m_reference, &QLineEdit::textChanged, this, &CreateInstanceImagePage::onReferenceEdited);
    useRemote();
}

QString CreateInstanceImagePage::projectFor(const Models::Remote *remote) const
{
    // Other remotes: their default project's images.
    return remote == m_target ? m_project : QStringLiteral("default");
}

Models::Remote *CreateInstanceImagePage::imageRemote() const
{
    if (!m_registry)
        return m_target;
    Models::Remote *remote = m_registry->find(m_remotes->currentData().toString());
    return remote ? remote : m_target.data();
}

bool CreateInstanceImagePage::needsCopy() const
{
    return imageRemote() != m_target;
}

QString CreateInstanceImagePage::reference() const
{
    return m_reference->text().trimmed();
}

QString CreateInstanceImagePage::fingerprint() const
{
    return resolve(reference()).fingerprint;
}

void CreateInstanceImagePage::useRemote()
{
    for (const QMetaObject::Connection &connection : std::as_const(m_cacheConnections))
        disconnect(connection);
    m_cacheConnections.clear();
    Models::Remote *remote = imageRemote();
    m_images = remote ? remote->cache(Models::ResourceKind::images(), projectFor(remote)) : nullptr;
    if (m_images) {
        for (auto signal : {&Models::ResourceStore::rowInserted, &Models::ResourceStore::rowRemoved,
                            &Models::ResourceStore::rowChanged})
            m_cacheConnections << connect(m_images, signal, this, &CreateInstanceImagePage::fill);
        m_cacheConnections << connect(m_images, &Models::ResourceStore::stateChanged, this,
                                      &CreateInstanceImagePage::fill);
    }
    fill();
    Q_EMIT completeChanged();
}

void CreateInstanceImagePage::initializePage()
{
    fill();
}

void CreateInstanceImagePage::fill()
{
    const bool virtualMachine = field(QStringLiteral("virtualMachine")).toBool();
    const QString wantedType
        = virtualMachine ? QStringLiteral("virtual-machine") : QStringLiteral("container");
    const QString filter = m_filter->text().trimmed();
    const QString current = reference();
    m_filling = true;
    m_tree->clear();
    int hiddenByType = 0;
    QTreeWidgetItem *selected = nullptr;
    for (int row = 0; m_images && row < m_images->count(); ++row) {
        const QJsonObject image = m_images->at(row).object;
        const QString fingerprint = image.value(QLatin1String("fingerprint")).toString();
        const QStringList aliases = aliasesOf(image);
        const QString description = descriptionOf(image);
        const QString type = image.value(QLatin1String("type")).toString();
        if (!type.isEmpty() && type != wantedType) {
            ++hiddenByType;
            continue;
        }
        if (!filter.isEmpty() && !aliases.join(QLatin1Char(' ')).contains(filter, Qt::CaseInsensitive)
            && !description.contains(filter, Qt::CaseInsensitive) && !fingerprint.startsWith(filter))
            continue;
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(AliasColumn, aliases.join(QLatin1String(", ")));
        item->setText(DescriptionColumn, description);
        item->setText(TypeColumn,
                      type == QLatin1String("virtual-machine") ? tr("virtual machine") : tr("container"));
        item->setText(ArchitectureColumn, image.value(QLatin1String("architecture")).toString());
        item->setText(SizeColumn,
                      QLocale().formattedDataSize(qint64(image.value(QLatin1String("size")).toDouble())));
        item->setText(FingerprintColumn, fingerprint.left(12));
        item->setToolTip(FingerprintColumn, fingerprint);
        item->setData(0, FingerprintRole, fingerprint);
        item->setData(0, ReferenceRole, aliases.isEmpty() ? fingerprint.left(12) : aliases.first());
        if (!current.isEmpty()
            && (aliases.contains(current) || (current.size() >= 4 && fingerprint.startsWith(current))))
            selected = item;
    }
    if (selected)
        m_tree->setCurrentItem(selected);
    m_filling = false;

    QString status;
    if (!m_images) {
        status = tr("This remote is not available.");
    } else if (m_images->state() == Models::ResourceStore::State::Loading
               || m_images->state() == Models::ResourceStore::State::Empty) {
        status = tr("Listing the images…");
    } else if (m_images->state() == Models::ResourceStore::State::Failed) {
        status = tr("Could not list the images: %1").arg(m_images->lastError().userMessage());
    } else if (m_tree->topLevelItemCount() == 0) {
        status = hiddenByType > 0
            ? tr("No image here is for a %1.").arg(virtualMachine ? tr("virtual machine") : tr("container"))
            : tr("No image here matches.");
    } else if (needsCopy()) {
        status = tr("The image will be copied to %1 first.").arg(m_target ? m_target->name() : QString());
    }
    m_status->setText(status);
    Q_EMIT completeChanged();
}

void CreateInstanceImagePage::onCurrentItemChanged()
{
    if (m_filling)
        return;
    const QTreeWidgetItem *item = m_tree->currentItem();
    if (!item)
        return;
    const QString reference = item->data(0, ReferenceRole).toString();
    if (m_reference->text() != reference)
        m_reference->setText(reference);
}

void CreateInstanceImagePage::onReferenceEdited()
{
    clearError();
    // Follow in the list what is typed, without overwriting the text.
    const QString fingerprint = resolve(reference()).fingerprint;
    m_filling = true;
    for (int index = 0; index < m_tree->topLevelItemCount(); ++index) {
        QTreeWidgetItem *item = m_tree->topLevelItem(index);
        if (!fingerprint.isEmpty() && item->data(0, FingerprintRole).toString() == fingerprint) {
            m_tree->setCurrentItem(item);
            break;
        }
    }
    m_filling = false;
    Q_EMIT completeChanged();
}

CreateInstanceImagePage::Match CreateInstanceImagePage::resolve(const QString &reference) const
{
    Match match;
    if (reference.isEmpty() || !m_images)
        return match;
    for (int row = 0; row < m_images->count(); ++row) {
        const QJsonObject image = m_images->at(row).object;
        if (aliasesOf(image).contains(reference)) {
            match.fingerprint = image.value(QLatin1String("fingerprint")).toString();
            match.alias = reference;
            match.type = image.value(QLatin1String("type")).toString();
            return match;
        }
    }
    // A fingerprint, or the start of exactly one.
    for (int row = 0; row < m_images->count(); ++row) {
        const QJsonObject image = m_images->at(row).object;
        const QString fingerprint = image.value(QLatin1String("fingerprint")).toString();
        if (fingerprint.startsWith(reference)) {
            if (!match.fingerprint.isEmpty())
                return {}; // ambiguous
            match.fingerprint = fingerprint;
            match.type = image.value(QLatin1String("type")).toString();
        }
    }
    return match;
}

bool CreateInstanceImagePage::isComplete() const
{
    const QString text = reference();
    if (text.isEmpty())
        return false;
    const Match match = resolve(text);
    // Another remote's image must be found to be copied; this server resolves what it is sent.
    if (match.fingerprint.isEmpty())
        return !needsCopy();
    const QString wanted = field(QStringLiteral("virtualMachine")).toBool()
        ? QStringLiteral("virtual-machine")
        : QStringLiteral("container");
    return match.type.isEmpty() || match.type == wanted;
}

void CreateInstanceImagePage::addTo(QJsonObject &body) const
{
    QJsonObject source {{QStringLiteral("type"), QStringLiteral("image")}};
    const Match match = resolve(reference());
    if (needsCopy() || match.alias.isEmpty()) {
        // A copied image is named by fingerprint on this server; so is an image without an alias.
        source.insert(QStringLiteral("fingerprint"),
                      match.fingerprint.isEmpty() ? reference() : match.fingerprint);
        if (match.fingerprint.isEmpty() && !reference().isEmpty()) {
            // Not listed (yet): let the daemon resolve it as an alias.
            source.remove(QStringLiteral("fingerprint"));
            source.insert(QStringLiteral("alias"), reference());
        }
    } else {
        source.insert(QStringLiteral("alias"), match.alias);
    }
    body.insert(QStringLiteral("source"), source);
}
