#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

class QIODevice;

namespace Lxd {

// One HTTP request as a transport sends it. Bodies are either small and held in `body`, or streamed
// from `bodySource` so that a file of any size never sits in memory.
struct HttpRequest
{
    using Header = std::pair<QByteArray, QByteArray>;

    QByteArray method = QByteArrayLiteral("GET");
    // Origin-form target, already percent-encoded: "/1.0/instances?recursion=1".
    QByteArray target;
    QList<Header> headers;
    QByteArray body;

    // Streamed upload; not owned, must outlive the reply. With a size of -1 the body is sent chunked.
    QIODevice *bodySource = nullptr;
    qint64 bodySourceSize = -1;

    // Streamed download; not owned. When set, the body of a 2xx reply is written here instead of kept;
    // other replies (LXD's small error envelopes) are still kept in HttpReply::body().
    QIODevice *responseSink = nullptr;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
};

} // namespace Lxd
