#include "StreamPipe.h"

#include <QMetaObject>

#include <cstring>

namespace Transfers {

StreamPipe::StreamPipe(QObject *parent)
    : QIODevice(parent)
{
    open(QIODevice::ReadWrite | QIODevice::Unbuffered);
}

void StreamPipe::append(const QByteArray &data)
{
    if (data.isEmpty() || m_writingFinished)
        return;
    m_chunks.append(data);
    m_buffered += data.size();
    m_written += data.size();
    announce();
}

void StreamPipe::finishWriting()
{
    if (m_writingFinished)
        return;
    m_writingFinished = true;
    announce();
}

void StreamPipe::announce()
{
    // Later, from the event loop: the writer is often inside one transport's read handler, and the
    // reader, woken here, would start writing to another (or fail and tear the writer down).
    if (m_announcing)
        return;
    m_announcing = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_announcing = false;
            if (m_buffered > 0)
                Q_EMIT readyRead();
            if (m_writingFinished)
                Q_EMIT readChannelFinished();
        },
        Qt::QueuedConnection);
}

qint64 StreamPipe::bytesAvailable() const
{
    return m_buffered + QIODevice::bytesAvailable();
}

bool StreamPipe::atEnd() const
{
    return m_writingFinished && m_buffered == 0;
}

qint64 StreamPipe::readData(char *data, qint64 maxSize)
{
    if (m_buffered == 0)
        return m_writingFinished ? -1 : 0;
    qint64 copied = 0;
    while (copied < maxSize && !m_chunks.isEmpty()) {
        const QByteArray &chunk = m_chunks.first();
        const qint64 take = qMin(maxSize - copied, chunk.size() - m_firstOffset);
        std::memcpy(data + copied, chunk.constData() + m_firstOffset, static_cast<size_t>(take));
        copied += take;
        m_firstOffset += take;
        if (m_firstOffset == chunk.size()) {
            m_chunks.removeFirst();
            m_firstOffset = 0;
        }
    }
    m_buffered -= copied;
    if (copied > 0)
        Q_EMIT consumed();
    return copied;
}

qint64 StreamPipe::writeData(const char *data, qint64 size)
{
    if (m_writingFinished) {
        setErrorString(QStringLiteral("the pipe was closed for writing"));
        return -1;
    }
    append(QByteArray(data, size));
    return size;
}

} // namespace Transfers
