#include "FileDownloadSink.h"

namespace Lxd {

FileDownloadSink::FileDownloadSink(QObject *parent)
    : QIODevice(parent)
{
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

void FileDownloadSink::setMemoryLimit(qint64 limit, Overflow overflow)
{
    m_limit = limit;
    m_overflow = overflow;
}

void FileDownloadSink::setTarget(QIODevice *target)
{
    m_target = target;
}

qint64 FileDownloadSink::readData(char *, qint64)
{
    return -1;
}

qint64 FileDownloadSink::writeData(const char *data, qint64 size)
{
    if (m_target) {
        const qint64 written = m_target->write(data, size);
        if (written != size) {
            setErrorString(m_target->errorString());
            return -1;
        }
        m_received += size;
        return size;
    }
    const qint64 room = qMax<qint64>(0, m_limit - m_data.size());
    if (size > room && m_overflow == Overflow::Fail) {
        setErrorString(QStringLiteral("the reply is larger than the %1 bytes expected").arg(m_limit));
        return -1;
    }
    m_data.append(data, qMin(size, room));
    m_received += size;
    return size;
}

} // namespace Lxd
