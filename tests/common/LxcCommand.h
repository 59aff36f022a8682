#pragma once

#include "Testbed.h"

#include <QStringList>

// Runs the `lxc` CLI against one of the testbed's daemons, to act or check from outside Berth.
struct LxcResult
{
    int exitCode = -1;
    QString output;
    QString errorOutput;
    bool ok() const { return exitCode == 0; }
};

class LxcCommand
{
public:
    static LxcResult run(const QStringList &arguments, Testbed::Daemon daemon = Testbed::Daemon::Local,
                         int timeoutMs = 120000);
};
