#pragma once

#include "Client.h"
#include "Job.h"

#include <QPointer>
#include <QStringList>

namespace Lxd {

class ExecJob;

// Finds the shell to open in an instance, by looking rather than guessing: a short non-interactive
// exec reads the user's login shell from the instance's /etc/passwd and checks it is executable;
// when it is missing (or nologin/false) the first of /bin/bash and /bin/sh that exists is used.
// The probe itself runs under /bin/sh, or under /bin/bash when an image has no /bin/sh.
class LoginShellJob final : public Job
{
    Q_OBJECT

public:
    // Started; owned by the connection, deleted after finished().
    static LoginShellJob *find(const Client &client, const QString &instance, quint32 uid = 0);

    LoginShellJob(const Client &client, QString instance, quint32 uid, QObject *parent = nullptr);
    ~LoginShellJob() override;

    void start();

    // "/bin/bash"; empty until the job succeeded.
    QString shell() const { return m_shell; }
    // The shell as a login shell: {shell, "-l"}.
    QStringList command() const;

    // The probe, run as `<interpreter> -c <script> berth <uid>`; it prints the shell's path.
    static QString probeScript();

protected:
    void stopWork() override;

private:
    void runProbe(const QString &interpreter);
    void onProbeFinished(ExecJob *job);

    Client m_client; // a short-lived job may keep the connection up until it ends
    QString m_instance;
    quint32 m_uid;
    QStringList m_interpreters; // still to try
    QString m_interpreter; // the one being tried
    int m_retries = 0;
    QPointer<ExecJob> m_probe;
    QString m_shell;
};

} // namespace Lxd
