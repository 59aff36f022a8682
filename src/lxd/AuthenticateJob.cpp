#include "AuthenticateJob.h"

#include "ApiJob.h"
#include "Connection.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Lxd {

AuthenticateJob::AuthenticateJob(Connection *connection, Secret kind, QString secret, QObject *parent)
    : Job(parent)
    , m_connection(connection)
    , m_kind(kind)
    , m_secret(std::move(secret))
{ }

AuthenticateJob::~AuthenticateJob()
{
    // The secret is not needed any longer than the job.
    m_secret.fill(QLatin1Char(' '));
}

void AuthenticateJob::start()
{
    if (!m_connection) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    runStep(m_connection->hasServerInfo() ? Step::AddCertificate : Step::ServerBefore);
}

void AuthenticateJob::runStep(Step step)
{
    HttpRequest request;
    request.target = QByteArrayLiteral("/1.0");
    if (step == Step::AddCertificate) {
        QJsonObject body {{QStringLiteral("type"), QStringLiteral("client")}};
        const bool explicitToken = m_connection->hasExtension(QStringLiteral("explicit_trust_token"));
        if (m_kind == Secret::TrustToken && explicitToken)
            body.insert(QStringLiteral("trust_token"), m_secret);
        else
            body.insert(QStringLiteral("password"), m_secret);
        request.method = QByteArrayLiteral("POST");
        request.target = QByteArrayLiteral("/1.0/certificates");
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        request.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    }
    m_current = new ApiJob(m_connection->transport(), request, ApiJob::ReplyBody::Envelope, this);
    connect(m_current, &Job::finished, this,
            [this, step](Job *job) { onStepFinished(step, static_cast<ApiJob *>(job)); });
    m_current->start();
}

void AuthenticateJob::onStepFinished(Step step, ApiJob *job)
{
    m_current = nullptr;
    if (!m_connection) {
        finishWith(Error::network(QStringLiteral("the connection was closed")));
        return;
    }
    switch (step) {
    case Step::ServerBefore:
        if (job->error()) {
            finishWith(job->error());
            return;
        }
        m_connection->setServer(job->metadata().toObject());
        if (m_connection->isTrusted()) {
            finishWith();
            return;
        }
        runStep(Step::AddCertificate);
        return;
    case Step::AddCertificate:
        // Already trusted (409) is fine; any other refusal is reported after checking trust again,
        // because the check is what counts.
        m_addError = job->error().httpStatus() == 409 ? Error() : job->error();
        runStep(Step::ServerAfter);
        return;
    case Step::ServerAfter:
        if (job->error()) {
            finishWith(job->error());
            return;
        }
        m_connection->setServer(job->metadata().toObject());
        if (m_connection->isTrusted())
            finishWith();
        else if (m_addError)
            finishWith(m_addError);
        else
            finishWith(Error::api(
                403, 403, QStringLiteral("the server does not trust this client after authentication")));
        return;
    }
}

void AuthenticateJob::stopWork()
{
    if (m_current)
        m_current->abandon();
}

} // namespace Lxd
