#pragma once

#include <QString>
#include <QStringList>

namespace Models {

// What one kind of LXD object looks like to the cache: where it is listed and which lifecycle events
// concern it. Everything else about caching is the same for every kind.
struct ResourceKind
{
    QString collection; // API path below /1.0: "/instances"
    QString eventPrefix; // lifecycle actions start with it: "instance-"
    bool projectScoped = true; // listed per project (all-projects=true) or once per server
    // Actions after which the object is fetched again (besides created/updated/renamed/deleted).
    QStringList refreshActions;
    // Objects keyed by something else than "name" (images: "fingerprint").
    QString key = QStringLiteral("name");

    static ResourceKind instances();
    static ResourceKind images();
    static ResourceKind profiles();
    static ResourceKind networks();
    static ResourceKind storagePools();
    static ResourceKind projects();
};

} // namespace Models
