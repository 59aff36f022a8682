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

QList<Needle> formsOf(const QString &what, const QByteArray &secret)
{
    QList<Needle> needles {{what, secret}, {what + QStringLiteral(" (base64)"), secret.toBase64()}};
    if (secret.contains("-----BEGIN")) {
        const QList<QByteArray> lines = secret.split('\n');
        for (const QByteArray &line : lines) {
            if (line.size() >= 16 && !line.startsWith("-----"))
                needles.append({what + QStringLiteral(" (a line of its PEM body)"), line});
        }
    }
    return needles;
}

QStringList searchForSecrets(const QStringList &files, const QString &log, const QList<Needle> &needles)
{
    QStringList hits;
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            hits.append(path + QStringLiteral(": unreadable, so not searched"));
            continue;
        }
        const QByteArray data = file.readAll();
        for (const Needle &needle : needles) {
            if (!needle.bytes.isEmpty() && data.contains(needle.bytes))
                hits.append(path + QStringLiteral(": ") + needle.what);
        }
    }
    const QByteArray logBytes = log.toUtf8();
    for (const Needle &needle : needles) {
        if (!needle.bytes.isEmpty() && logBytes.contains(needle.bytes))
            hits.append(QStringLiteral("log: ") + needle.what);
    }
    return hits;
}

int modeOf(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

} // namespace SecretsTestSupport
