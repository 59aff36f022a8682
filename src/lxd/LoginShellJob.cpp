#include "LoginShellJob.h"

#include "ExecJob.h"

namespace Lxd {

namespace {

// Exit statuses of a shell that could not run the interpreter (not found, not executable).
constexpr int CommandNotExecutable = 126;
constexpr int CommandNotFound = 127;
// Probes again after the daemon failed one for a reason of its own.
constexpr int MaxRetries = 2;

} // namespace

LoginShellJob *LoginShellJob::find(const Client &client, const QString &instance, quint32 uid)
{
    auto *job = new LoginShellJob(client, instance, uid, client.connection());
    job->start();
    return job;
}

LoginShellJob::LoginShellJob(const Client &client, QString instance, quint32 uid, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_instance(std::move(instance))
    , m_uid(uid)
    , m_interpreters {QStringLiteral("/bin/sh"), QStringLiteral("/bin/bash")}
{ }

LoginShellJob::~LoginShellJob()
{
    if (m_probe)
        m_probe->abandon();
}

QString LoginShellJob::probeScript()
{
    // Plain POSIX sh: no awk, getent or grep, which minimal images may lack.
    return QStringLiteral(R"sh(uid=$1
shell=
if [ -r /etc/passwd ]; then
    while IFS=: read -r name password id gid gecos home login; do
        if [ "$id" = "$uid" ]; then
            shell=$login
            break
        fi
    done < /etc/passwd
fi
case $shell in
*/nologin | */false | '') ;;
/*)
    if [ -x "$shell" ]; then
        printf '%s\n' "$shell"
        exit 0
    fi
    ;;
esac
for candidate in /bin/bash /bin/sh; do
    if [ -x "$candidate" ]; then
        printf '%s\n' "$candidate"
        exit 0
    fi
done
exit 1
)sh");
}

void LoginShellJob::start()
{
    if (!m_client.isValid()) {
        finishWith(Error::network(QStringLiteral("no connection")));
        return;
    }
    runProbe(m_interpreters.takeFirst());
}

void LoginShellJob::runProbe(const QString &interpreter)
{
    m_interpreter = interpreter;
    ExecRequest request(
        {interpreter, QStringLiteral("-c"), probeScript(), QStringLiteral("berth"), QString::number(m_uid)});
    m_probe = ExecJob::execute(m_client, m_instance, request);
    connect(m_probe, &Job::finished, this,
            [this](Job *job) { onProbeFinished(static_cast<ExecJob *>(job)); });
}

void LoginShellJob::onProbeFinished(ExecJob *job)
{
    m_probe = nullptr;
    if (isFinished())
        return;
    const int exitCode = job->exitCode();
    const bool operationFailed = job->error() && job->error().kind() == Error::Kind::Operation;
    // LXD fails the operation with "Command not found" when the interpreter is missing.
    const bool interpreterMissing
        = (operationFailed && job->error().detail().contains(QLatin1String("not found"), Qt::CaseInsensitive))
        || (!job->error() && (exitCode == CommandNotFound || exitCode == CommandNotExecutable));
    if (interpreterMissing && !m_interpreters.isEmpty()) {
        runProbe(m_interpreters.takeFirst());
        return;
    }
    // Any other failed operation is the daemon's, not the image's (LXD 5.0 may fail a busy exec,
    // e.g. when it cannot get the pid of a command that ended at once): the same probe again.
    if (operationFailed && !interpreterMissing && m_retries < MaxRetries) {
        ++m_retries;
        runProbe(m_interpreter);
        return;
    }
    if (job->error()) {
        finishWith(job->error());
        return;
    }
    const QString shell = QString::fromUtf8(job->output()).section(QLatin1Char('\n'), 0, 0).trimmed();
    if (exitCode != 0 || !shell.startsWith(QLatin1Char('/'))) {
        finishWith(Error(Error::Kind::Operation,
                         QStringLiteral("no shell found in %1 (neither a login shell, /bin/bash nor /bin/sh; "
                                        "the probe exited with %2)")
                             .arg(m_instance)
                             .arg(exitCode)));
        return;
    }
    m_shell = shell;
    finishWith();
}

QStringList LoginShellJob::command() const
{
    return m_shell.isEmpty() ? QStringList() : QStringList {m_shell, QStringLiteral("-l")};
}

void LoginShellJob::stopWork()
{
    if (m_probe) {
        m_probe->abandon();
        m_probe = nullptr;
    }
}

} // namespace Lxd
