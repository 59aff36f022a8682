#include "EventFilterProxyModel.h"

#include "EventLogModel.h"

namespace Models {

EventFilterProxyModel::EventFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // The log only grows at the end and shrinks at the front: keep its order, never sort.
    setDynamicSortFilter(true);
}

void EventFilterProxyModel::setSourceModel(QAbstractItemModel *model)
{
    m_events = qobject_cast<EventLogModel *>(model);
    Q_ASSERT(m_events || !model);
    QSortFilterProxyModel::setSourceModel(m_events);
}

void EventFilterProxyModel::setTypes(const QStringList &types)
{
    if (types == m_types)
        return;
    m_types = types;
    invalidateFilter();
}

void EventFilterProxyModel::setRemote(const QString &remote)
{
    if (remote == m_remote)
        return;
    m_remote = remote;
    invalidateFilter();
}

void EventFilterProxyModel::setProject(const QString &project)
{
    if (project == m_project)
        return;
    m_project = project;
    invalidateFilter();
}

void EventFilterProxyModel::setMinimumLevel(EventRecord::Severity level)
{
    if (level == m_minimumLevel)
        return;
    m_minimumLevel = level;
    invalidateFilter();
}

bool EventFilterProxyModel::setText(const QString &text, bool regularExpression, QString *error)
{
    if (text == m_text && regularExpression == m_regularExpression)
        return true;
    if (regularExpression) {
        QRegularExpression pattern(text, QRegularExpression::CaseInsensitiveOption);
        if (!pattern.isValid()) {
            if (error) {
                *error = tr("Not a valid regular expression: %1 (at character %2)")
                             .arg(pattern.errorString())
                             .arg(pattern.patternErrorOffset());
            }
            return false;
        }
        pattern.optimize();
        m_pattern = pattern;
    } else {
        m_pattern = QRegularExpression();
    }
    m_text = text;
    m_regularExpression = regularExpression;
    invalidateFilter();
    return true;
}

bool EventFilterProxyModel::matchesText(const QString &value) const
{
    if (value.isEmpty())
        return false;
    if (m_regularExpression)
        return m_pattern.match(value).hasMatch();
    return value.contains(m_text, Qt::CaseInsensitive);
}

bool EventFilterProxyModel::accepts(const EventRecord &record) const
{
    if (!m_remote.isEmpty() && record.remote != m_remote)
        return false;
    if (!record.isEvent())
        return true;
    if (!m_types.isEmpty() && !m_types.contains(record.type))
        return false;
    if (!m_project.isEmpty() && record.project != m_project)
        return false;
    if (record.type == QLatin1String("logging") && record.severity < m_minimumLevel)
        return false;
    if (m_text.isEmpty())
        return true;
    return matchesText(record.summary) || matchesText(record.object) || matchesText(record.actionOrLevel)
        || matchesText(record.remote) || matchesText(record.project) || matchesText(record.location)
        || matchesText(record.type) || matchesText(record.requestor);
}

bool EventFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_events || sourceParent.isValid())
        return false;
    return accepts(m_events->record(sourceRow));
}

} // namespace Models
