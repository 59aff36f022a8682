#pragma once

#include "EventRecord.h"

#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace Models {

class EventLogModel;

// Which events of the log the monitor shows: by type, remote, project, log level and free text
// (plain, or a regular expression), all at once. Notes about a stream that dropped or came back
// are shown whatever the type, project, level or text, unless their remote is filtered out: a gap
// matters to every view of the log. The order stays the log's (oldest first).
class EventFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit EventFilterProxyModel(QObject *parent = nullptr);

    // Must be an EventLogModel.
    void setSourceModel(QAbstractItemModel *model) override;

    // "lifecycle", "operation", "logging"; empty shows every type.
    void setTypes(const QStringList &types);
    QStringList types() const { return m_types; }
    // Empty shows every remote.
    void setRemote(const QString &remote);
    QString remote() const { return m_remote; }
    // Empty shows every project; otherwise events without a project (most log lines) are hidden too.
    void setProject(const QString &project);
    QString project() const { return m_project; }
    // Log lines below this level are hidden (other types have no level).
    void setMinimumLevel(EventRecord::Severity level);
    EventRecord::Severity minimumLevel() const { return m_minimumLevel; }

    // Shows the events whose remote, member, project, type, action, object, requestor or
    // summary contain `text` (case-insensitive), or match it as a regular expression. A pattern that
    // is not valid changes nothing and returns false, with the reason in `error`.
    bool setText(const QString &text, bool regularExpression = false, QString *error = nullptr);
    QString text() const { return m_text; }
    bool isRegularExpression() const { return m_regularExpression; }

    // Whether `record` passes every filter.
    bool accepts(const EventRecord &record) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool matchesText(const QString &value) const;

    EventLogModel *m_events = nullptr;
    QStringList m_types;
    QString m_remote;
    QString m_project;
    EventRecord::Severity m_minimumLevel = EventRecord::Severity::Debug;
    QString m_text;
    bool m_regularExpression = false;
    QRegularExpression m_pattern;
};

} // namespace Models
