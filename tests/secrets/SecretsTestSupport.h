#pragma once

#include "secrets/KeyStoreJob.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// Small helpers for the secrets tests.
namespace SecretsTestSupport {

struct KeyStoreOutcome
{
    bool finished = false;
    Lxd::Error error;
    Secrets::KeyStoreJob::Failure failure = Secrets::KeyStoreJob::Failure::None;
    Secrets::KeyStoreJob::Location location = Secrets::KeyStoreJob::Location::None;
    QByteArray secret;
    QString userMessage;
};

// Waits for a key store job (tests only) and copies what it found.
KeyStoreOutcome wait(Secrets::KeyStoreJob *job, int timeoutMs = 30000);

// Every file below `directory`, recursively, hidden ones too.
QStringList filesBelow(const QString &directory);

// A secret to look for, in one of the forms it could leak in.
struct Needle
{
    QString what;
    QByteArray bytes;
};
// A secret and the forms it could leak in: as is, base64, and for PEM each line of its body.
QList<Needle> formsOf(const QString &what, const QByteArray &secret);
// Where each needle turns up in `files` and in `log`: "<file>: <what>" or "log: <what>".
QStringList searchForSecrets(const QStringList &files, const QString &log, const QList<Needle> &needles);
// The permission bits (e.g. 0600) of a path, from stat(2).
int modeOf(const QString &path);

} // namespace SecretsTestSupport
