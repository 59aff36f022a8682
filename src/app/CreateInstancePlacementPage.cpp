#include "CreateInstancePlacementPage.h"

#include "models/Remote.h"
#include "models/ResourceCache.h"

#include <QComboBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

CreateInstancePlacementPage::CreateInstancePlacementPage(Models::Remote *target, const QString &project,
                                                         QWidget *parent)
    : CreateInstancePage(parent)
    , m_target(target)
    , m_project(project)
    , m_profiles(new QListWidget(this))
    , m_memberLabel(new QLabel(tr("Cluster &member:"), this))
    , m_member(new QComboBox(this))
    , m_pool(new QComboBox(this))
    , m_rootSize(new QLineEdit(this))
    , m_network(new QComboBox(this))
    , m_checkedProfiles({QStringLiteral("default")})
{
    setTitle(tr("Profiles, Storage and Network"));
    setSubTitle(tr("Profiles apply in order, later ones over earlier ones. Storage and network set here "
                   "replace what the profiles give."));

    m_profiles->setObjectName(QStringLiteral("profileListWidget"));
    m_profiles->setAccessibleName(tr("Profiles"));
    m_profiles->setMaximumHeight(120);
    m_member->setObjectName(QStringLiteral("memberComboBox"));
    m_member->setAccessibleName(tr("Cluster member"));
    m_memberLabel->setBuddy(m_member);
    m_pool->setObjectName(QStringLiteral("poolComboBox"));
    m_pool->setAccessibleName(tr("Storage pool of the root disk"));
    m_rootSize->setObjectName(QStringLiteral("rootSizeLineEdit"));
    m_rootSize->setAccessibleName(tr("Size of the root disk"));
    m_rootSize->setPlaceholderText(tr("e.g. 10GiB; empty: the pool's default"));
    m_network->setObjectName(QStringLiteral("networkComboBox"));
    m_network->setAccessibleName(tr("Network"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Profiles:"), m_profiles);
    form->addRow(m_memberLabel, m_member);
    form->addRow(tr("Storage &pool:"), m_pool);
    form->addRow(tr("Root disk &size:"), m_rootSize);
    form->addRow(tr("&Network (eth0):"), m_network);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    addErrorLabel(layout);

    if (target) {
        m_profileCache = target->cache(Models::ResourceKind::profiles(), project);
        m_poolCache = target->cache(Models::ResourceKind::storagePools(), project);
        m_networkCache = target->cache(Models::ResourceKind::networks(), project);
        if (target->isClustered())
            m_memberCache = target->cache(Models::ResourceKind::clusterMembers(), project);
    }
    for (Models::ResourceCache *cache :
         {m_profileCache.data(), m_poolCache.data(), m_networkCache.data(), m_memberCache.data()}) {
        if (!cache)
            continue;
        for (auto signal : {&Models::ResourceStore::rowInserted, &Models::ResourceStore::rowRemoved,
                            &Models::ResourceStore::rowChanged})
            connect(cache, signal, this, &CreateInstancePlacementPage::fillAll);
        connect(cache, &Models::ResourceStore::listed, this, &CreateInstancePlacementPage::fillAll);
    }
    connect(m_profiles, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const QString name = item->text();
        m_checkedProfiles.removeAll(name);
        if (item->checkState() == Qt::Checked)
            m_checkedProfiles.append(name);
        clearError();
        fillCombo(m_pool, m_poolCache, tr("From the profiles (%1)").arg(poolFromProfiles()));
    });
    for (QComboBox *box : {m_member, m_pool, m_network})
        connect(box, &QComboBox::currentIndexChanged, this, &CreateInstancePage::clearError);
    connect(m_rootSize, &QLineEdit::textEdited, this, &CreateInstancePage::clearError);
    fillAll();
}

void CreateInstancePlacementPage::initializePage()
{
    fillAll();
}

void CreateInstancePlacementPage::fillAll()
{
    fillProfiles();
    const QString fromProfiles = poolFromProfiles();
    fillCombo(m_pool, m_poolCache,
              fromProfiles.isEmpty() ? tr("From the profiles")
                                     : tr("From the profiles (%1)").arg(fromProfiles));
    fillCombo(m_network, m_networkCache, tr("From the profiles"), true);
    fillCombo(m_member, m_memberCache, tr("Let the cluster choose"));
    const bool clustered = m_target && m_target->isClustered();
    m_memberLabel->setVisible(clustered);
    m_member->setVisible(clustered);
}

void CreateInstancePlacementPage::fillProfiles()
{
    QStringList names;
    for (int row = 0; m_profileCache && row < m_profileCache->count(); ++row)
        names.append(m_profileCache->at(row).key);
    // Checked ones first, in the order they were checked (the order they apply in).
    QStringList ordered;
    for (const QString &name : std::as_const(m_checkedProfiles)) {
        if (names.contains(name))
            ordered.append(name);
    }
    for (const QString &name : std::as_const(names)) {
        if (!ordered.contains(name))
            ordered.append(name);
    }
    const QSignalBlocker blocker(m_profiles);
    m_profiles->clear();
    for (const QString &name : std::as_const(ordered)) {
        auto *item = new QListWidgetItem(name, m_profiles);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(m_checkedProfiles.contains(name) ? Qt::Checked : Qt::Unchecked);
    }
}

void CreateInstancePlacementPage::fillCombo(QComboBox *box, Models::ResourceCache *cache,
                                            const QString &noChoice, bool managedOnly)
{
    const QString current = box->currentData().toString();
    const QSignalBlocker blocker(box);
    box->clear();
    box->addItem(noChoice, QString());
    for (int row = 0; cache && row < cache->count(); ++row) {
        const QJsonObject object = cache->at(row).object;
        if (managedOnly && !object.value(QLatin1String("managed")).toBool())
            continue;
        const QString key = cache->at(row).key;
        QString label = key;
        const QString kind = object.value(QLatin1String("driver")).toString().isEmpty()
            ? object.value(QLatin1String("type")).toString()
            : object.value(QLatin1String("driver")).toString();
        if (!kind.isEmpty())
            label = tr("%1 (%2)").arg(key, kind);
        const QString status = object.value(QLatin1String("status")).toString();
        if (cache == m_memberCache && !status.isEmpty())
            label = tr("%1 (%2)").arg(key, status);
        box->addItem(label, key);
    }
    box->setCurrentIndex(qMax(0, box->findData(current)));
}

QStringList CreateInstancePlacementPage::profiles() const
{
    // Until the remote's profiles are listed, the choice is the one made so far ("default"): an empty
    // list would create an instance without any profile, and so without a root disk.
    if (m_profiles->count() == 0)
        return m_checkedProfiles;
    QStringList names;
    for (int row = 0; row < m_profiles->count(); ++row) {
        if (m_profiles->item(row)->checkState() == Qt::Checked)
            names.append(m_profiles->item(row)->text());
    }
    return names;
}

QString CreateInstancePlacementPage::member() const
{
    return m_member->isVisible() || (m_target && m_target->isClustered()) ? m_member->currentData().toString()
                                                                          : QString();
}

QString CreateInstancePlacementPage::poolFromProfiles() const
{
    QString pool;
    const QStringList chosen = profiles();
    for (const QString &name : chosen) {
        const int row = m_profileCache ? m_profileCache->indexOf(m_project, name) : -1;
        if (row < 0)
            continue;
        const QJsonObject devices = m_profileCache->at(row).object.value(QLatin1String("devices")).toObject();
        for (auto it = devices.begin(); it != devices.end(); ++it) {
            const QJsonObject device = it.value().toObject();
            if (device.value(QLatin1String("type")).toString() == QLatin1String("disk")
                && device.value(QLatin1String("path")).toString() == QLatin1String("/"))
                pool = device.value(QLatin1String("pool")).toString();
        }
    }
    return pool;
}

void CreateInstancePlacementPage::addTo(QJsonObject &body) const
{
    QJsonArray names;
    const QStringList chosen = profiles();
    for (const QString &name : chosen)
        names.append(name);
    body.insert(QStringLiteral("profiles"), names);

    QJsonObject devices = body.value(QLatin1String("devices")).toObject();
    const QString pool = m_pool->currentData().toString();
    const QString size = m_rootSize->text().trimmed();
    if (!pool.isEmpty() || !size.isEmpty()) {
        // A root disk of the instance's own replaces the profiles' one; it needs its pool.
        QJsonObject root {{QStringLiteral("type"), QStringLiteral("disk")},
                          {QStringLiteral("path"), QStringLiteral("/")}};
        const QString rootPool = pool.isEmpty() ? poolFromProfiles() : pool;
        if (!rootPool.isEmpty())
            root.insert(QStringLiteral("pool"), rootPool);
        if (!size.isEmpty())
            root.insert(QStringLiteral("size"), size);
        devices.insert(QStringLiteral("root"), root);
    }
    const QString network = m_network->currentData().toString();
    if (!network.isEmpty()) {
        devices.insert(QStringLiteral("eth0"),
                       QJsonObject {{QStringLiteral("type"), QStringLiteral("nic")},
                                    {QStringLiteral("network"), network},
                                    {QStringLiteral("name"), QStringLiteral("eth0")}});
    }
    if (!devices.isEmpty())
        body.insert(QStringLiteral("devices"), devices);
}
