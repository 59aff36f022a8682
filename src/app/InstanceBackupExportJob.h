#pragma once

#include "lxd/Client.h"
#include "lxd/Job.h"

#include <QPointer>

#include <memory>

class QFile;

// Saves a backup of an instance to a file on this computer, as `lxc export` does: the server makes a
// backup (POST …/backups), Berth downloads it into "<path>.part", renames that to `path` once complete,
// and the server's copy is deleted in every case. Progress: the download's bytes. Cancelling stops the
// step under way and removes the partial file.
class InstanceBackupExportJob final : public Lxd::Job
{
    Q_OBJECT

public:
    InstanceBackupExportJob(Lxd::Client client, QString instance, QString path, bool instanceOnly = false,
                            QObject *parent = nullptr);
    ~InstanceBackupExportJob() override;

    void start();

    QString instance() const { return m_instance; }
    QString path() const { return m_path; }
    QString partialPath() const { return m_path + QStringLiteral(".part"); }

protected:
    void stopWork() override;

private:
    void download();
    void finishAndCleanUp(const Lxd::Error &error);

    Lxd::Client m_client;
    QString m_instance;
    QString m_path;
    bool m_instanceOnly;
    QString m_backupName;
    bool m_backupCreated = false;
    std::unique_ptr<QFile> m_file;
    QPointer<Lxd::Job> m_current;
};
