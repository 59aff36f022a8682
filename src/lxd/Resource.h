#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace Lxd {

// The lifecycle every LXD object shares (pylxd's model lifecycle, made explicit): the server's version
// with its ETag, local edits on top, dirty while they differ, rollback() to drop them; save() (on the
// manager) sends writable() with If-Match so that a change made elsewhere meanwhile is a conflict.
//
// Summary objects come from plain listings (a URL and so a name only); Full ones from a GET or a
// listing with recursion. A typed subclass (Instance, Profile, …) adds accessors with LXD's names.
class Resource
{
public:
    enum class Detail { Summary, Full };

    Resource() = default;
    Resource(QJsonObject server, QByteArray etag, Detail detail = Detail::Full);

    Detail detail() const { return m_detail; }
    bool isFull() const { return m_detail == Detail::Full; }
    bool isNull() const { return m_server.isEmpty() && m_current.isEmpty(); }

    // The object as it stands here: the server's version with local edits applied.
    QJsonObject json() const { return m_current; }
    // The object as the server last sent it.
    QJsonObject serverJson() const { return m_server; }
    QByteArray etag() const { return m_etag; }

    bool isDirty() const { return m_current != m_server; }
    // Drops local edits: back to the server's version.
    void rollback() { m_current = m_server; }
    // Takes a newer version from the server; local edits are dropped.
    void reset(QJsonObject server, QByteArray etag, Detail detail = Detail::Full);

    // Keys of the current version that differ from the server's (for an editor's "modified" marks).
    QStringList changedKeys() const;

    // A summary object from a URL in a plain listing: "/1.0/instances/c1?project=p" -> name "c1".
    static QString nameFromUrl(const QString &url);

protected:
    QJsonValue value(const QString &key) const { return m_current.value(key); }
    QString string(const QString &key) const { return m_current.value(key).toString(); }
    bool boolean(const QString &key) const { return m_current.value(key).toBool(); }
    QJsonObject object(const QString &key) const { return m_current.value(key).toObject(); }
    QStringList strings(const QString &key) const;
    // A map of strings such as `config`: LXD keeps every value as a string.
    QMap<QString, QString> stringMap(const QString &key) const;
    // A map of maps such as `devices`.
    QMap<QString, QMap<QString, QString>> stringMapMap(const QString &key) const;
    QDateTime time(const QString &key) const;

    void setValue(const QString &key, const QJsonValue &value);
    void setStrings(const QString &key, const QStringList &values);
    void setStringMap(const QString &key, const QMap<QString, QString> &map);
    void setStringMapMap(const QString &key, const QMap<QString, QMap<QString, QString>> &map);
    // The given keys of the current version: what a PUT of this kind accepts.
    QJsonObject pick(const QStringList &keys) const;

private:
    QJsonObject m_server;
    QJsonObject m_current;
    QByteArray m_etag;
    Detail m_detail = Detail::Summary;
};

} // namespace Lxd
