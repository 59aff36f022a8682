#pragma once

#include <QAbstractItemModel>
#include <QPointer>

#include <memory>
#include <vector>

namespace Models {

class InstanceFolderCache;

// The folders of an instance as a tree that loads as it is opened: one top item, "/", and below each
// folder its sub-folders once the cache has listed it (canFetchMore()/fetchMore() ask the cache). A
// reload of a folder adds and removes only the sub-folders that changed, so what is open stays open.
class InstanceFolderTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role {
        PathRole = Qt::UserRole + 1,
        LoadStateRole, // InstanceFolderCache::State as int
    };

    explicit InstanceFolderTreeModel(InstanceFolderCache *cache, QObject *parent = nullptr);
    ~InstanceFolderTreeModel() override;

    InstanceFolderCache *cache() const { return m_cache; }
    QString pathAt(const QModelIndex &index) const;
    // The folder's item, if the tree holds it already (its parents were listed).
    QModelIndex indexForPath(const QString &path) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Local files (text/uri-list) and entries of an instance (InstanceFolderCache::MimeType) drop here.
    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override { return Qt::CopyAction; }

private:
    struct Node
    {
        QString name;
        QString path;
        Node *parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
        int row() const;
    };

    Node *nodeAt(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node) const;
    Node *find(const QString &path) const;
    void syncChildren(const QString &folder);

    QPointer<InstanceFolderCache> m_cache;
    Node m_invisibleRoot;
};

} // namespace Models
