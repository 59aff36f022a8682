#pragma once

#include "ApiJob.h"
#include "CertificateAddToken.h"
#include "Operation.h"

namespace Lxd {

// GET /1.0/operations?recursion=1: LXD groups the operations by status ({"running": […], "success": […]}).
// No Q_OBJECT: connect to Job::finished and static_cast back, as with ResourceJobs.h.
class OperationListJob final : public ApiJob
{
public:
    using ApiJob::ApiJob;

    // Every operation, or those whose status is `status` ("Running", "Success", "Failure", "Cancelled", …;
    // case-insensitive).
    QList<Operation> objects(const QString &status = {}) const;
    // The pending trust tokens among them (what `lxc config trust list-tokens` shows).
    QList<CertificateAddToken> certificateTokens() const;
};

} // namespace Lxd
