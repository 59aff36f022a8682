#include "NewInstanceDialog.h"

#include "InstanceActions.h"
#include "lxd/InstanceManager.h"
#include "models/Remote.h"
#include "models/ResourceCache.h"
#include "ui_NewInstanceDialog.h"

#include <QJsonArray>
#include <QPushButton>

NewInstanceDialog::NewInstanceDialog(Models::Remote *remote, const QString &project, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::NewInstanceDialog>())
    , m_remote(remote)
    , m_project(project)
{
    m_ui->setupUi(this);
    setWindowModality(Qt::WindowModal);
    m_ui->introLabel->setText(tr("Create an instance in project “%1” on %2.").arg(project, remote->name()));
    m_ui->typeComboBox->addItem(tr("Container"), QStringLiteral("container"));
    m_ui->typeComboBox->addItem(tr("Virtual machine"), QStringLiteral("virtual-machine"));
    m_createButton = m_ui->buttonBox->addButton(tr("&Create"), QDialogButtonBox::AcceptRole);
    m_createButton->setObjectName(QStringLiteral("createPushButton"));
    m_createButton->setDefault(true);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &NewInstanceDialog::create);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // The images the project can use, from the remote's live cache.
    m_images = remote->cache(Models::ResourceKind::images(), project);
    for (auto signal : {&Models::ResourceStore::rowInserted, &Models::ResourceStore::rowRemoved,
                        &Models::ResourceStore::rowChanged})
        connect(m_images, signal, this, &NewInstanceDialog::fillImages);
    fillImages();
}

NewInstanceDialog::~NewInstanceDialog() = default;

void NewInstanceDialog::fillImages()
{
    QComboBox *box = m_ui->imageComboBox;
    const QString current = box->currentData().toString();
    const QSignalBlocker blocker(box);
    box->clear();
    for (int row = 0; m_images && row < m_images->count(); ++row) {
        const QJsonObject image = m_images->at(row).object;
        const QString fingerprint = image.value(QLatin1String("fingerprint")).toString();
        const QJsonArray aliases = image.value(QLatin1String("aliases")).toArray();
        const QString alias = aliases.isEmpty()
            ? QString()
            : aliases.first().toObject().value(QLatin1String("name")).toString();
        const QString description = image.value(QLatin1String("properties"))
                                        .toObject()
                                        .value(QLatin1String("description"))
                                        .toString();
        QString label = alias.isEmpty() ? fingerprint.left(12) : alias;
        if (!description.isEmpty())
            label = tr("%1 — %2").arg(label, description);
        // "alias:" or "fingerprint:" says how the request names the image.
        box->addItem(label,
                     alias.isEmpty() ? QStringLiteral("fingerprint:") + fingerprint
                                     : QStringLiteral("alias:") + alias);
    }
    box->setCurrentIndex(qMax(0, box->findData(current)));
    const bool any = box->count() > 0;
    m_createButton->setEnabled(any);
    if (!any)
        m_ui->messageLabel->setText(tr("This project has no images yet. Import or copy one first."));
    else if (m_ui->messageLabel->text().startsWith(tr("This project has no images")))
        m_ui->messageLabel->clear();
}

void NewInstanceDialog::setBusy(bool busy, const QString &message)
{
    m_ui->nameLineEdit->setEnabled(!busy);
    m_ui->imageComboBox->setEnabled(!busy);
    m_ui->typeComboBox->setEnabled(!busy);
    m_ui->startCheckBox->setEnabled(!busy);
    m_createButton->setEnabled(!busy);
    m_ui->messageLabel->setForegroundRole(QPalette::WindowText);
    m_ui->messageLabel->setText(message);
}

void NewInstanceDialog::showError(const QString &text)
{
    setBusy(false, text);
    // Errors in the error colour, whatever the theme.
    QPalette palette = m_ui->messageLabel->palette();
    palette.setColor(QPalette::WindowText, QColor(0xe0, 0x31, 0x31));
    m_ui->messageLabel->setPalette(palette);
}

void NewInstanceDialog::create()
{
    if (!m_remote)
        return;
    const QString name = m_ui->nameLineEdit->text().trimmed();
    const QString image = m_ui->imageComboBox->currentData().toString();
    Lxd::InstancesPost post = image.startsWith(QLatin1String("alias:"))
        ? Lxd::InstancesPost::fromImageAlias(name, image.mid(6))
        : Lxd::InstancesPost::fromImageFingerprint(name, image.mid(12));
    post.setType(m_ui->typeComboBox->currentData().toString());
    const bool start = m_ui->startCheckBox->isChecked();
    const Lxd::InstanceManager instances(m_remote->client().useProject(m_project));
    Lxd::OperationJob *job = instances.create(post);
    setBusy(true, tr("Creating…"));
    connect(job, &Lxd::Job::finished, this, [this, job, name, start] {
        if (job->error()) {
            showError(tr("Could not create the instance: %1").arg(InstanceActions::reason(job->error())));
            return;
        }
        // The server names the instance when the user did not.
        QString created = name;
        if (created.isEmpty()) {
            const QJsonArray urls = job->operation()
                                        .value(QLatin1String("resources"))
                                        .toObject()
                                        .value(QLatin1String("instances"))
                                        .toArray();
            created = urls.isEmpty()
                ? QString()
                : urls.first().toString().section(QLatin1Char('/'), -1).section(QLatin1Char('?'), 0, 0);
        }
        Q_EMIT statusMessage(tr("Created “%1”").arg(created));
        if (start && !created.isEmpty())
            startCreated(created);
        else
            accept();
    });
}

void NewInstanceDialog::startCreated(const QString &name)
{
    setBusy(true, tr("Starting “%1”…").arg(name));
    const Lxd::InstanceManager instances(m_remote->client().useProject(m_project));
    Lxd::OperationJob *job = instances.start(name);
    connect(job, &Lxd::Job::finished, this, [this, job, name] {
        if (job->error()) {
            showError(tr("“%1” was created but could not start: %2")
                          .arg(name, InstanceActions::reason(job->error())));
            return;
        }
        Q_EMIT statusMessage(tr("Started “%1”").arg(name));
        accept();
    });
}
