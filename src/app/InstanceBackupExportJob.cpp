#include "InstanceBackupExportJob.h"

#include "lxd/InstanceManager.h"

#include <QDateTime>
#include <QFile>
#include <QUuid>

namespace {

// The server's copy is deleted when the export ends; should Berth die first, it expires by itself.
constexpr int BackupLifetimeHours = 24;

} // namespace

InstanceBackupExportJob::InstanceBackupExportJob(Lxd::Client client, QString instance, QString path,
                                                 bool instanceOnly, QObject *parent)
    : Lxd::Job(parent)
    , m_client(std::move(client))
    , m_instance(std::move(instance))
    , m_path(std::move(path))
    , m_instanceOnly(instanceOnly)
    , m_backupName(QStringLiteral("berth-export-") + QUuid::createUuid().toString(QUuid::Id128).left(12))
{ }

InstanceBackupExportJob::~InstanceBackupExportJob() = default;

void InstanceBackupExportJob::start()
{
    const Lxd::InstanceManager instances(m_client);
    Lxd::OperationJob *create
        = instances.backups(m_instance)
              .create(m_backupName, QDateTime::currentDateTimeUtc().addSecs(BackupLifetimeHours * 3600),
                      m_instanceOnly);
    m_current = create;
    connect(create, &Lxd::Job::finished, this, [this, create] {
        if (create->error()) {
            finishAndCleanUp(create->error());
            return;
        }
        m_backupCreated = true;
        download();
    });
}

void InstanceBackupExportJob::download()
{
    m_file = std::make_unique<QFile>(partialPath());
    if (!m_file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        finishAndCleanUp(Lxd::Error(Lxd::Error::Kind::Io,
                                    tr("Could not write %1: %2").arg(partialPath(), m_file->errorString())));
        return;
    }
    const Lxd::InstanceManager instances(m_client);
    Lxd::ApiJob *download = instances.backups(m_instance).exportTo(m_backupName, m_file.get());
    m_current = download;
    connect(download, &Lxd::Job::progress, this, &Lxd::Job::progress);
    connect(download, &Lxd::Job::finished, this, [this, download] {
        m_file->close();
        if (download->error()) {
            finishAndCleanUp(download->error());
            return;
        }
        QFile::remove(m_path);
        if (!QFile::rename(partialPath(), m_path)) {
            finishAndCleanUp(
                Lxd::Error(Lxd::Error::Kind::Io, tr("Could not rename %1 to %2").arg(partialPath(), m_path)));
            return;
        }
        finishAndCleanUp({});
    });
}

void InstanceBackupExportJob::finishAndCleanUp(const Lxd::Error &error)
{
    m_current = nullptr;
    if (error && m_file) {
        m_file->close();
        QFile::remove(partialPath());
    }
    if (m_backupCreated) {
        // Nobody waits for this: the backup would expire anyway.
        const Lxd::InstanceManager instances(m_client);
        instances.backups(m_instance).remove(m_backupName);
        m_backupCreated = false;
    }
    finishWith(error);
}

void InstanceBackupExportJob::stopWork()
{
    if (m_current)
        m_current->abandon();
    m_current = nullptr;
    if (m_file) {
        m_file->close();
        QFile::remove(partialPath());
    }
    if (m_backupCreated) {
        const Lxd::InstanceManager instances(m_client);
        instances.backups(m_instance).remove(m_backupName);
        m_backupCreated = false;
    }
}
