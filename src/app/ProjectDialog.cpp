#include "ProjectDialog.h"

#include "lxd/ProjectManager.h"
#include "models/Remote.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

const char *const FeatureProperty = "feature";

} // namespace

QStringList ProjectDialog::features()
{
    return {QStringLiteral("images"), QStringLiteral("profiles"), QStringLiteral("storage.volumes"),
            QStringLiteral("networks")};
}

ProjectDialog::ProjectDialog(Models::Remote *remote, const QString &project, QWidget *parent)
    : QDialog(parent)
    , m_remote(remote)
    , m_project(project)
    , m_name(new QLineEdit(project, this))
    , m_description(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("projectDialog"));
    setWindowModality(Qt::WindowModal);
    setMinimumWidth(480);
    setWindowTitle(isCreating() ? tr("New Project on %1").arg(remote->name())
                                : tr("Edit Project %1 on %2").arg(project, remote->name()));
    m_name->setObjectName(QStringLiteral("nameLineEdit"));
    m_name->setAccessibleName(tr("Project name"));
    m_description->setObjectName(QStringLiteral("descriptionLineEdit"));
    m_description->setAccessibleName(tr("Description"));
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);

    const QList<std::pair<QString, QString>> labels {
        {QStringLiteral("images"), tr("Its own &images")},
        {QStringLiteral("profiles"), tr("Its own &profiles")},
        {QStringLiteral("storage.volumes"), tr("Its own storage &volumes")},
        {QStringLiteral("networks"), tr("Its own &networks")}};
    auto *featureBox = new QVBoxLayout;
    for (const auto &[feature, label] : labels) {
        auto *box = new QCheckBox(label, this);
        box->setObjectName(QStringLiteral("feature_%1CheckBox").arg(QString(feature).replace(u'.', u'_')));
        box->setProperty(FeatureProperty, feature);
        // LXD's own defaults for a new project.
        box->setChecked(feature != QLatin1String("networks"));
        featureBox->addWidget(box);
        m_features.append(box);
    }
    auto *hint
        = new QLabel(tr("What a project does not keep apart, it shares with the default project. A "
                        "project with its own profiles starts with an empty default profile: give it a "
                        "root disk (and a network) before creating instances."),
                     this);
    hint->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("Keeps apart:"), featureBox);
    m_save = m_buttons->addButton(isCreating() ? tr("&Create") : tr("&Save"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("savePushButton"));
    m_save->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &ProjectDialog::save);
    for (QLineEdit *edit : {m_name, m_description})
        connect(edit, &QLineEdit::textEdited, this, [this] {
            if (m_busy)
                return;
            m_message->setProperty("error", false);
            m_message->setStyleSheet(QString());
            m_message->clear();
        });
    if (!isCreating())
        load();
}

ProjectDialog::~ProjectDialog()
{
    if (m_job)
        m_job->abandon();
}

QCheckBox *ProjectDialog::featureCheckBox(const QString &feature) const
{
    for (QCheckBox *box : m_features) {
        if (box->property(FeatureProperty).toString() == feature)
            return box;
    }
    return nullptr;
}

QString ProjectDialog::errorText() const
{
    return m_message->property("error").toBool() ? m_message->text() : QString();
}

void ProjectDialog::load()
{
    if (!m_remote)
        return;
    setBusy(true, tr("Loading %1…").arg(m_project));
    auto *job = Lxd::ProjectManager(m_remote->client()).get(m_project);
    m_job = job;
    connect(job, &Lxd::Job::finished, this, [this, job] {
        m_job = nullptr;
        setBusy(false);
        if (job->error()) {
            showError(tr("The project could not be loaded: %1").arg(job->error().userMessage()));
            m_save->setEnabled(false);
            return;
        }
        m_loaded = job->object();
        m_description->setText(m_loaded.description());
        const QMap<QString, QString> config = m_loaded.config();
        for (QCheckBox *box : std::as_const(m_features))
            box->setChecked(
                config.value(QStringLiteral("features.") + box->property(FeatureProperty).toString())
                == QLatin1String("true"));
    });
}

void ProjectDialog::save()
{
    if (m_busy || !m_remote)
        return;
    const QString name = m_name->text().trimmed();
    if (name.isEmpty() || name.contains(QLatin1Char('/')) || name.contains(QLatin1Char(' '))) {
        showError(tr("A project name is needed, without spaces or '/'."));
        return;
    }
    const Lxd::ProjectManager projects(m_remote->client());
    if (isCreating()) {
        QMap<QString, QString> config;
        for (QCheckBox *box : std::as_const(m_features))
            config.insert(QStringLiteral("features.") + box->property(FeatureProperty).toString(),
                          box->isChecked() ? QStringLiteral("true") : QStringLiteral("false"));
        setBusy(true, tr("Creating %1…").arg(name));
        Lxd::ApiJob *job = projects.create(name, config, m_description->text());
        m_job = job;
        connect(job, &Lxd::Job::finished, this, [this, job, name] {
            m_job = nullptr;
            setBusy(false);
            if (job->error()) {
                showError(tr("The project could not be created: %1").arg(job->error().userMessage()));
                return;
            }
            Q_EMIT statusMessage(tr("Created project %1 on %2").arg(name, m_remote->name()));
            Q_EMIT saved(name);
            accept();
        });
        return;
    }
    if (name == m_project) {
        saveSettings(name);
        return;
    }
    setBusy(true, tr("Renaming %1 to %2…").arg(m_project, name));
    Lxd::OperationJob *job = projects.rename(m_project, name);
    m_job = job;
    connect(job, &Lxd::Job::finished, this, [this, job, name] {
        m_job = nullptr;
        setBusy(false);
        if (job->error()) {
            showError(tr("The project could not be renamed (only an empty project can be): %1")
                          .arg(job->error().userMessage()));
            return;
        }
        m_project = name;
        // The ETag belonged to the old name; load again before saving the rest.
        auto *reload = Lxd::ProjectManager(m_remote->client()).get(name);
        m_job = reload;
        connect(reload, &Lxd::Job::finished, this, [this, reload, name] {
            m_job = nullptr;
            if (reload->error()) {
                showError(tr("Renamed, but the project could not be loaded again: %1")
                              .arg(reload->error().userMessage()));
                return;
            }
            m_loaded = reload->object();
            saveSettings(name);
        });
    });
}

void ProjectDialog::saveSettings(const QString &name)
{
    Lxd::Project project = m_loaded;
    project.setDescription(m_description->text());
    for (QCheckBox *box : std::as_const(m_features)) {
        const QString key = QStringLiteral("features.") + box->property(FeatureProperty).toString();
        // Leave a feature LXD never set alone when it stays off.
        if (box->isChecked() || project.config().contains(key))
            project.setConfigValue(key, box->isChecked() ? QStringLiteral("true") : QStringLiteral("false"));
    }
    setBusy(true, tr("Saving %1…").arg(name));
    Lxd::ApiJob *job = Lxd::ProjectManager(m_remote->client()).save(project);
    m_job = job;
    connect(job, &Lxd::Job::finished, this, [this, job, name] {
        m_job = nullptr;
        setBusy(false);
        if (job->error()) {
            showError(
                job->error().isConflict()
                    ? tr("The project was changed elsewhere since it was loaded. Close and edit it again.")
                    : tr("The project could not be saved: %1").arg(job->error().userMessage()));
            return;
        }
        Q_EMIT statusMessage(tr("Saved project %1 on %2").arg(name, m_remote->name()));
        Q_EMIT saved(name);
        accept();
    });
}

void ProjectDialog::setBusy(bool busy, const QString &text)
{
    m_busy = busy;
    m_save->setEnabled(!busy);
    m_name->setEnabled(!busy);
    m_description->setEnabled(!busy);
    for (QCheckBox *box : std::as_const(m_features))
        box->setEnabled(!busy);
    if (busy || !m_message->property("error").toBool()) {
        m_message->setProperty("error", false);
        m_message->setStyleSheet(QString());
        m_message->setText(text);
    }
}

void ProjectDialog::showError(const QString &text)
{
    m_message->setProperty("error", true);
    m_message->setStyleSheet(QStringLiteral("color: palette(bright-text); background: #b3261e; padding: 6px;"
                                            "border-radius: 3px;"));
    m_message->setText(text);
}
