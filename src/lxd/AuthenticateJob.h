#pragma once

#include "Job.h"

#include <QPointer>

namespace Lxd {

class ApiJob;
class Connection;

// Makes the server trust this client's TLS certificate: fetches the server's description if needed,
// posts the certificate with the secret the user gave, and checks that the server now says "trusted".
// A trust token goes in `trust_token` where the server has the explicit_trust_token extension, and in
// `password` on older LXD (which accepts the token there); a trust password always goes in `password`.
class AuthenticateJob final : public Job
{
    Q_OBJECT

public:
    enum class Secret { TrustToken, TrustPassword };

    AuthenticateJob(Connection *connection, Secret kind, QString secret, QObject *parent = nullptr);
    ~AuthenticateJob() override;

    void start();

protected:
    void stopWork() override;

private:
    enum class Step { ServerBefore, AddCertificate, ServerAfter };
    void runStep(Step step);
    void onStepFinished(Step step, ApiJob *job);

    QPointer<Connection> m_connection;
    Secret m_kind;
    QString m_secret;
    QPointer<ApiJob> m_current;
    Error m_addError;
};

} // namespace Lxd
