#include "HttpReply.h"

namespace Lxd {

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const HttpRequest::Header &header : m_headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

void HttpReply::setStatus(int code, const QByteArray &reason)
{
    m_statusCode = code;
    m_reasonPhrase = reason;
}

void HttpReply::finish(const Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    Q_EMIT finished();
}

} // namespace Lxd
