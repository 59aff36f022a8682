#include "InstanceFolderTreeModel.h"

#include "InstanceFolderCache.h"

namespace Models {

int InstanceFolderTreeModel::Node::row() const
{
    if (!parent)
        return 0;
    for (size_t i = 0; i < parent->children.size(); ++i) {
        if (parent->children[i].get() == this)
            return static_cast<int>(i);
    }
    return 0;
}

InstanceFolderTreeModel::InstanceFolderTreeModel(InstanceFolderCache *cache, QObject *parent)
    : QAbstractItemModel(parent)
    , m_cache(cache)
{
    auto root = std::make_unique<Node>();
    root->name = QStringLiteral("/");
    root->path = QStringLiteral("/");
    root->parent = &m_invisibleRoot;
    m_invisibleRoot.children.push_back(std::move(root));
    connect(cache, &InstanceFolderCache::folderLoaded, this, &InstanceFolderTreeModel::syncChildren);
    connect(cache, &InstanceFolderCache::folderFailed, this, [this](const QString &folder) {
        syncChildren(folder); // a folder that is gone loses its sub-folders
    });
    connect(cache, &InstanceFolderCache::folderStateChanged, this, [this](const QString &folder) {
        const QModelIndex index = indexOf(find(folder));
        if (index.isValid())
            Q_EMIT dataChanged(index, index, {LoadStateRole});
    });
}

InstanceFolderTreeModel::~InstanceFolderTreeModel() = default;

InstanceFolderTreeModel::Node *InstanceFolderTreeModel::nodeAt(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer())
                           : const_cast<Node *>(&m_invisibleRoot);
}

QModelIndex InstanceFolderTreeModel::indexOf(const Node *node) const
{
    if (!node || node == &m_invisibleRoot)
        return {};
    return createIndex(node->row(), 0, const_cast<Node *>(node));
}

InstanceFolderTreeModel::Node *InstanceFolderTreeModel::find(const QString &path) const
{
    const QString clean = InstanceFolderCache::normalized(path);
    Node *node = m_invisibleRoot.children.front().get();
    if (clean == QLatin1String("/"))
        return node;
    const QStringList parts = clean.mid(1).split(QLatin1Char('/'));
    for (const QString &part : parts) {
        Node *next = nullptr;
        for (const auto &child : node->children) {
            if (child->name == part) {
                next = child.get();
                break;
            }
        }
        if (!next)
            return nullptr;
        node = next;
    }
    return node;
}

QString InstanceFolderTreeModel::pathAt(const QModelIndex &index) const
{
    const Node *node = index.isValid() ? nodeAt(index) : nullptr;
    return node ? node->path : QString();
}

QModelIndex InstanceFolderTreeModel::indexForPath(const QString &path) const
{
    return indexOf(find(path));
}

QModelIndex InstanceFolderTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *node = nodeAt(parent);
    if (column != 0 || row < 0 || row >= static_cast<int>(node->children.size()))
        return {};
    return createIndex(row, column, node->children[static_cast<size_t>(row)].get());
}

QModelIndex InstanceFolderTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeAt(child)->parent);
}

int InstanceFolderTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return static_cast<int>(nodeAt(parent)->children.size());
}

int InstanceFolderTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool InstanceFolderTreeModel::hasChildren(const QModelIndex &parent) const
{
    const Node *node = nodeAt(parent);
    if (!parent.isValid() || !node->children.empty())
        return !node->children.empty();
    // Not listed yet: it may have sub-folders (the expander invites a look).
    const InstanceFolderCache::State state
        = m_cache ? m_cache->state(node->path) : InstanceFolderCache::State::Failed;
    return state == InstanceFolderCache::State::NotLoaded || state == InstanceFolderCache::State::Loading;
}

bool InstanceFolderTreeModel::canFetchMore(const QModelIndex &parent) const
{
    return parent.isValid() && m_cache
        && m_cache->state(nodeAt(parent)->path) == InstanceFolderCache::State::NotLoaded;
}

void InstanceFolderTreeModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() && m_cache)
        m_cache->load(nodeAt(parent)->path);
}

QVariant InstanceFolderTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeAt(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return node->name;
    case Qt::ToolTipRole:
    case PathRole:
        return node->path;
    case LoadStateRole:
        return static_cast<int>(m_cache ? m_cache->state(node->path) : InstanceFolderCache::State::NotLoaded);
    default:
        return {};
    }
}

Qt::ItemFlags InstanceFolderTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // Folders take drops; dragging starts from the list.
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled;
}

void InstanceFolderTreeModel::syncChildren(const QString &folder)
{
    Node *node = find(folder);
    if (!node || !m_cache)
        return;
    QStringList wanted;
    const QList<Lxd::FileEntry> entries = m_cache->entries(folder);
    for (const Lxd::FileEntry &entry : entries) {
        if (entry.isDirectory())
            wanted.append(entry.name);
    }
    std::sort(wanted.begin(), wanted.end());
    const QModelIndex parentIndex = indexOf(node);
    // Gone first (from the end), then new ones at their place: both lists are sorted by name.
    for (int i = static_cast<int>(node->children.size()) - 1; i >= 0; --i) {
        if (!std::binary_search(wanted.cbegin(), wanted.cend(),
                                node->children[static_cast<size_t>(i)]->name)) {
            beginRemoveRows(parentIndex, i, i);
            node->children.erase(node->children.begin() + i);
            endRemoveRows();
        }
    }
    size_t row = 0;
    for (const QString &name : std::as_const(wanted)) {
        if (row < node->children.size() && node->children[row]->name == name) {
            ++row;
            continue;
        }
        auto child = std::make_unique<Node>();
        child->name = name;
        child->path = InstanceFolderCache::join(node->path, name);
        child->parent = node;
        beginInsertRows(parentIndex, static_cast<int>(row), static_cast<int>(row));
        node->children.insert(node->children.begin() + static_cast<std::ptrdiff_t>(row), std::move(child));
        endInsertRows();
        ++row;
    }
    if (parentIndex.isValid())
        Q_EMIT dataChanged(parentIndex, parentIndex);
}

QStringList InstanceFolderTreeModel::mimeTypes() const
{
    return {QStringLiteral("text/uri-list"), InstanceFolderCache::MimeType};
}

} // namespace Models
