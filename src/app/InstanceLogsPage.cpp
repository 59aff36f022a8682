#include "InstanceLogsPage.h"

#include "Icons.h"
#include "InstanceActions.h"
#include "lxd/InstanceManager.h"
#include "models/Remote.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

InstanceLogsPage::InstanceLogsPage(QWidget *parent)
    : QWidget(parent)
    , m_files(new QComboBox(this))
    , m_refresh(new QToolButton(this))
    , m_text(new QPlainTextEdit(this))
{
    m_files->setObjectName(QStringLiteral("logFileComboBox"));
    m_files->setAccessibleName(tr("Log file"));
    m_files->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_refresh->setObjectName(QStringLiteral("refreshLogToolButton"));
    m_refresh->setIcon(Icons::icon(Icons::Glyph::Refresh));
    m_refresh->setToolTip(tr("Fetch the log again"));
    m_refresh->setAccessibleName(tr("Refresh log"));
    m_text->setObjectName(QStringLiteral("logPlainTextEdit"));
    m_text->setAccessibleName(tr("Log contents"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *label = new QLabel(tr("&Log file:"), this);
    label->setBuddy(m_files);
    auto *bar = new QHBoxLayout;
    bar->addWidget(label);
    bar->addWidget(m_files);
    bar->addWidget(m_refresh);
    bar->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_text);

    connect(m_refresh, &QToolButton::clicked, this, &InstanceLogsPage::refresh);
    connect(m_files, &QComboBox::activated, this, [this] { loadFile(m_files->currentText()); });
}

void InstanceLogsPage::setInstance(Models::Remote *remote, const QString &project, const QString &name)
{
    if (remote == m_remote && project == m_project && name == m_name)
        return;
    m_remote = remote;
    m_project = project;
    m_name = name;
    m_stale = true;
    ++m_generation;
    m_files->clear();
    m_text->clear();
    if (isVisible())
        refresh();
}

void InstanceLogsPage::clear()
{
    setInstance(nullptr, {}, {});
}

void InstanceLogsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void InstanceLogsPage::refresh()
{
    m_stale = false;
    if (!m_remote || m_name.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    const Lxd::InstanceManager instances(m_remote->client().useProject(m_project));
    Lxd::ApiJob *job = instances.logs(m_name);
    connect(job, &Lxd::Job::finished, this, [this, job, generation] {
        if (generation != m_generation)
            return;
        if (job->error()) {
            m_text->setPlainText(
                tr("Could not list the logs of “%1”: %2").arg(m_name, InstanceActions::reason(job->error())));
            return;
        }
        const QString current = m_files->currentText();
        QStringList files = Lxd::InstanceManager::logFileNames(job);
        files.sort();
        m_files->clear();
        m_files->addItems(files);
        // lxc.log says most about why an instance did what it did.
        int choice = m_files->findText(current);
        if (choice < 0)
            choice = m_files->findText(QStringLiteral("lxc.log"));
        m_files->setCurrentIndex(qMax(0, choice));
        if (files.isEmpty())
            m_text->setPlainText(tr("LXD keeps no log files for “%1”.").arg(m_name));
        else
            loadFile(m_files->currentText());
    });
}

void InstanceLogsPage::loadFile(const QString &file)
{
    if (!m_remote || file.isEmpty())
        return;
    const quint64 generation = m_generation;
    const Lxd::InstanceManager instances(m_remote->client().useProject(m_project));
    Lxd::ApiJob *job = instances.logFile(m_name, file);
    connect(job, &Lxd::Job::finished, this, [this, job, generation, file] {
        if (generation != m_generation)
            return;
        if (job->error()) {
            m_text->setPlainText(
                tr("Could not read %1: %2").arg(file, InstanceActions::reason(job->error())));
            return;
        }
        const QString text = QString::fromUtf8(job->rawBody());
        m_text->setPlainText(text.isEmpty() ? tr("(%1 is empty)").arg(file) : text);
        m_text->moveCursor(QTextCursor::End);
    });
}
