#include "SecretsTestSupport.h"

#include "JobWaiter.h"

#include <QDirIterator>
#include <QFile>

#include <sys/stat.h>

namespace SecretsTestSupport {

KeyStoreOutcome wait(Secrets::KeyStoreJob *job, int timeoutMs)
{
    KeyStoreOutcome outcome;
    outcome.finished = waitAndRead(
        job,
        [&outcome](Secrets::KeyStoreJob *done) {
            outcome.error = done->error();
            outcome.failure = done->failure();
            outcome.location = done->location();
            outcome.secret = done->secret();
            outcome.userMessage = done->userMessage();
        },
        timeoutMs);
    return outcome;
}

QStringList filesBelow(const QString &directory)
{
    QStringList files;
    QDirIterator it(directory, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    return files;
}

int modeOf(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

} // namespace SecretsTestSupport
