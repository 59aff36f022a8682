#pragma once

#include <QString>

// The testbed's endpoints, from one place: the file `scripts/testbed up` writes
// (/var/lib/berth-testbed/testbed.env, or $BERTH_TESTBED_ENV), each value overridable by an
// environment variable of the same name.
class Testbed
{
public:
    // Cluster and Cluster2 are the members m1 and m2 of one two-member cluster: either serves it all.
    enum class Daemon { Local, Second, Cluster, Cluster2 };

    static QString value(const QString &key);

    static QString socketPath(Daemon daemon = Daemon::Local);
    static QString lxdDir(Daemon daemon = Daemon::Local);
    // "127.0.0.1:8443"
    static QString httpsAddress(Daemon daemon = Daemon::Local);
    // The cluster member a daemon is ("m1", "m2"); empty for the standalone daemons.
    static QString clusterMemberName(Daemon daemon);
    static QString trustPassword();
    static QString imageAlias();

    // Empty when the testbed (or one of its daemons) is reachable; otherwise why not.
    static QString unavailableReason(Daemon daemon = Daemon::Local);
    // In CI a missing testbed is a failure; on a developer's machine the suite is skipped.
    static bool mustBePresent();
};

// Use at the start of a test function or initTestCase() of a suite that needs the real daemons.
#define BERTH_REQUIRE_TESTBED()                                                                              \
    do {                                                                                                     \
        const QString reason = Testbed::unavailableReason();                                                 \
        if (!reason.isEmpty()) {                                                                             \
            if (Testbed::mustBePresent())                                                                    \
                QFAIL(qPrintable(QStringLiteral("the LXD testbed is required here: ") + reason));            \
            QSKIP(qPrintable(QStringLiteral("no LXD testbed (run scripts/testbed up): ") + reason));         \
        }                                                                                                    \
    } while (false)
