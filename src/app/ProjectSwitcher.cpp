#include "ProjectSwitcher.h"

#include "models/Remote.h"
#include "models/ResourceCache.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace {

constexpr int AllProjectsRole = Qt::UserRole + 1;

} // namespace

ProjectSwitcher::ProjectSwitcher(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(tr("&Project:"), this))
    , m_combo(new QComboBox(this))
{
    setObjectName(QStringLiteral("projectSwitcher"));
    m_combo->setObjectName(QStringLiteral("projectComboBox"));
    m_combo->setAccessibleName(tr("Project"));
    m_combo->setToolTip(tr("The project of this remote to show, or all of them"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setMinimumContentsLength(12);
    m_label->setBuddy(m_combo);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_combo);
    connect(m_combo, &QComboBox::activated, this, &ProjectSwitcher::onActivated);
    setEnabled(false);
}

void ProjectSwitcher::setRemote(Models::Remote *remote, const QString &project)
{
    m_project = project;
    m_allProjects = remote && project.isEmpty();
    if (remote != m_remote) {
        for (const QMetaObject::Connection &connection : std::as_const(m_connections))
            disconnect(connection);
        m_connections.clear();
        m_remote = remote;
        if (remote) {
            Models::ResourceCache *projects = remote->projects();
            for (auto signal : {&Models::ResourceStore::rowInserted, &Models::ResourceStore::rowRemoved,
                                &Models::ResourceStore::rowChanged})
                m_connections.append(connect(projects, signal, this, &ProjectSwitcher::fill));
        }
    }
    fill();
}

void ProjectSwitcher::fill()
{
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    setEnabled(m_remote);
    if (!m_remote)
        return;
    const Models::ResourceCache *projects = m_remote->projects();
    for (int row = 0; row < projects->count(); ++row)
        m_combo->addItem(projects->at(row).key, projects->at(row).key);
    m_combo->insertSeparator(m_combo->count());
    m_combo->addItem(tr("All projects"));
    m_combo->setItemData(m_combo->count() - 1, true, AllProjectsRole);
    m_combo->setItemData(m_combo->count() - 1, tr("The instances of every project in one table"),
                         Qt::ToolTipRole);
    const int current = m_allProjects ? m_combo->count() - 1 : m_combo->findData(m_project);
    m_combo->setCurrentIndex(current);
}

QString ProjectSwitcher::currentProject() const
{
    if (m_combo->currentData(AllProjectsRole).toBool())
        return {};
    return m_combo->currentData().toString();
}

bool ProjectSwitcher::choose(const QString &project)
{
    const int index = m_combo->findData(project);
    if (index < 0)
        return false;
    m_combo->setCurrentIndex(index);
    onActivated(index);
    return true;
}

bool ProjectSwitcher::chooseAllProjects()
{
    if (!m_remote)
        return false;
    m_combo->setCurrentIndex(m_combo->count() - 1);
    onActivated(m_combo->count() - 1);
    return true;
}

void ProjectSwitcher::onActivated(int index)
{
    if (!m_remote || index < 0)
        return;
    if (m_combo->itemData(index, AllProjectsRole).toBool()) {
        m_allProjects = true;
        Q_EMIT allProjectsChosen(m_remote->name());
        return;
    }
    m_allProjects = false;
    m_project = m_combo->itemData(index).toString();
    Q_EMIT projectChosen(m_remote->name(), m_project);
}
