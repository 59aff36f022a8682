#include "NavigationTreeModel.h"

#include "Remote.h"
#include "RemoteRegistry.h"
#include "ResourceCache.h"

namespace Models {

struct NavigationTreeModel::Node
{
    NodeType type = NodeType::Remote;
    Node *parent = nullptr;
    Remote *remote = nullptr; // nodes go before their remote does
    QString project;
    Section section = Section::Instances;
    bool clustered = false; // remote nodes: whether the projects list Cluster members
    std::vector<std::unique_ptr<Node>> children;
};

int NavigationTreeModel::rowIn(const std::vector<std::unique_ptr<Node>> &siblings, const Node *node)
{
    for (size_t row = 0; row < siblings.size(); ++row) {
        if (siblings[row].get() == node)
            return int(row);
    }
    return -1;
}

NavigationTreeModel::NavigationTreeModel(RemoteRegistry *registry, QObject *parent)
    : QAbstractItemModel(parent)
    , m_registry(registry)
{
    connect(registry, &RemoteRegistry::remoteAboutToBeAdded, this,
            [this](int index) { beginInsertRows({}, index, index); });
    connect(registry, &RemoteRegistry::remoteAdded, this, &NavigationTreeModel::onRemoteAdded);
    connect(registry, &RemoteRegistry::remoteAboutToBeRemoved, this,
            &NavigationTreeModel::onRemoteAboutToBeRemoved);
    connect(registry, &RemoteRegistry::remoteRemoved, this, &NavigationTreeModel::onRemoteRemoved);

    for (int index = 0; index < registry->count(); ++index) {
        auto node = std::make_unique<Node>();
        node->remote = registry->at(index);
        node->clustered = node->remote->isClustered();
        Node *raw = node.get();
        m_remotes.push_back(std::move(node));
        for (int row = 0; row < raw->remote->projects()->count(); ++row)
            raw->children.push_back(makeProjectNode(raw, row));
        watch(raw->remote);
    }
}

NavigationTreeModel::~NavigationTreeModel() = default;

QList<NavigationTreeModel::Section> NavigationTreeModel::sections(bool clustered)
{
    QList<Section> result {Section::Instances, Section::Images,     Section::Profiles, Section::Networks,
                           Section::Storage,   Section::Operations, Section::Warnings};
    if (clustered)
        result.append(Section::ClusterMembers);
    return result;
}

QString NavigationTreeModel::sectionTitle(Section section)
{
    switch (section) {
    case Section::Instances:
        return tr("Instances");
    case Section::Images:
        return tr("Images");
    case Section::Profiles:
        return tr("Profiles");
    case Section::Networks:
        return tr("Networks");
    case Section::Storage:
        return tr("Storage");
    case Section::Operations:
        return tr("Operations");
    case Section::Warnings:
        return tr("Warnings");
    case Section::ClusterMembers:
        return tr("Cluster members");
    }
    return {};
}

NavigationTreeModel::Node *NavigationTreeModel::nodeAt(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : nullptr;
}

QModelIndex NavigationTreeModel::indexOf(const Node *node) const
{
    if (!node)
        return {};
    const int row = node->parent ? rowIn(node->parent->children, node) : rowIn(m_remotes, node);
    return row < 0 ? QModelIndex() : createIndex(row, 0, const_cast<Node *>(node));
}

NavigationTreeModel::Node *NavigationTreeModel::remoteNode(const Remote *remote) const
{
    for (const std::unique_ptr<Node> &node : m_remotes) {
        if (node->remote == remote)
            return node.get();
    }
    return nullptr;
}

QModelIndex NavigationTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < int(m_remotes.size()) ? createIndex(row, 0, m_remotes[row].get()) : QModelIndex();
    const Node *parentNode = nodeAt(parent);
    if (parent.column() != 0 || row >= int(parentNode->children.size()))
        return {};
    return createIndex(row, 0, parentNode->children[row].get());
}

QModelIndex NavigationTreeModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeAt(child);
    return node ? indexOf(node->parent) : QModelIndex();
}

int NavigationTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_remotes.size());
    if (parent.column() != 0)
        return 0;
    return int(nodeAt(parent)->children.size());
}

int NavigationTreeModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return 1;
}

Qt::ItemFlags NavigationTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant NavigationTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *node = nodeAt(index);
    if (!node || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Remote *remote = node->remote;

    switch (role) {
    case NodeTypeRole:
        return QVariant::fromValue(node->type);
    case RemoteNameRole:
        return remote->name();
    case ProjectRole:
        return node->type == NodeType::Remote ? QVariant() : QVariant(node->project);
    case SectionRole:
        return node->type == NodeType::Section ? QVariant::fromValue(node->section) : QVariant();
    default:
        break;
    }

    switch (node->type) {
    case NodeType::Remote:
        switch (role) {
        case Qt::DisplayRole:
            switch (remote->state()) {
            case Remote::State::Connected:
                return remote->name();
            case Remote::State::Connecting:
                return tr("%1 (connecting…)").arg(remote->name());
            case Remote::State::Reconnecting:
                return tr("%1 (reconnecting)").arg(remote->name());
            case Remote::State::Failed:
                return tr("%1 (error)").arg(remote->name());
            }
            return remote->name();
        case Qt::ToolTipRole: {
            QStringList lines {remote->name(), remote->endpoint()};
            const QString server = remote->serverDescription();
            if (!server.isEmpty())
                lines.append(remote->isClustered() ? tr("%1, clustered").arg(server) : server);
            lines.append(remote->stateText());
            return lines.join(QLatin1Char('\n'));
        }
        case ConnectionStateRole:
            return QVariant::fromValue(remote->state());
        case StateTextRole:
            return remote->stateText();
        case EndpointRole:
            return remote->endpoint();
        default:
            return {};
        }
    case NodeType::Project:
        switch (role) {
        case Qt::DisplayRole:
            return node->project;
        case Qt::ToolTipRole: {
            const int row = remote->projects()->indexOf({}, node->project);
            const QString description = row < 0
                ? QString()
                : remote->projects()->at(row).object.value(QLatin1String("description")).toString();
            return description.isEmpty() ? tr("Project %1").arg(node->project) : description;
        }
        default:
            return {};
        }
    case NodeType::Section:
        switch (role) {
        case Qt::DisplayRole:
            return sectionTitle(node->section);
        case Qt::ToolTipRole:
            return tr("%1 in project %2 on %3")
                .arg(sectionTitle(node->section), node->project, remote->name());
        default:
            return {};
        }
    }
    return {};
}

QHash<int, QByteArray> NavigationTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(NodeTypeRole, QByteArrayLiteral("nodeType"));
    names.insert(RemoteNameRole, QByteArrayLiteral("remoteName"));
    names.insert(ProjectRole, QByteArrayLiteral("project"));
    names.insert(SectionRole, QByteArrayLiteral("section"));
    names.insert(ConnectionStateRole, QByteArrayLiteral("connectionState"));
    names.insert(StateTextRole, QByteArrayLiteral("stateText"));
    names.insert(EndpointRole, QByteArrayLiteral("endpoint"));
    return names;
}

QModelIndex NavigationTreeModel::remoteIndex(const QString &remote) const
{
    for (const std::unique_ptr<Node> &node : m_remotes) {
        if (node->remote->name() == remote)
            return indexOf(node.get());
    }
    return {};
}

QModelIndex NavigationTreeModel::projectIndex(const QString &remote, const QString &project) const
{
    const Node *parentNode = nodeAt(remoteIndex(remote));
    if (!parentNode)
        return {};
    for (const std::unique_ptr<Node> &node : parentNode->children) {
        if (node->project == project)
            return indexOf(node.get());
    }
    return {};
}

QModelIndex NavigationTreeModel::sectionIndex(const QString &remote, const QString &project,
                                              Section section) const
{
    const Node *parentNode = nodeAt(projectIndex(remote, project));
    if (!parentNode)
        return {};
    for (const std::unique_ptr<Node> &node : parentNode->children) {
        if (node->section == section)
            return indexOf(node.get());
    }
    return {};
}

Remote *NavigationTreeModel::remoteAt(const QModelIndex &index) const
{
    const Node *node = nodeAt(index);
    return node ? node->remote : nullptr;
}

std::unique_ptr<NavigationTreeModel::Node> NavigationTreeModel::makeProjectNode(Node *remoteNode,
                                                                                int cacheRow) const
{
    auto node = std::make_unique<Node>();
    node->type = NodeType::Project;
    node->parent = remoteNode;
    node->remote = remoteNode->remote;
    node->project = remoteNode->remote->projects()->at(cacheRow).key;
    const QList<Section> all = sections(remoteNode->clustered);
    for (Section section : all) {
        auto child = std::make_unique<Node>();
        child->type = NodeType::Section;
        child->parent = node.get();
        child->remote = node->remote;
        child->project = node->project;
        child->section = section;
        node->children.push_back(std::move(child));
    }
    return node;
}

void NavigationTreeModel::watch(Remote *remote)
{
    ResourceCache *projects = remote->projects();
    connect(projects, &ResourceCache::rowsAboutToBeInserted, this,
            [this, remote](int first, int last) { onProjectsAboutToBeInserted(remote, first, last); });
    connect(projects, &ResourceCache::rowsInserted, this,
            [this, remote](int first, int last) { onProjectsInserted(remote, first, last); });
    connect(projects, &ResourceCache::rowChanged, this,
            [this, remote](int row) { onProjectChanged(remote, row); });
    connect(projects, &ResourceCache::rowAboutToBeRemoved, this,
            [this, remote](int row) { onProjectAboutToBeRemoved(remote, row); });
    connect(projects, &ResourceCache::rowRemoved, this,
            [this, remote](int row) { onProjectRemoved(remote, row); });
    connect(remote, &Remote::stateChanged, this, [this, remote] {
        const QModelIndex index = indexOf(remoteNode(remote));
        if (index.isValid())
            Q_EMIT dataChanged(index, index);
    });
    connect(remote, &Remote::serverInfoChanged, this, [this, remote] { onServerInfoChanged(remote); });
}

void NavigationTreeModel::onRemoteAdded(int index)
{
    auto node = std::make_unique<Node>();
    node->remote = m_registry->at(index);
    node->clustered = node->remote->isClustered();
    Node *raw = node.get();
    m_remotes.insert(m_remotes.begin() + index, std::move(node));
    // A remote arrives with its projects not yet listed; they come as inserts.
    for (int row = 0; row < raw->remote->projects()->count(); ++row)
        raw->children.push_back(makeProjectNode(raw, row));
    endInsertRows();
    watch(raw->remote);
}

void NavigationTreeModel::onRemoteAboutToBeRemoved(int index)
{
    if (index < 0 || index >= int(m_remotes.size()))
        return;
    Remote *remote = m_remotes[index]->remote;
    disconnect(remote, nullptr, this, nullptr);
    disconnect(remote->projects(), nullptr, this, nullptr);
    beginRemoveRows({}, index, index);
    m_removingRemote = true;
}

void NavigationTreeModel::onRemoteRemoved(int index)
{
    if (!m_removingRemote)
        return;
    m_remotes.erase(m_remotes.begin() + index);
    m_removingRemote = false;
    endRemoveRows();
}

void NavigationTreeModel::onProjectsAboutToBeInserted(Remote *remote, int first, int last)
{
    const QModelIndex parent = indexOf(remoteNode(remote));
    if (parent.isValid())
        beginInsertRows(parent, first, last);
}

void NavigationTreeModel::onProjectsInserted(Remote *remote, int first, int last)
{
    Node *parentNode = remoteNode(remote);
    if (!parentNode)
        return;
    for (int row = first; row <= last; ++row)
        parentNode->children.insert(parentNode->children.begin() + row, makeProjectNode(parentNode, row));
    endInsertRows();
}

void NavigationTreeModel::onProjectChanged(Remote *remote, int row)
{
    Node *parentNode = remoteNode(remote);
    if (!parentNode || row >= int(parentNode->children.size()))
        return;
    Node *node = parentNode->children[row].get();
    const QString name = remote->projects()->at(row).key;
    const QModelIndex index = indexOf(node);
    if (node->project != name) { // renamed: so are the sections below it
        node->project = name;
        for (const std::unique_ptr<Node> &child : node->children)
            child->project = name;
        if (!node->children.empty())
            Q_EMIT dataChanged(this->index(0, 0, index),
                               this->index(int(node->children.size()) - 1, 0, index));
    }
    Q_EMIT dataChanged(index, index);
}

void NavigationTreeModel::onProjectAboutToBeRemoved(Remote *remote, int row)
{
    const QModelIndex parent = indexOf(remoteNode(remote));
    if (parent.isValid())
        beginRemoveRows(parent, row, row);
}

void NavigationTreeModel::onProjectRemoved(Remote *remote, int row)
{
    Node *parentNode = remoteNode(remote);
    if (!parentNode)
        return;
    parentNode->children.erase(parentNode->children.begin() + row);
    endRemoveRows();
}

void NavigationTreeModel::onServerInfoChanged(Remote *remote)
{
    Node *node = remoteNode(remote);
    if (!node)
        return;
    const QModelIndex remoteIdx = indexOf(node);
    Q_EMIT dataChanged(remoteIdx, remoteIdx); // the tool tip names the server
    const bool clustered = remote->isClustered();
    if (clustered == node->clustered)
        return;
    node->clustered = clustered;
    for (const std::unique_ptr<Node> &project : node->children) {
        const QModelIndex parent = indexOf(project.get());
        if (clustered) {
            const int row = int(project->children.size());
            beginInsertRows(parent, row, row);
            auto child = std::make_unique<Node>();
            child->type = NodeType::Section;
            child->parent = project.get();
            child->remote = remote;
            child->project = project->project;
            child->section = Section::ClusterMembers;
            project->children.push_back(std::move(child));
            endInsertRows();
        } else {
            for (int row = int(project->children.size()) - 1; row >= 0; --row) {
                if (project->children[row]->section != Section::ClusterMembers)
                    continue;
                beginRemoveRows(parent, row, row);
                project->children.erase(project->children.begin() + row);
                endRemoveRows();
            }
        }
    }
}

} // namespace Models
