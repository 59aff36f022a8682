#pragma once

#include "EventRecord.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace Models {

class EventLog;

// The event log as a table, oldest first: a row per record of the ring. It only reads the log's
// memory; appends and the dropping of the oldest rows arrive as whole batches.
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Remote, Member, Project, Type, Action, Object, Requestor, Summary, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        KindRole = Qt::UserRole + 1, // EventRecord::Kind as int
        SeverityRole, // EventRecord::Severity as int
        TypeRole, // "lifecycle", "operation", "logging", "stream"
        RemoteRole,
        ProjectRole,
        ActionRole, // action, log level or operation status
        TimeRole, // ms since the epoch, the daemon's clock
        ReceivedRole, // ms since the epoch, when Berth got it
        TargetCollectionRole, // "instances", "images", "operations"…: what a double-click selects
        TargetKeyRole,
        JsonRole, // QByteArray: the event, compact, as received
        PrettyJsonRole, // QString: the event, indented (stream notes: their text)
    };

    explicit EventLogModel(EventLog *log, QObject *parent = nullptr);

    EventLog *log() const;
    // The record behind `row`; the log's own memory, valid until the log changes.
    const EventRecord &record(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "14:03:27.512", local time.
    static QString timeText(qint64 msSinceEpoch);

private:
    QString displayText(const EventRecord &record, int column) const;

    QPointer<EventLog> m_log;
};

} // namespace Models
