#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWizard>

class CreateInstanceCloudInitPage;
class CreateInstanceImagePage;
class CreateInstanceLimitsPage;
class CreateInstanceNamePage;
class CreateInstancePage;
class CreateInstancePlacementPage;
class CreateInstanceReviewPage;

namespace Lxd {
class Client;
class Job;
} // namespace Lxd

namespace Models {
class Remote;
class RemoteRegistry;
} // namespace Models

// The create wizard: name and type, image (this server's or another remote's), profiles, cluster
// member, storage and network, limits, other config keys and devices, cloud-init, then the whole
// request as YAML, editable. Create copies the image over when it lives elsewhere, creates the instance
// (with the daemon's progress) and starts it if asked. When the daemon refuses, the wizard goes back to
// the page that caused it and says why there.
class CreateInstanceWizard final : public QWizard
{
    Q_OBJECT

public:
    enum PageId { NamePage, ImagePage, PlacementPage, LimitsPage, CloudInitPage, ReviewPage };
    Q_ENUM(PageId)

    CreateInstanceWizard(Models::RemoteRegistry *registry, Models::Remote *remote, const QString &project,
                         QWidget *parent = nullptr);
    ~CreateInstanceWizard() override;

    // The request the pages make (before any edit of its YAML).
    QJsonObject buildRequest() const;
    bool isCreating() const { return m_creating; }
    // The instance made, once it exists.
    QString createdName() const { return m_createdName; }

    CreateInstanceNamePage *namePage() const { return m_namePage; }
    CreateInstanceImagePage *imagePage() const { return m_imagePage; }
    CreateInstancePlacementPage *placementPage() const { return m_placementPage; }
    CreateInstanceLimitsPage *limitsPage() const { return m_limitsPage; }
    CreateInstanceCloudInitPage *cloudInitPage() const { return m_cloudInitPage; }
    CreateInstanceReviewPage *reviewPage() const { return m_reviewPage; }
    CreateInstancePage *pageWithId(int id) const;

    bool validateCurrentPage() override;

Q_SIGNALS:
    void statusMessage(const QString &text);
    void instanceCreated(const QString &name);

protected:
    void initializePage(int id) override;

private:
    void create();
    void copyImage(Models::Remote *source, const QString &fingerprint, const QJsonObject &body, bool relay);
    void createInstance(const QJsonObject &body);
    void startInstance(const QString &name);
    void finish(const QString &name);
    void fail(int pageId, const QString &text);
    int pageForError(const QString &serverMessage, const QJsonObject &body) const;
    void setCreating(bool creating);
    QString summary() const;
    Lxd::Client targetClient() const;

    QPointer<Models::RemoteRegistry> m_registry;
    QPointer<Models::Remote> m_remote;
    QString m_project;
    CreateInstanceNamePage *m_namePage;
    CreateInstanceImagePage *m_imagePage;
    CreateInstancePlacementPage *m_placementPage;
    CreateInstanceLimitsPage *m_limitsPage;
    CreateInstanceCloudInitPage *m_cloudInitPage;
    CreateInstanceReviewPage *m_reviewPage;
    QPointer<Lxd::Job> m_job;
    bool m_creating = false;
    bool m_sentEditedYaml = false;
    bool m_done = false;
    QString m_createdName;
};
