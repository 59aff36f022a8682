#pragma once

#include <QString>

// LXD's rules for instance names (its ValidHostname): 1 to 63 letters, digits and hyphens, not starting
// with a digit or a hyphen, not ending with a hyphen. Checked here so the user learns before sending.
class InstanceName final
{
public:
    static constexpr int MaximumLength = 63;

    // What is wrong with `name`, for people; empty when LXD will take it.
    static QString problem(const QString &name);
    static bool isValid(const QString &name) { return problem(name).isEmpty(); }
};
