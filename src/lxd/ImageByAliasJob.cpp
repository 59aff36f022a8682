#include "ImageByAliasJob.h"

#include <QJsonObject>

namespace Lxd {

ImageByAliasJob::ImageByAliasJob(Client client, QString alias, QObject *parent)
    : Job(parent)
    , m_client(std::move(client))
    , m_name(std::move(alias))
{ }

ImageByAliasJob::~ImageByAliasJob()
{
    stopWork();
}

void ImageByAliasJob::start()
{
    if (!m_client.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    m_current = m_client.api(QByteArrayLiteral("GET"),
                             QStringLiteral("/images/aliases/") + Client::pathSegment(m_name));
    connect(m_current, &Job::finished, this, &ImageByAliasJob::onAlias);
}

void ImageByAliasJob::onAlias(Job *job)
{
    m_current = nullptr;
    if (job->error()) {
        finishWith(job->error());
        return;
    }
    auto *request = static_cast<ApiJob *>(job);
    m_alias = ImageAlias(request->metadata().toObject(), request->etag());
    if (m_alias.target().isEmpty()) {
        finishWith(Error::parse(QStringLiteral("the alias \"%1\" has no target").arg(m_name)));
        return;
    }
    m_current = m_client.api(QByteArrayLiteral("GET"),
                             QStringLiteral("/images/") + Client::pathSegment(m_alias.target()));
    connect(m_current, &Job::finished, this, &ImageByAliasJob::onImage);
}

void ImageByAliasJob::onImage(Job *job)
{
    m_current = nullptr;
    if (job->error()) {
        finishWith(job->error());
        return;
    }
    auto *request = static_cast<ApiJob *>(job);
    m_image = Image(request->metadata().toObject(), request->etag());
    finishWith();
}

void ImageByAliasJob::stopWork()
{
    if (m_current) {
        ApiJob *current = m_current;
        m_current = nullptr;
        current->disconnect(this);
        current->abandon();
    }
}

} // namespace Lxd
