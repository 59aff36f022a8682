#include "ConcatenatedDevice.h"

#include <QFile>

namespace Lxd {

ConcatenatedDevice::ConcatenatedDevice(QObject *parent)
    : QIODevice(parent)
{ }

ConcatenatedDevice::~ConcatenatedDevice() = default;

void ConcatenatedDevice::appendBytes(const QByteArray &bytes)
{
    Q_ASSERT(!isOpen());
    if (bytes.isEmpty())
        return;
    Piece piece;
    piece.start = m_size;
    piece.size = bytes.size();
    piece.bytes = bytes;
    m_size += piece.size;
    m_pieces.push_back(std::move(piece));
}

bool ConcatenatedDevice::appendFile(const QString &path, QString *error)
{
    Q_ASSERT(!isOpen());
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, file->errorString());
        return false;
    }
    if (file->isSequential()) {
        if (error)
            *error = QStringLiteral("%1 is not a regular file").arg(path);
        return false;
    }
    Piece piece;
    piece.start = m_size;
    piece.size = file->size();
    piece.file = std::move(file);
    m_size += piece.size;
    m_pieces.push_back(std::move(piece));
    return true;
}

bool ConcatenatedDevice::open(OpenMode mode)
{
    if (mode & WriteOnly)
        return false;
    m_offset = 0;
    return QIODevice::open(mode | Unbuffered);
}

bool ConcatenatedDevice::seek(qint64 position)
{
    if (position < 0 || position > m_size || !QIODevice::seek(position))
        return false;
    m_offset = position;
    return true;
}

qint64 ConcatenatedDevice::readData(char *data, qint64 maxSize)
{
    qint64 done = 0;
    while (done < maxSize && m_offset < m_size) {
        // Few pieces (five for a split image): a linear search is the simple choice.
        auto piece = m_pieces.begin();
        while (piece != m_pieces.end() && m_offset >= piece->start + piece->size)
            ++piece;
        if (piece == m_pieces.end())
            break;
        const qint64 within = m_offset - piece->start;
        const qint64 want = qMin(maxSize - done, piece->size - within);
        qint64 count = 0;
        if (piece->file) {
            if (piece->file->pos() != within && !piece->file->seek(within)) {
                setErrorString(QStringLiteral("cannot seek in %1: %2")
                                   .arg(piece->file->fileName(), piece->file->errorString()));
                return done > 0 ? done : -1;
            }
            count = piece->file->read(data + done, want);
            if (count <= 0) {
                setErrorString(count < 0 ? QStringLiteral("cannot read %1: %2")
                                               .arg(piece->file->fileName(), piece->file->errorString())
                                         : QStringLiteral("%1 became shorter while it was being sent")
                                               .arg(piece->file->fileName()));
                return done > 0 ? done : -1;
            }
        } else {
            memcpy(data + done, piece->bytes.constData() + within, size_t(want));
            count = want;
        }
        done += count;
        m_offset += count;
    }
    return done;
}

qint64 ConcatenatedDevice::writeData(const char *data, qint64 maxSize)
{
    Q_UNUSED(data)
    Q_UNUSED(maxSize)
    return -1;
}

} // namespace Lxd
