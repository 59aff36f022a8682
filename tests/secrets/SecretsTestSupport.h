#pragma once

#include "secrets/KeyStoreJob.h"

#include <QByteArray>
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
// The permission bits (e.g. 0600) of a path, from stat(2).
int modeOf(const QString &path);

} // namespace SecretsTestSupport
