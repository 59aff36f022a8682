#include "RemoteConfigStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

namespace Secrets {

namespace {

constexpr int formatVersion = 1;

Lxd::Error parseError(const QString &path, const QString &why)
{
    return Lxd::Error(Lxd::Error::Kind::Parse, QStringLiteral("%1: %2").arg(path, why));
}

} // namespace

qsizetype RemoteConfigStore::Contents::indexOf(const QString &name) const
{
    for (qsizetype i = 0; i < remotes.size(); ++i) {
        if (remotes.at(i).name == name)
            return i;
    }
    return -1;
}

QString RemoteConfigStore::Contents::validate() const
{
    QSet<QString> names;
    for (const RemoteConfig &remote : remotes) {
        const QString why = remote.validate();
        if (!why.isEmpty())
            return why;
        if (names.contains(remote.name))
            return QStringLiteral("there are two remotes named “%1”").arg(remote.name);
        names.insert(remote.name);
    }
    if (!defaultRemote.isEmpty() && !names.contains(defaultRemote))
        return QStringLiteral("the default remote “%1” is not in the list").arg(defaultRemote);
    return {};
}

RemoteConfigStore::RemoteConfigStore(const QString &configDirectory)
    : m_directory(configDirectory)
    , m_filePath(QDir(configDirectory).filePath(QStringLiteral("remotes.json")))
{ }

Lxd::Error RemoteConfigStore::load(Contents *contents) const
{
    *contents = {};
    QFile file(m_filePath);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return Lxd::Error(Lxd::Error::Kind::Io,
                          QStringLiteral("cannot read %1: %2").arg(m_filePath, file.errorString()));
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &jsonError);
    if (jsonError.error != QJsonParseError::NoError)
        return parseError(
            m_filePath,
            QStringLiteral("not JSON at offset %1: %2").arg(jsonError.offset).arg(jsonError.errorString()));
    if (!document.isObject())
        return parseError(m_filePath, QStringLiteral("not a remote list"));
    const QJsonObject root = document.object();
    const int version = root.value(QLatin1String("version")).toInt(0);
    if (version < 1)
        return parseError(m_filePath, QStringLiteral("not a remote list (no version)"));
    if (version > formatVersion)
        return parseError(m_filePath,
                          QStringLiteral("written by a newer Berth (format %1; this one reads %2)")
                              .arg(version)
                              .arg(formatVersion));
    Contents loaded;
    const QJsonArray remotes = root.value(QLatin1String("remotes")).toArray();
    for (const QJsonValue &value : remotes) {
        QString why;
        const RemoteConfig remote = RemoteConfig::fromJson(value.toObject(), &why);
        if (!why.isEmpty())
            return parseError(m_filePath, why);
        loaded.remotes.append(remote);
    }
    loaded.defaultRemote = root.value(QLatin1String("default-remote")).toString();
    const QString why = loaded.validate();
    if (!why.isEmpty())
        return parseError(m_filePath, why);
    *contents = loaded;
    return {};
}

Lxd::Error RemoteConfigStore::save(const Contents &contents) const
{
    const QString why = contents.validate();
    if (!why.isEmpty())
        return Lxd::Error(Lxd::Error::Kind::Io, QStringLiteral("not saving the remotes: %1").arg(why));
    if (const Lxd::Error error = ConfigDirectory::ensurePrivate(m_directory))
        return error;
    QJsonArray remotes;
    for (const RemoteConfig &remote : contents.remotes)
        remotes.append(remote.toJson());
    QJsonObject root;
    root.insert(QLatin1String("version"), formatVersion);
    if (!contents.defaultRemote.isEmpty())
        root.insert(QLatin1String("default-remote"), contents.defaultRemote);
    root.insert(QLatin1String("remotes"), remotes);
    const QByteArray data = QJsonDocument(root).toJson(QJsonDocument::Indented);

    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return Lxd::Error(Lxd::Error::Kind::Io,
                          QStringLiteral("cannot write %1: %2").arg(m_filePath, file.errorString()));
    return {};
}

} // namespace Secrets
