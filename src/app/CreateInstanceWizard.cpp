#include "CreateInstanceWizard.h"

#include "CreateInstanceCloudInitPage.h"
#include "CreateInstanceImagePage.h"
#include "CreateInstanceLimitsPage.h"
#include "CreateInstanceNamePage.h"
#include "CreateInstancePlacementPage.h"
#include "CreateInstanceReviewPage.h"
#include "InstanceActions.h"
#include "KeyValueTable.h"
#include "lxd/ImageManager.h"
#include "lxd/InstanceManager.h"
#include "models/Remote.h"
#include "models/RemoteRegistry.h"

#include <QAbstractButton>
#include <QJsonArray>

CreateInstanceWizard::CreateInstanceWizard(Models::RemoteRegistry *registry, Models::Remote *remote,
                                           const QString &project, QWidget *parent)
    : QWizard(parent)
    , m_registry(registry)
    , m_remote(remote)
    , m_project(project)
    , m_namePage(new CreateInstanceNamePage(this))
    , m_imagePage(new CreateInstanceImagePage(registry, remote, project, this))
    , m_placementPage(new CreateInstancePlacementPage(remote, project, this))
    , m_limitsPage(new CreateInstanceLimitsPage(this))
    , m_cloudInitPage(new CreateInstanceCloudInitPage(this))
    , m_reviewPage(new CreateInstanceReviewPage(this))
{
    setObjectName(QStringLiteral("createInstanceWizard"));
    setWindowTitle(tr("New Instance on %1 — Berth").arg(remote ? remote->name() : QString()));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveHelpButton, false);
    setButtonText(QWizard::FinishButton, tr("&Create"));
    setPage(NamePage, m_namePage);
    setPage(ImagePage, m_imagePage);
    setPage(PlacementPage, m_placementPage);
    setPage(LimitsPage, m_limitsPage);
    setPage(CloudInitPage, m_cloudInitPage);
    setPage(ReviewPage, m_reviewPage);
    resize(760, 620);
}

CreateInstanceWizard::~CreateInstanceWizard()
{
    // An image copy through this machine stops with the wizard; the daemon finishes what it started.
    if (m_job)
        m_job->abandon();
}

CreateInstancePage *CreateInstanceWizard::pageWithId(int id) const
{
    return qobject_cast<CreateInstancePage *>(page(id));
}

Lxd::Client CreateInstanceWizard::targetClient() const
{
    Lxd::Client client = m_remote->client().useProject(m_project);
    const QString member = m_placementPage->member();
    return member.isEmpty() ? client : client.useTarget(member);
}

QJsonObject CreateInstanceWizard::buildRequest() const
{
    QJsonObject body;
    for (int id : {NamePage, ImagePage, PlacementPage, LimitsPage, CloudInitPage})
        pageWithId(id)->addTo(body);
    return body;
}

QString CreateInstanceWizard::summary() const
{
    QString text
        = tr("Creates the instance in project <b>%1</b> on <b>%2</b>")
              .arg(m_project.toHtmlEscaped(), m_remote ? m_remote->name().toHtmlEscaped() : QString());
    const QString member = m_placementPage->member();
    if (!member.isEmpty())
        text += tr(", on cluster member <b>%1</b>").arg(member.toHtmlEscaped());
    text += QLatin1Char('.');
    if (m_imagePage->needsCopy() && m_imagePage->imageRemote())
        text += QLatin1Char(' ')
            + tr("The image is first copied from <b>%1</b>.")
                  .arg(m_imagePage->imageRemote()->name().toHtmlEscaped());
    return text;
}

void CreateInstanceWizard::initializePage(int id)
{
    QWizard::initializePage(id);
    if (id == ReviewPage)
        m_reviewPage->setGenerated(buildRequest(), summary());
}

bool CreateInstanceWizard::validateCurrentPage()
{
    if (currentId() != ReviewPage)
        return QWizard::validateCurrentPage();
    if (m_done)
        return true;
    if (!m_createdName.isEmpty()) {
        // Created, but the start failed: Create now just closes.
        m_done = true;
        return true;
    }
    if (!m_creating)
        create();
    return false;
}

void CreateInstanceWizard::setCreating(bool creating)
{
    m_creating = creating;
    m_reviewPage->setBusy(creating);
    button(QWizard::BackButton)->setEnabled(!creating);
    button(QWizard::FinishButton)->setEnabled(!creating);
}

void CreateInstanceWizard::create()
{
    if (!m_remote) {
        m_reviewPage->showError(tr("The remote is gone."));
        return;
    }
    YamlConverter::Problem problem;
    const QJsonObject body = m_reviewPage->request(&problem);
    if (!problem.isNull()) {
        m_reviewPage->showYamlProblem(problem);
        m_reviewPage->showError(
            tr("Nothing was created: the request cannot be read. %1").arg(problem.text()));
        return;
    }
    for (int id : {NamePage, ImagePage, PlacementPage, LimitsPage, CloudInitPage, ReviewPage})
        pageWithId(id)->clearError();
    m_sentEditedYaml = m_reviewPage->isEdited();
    setCreating(true);

    // An image of another remote is copied here first, unless the request was edited to name another.
    const QJsonObject source = body.value(QLatin1String("source")).toObject();
    const QString fingerprint = m_imagePage->fingerprint();
    Models::Remote *imageRemote = m_imagePage->imageRemote();
    if (m_imagePage->needsCopy() && imageRemote && !fingerprint.isEmpty()
        && source.value(QLatin1String("fingerprint")).toString() == fingerprint
        && !source.contains(QLatin1String("server"))) {
        // Nothing to copy when the image is already here.
        m_reviewPage->setProgress(tr("Looking for the image on %1…").arg(m_remote->name()));
        Lxd::ExistsJob *exists
            = Lxd::ImageManager(m_remote->client().useProject(m_project)).exists(fingerprint);
        m_job = exists;
        const QPointer<Models::Remote> from = imageRemote;
        connect(exists, &Lxd::Job::finished, this, [this, exists, from, fingerprint, body] {
            if (exists->exists() || !from)
                createInstance(body);
            else
                copyImage(from, fingerprint, body, false);
        });
        return;
    }
    createInstance(body);
}

void CreateInstanceWizard::copyImage(Models::Remote *source, const QString &fingerprint,
                                     const QJsonObject &body, bool relay)
{
    Lxd::ImageCopyJob::Options options;
    // The target pulls from the source when it can reach it; otherwise the image goes through here.
    options.mode = relay ? Lxd::ImageCopyJob::Mode::Relay : Lxd::ImageCopyJob::Mode::Pull;
    const QString sourceName = source->name();
    m_reviewPage->setProgress(tr("Copying the image from %1…").arg(sourceName));
    Lxd::ImageCopyJob *job = Lxd::ImageManager(source->client().useProject(QStringLiteral("default")))
                                 .copy(fingerprint, m_remote->client().useProject(m_project), options);
    m_job = job;
    const QPointer<Models::Remote> from = source;
    connect(job, &Lxd::Job::progress, this, [this, job, sourceName](qint64 done, qint64 total) {
        const int percent = total == 100 ? int(done) : total > 0 ? int(done * 100 / total) : -1;
        const QString detail = job->progressText();
        m_reviewPage->setProgress(detail.isEmpty()
                                      ? tr("Copying the image from %1…").arg(sourceName)
                                      : tr("Copying the image from %1: %2").arg(sourceName, detail),
                                  percent);
    });
    connect(job, &Lxd::Job::finished, this, [this, job, from, fingerprint, body, relay, sourceName] {
        if (job->error()) {
            if (!relay && from && !job->error().isCancelled()) {
                copyImage(from, fingerprint, body, true);
                return;
            }
            fail(ImagePage,
                 tr("Could not copy the image from %1: %2")
                     .arg(sourceName, InstanceActions::reason(job->error())));
            return;
        }
        createInstance(body);
    });
}

void CreateInstanceWizard::createInstance(const QJsonObject &body)
{
    if (!m_remote) {
        fail(ReviewPage, tr("The remote is gone."));
        return;
    }
    const QString name = body.value(QLatin1String("name")).toString();
    m_reviewPage->setProgress(name.isEmpty() ? tr("Creating the instance…") : tr("Creating “%1”…").arg(name));
    Lxd::OperationJob *job = Lxd::InstanceManager(targetClient()).create(body);
    m_job = job;
    connect(job, &Lxd::Job::progress, this, [this, job, name](qint64 done, qint64 total) {
        const QString detail = job->progressText();
        m_reviewPage->setProgress(tr("Creating “%1”: %2").arg(name, detail), total > 0 ? int(done) : -1);
    });
    connect(job, &Lxd::Job::finished, this, [this, job, body, name] {
        if (job->error()) {
            const QString reason = InstanceActions::reason(job->error());
            fail(pageForError(reason, body), tr("The instance was not created: %1").arg(reason));
            return;
        }
        // The server names the instance when the request did not.
        QString created = name;
        if (created.isEmpty()) {
            const QJsonArray urls = job->operation()
                                        .value(QLatin1String("resources"))
                                        .toObject()
                                        .value(QLatin1String("instances"))
                                        .toArray();
            created = urls.isEmpty() ? QString() : Lxd::Resource::nameFromUrl(urls.first().toString());
        }
        m_createdName = created;
        Q_EMIT statusMessage(tr("Created “%1”").arg(created));
        Q_EMIT instanceCreated(created);
        if (m_reviewPage->startAfterCreate() && !created.isEmpty())
            startInstance(created);
        else
            finish(created);
    });
}

void CreateInstanceWizard::startInstance(const QString &name)
{
    m_reviewPage->setProgress(tr("Starting “%1”…").arg(name));
    Lxd::OperationJob *job = Lxd::InstanceManager(m_remote->client().useProject(m_project)).start(name);
    m_job = job;
    connect(job, &Lxd::Job::finished, this, [this, job, name] {
        if (job->error()) {
            setCreating(false);
            setButtonText(QWizard::FinishButton, tr("&Close"));
            button(QWizard::BackButton)->setEnabled(false);
            m_reviewPage->setProgress({});
            m_reviewPage->showError(tr("“%1” was created, but could not start: %2")
                                        .arg(name, InstanceActions::reason(job->error())));
            return;
        }
        Q_EMIT statusMessage(tr("Created and started “%1”").arg(name));
        finish(name);
    });
}

void CreateInstanceWizard::finish(const QString &name)
{
    Q_UNUSED(name)
    setCreating(false);
    m_done = true;
    accept();
}

void CreateInstanceWizard::fail(int pageId, const QString &text)
{
    setCreating(false);
    m_reviewPage->setProgress({});
    // Back along the pages visited, to the one that caused it.
    while (currentId() != pageId && currentId() != startId() && visitedIds().contains(pageId))
        back();
    if (CreateInstancePage *page = pageWithId(currentId()))
        page->showError(text);
}

int CreateInstanceWizard::pageForError(const QString &serverMessage, const QJsonObject &body) const
{
    // What was sent is the YAML the user wrote: the problem is there.
    if (m_sentEditedYaml)
        return ReviewPage;
    const QString message = serverMessage.toLower();
    if (message.contains(QLatin1String("already exists")) || message.contains(QLatin1String("instance name"))
        || message.contains(QLatin1String("name can only")) || message.contains(QLatin1String("name must")))
        return NamePage;
    if (message.contains(QLatin1String("device"))) {
        // The root disk and eth0 come from the placement page unless the device table set them.
        const QJsonObject devices = body.value(QLatin1String("devices")).toObject();
        const QList<QStringList> tableRows = m_limitsPage->deviceTable()->rows();
        for (const QString &device : {QStringLiteral("root"), QStringLiteral("eth0")}) {
            if (!serverMessage.contains(QStringLiteral("\"%1\"").arg(device)) || !devices.contains(device))
                continue;
            const bool fromTable
                = std::any_of(tableRows.begin(), tableRows.end(),
                              [&device](const QStringList &row) { return row.value(0) == device; });
            return fromTable ? LimitsPage : PlacementPage;
        }
        if (message.contains(QLatin1String("root device")) || message.contains(QLatin1String("root disk")))
            return PlacementPage;
        return LimitsPage;
    }
    if (message.contains(QLatin1String("image")))
        return ImagePage;
    if (message.contains(QLatin1String("profile")) || message.contains(QLatin1String("storage pool"))
        || message.contains(QLatin1String("network")) || message.contains(QLatin1String("target"))
        || message.contains(QLatin1String("member")) || message.contains(QLatin1String("cluster")))
        return PlacementPage;
    if (message.contains(QLatin1String("cloud-init")))
        return CloudInitPage;
    if (message.contains(QLatin1String("config")) || message.contains(QLatin1String("invalid value"))
        || message.contains(QLatin1String("limits.")))
        return LimitsPage;
    return ReviewPage;
}
