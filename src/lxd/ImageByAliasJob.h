#pragma once

#include "Client.h"
#include "Image.h"
#include "ImageAlias.h"
#include "Job.h"

#include <QPointer>

namespace Lxd {

// An image found by its alias (pylxd's `images.get_by_alias`): GET /1.0/images/aliases/<name>, then
// GET of the image it targets. A missing alias is Error::isNotFound().
//
// The job keeps its client's connection alive until it finishes.
class ImageByAliasJob final : public Job
{
    Q_OBJECT

public:
    ImageByAliasJob(Client client, QString alias, QObject *parent = nullptr);
    ~ImageByAliasJob() override;

    void start();

    // A Full image with its ETag (ready to edit and save), and the alias with its own ETag.
    Image image() const { return m_image; }
    ImageAlias alias() const { return m_alias; }

protected:
    void stopWork() override;

private:
    void onAlias(Job *job);
    void onImage(Job *job);

    Client m_client;
    QString m_name;
    QPointer<ApiJob> m_current;
    Image m_image;
    ImageAlias m_alias;
};

} // namespace Lxd
