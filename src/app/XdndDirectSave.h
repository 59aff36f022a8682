#pragma once

#include <QByteArray>
#include <QString>

// The source's half of the X Direct Save protocol (XDS, freedesktop.org): a drag offers the type
// "XdndDirectSave0" and puts the file's name in the XdndDirectSave0 property of the window that owns
// the drag; a target that supports it (Nautilus, Thunar, PCManFM) writes back the full file:// URI where
// the file should go and asks for the "XdndDirectSave0" data, and the source saves the file there and
// answers "S" (saved), "F" (failed: use other data) or "E" (error). Qt drives XDND itself but knows
// nothing of XDS, so the property is read and written here through Qt's own xcb connection.
class XdndDirectSave final
{
public:
    static inline const QString MimeType = QStringLiteral("XdndDirectSave0");

    // Whether Berth runs on X11 with xcb support built in.
    static bool isAvailable();
    // Puts `fileName` in the property of the current drag's source window (call once the drag has
    // started: that window is the owner of the XdndSelection).
    static bool announce(const QString &fileName);
    // What the drop target wrote in the property: the URI to save to (empty when nothing).
    static QByteArray targetUri();
};
