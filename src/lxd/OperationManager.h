#pragma once

#include "Client.h"
#include "Operation.h"
#include "OperationListJob.h"
#include "ResourceJobs.h"

namespace Lxd {

// Background operations of one client's project (pylxd's `client.operations`). OperationJob already
// follows the operations Berth starts; this is for the others (other clients', tokens, a UI's list).
class OperationManager
{
public:
    explicit OperationManager(Client client);

    // Every operation the daemon still remembers, one request; filter with objects(status).
    OperationListJob *all() const;
    ObjectJob<Operation> *get(const QString &id) const;
    ExistsJob *exists(const QString &id) const;
    // GET /1.0/operations/<id>/wait: the daemon answers when the operation ends or after
    // `timeoutSeconds` (-1: no limit), with the operation as it then is. Never blocks the caller.
    ObjectJob<Operation> *wait(const QString &id, int timeoutSeconds = -1) const;
    // DELETE /1.0/operations/<id>: cancels a running operation, or revokes a token. The daemon refuses
    // operations that cannot be cancelled (Operation::mayCancel()).
    ApiJob *cancel(const QString &id) const;

    const Client &client() const { return m_client; }
    static QString path(const QString &id);

private:
    Client m_client;
};

} // namespace Lxd
