#include "EventLogModel.h"

#include "EventLog.h"

#include <QDateTime>
#include <QJsonDocument>

namespace Models {

EventLogModel::EventLogModel(EventLog *log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
{
    connect(log, &EventLog::recordsAboutToBeAppended, this,
            [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(log, &EventLog::recordsAppended, this, &EventLogModel::endInsertRows);
    connect(log, &EventLog::oldestAboutToBeRemoved, this,
            [this](int count) { beginRemoveRows({}, 0, count - 1); });
    connect(log, &EventLog::oldestRemoved, this, &EventLogModel::endRemoveRows);
    connect(log, &EventLog::aboutToBeCleared, this, &EventLogModel::beginResetModel);
    connect(log, &EventLog::cleared, this, &EventLogModel::endResetModel);
}

EventLog *EventLogModel::log() const
{
    return m_log;
}

const EventRecord &EventLogModel::record(int row) const
{
    return m_log->at(row);
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_log ? 0 : m_log->size();
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventLogModel::timeText(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch).toString(QStringLiteral("HH:mm:ss.zzz"));
}

QString EventLogModel::displayText(const EventRecord &record, int column) const
{
    switch (Column(column)) {
    case Time:
        return timeText(record.timeMs);
    case Remote:
        return record.remote;
    case Member:
        return record.location;
    case Project:
        return record.project;
    case Type:
        return record.type;
    case Action:
        return record.actionOrLevel;
    case Object:
        return record.object;
    case Requestor:
        return record.requestor;
    case Summary:
        return record.summary;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.parent().isValid() || !m_log || index.row() >= m_log->size())
        return {};
    const EventRecord &record = m_log->at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(record, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Time) {
            const QDateTime time = QDateTime::fromMSecsSinceEpoch(record.timeMs);
            return tr("%1\nreceived %2 ms later")
                .arg(time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t")))
                .arg(record.receivedMs - record.timeMs);
        }
        if (index.column() == Summary || index.column() == Object)
            return displayText(record, index.column());
        return {};
    case KindRole:
        return int(record.kind);
    case SeverityRole:
        return int(record.severity);
    case TypeRole:
        return record.type;
    case RemoteRole:
        return record.remote;
    case ProjectRole:
        return record.project;
    case ActionRole:
        return record.actionOrLevel;
    case TimeRole:
        return record.timeMs;
    case ReceivedRole:
        return record.receivedMs;
    case TargetCollectionRole:
        return record.targetCollection;
    case TargetKeyRole:
        return record.targetKey;
    case JsonRole:
        return record.json;
    case PrettyJsonRole:
        if (!record.isEvent())
            return record.summary;
        return QString::fromUtf8(QJsonDocument::fromJson(record.json).toJson(QJsonDocument::Indented));
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Time:
        return tr("Time");
    case Remote:
        return tr("Remote");
    case Member:
        return tr("Member");
    case Project:
        return tr("Project");
    case Type:
        return tr("Type");
    case Action:
        return tr("Action / Level");
    case Object:
        return tr("Object");
    case Requestor:
        return tr("Requestor");
    case Summary:
        return tr("Summary");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Models
