#pragma once

#include "lxd/Client.h"

#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace Models {
class Remote;
}

// One LXD object whose configuration can be edited (an instance, a profile, a network, a storage pool or
// volume, a project), and what the editor needs to know about its kind: where it lives in the API,
// which fields a PUT takes (in the order `lxc config edit` shows them) and which keys deserve a field
// of their own in the form.
class ConfigObject final
{
public:
    enum class Kind { Instance, Profile, Network, StoragePool, StorageVolume, Project };

    // A field of the form: a top-level field ("description", "profiles") or a config key ("limits.cpu").
    struct Field
    {
        enum class Type {
            Text, // any string
            Boolean, // "true", "false", or not set
            List, // a list of strings, edited comma-separated
        };
        QString key;
        bool topLevel = false;
        Type type = Type::Text;
        QString label;
        QString placeholder; // an example of a valid value
        QString toolTip;
    };

    ConfigObject() = default;
    ConfigObject(Kind kind, Models::Remote *remote, const QString &project, const QString &name);
    static ConfigObject instance(Models::Remote *remote, const QString &project, const QString &name);
    static ConfigObject profile(Models::Remote *remote, const QString &project, const QString &name);
    static ConfigObject network(Models::Remote *remote, const QString &project, const QString &name);
    static ConfigObject storagePool(Models::Remote *remote, const QString &name);
    // A volume of `pool`; `type` is "custom" for the user's own volumes.
    static ConfigObject storageVolume(Models::Remote *remote, const QString &project, const QString &pool,
                                      const QString &name, const QString &type = QStringLiteral("custom"));
    static ConfigObject project(Models::Remote *remote, const QString &name);

    Kind kind() const { return m_kind; }
    Models::Remote *remote() const;
    QString projectName() const { return m_project; }
    QString name() const { return m_name; }
    QString pool() const { return m_pool; }
    QString volumeType() const { return m_volumeType; }
    bool isValid() const;

    // The client for its requests, in its project where the kind lives in one.
    Lxd::Client client() const;
    // Its path below /1.0: "/instances/c1".
    QString apiPath() const;
    // GET of the object through its kind's manager: the result is the job's metadata, with its ETag.
    Lxd::ApiJob *fetch() const;
    // PUT of a whole writable object guarded by `etag`: a change made elsewhere since is a conflict
    // (Error::isConflict()). Instances answer with an operation, the others at once.
    Lxd::Job *put(const QJsonObject &writable, const QByteArray &etag) const;
    // "instance “c1”", for messages.
    QString displayName() const;
    // "Instance", "Storage Volume".
    QString kindTitle() const;
    // Identifies the object across editors: remote, project, kind, pool, name.
    QString identity() const;

    // The fields a PUT of this kind takes, in `lxc config edit`'s order.
    QStringList writableKeys() const;
    // The writable part of an object as GET returns it.
    QJsonObject writablePart(const QJsonObject &object) const;
    QList<Field> commonFields() const;

private:
    Kind m_kind = Kind::Instance;
    QPointer<Models::Remote> m_remote;
    QString m_project;
    QString m_name;
    QString m_pool;
    QString m_volumeType;
};
