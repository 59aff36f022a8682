#pragma once

#include <QDebug>
#include <QString>

namespace Lxd {

// What went wrong with a request, as a value. `userMessage()` is for people; `detail()` keeps the raw
// text (server message, socket error) for logs and bug reports.
class Error
{
public:
    enum class Kind {
        None,
        Network, // connecting, reading or writing failed
        Tls, // handshake failed, or the server's certificate is not the pinned one
        Http, // an HTTP status with no LXD envelope to explain it
        Api, // LXD answered with an error envelope
        Operation, // a background operation ended in failure
        Parse, // a reply that is not what HTTP, WebSocket or LXD promise
        Cancelled, // the caller cancelled
        Io, // a local file could not be read or written
    };

    Error() = default;
    Error(Kind kind, QString detail, int httpStatus = 0, int lxdCode = 0);

    static Error network(const QString &detail) { return Error(Kind::Network, detail); }
    static Error parse(const QString &detail) { return Error(Kind::Parse, detail); }
    static Error cancelled() { return Error(Kind::Cancelled, QStringLiteral("cancelled")); }
    static Error api(int httpStatus, int lxdCode, const QString &serverMessage);

    bool isError() const { return m_kind != Kind::None; }
    explicit operator bool() const { return isError(); }

    Kind kind() const { return m_kind; }
    int httpStatus() const { return m_httpStatus; }
    int lxdCode() const { return m_lxdCode; }
    // The daemon's own words, when it gave any (`error` of the envelope, `err` of an operation).
    QString serverMessage() const { return m_detail; }
    QString detail() const { return m_detail; }

    bool isNotFound() const { return m_httpStatus == 404; }
    // LXD answers 412 Precondition Failed when an If-Match ETag no longer matches.
    bool isConflict() const { return m_httpStatus == 412; }
    bool isCancelled() const { return m_kind == Kind::Cancelled; }

    QString userMessage() const;
    static QString kindName(Kind kind);

private:
    Kind m_kind = Kind::None;
    QString m_detail;
    int m_httpStatus = 0;
    int m_lxdCode = 0;
};

QDebug operator<<(QDebug debug, const Error &error);

} // namespace Lxd
