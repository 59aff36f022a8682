#include "XdndDirectSave.h"

#include <QGuiApplication>

#ifdef BERTH_HAVE_XCB
#include <cstdlib>
#include <xcb/xcb.h>
#endif

namespace {

#ifdef BERTH_HAVE_XCB
xcb_connection_t *connection()
{
    auto *x11 = qGuiApp ? qGuiApp->nativeInterface<QNativeInterface::QX11Application>() : nullptr;
    return x11 ? x11->connection() : nullptr;
}

xcb_atom_t atom(xcb_connection_t *c, const char *name)
{
    const xcb_intern_atom_cookie_t cookie = xcb_intern_atom(c, 0, static_cast<uint16_t>(qstrlen(name)), name);
    xcb_intern_atom_reply_t *reply = xcb_intern_atom_reply(c, cookie, nullptr);
    const xcb_atom_t result = reply ? reply->atom : xcb_atom_t(XCB_ATOM_NONE);
    std::free(reply);
    return result;
}

// The window that sent XdndEnter for the drag in progress: the owner of the XdndSelection.
xcb_window_t dragSourceWindow(xcb_connection_t *c)
{
    const xcb_atom_t selection = atom(c, "XdndSelection");
    if (selection == XCB_ATOM_NONE)
        return XCB_WINDOW_NONE;
    xcb_get_selection_owner_reply_t *reply
        = xcb_get_selection_owner_reply(c, xcb_get_selection_owner(c, selection), nullptr);
    const xcb_window_t owner = reply ? reply->owner : xcb_window_t(XCB_WINDOW_NONE);
    std::free(reply);
    return owner;
}
#endif

} // namespace

bool XdndDirectSave::isAvailable()
{
#ifdef BERTH_HAVE_XCB
    return connection() != nullptr;
#else
    return false;
#endif
}

bool XdndDirectSave::announce(const QString &fileName)
{
#ifdef BERTH_HAVE_XCB
    xcb_connection_t *c = connection();
    if (!c)
        return false;
    const xcb_window_t window = dragSourceWindow(c);
    const xcb_atom_t property = atom(c, "XdndDirectSave0");
    const xcb_atom_t textPlain = atom(c, "text/plain");
    if (window == XCB_WINDOW_NONE || property == XCB_ATOM_NONE || textPlain == XCB_ATOM_NONE)
        return false;
    const QByteArray name = fileName.toUtf8();
    xcb_change_property(c, XCB_PROP_MODE_REPLACE, window, property, textPlain, 8,
                        static_cast<uint32_t>(name.size()), name.constData());
    xcb_flush(c);
    return true;
#else
    Q_UNUSED(fileName)
    return false;
#endif
}

QByteArray XdndDirectSave::targetUri()
{
#ifdef BERTH_HAVE_XCB
    xcb_connection_t *c = connection();
    if (!c)
        return {};
    const xcb_window_t window = dragSourceWindow(c);
    const xcb_atom_t property = atom(c, "XdndDirectSave0");
    if (window == XCB_WINDOW_NONE || property == XCB_ATOM_NONE)
        return {};
    xcb_get_property_reply_t *reply = xcb_get_property_reply(
        c, xcb_get_property(c, 0, window, property, XCB_GET_PROPERTY_TYPE_ANY, 0, 4096), nullptr);
    QByteArray value;
    if (reply && reply->format == 8) {
        value = QByteArray(static_cast<const char *>(xcb_get_property_value(reply)),
                           xcb_get_property_value_length(reply));
    }
    std::free(reply);
    // Some targets end the URI with a NUL or a newline.
    while (value.endsWith('\0') || value.endsWith('\n') || value.endsWith('\r'))
        value.chop(1);
    return value;
#else
    return {};
#endif
}
