#include "OperationCache.h"

#include <QJsonArray>

namespace Models {

OperationCache::OperationCache(Lxd::Client client, QObject *parent)
    : ResourceStore(std::move(client), true, false, parent)
{ }

OperationCache::~OperationCache() = default;

bool OperationCache::isFinished(const QJsonObject &operation)
{
    const QString status = operation.value(QLatin1String("status")).toString();
    return status == QLatin1String("Success") || status == QLatin1String("Failure")
        || status == QLatin1String("Cancelled");
}

QString OperationCache::listPath() const
{
    return QStringLiteral("/operations?recursion=1");
}

QList<QJsonObject> OperationCache::objectsOfListing(const QJsonValue &metadata) const
{
    // {"running": [...], "success": [...], ...}: grouped by status, oldest first within a group.
    QList<QJsonObject> objects;
    const QJsonObject groups = metadata.toObject();
    for (auto group = groups.begin(); group != groups.end(); ++group) {
        const QJsonArray operations = group.value().toArray();
        for (const QJsonValue &value : operations) {
            const QJsonObject operation = value.toObject();
            if (!m_expired.contains({projectOf(operation), keyOf(operation)}))
                objects.append(operation);
        }
    }
    std::stable_sort(objects.begin(), objects.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(QLatin1String("created_at")).toString()
            < b.value(QLatin1String("created_at")).toString();
    });
    return objects;
}

QString OperationCache::keyOf(const QJsonObject &object) const
{
    return object.value(QLatin1String("id")).toString();
}

void OperationCache::applyEvent(const Lxd::Event &event)
{
    if (!event.isOperation())
        return;
    const QString project = projectOf(event);
    if (!follows(project))
        return;
    const QJsonObject operation = event.metadata;
    const QString id = keyOf(operation);
    if (id.isEmpty())
        return;
    const Id key {project, id};
    int row = indexOf(project, id);
    if (row < 0) {
        if (m_expired.contains(key))
            return;
        row = appendEntry(Entry {project, id, operation, {}, false, {}});
    } else if (at(row).object != operation) {
        entryAt(row).object = operation;
        announceChanged(row);
    }
    if (isFinished(operation))
        expireLater(key);
}

void OperationCache::listingApplied()
{
    for (int row = 0; row < count(); ++row) {
        if (isFinished(at(row).object))
            expireLater({at(row).project, at(row).key});
    }
}

void OperationCache::expireLater(const Id &id)
{
    if (m_retentionMs < 0 || m_expiring.contains(id))
        return;
    m_expiring.insert(id);
    QTimer::singleShot(m_retentionMs, this, [this, id] {
        m_expiring.remove(id);
        const int row = indexOf(id.first, id.second);
        if (row < 0 || !isFinished(at(row).object))
            return;
        removeEntry(row);
        // The daemon may still list it for a moment; forget it once it surely does not.
        m_expired.insert(id);
        QTimer::singleShot(qMax(m_retentionMs, 10000) * 2, this, [this, id] { m_expired.remove(id); });
    });
}

} // namespace Models
