#include "Resource.h"

#include <QJsonArray>
#include <QUrl>

namespace Lxd {

Resource::Resource(QJsonObject server, QByteArray etag, Detail detail)
    : m_server(std::move(server))
    , m_current(m_server)
    , m_etag(std::move(etag))
    , m_detail(detail)
{ }

void Resource::reset(QJsonObject server, QByteArray etag, Detail detail)
{
    m_server = std::move(server);
    m_current = m_server;
    m_etag = std::move(etag);
    m_detail = detail;
}

QStringList Resource::changedKeys() const
{
    QStringList keys;
    for (auto it = m_current.begin(); it != m_current.end(); ++it) {
        if (m_server.value(it.key()) != it.value())
            keys.append(it.key());
    }
    for (auto it = m_server.begin(); it != m_server.end(); ++it) {
        if (!m_current.contains(it.key()))
            keys.append(it.key());
    }
    return keys;
}

QString Resource::nameFromUrl(const QString &url)
{
    QString path = url.section(QLatin1Char('?'), 0, 0);
    return QUrl::fromPercentEncoding(path.section(QLatin1Char('/'), -1).toUtf8());
}

QStringList Resource::strings(const QString &key) const
{
    QStringList result;
    const QJsonArray array = m_current.value(key).toArray();
    result.reserve(array.size());
    for (const QJsonValue &item : array)
        result.append(item.toString());
    return result;
}

QMap<QString, QString> Resource::stringMap(const QString &key) const
{
    QMap<QString, QString> result;
    const QJsonObject map = m_current.value(key).toObject();
    for (auto it = map.begin(); it != map.end(); ++it)
        result.insert(it.key(), it.value().toString());
    return result;
}

QMap<QString, QMap<QString, QString>> Resource::stringMapMap(const QString &key) const
{
    QMap<QString, QMap<QString, QString>> result;
    const QJsonObject outer = m_current.value(key).toObject();
    for (auto it = outer.begin(); it != outer.end(); ++it) {
        QMap<QString, QString> inner;
        const QJsonObject values = it.value().toObject();
        for (auto field = values.begin(); field != values.end(); ++field)
            inner.insert(field.key(), field.value().toString());
        result.insert(it.key(), inner);
    }
    return result;
}

QDateTime Resource::time(const QString &key) const
{
    return QDateTime::fromString(m_current.value(key).toString(), Qt::ISODateWithMs);
}

void Resource::setValue(const QString &key, const QJsonValue &value)
{
    m_current.insert(key, value);
}

void Resource::setStrings(const QString &key, const QStringList &values)
{
    m_current.insert(key, QJsonArray::fromStringList(values));
}

void Resource::setStringMap(const QString &key, const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), it.value());
    m_current.insert(key, object);
}

void Resource::setStringMapMap(const QString &key, const QMap<QString, QMap<QString, QString>> &map)
{
    QJsonObject outer;
    for (auto it = map.begin(); it != map.end(); ++it) {
        QJsonObject inner;
        for (auto field = it.value().begin(); field != it.value().end(); ++field)
            inner.insert(field.key(), field.value());
        outer.insert(it.key(), inner);
    }
    m_current.insert(key, outer);
}

QJsonObject Resource::pick(const QStringList &keys) const
{
    QJsonObject result;
    for (const QString &key : keys) {
        if (m_current.contains(key))
            result.insert(key, m_current.value(key));
    }
    return result;
}

} // namespace Lxd
