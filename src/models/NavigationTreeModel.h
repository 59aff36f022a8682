#pragma once

#include <QAbstractItemModel>
#include <QPointer>

#include <memory>
#include <vector>

namespace Models {

class Remote;
class RemoteRegistry;

// The navigation tree: remotes, their projects, and in each project the kinds of object to browse
// (Instances, Images, …, and Cluster members when the remote is a cluster). It observes the registry,
// each remote's connection state and its live project list; it never does I/O itself.
class NavigationTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class NodeType { Remote, Project, Section };
    Q_ENUM(NodeType)

    enum class Section {
        Instances,
        Images,
        Profiles,
        Networks,
        Storage,
        Operations,
        Warnings,
        ClusterMembers
    };
    Q_ENUM(Section)

    enum Role {
        NodeTypeRole = Qt::UserRole + 1, // NodeType
        RemoteNameRole, // every node: the remote it belongs to
        ProjectRole, // project and section nodes
        SectionRole, // section nodes: Section
        ConnectionStateRole, // remote nodes: Remote::State
        StateTextRole, // remote nodes: "Connected", "Reconnecting: …"
        EndpointRole, // remote nodes: "unix:///var/lib/lxd/unix.socket"
    };
    Q_ENUM(Role)

    explicit NavigationTreeModel(RemoteRegistry *registry, QObject *parent = nullptr);
    ~NavigationTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Invalid when there is no such node (yet).
    QModelIndex remoteIndex(const QString &remote) const;
    QModelIndex projectIndex(const QString &remote, const QString &project) const;
    QModelIndex sectionIndex(const QString &remote, const QString &project, Section section) const;
    // The remote a node belongs to.
    Remote *remoteAt(const QModelIndex &index) const;

    static QString sectionTitle(Section section);
    // The sections of a project, in the order the tree shows them.
    static QList<Section> sections(bool clustered);

private:
    struct Node;

    static int rowIn(const std::vector<std::unique_ptr<Node>> &siblings, const Node *node);
    Node *nodeAt(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node) const;
    Node *remoteNode(const Remote *remote) const;
    void onRemoteAdded(int index);
    void onRemoteAboutToBeRemoved(int index);
    void onRemoteRemoved(int index);
    void watch(Remote *remote);
    std::unique_ptr<Node> makeProjectNode(Node *remoteNode, int cacheRow) const;
    void onProjectsAboutToBeInserted(Remote *remote, int first, int last);
    void onProjectsInserted(Remote *remote, int first, int last);
    void onProjectChanged(Remote *remote, int row);
    void onProjectAboutToBeRemoved(Remote *remote, int row);
    void onProjectRemoved(Remote *remote, int row);
    void onServerInfoChanged(Remote *remote);

    QPointer<RemoteRegistry> m_registry;
    std::vector<std::unique_ptr<Node>> m_remotes;
    bool m_removingRemote = false;
};

} // namespace Models
