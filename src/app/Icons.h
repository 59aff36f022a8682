#pragma once

#include "models/NavigationTreeModel.h"
#include "models/Remote.h"

#include <QColor>
#include <QIcon>

// Berth's icons: the desktop theme's where it has one for an action, else Berth's own, drawn so they
// need no image plugin and look the same in light and dark themes.
class Icons final
{
public:
    enum class Glyph {
        Remote,
        Project,
        Instances,
        Images,
        Profiles,
        Networks,
        Storage,
        Operations,
        Warnings,
        ClusterMembers,
        Start,
        Stop,
        ForceStop,
        Restart,
        Freeze,
        Unfreeze,
        Rename,
        Delete,
        Snapshot,
        Restore,
        New,
        Refresh,
        Search,
        Terminal,
        Console,
        Files,
        Logs,
        Info,
    };

    // The theme's icon for actions that have a standard name, else the drawn one.
    static QIcon icon(Glyph glyph);
    // Always Berth's own drawing.
    static QIcon glyph(Glyph glyph);
    static QIcon section(Models::NavigationTreeModel::Section section);
    // A server with a badge saying how its connection stands.
    static QIcon remote(Models::Remote::State state);
    // A coloured dot for an object's status ("Running", "Stopped", "Frozen", "Error", "Online"…).
    static QIcon status(const QString &status);
    static QColor statusColor(const QString &status);
    static QColor stateColor(Models::Remote::State state);
};
