#pragma once

#include "Client.h"
#include "Profile.h"
#include "ResourceJobs.h"

namespace Lxd {

// Profiles of one client's project (pylxd's `client.profiles`). Every call starts a job and returns it;
// all of LXD's profile endpoints answer synchronously.
class ProfileManager
{
public:
    explicit ProfileManager(Client client);

    // One request for all of them (recursion=1): Full objects.
    ListJob<Profile> *all() const;
    ObjectJob<Profile> *get(const QString &name) const;
    ExistsJob *exists(const QString &name) const;

    // POST /1.0/profiles with a ProfilesPost body (see Profile::post()).
    ApiJob *create(const QJsonObject &profilesPost) const;
    ApiJob *create(const QString &name, const QMap<QString, QString> &config = {},
                   const QMap<QString, QMap<QString, QString>> &devices = {},
                   const QString &description = {}) const;
    // PUT of writable() with If-Match: a change made elsewhere since `profile` was fetched is a
    // conflict (Error::isConflict()), never silently overwritten.
    ApiJob *save(const Profile &profile) const;
    // PATCH of just `changes` (guarded by the ETag when one is given).
    ApiJob *patch(const QString &name, const QJsonObject &changes, const QByteArray &etag = {}) const;
    ApiJob *rename(const QString &name, const QString &newName) const;
    ApiJob *remove(const QString &name) const;

    const Client &client() const { return m_client; }
    static QString path(const QString &name);

private:
    Client m_client;
};

} // namespace Lxd
