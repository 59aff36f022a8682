#pragma once

#include "ApiJob.h"

namespace Lxd {

// A request that makes a token (trust token, cluster join token). LXD answers 202 with a "token"
// operation that stays pending until the token is used or revoked, so this job ends with the reply,
// not with the operation. T is CertificateAddToken or ClusterMemberJoinToken. No Q_OBJECT: connect to
// Job::finished and static_cast back, as with ResourceJobs.h.
template<class T>
class TokenJob final : public ApiJob
{
public:
    using ApiJob::ApiJob;

    T token() const { return T::fromOperation(metadata().toObject()); }
    // The operation holding the token: OperationManager::cancel() (DELETE) revokes it.
    QString operationId() const { return response().operationId(); }
};

} // namespace Lxd
