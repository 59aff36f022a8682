#include "Error.h"

#include <QCoreApplication>

namespace Lxd {

Error::Error(Kind kind, QString detail, int httpStatus, int lxdCode)
    : m_kind(kind)
    , m_detail(std::move(detail))
    , m_httpStatus(httpStatus)
    , m_lxdCode(lxdCode)
{ }

Error Error::api(int httpStatus, int lxdCode, const QString &serverMessage)
{
    return Error(Kind::Api, serverMessage, httpStatus, lxdCode);
}

QString Error::userMessage() const
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("Lxd::Error", text);
    };
    switch (m_kind) {
    case Kind::None:
        return {};
    case Kind::Network:
        return tr("Could not reach the server: %1").arg(m_detail);
    case Kind::Tls:
        return tr("The secure connection failed: %1").arg(m_detail);
    case Kind::Http:
        return tr("The server answered with HTTP status %1: %2").arg(m_httpStatus).arg(m_detail);
    case Kind::Api:
        if (isConflict())
            return tr("The object was changed elsewhere since it was loaded: %1").arg(m_detail);
        if (isNotFound())
            return tr("Not found: %1").arg(m_detail);
        return tr("The server refused the request: %1").arg(m_detail);
    case Kind::Operation:
        return tr("The operation failed: %1").arg(m_detail);
    case Kind::Parse:
        return tr("The server sent a reply Berth cannot read: %1").arg(m_detail);
    case Kind::Cancelled:
        return tr("Cancelled.");
    case Kind::Io:
        return tr("A local file could not be used: %1").arg(m_detail);
    }
    return m_detail;
}

QString Error::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Http:
        return QStringLiteral("http");
    case Kind::Api:
        return QStringLiteral("api");
    case Kind::Operation:
        return QStringLiteral("operation");
    case Kind::Parse:
        return QStringLiteral("parse");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    case Kind::Io:
        return QStringLiteral("io");
    }
    return QStringLiteral("unknown");
}

QDebug operator<<(QDebug debug, const Error &error)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Lxd::Error(" << Error::kindName(error.kind());
    if (error.httpStatus())
        debug << ", http " << error.httpStatus();
    if (error.lxdCode())
        debug << ", code " << error.lxdCode();
    debug << ", " << error.detail() << ')';
    return debug;
}

} // namespace Lxd
